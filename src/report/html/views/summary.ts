// Summary: who and what was scanned, open findings by severity, the shape of the risk by component class, the
// top attack paths and the top issues (findings grouped by check).
import { SEVERITIES, severityRank, type Severity } from '../../../checks/types.ts';
import {
  CLASS_LABEL,
  findingClass,
  plural,
  providerLabel,
  severityCounts,
  type FindingClass,
  type ReportContext,
} from '../context.ts';
import { h, type Html } from '../dom.ts';
import { card, empty, section, sevBadge, sevBar, sevCounts, subsection, table, tr } from '../ui.ts';
import { rankedPathItem } from './paths.ts';

/** `2026-11-25 19:33 UTC` from an ISO timestamp; the input as is when it does not parse. */
export function formatTime(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return m && iso.endsWith('Z') ? `${m[1] ?? ''} ${m[2] ?? ''} UTC` : iso;
}

function clusterFacts(ctx: ReportContext): Html {
  const r = ctx.result;
  const cl = r.cluster;
  const src = r.source;
  const from = src.demo
    ? `demo snapshot (${src.demo})`
    : src.snapshot
      ? `snapshot ${src.snapshot}`
      : src.kind === 'files'
        ? plural(src.files?.length ?? 0, 'manifest path')
        : `live cluster${src.context ? ` (context ${src.context})` : ''}`;
  const kubelets = [...new Set(r.nodes.map((n) => n.kubeletVersion).filter((v): v is string => typeof v === 'string'))];
  const maxSkew = r.nodes.reduce((m, n) => Math.max(m, n.skew ?? 0), 0);
  const oldestImage = r.nodes.reduce((m, n) => Math.max(m, n.imageAgeDays ?? 0), 0);
  const provider = h(
    'span',
    null,
    providerLabel(cl.provider),
    cl.providerEvidence
      ? h(
          'details',
          { class: 'inline' },
          h('summary', null, 'why'),
          h('span', { class: 'muted small' }, cl.providerEvidence),
        )
      : null,
  );
  const rows: [string, Html | string][] = [
    ['Provider', provider],
    ['Cluster', cl.name ?? cl.context ?? '(unnamed)'],
    ['Kubernetes', cl.version?.gitVersion ?? (cl.version?.minor ? `1.${cl.version.minor}` : 'unknown')],
    [
      'Nodes',
      r.nodes.length > 0
        ? `${r.nodes.length} · kubelet ${kubelets.join(', ') || 'unknown'}${maxSkew > 0 ? ` · up to ${maxSkew} minor version(s) behind the control plane` : ' · no version skew'}${oldestImage > 0 ? ` · oldest node image ${oldestImage} days` : ''}`
        : 'none in the source',
    ],
    ['Scanned', `${formatTime(r.scannedAt)} from ${from}`],
    [
      'Objects',
      `${r.summary.objects} objects · ${r.summary.workloads} workloads · ${r.summary.pods} pods · ${r.summary.namespaces} namespaces`,
    ],
  ];
  return h(
    'dl',
    { class: 'facts' },
    rows.map(([k, v]) => [h('dt', null, k), h('dd', null, v)]),
  );
}

const CLASS_ORDER: FindingClass[] = ['workload', 'middleware', 'core', 'agent', 'host', 'cluster'];

function byClass(ctx: ReportContext): Html {
  const groups = new Map<FindingClass, Record<Severity, number>>();
  for (const c of CLASS_ORDER) {
    const list = ctx.open.filter((f) => findingClass(f) === c);
    if (list.length > 0) groups.set(c, severityCounts(list));
  }
  const max = Math.max(1, ...[...groups.values()].map((g) => SEVERITIES.reduce((s, k) => s + g[k], 0)));
  return table(
    ['Where', 'Open findings', 'By severity', ''],
    [...groups.entries()].map(([c, counts]) =>
      tr([
        CLASS_LABEL[c],
        String(SEVERITIES.reduce((s, k) => s + counts[k], 0)),
        sevBar(counts, max, 170),
        sevCounts(counts),
      ]),
    ),
    { class: 'compact' },
  );
}

function topIssues(ctx: ReportContext): Html {
  const groups = new Map<string, { worst: Severity; n: number; classes: Set<FindingClass>; resources: Set<string> }>();
  // Info findings are the record (often a provider's shipped settings), not issues.
  for (const f of ctx.open) {
    if (f.severity === 'info') continue;
    let g = groups.get(f.checkId);
    if (!g) groups.set(f.checkId, (g = { worst: f.severity, n: 0, classes: new Set(), resources: new Set() }));
    if (severityRank(f.severity) > severityRank(g.worst)) g.worst = f.severity;
    g.n++;
    g.classes.add(findingClass(f));
    g.resources.add(`${f.resource.kind}/${f.resource.namespace ?? ''}/${f.resource.name}`);
  }
  const list = [...groups.entries()]
    .sort((a, b) => severityRank(b[1].worst) - severityRank(a[1].worst) || b[1].n - a[1].n)
    .slice(0, 10);
  if (list.length === 0) return empty('No open findings above info.');
  return table(
    ['Severity', 'Issue', 'Findings above info', 'Resources', 'Where'],
    list.map(([id, g]) =>
      tr([
        sevBadge(g.worst),
        h('span', null, ctx.lookup(id)?.title ?? id, h('span', { class: 'muted id' }, ` ${id}`)),
        String(g.n),
        String(g.resources.size),
        [...g.classes].map((c) => CLASS_LABEL[c]).join(', '),
      ]),
    ),
  );
}

export function renderSummary(ctx: ReportContext): Html {
  const r = ctx.result;
  const sev = r.summary.bySeverity;
  const pss = r.pss.namespaces;
  const enforced = pss.filter((n) => n.enforced).length;
  const exposed = r.network.metadata.namespaces.reduce((s, n) => s + n.exposedWorkloads, 0);
  const middleware = ctx.components.filter((c) => c.class === 'middleware');
  const privilegedMw = middleware.filter((c) =>
    c.workloads.some((w) => w.privileges.privileged.length > 0 || w.privileges.hostPID || w.privileges.hostNetwork),
  ).length;
  const t = r.paths.summary.targets;

  const sevCards = h(
    'div',
    { class: 'cards sev-cards' },
    SEVERITIES.map((s) =>
      card(`${s[0]?.toUpperCase() ?? ''}${s.slice(1)}`, String(sev[s]), 'open findings', `card-sev card-${s}`),
    ),
    card(
      'Waived',
      String(r.summary.byStatus.waived),
      r.summary.byStatus['waiver-expired'] > 0
        ? `${r.summary.byStatus['waiver-expired']} waiver(s) expired`
        : 'documented exceptions',
    ),
  );
  const kpis = h(
    'div',
    { class: 'cards' },
    card(
      'Paths to cluster-admin',
      String(t['cluster-admin'].entries),
      'entry points reach it',
      t['cluster-admin'].entries > 0 ? 'card-alert' : 'card-ok',
    ),
    card(
      'Paths to node root',
      String(t['node-root'].entries),
      'entry points reach it',
      t['node-root'].entries > 0 ? 'card-alert' : 'card-ok',
    ),
    card(
      'Paths to cloud identity',
      String(t['cloud-identity'].entries),
      'entry points reach it',
      t['cloud-identity'].entries > 0 ? 'card-alert' : 'card-ok',
    ),
    card(
      'Pod Security enforced',
      `${enforced}/${pss.length}`,
      'namespaces enforce baseline or restricted',
      enforced < pss.length ? 'card-warn' : 'card-ok',
    ),
    card(
      'Metadata API exposed',
      String(exposed),
      'pod-network workloads reach it',
      exposed > 0 ? 'card-warn' : 'card-ok',
    ),
    card(
      'Provider middleware',
      String(middleware.length),
      `components · ${privilegedMw} privileged or on host namespaces`,
    ),
  );

  const top = r.paths.paths.slice(0, 5);
  return section(
    'summary',
    'Summary',
    null,
    sevCards,
    kpis,
    h(
      'div',
      { class: 'split' },
      h('div', { class: 'block' }, h('h3', null, 'Cluster'), clusterFacts(ctx)),
      h('div', { class: 'block' }, h('h3', null, 'Open findings by where they are'), byClass(ctx)),
    ),
    subsection(
      'Top attack paths',
      top.length > 0
        ? h(
            'ol',
            { class: 'paths' },
            top.map((p, i) => rankedPathItem(r.paths, p, i, false)),
          )
        : empty('No attack path found.'),
      top.length > 0
        ? h('p', null, h('a', { href: '#paths', 'data-view': 'paths' }, 'All attack paths and the graph →'))
        : null,
    ),
    subsection(
      'Top issues',
      topIssues(ctx),
      h('p', null, h('a', { href: '#findings', 'data-view': 'findings' }, 'All findings →')),
    ),
    r.coverage.notes.length > 0 || r.errors.length > 0
      ? subsection(
          'Coverage and errors',
          h(
            'ul',
            { class: 'notes' },
            r.coverage.notes.map((n) => h('li', null, n)),
            r.errors.map((e) =>
              h(
                'li',
                { class: 'error' },
                `check ${e.checkId} failed${e.resource ? ` on ${e.resource}` : ''}: ${e.message}`,
              ),
            ),
          ),
        )
      : null,
  );
}
