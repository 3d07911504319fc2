// Attack paths: per-target summary, the graph of the listed paths, the ranked list with one line per path and its
// hops with evidence on demand, and metadata-API exposure per namespace (the cloud-identity step).
import type { AttackPath, PathsResult, TargetKind } from '../../../paths/types.ts';
import type { ReportContext } from '../context.ts';
import { plural, refLabel } from '../context.ts';
import { h, inlineMarkdown, type Html } from '../dom.ts';
import { layoutPaths, renderGraphSvg } from '../graph.ts';
import { badge, card, empty, section, subsection, table, tr } from '../ui.ts';

export const TARGET_LABEL: Record<TargetKind, string> = {
  'cluster-admin': 'cluster-admin',
  'node-root': 'root on a node',
  'cloud-identity': 'the node’s cloud identity',
};

/** For badges. */
export const TARGET_SHORT: Record<TargetKind, string> = {
  'cluster-admin': 'cluster-admin',
  'node-root': 'node root',
  'cloud-identity': 'cloud identity',
};

const ENTRY_LABEL: Record<string, string> = {
  anonymous: 'anonymous',
  authenticated: 'any authenticated user',
  workload: 'customer workload',
  'provider-workload': 'provider workload',
  serviceaccount: 'service account',
  user: 'user',
  group: 'group',
  other: 'other',
};

export function vertexLabel(paths: PathsResult, id: string): string {
  return paths.vertices[id]?.label ?? id;
}

/** The chain of a path as chips: entry —edge→ vertex —edge→ … target. */
export function pathChain(paths: PathsResult, p: AttackPath): Html {
  const parts: Html[] = [h('span', { class: 'chip chip-entry' }, vertexLabel(paths, p.entry))];
  for (const hop of p.hops) {
    parts.push(h('span', { class: `arrow${hop.conditional === true ? ' conditional' : ''}` }, hop.edge));
    const last = hop === p.hops[p.hops.length - 1];
    parts.push(h('span', { class: `chip${last ? ' chip-target' : ''}` }, vertexLabel(paths, hop.to)));
  }
  return h('div', { class: 'chain' }, parts);
}

/** One line for people: what the last step does (the one that lands on the target). */
export function pathExplanation(p: AttackPath): string {
  const last = p.hops[p.hops.length - 1];
  return last ? last.explanation : '';
}

function hopDetails(paths: PathsResult, p: AttackPath): Html {
  return h(
    'ol',
    { class: 'hops' },
    p.hops.map((hop) =>
      h(
        'li',
        null,
        h(
          'div',
          null,
          h('strong', null, vertexLabel(paths, hop.from)),
          ' → ',
          h('strong', null, vertexLabel(paths, hop.to)),
        ),
        h(
          'div',
          { class: 'muted' },
          badge(hop.edge, 'edge'),
          ' ',
          hop.explanation,
          hop.conditional === true ? badge('conditional', 'warn', 'depends on something kubeseam cannot see') : null,
          hop.overApproximate === true ? badge('may not hold', 'warn', 'over-approximation') : null,
        ),
        hop.evidence.length > 0
          ? h(
              'ul',
              { class: 'evidence' },
              hop.evidence.map((ev) =>
                h(
                  'li',
                  null,
                  badge(ev.type, 'neutral'),
                  ' ',
                  ev.text,
                  ev.ref
                    ? h('span', { class: 'muted' }, ` (${refLabel(ev.ref)}${ev.path ? ` · ${ev.path}` : ''})`)
                    : null,
                ),
              ),
            )
          : null,
      ),
    ),
  );
}

export function rankedPathItem(paths: PathsResult, p: AttackPath, index: number, withDetails: boolean): Html {
  return h(
    'li',
    { class: 'path', 'data-path': index, tabindex: withDetails ? 0 : undefined },
    h(
      'div',
      { class: 'path-head' },
      h(
        'span',
        { class: 'score', title: 'Score 0–100: target impact × entry breadth, decayed by cost' },
        p.score.toFixed(0),
      ),
      h(
        'span',
        { class: 'path-title' },
        h('strong', null, vertexLabel(paths, p.entry)),
        ' → ',
        h('strong', { class: `t-${p.target}` }, TARGET_LABEL[p.target]),
      ),
      h('span', { class: 'muted' }, ` ${plural(p.length, 'step')} · ${ENTRY_LABEL[p.entryKind] ?? p.entryKind}`),
    ),
    h('div', { class: 'path-line' }, inlineMarkdown(pathExplanation(p))),
    pathChain(paths, p),
    withDetails ? h('details', null, h('summary', null, 'Steps and evidence'), hopDetails(paths, p)) : null,
  );
}

export function renderPaths(ctx: ReportContext): Html {
  const paths = ctx.result.paths;
  const s = paths.summary;
  const targets: TargetKind[] = ['cluster-admin', 'node-root', 'cloud-identity'];
  const cards = h(
    'div',
    { class: 'cards' },
    targets.map((t) => {
      const ts = s.targets[t];
      return card(
        `Reach ${TARGET_LABEL[t]}`,
        String(ts.entries),
        ts.entries > 0
          ? `entry points · cheapest ${ts.cheapest !== undefined ? `cost ${ts.cheapest}` : 'n/a'}`
          : 'no entry point reaches it',
        ts.entries > 0 ? 'card-alert' : 'card-ok',
      );
    }),
    card(
      'Graph',
      String(s.graph.vertices),
      `vertices · ${s.graph.edges} edges · ${s.entriesEvaluated} entries evaluated`,
    ),
  );

  const graph =
    paths.paths.length > 0
      ? subsection(
          'Graph of the listed paths',
          h(
            'p',
            { class: 'muted' },
            'Entry points on the left, targets on the right. Select a path in the list to highlight it; dashed steps are conditional.',
          ),
          h(
            'div',
            { class: 'legend' },
            h('span', { class: 'lg lg-entry' }, 'entry point'),
            h('span', { class: 'lg lg-workload' }, 'workload'),
            h('span', { class: 'lg lg-sa' }, 'service account'),
            h('span', { class: 'lg lg-target' }, 'target'),
            h('span', { class: 'lg lg-cond' }, 'conditional step'),
          ),
          h(
            'div',
            { class: 'graph-frame', id: 'path-graph' },
            renderGraphSvg(layoutPaths(paths), `Attack graph of ${paths.paths.length} paths`),
          ),
        )
      : null;

  const list =
    paths.paths.length > 0
      ? subsection(
          'Ranked paths',
          h(
            'ol',
            { class: 'paths', id: 'path-list' },
            paths.paths.map((p, i) => rankedPathItem(paths, p, i, true)),
          ),
          s.paths > paths.paths.length
            ? h(
                'p',
                { class: 'muted' },
                `${s.paths - paths.paths.length} more paths found; the scan keeps the top ${paths.paths.length}.`,
              )
            : null,
        )
      : empty('No attack path reaches cluster-admin, node root or the cloud identity from the entry points evaluated.');

  const md = ctx.result.network.metadata;
  const nsRows = md.namespaces
    .filter((n) => n.workloads > 0)
    .map((n) =>
      tr([
        n.namespace,
        String(n.workloads),
        n.exposedWorkloads > 0 ? badge(String(n.exposedWorkloads), 'bad') : '0',
        n.conditionalWorkloads > 0 ? badge(String(n.conditionalWorkloads), 'warn') : '0',
        String(n.hostNetworkWorkloads),
        String(n.egressIsolatedWorkloads),
      ]),
    );
  const metadata = subsection(
    'Cloud metadata API exposure',
    h(
      'p',
      { class: 'muted' },
      'Workloads on the pod network that can reach the provider’s instance metadata endpoints under the NetworkPolicies in force. Host-network pods use the node’s own network and are counted apart.',
    ),
    nsRows.length > 0
      ? table(['Namespace', 'Workloads', 'Exposed', 'Conditional', 'Host network', 'Egress isolated'], nsRows)
      : empty('No workloads.'),
    ctx.result.network.notes.length > 0
      ? h(
          'ul',
          { class: 'notes' },
          ctx.result.network.notes.map((n) => h('li', null, n)),
        )
      : null,
  );

  const notes = [...s.notes];
  return section(
    'paths',
    'Attack paths',
    'Routes from footholds (workloads, service accounts, users) to cluster-admin, root on a node, and the node’s cloud identity, found over RBAC, pod security settings, host mounts and network reachability.',
    cards,
    graph,
    list,
    metadata,
    notes.length > 0
      ? subsection(
          'What the graph approximates',
          h(
            'ul',
            { class: 'notes' },
            notes.map((n) => h('li', null, n)),
          ),
        )
      : null,
  );
}
