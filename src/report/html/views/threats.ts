// Per-component threat summary: for each provider component, a paragraph generated from its privileges, its RBAC
// (the grants on attack paths) and its blast radius, with the findings that single it out (drift, impersonation,
// advisories) called by name.
import { severityRank } from '../../../checks/types.ts';
import { nodeRootReason } from '../../../inventory/privileges.ts';
import type { InventoryEntry } from '../../../result.ts';
import { plural, providerLabel, refLabel, severityCounts, type ReportContext } from '../context.ts';
import { h, type Child, type Html } from '../dom.ts';
import { badge, empty, section, sevBadge, sevCounts } from '../ui.ts';
import { PATCHED_BY_KIND, PATCHED_BY_LABEL } from './inventory.ts';
import { TARGET_LABEL, TARGET_SHORT } from './paths.ts';
import { principalView, type PrincipalView } from './rbac.ts';

/** Checks whose findings mean the component is not what the provider ships. */
const SIGNAL_CHECKS = new Set([
  'middleware-privilege-drift',
  'middleware-impersonation',
  'middleware-advisory',
  'middleware-rbac-excess',
]);

function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

function privilegeSentence(ws: InventoryEntry[]): string {
  const parts: string[] = [];
  const priv = [...new Set(ws.flatMap((w) => w.privileges.privileged))];
  if (priv.length > 0) parts.push(`privileged containers (${priv.join(', ')})`);
  if (ws.some((w) => w.privileges.hostPID)) parts.push('the host PID namespace');
  if (ws.some((w) => w.privileges.hostIPC)) parts.push('the host IPC namespace');
  if (ws.some((w) => w.privileges.hostNetwork)) parts.push('the host network');
  const caps = [...new Set(ws.flatMap((w) => w.privileges.capabilities.flatMap((c) => c.add)))];
  if (caps.length > 0) parts.push(`added capabilities ${caps.join(', ')}`);
  const rw = [
    ...new Set(
      ws.flatMap((w) =>
        w.privileges.hostPaths.filter((m) => !m.readOnly && m.container !== undefined).map((m) => m.path),
      ),
    ),
  ];
  const ro = [
    ...new Set(
      ws.flatMap((w) =>
        w.privileges.hostPaths.filter((m) => m.readOnly || m.container === undefined).map((m) => m.path),
      ),
    ),
  ];
  if (rw.length > 0)
    parts.push(
      `${plural(rw.length, 'writable host path')} (${rw.slice(0, 4).join(', ')}${rw.length > 4 ? ', …' : ''})`,
    );
  if (ro.length > 0) parts.push(plural(ro.length, 'read-only host path'));
  const ports = [...new Set(ws.flatMap((w) => w.privileges.hostPorts))];
  if (ports.length > 0) parts.push(`host ports ${ports.join(', ')}`);
  if (parts.length === 0) return 'It asks for no host privileges.';
  const root = ws.map((w) => nodeRootReason(w.privileges)).find((r) => r !== undefined);
  return `It runs with ${list(parts)}.${root ? ` Code execution in it is root on its node (${root}).` : ''}`;
}

function rbacSentence(v: PrincipalView): string {
  const sas = v.serviceAccounts.map((s) => `${s.name}${s.token ? '' : ' (no token mounted)'}`);
  const who =
    sas.length > 0 ? `Its service account${sas.length > 1 ? 's' : ''} ${list(sas)}` : 'It has no service account';
  if (v.grants.length === 0)
    return `${who} hold${sas.length > 1 ? '' : 's'} no grant that creates an attack-path step.`;
  const steps = [...new Set(v.grants.map((g) => g.edge))];
  const roles = [...new Set(v.grants.map((g) => (g.evidence.role ? refLabel(g.evidence.role) : '')).filter(Boolean))];
  return `${who} can take ${plural(steps.length, 'kind')} of attack step (${steps.join(', ')}) through ${roles.length > 0 ? list(roles) : 'its grants'}.`;
}

function reachSentence(v: PrincipalView): string {
  const c = v.component;
  if (v.reaches.length === 0)
    return 'A compromise of it reaches none of cluster-admin, node root or the cloud identity.';
  const reach = list(v.reaches.map((r) => `${TARGET_LABEL[r.target]} in ${plural(r.steps, 'step')}`));
  const d = c.blast?.definite;
  const radius = d
    ? ` Definitely within reach: ${plural(d.serviceAccounts, 'service account')}, ${plural(d.workloads, 'workload')}${d.secretNamespaces.includes('*') ? ' and the secrets of every namespace' : d.secretNamespaces.length > 0 ? ` and the secrets of ${d.secretNamespaces.join(', ')}` : ''}.`
    : '';
  return `A compromise of it reaches ${reach}.${radius}`;
}

export function renderThreats(ctx: ReportContext): Html {
  const patched = new Map<string, (typeof ctx.result.responsibility)[number]>();
  for (const r of ctx.result.responsibility) patched.set(r.component, r);
  const views = ctx.components
    .filter((c) => c.class === 'middleware')
    .map((c) => principalView(ctx, c))
    .sort((a, b) => {
      const worst = (v: PrincipalView): number =>
        Math.max(0, ...v.component.findings.filter((f) => f.status !== 'waived').map((f) => severityRank(f.severity)));
      return (
        b.reaches.length - a.reaches.length || worst(b) - worst(a) || a.component.name.localeCompare(b.component.name)
      );
    });
  if (views.length === 0) {
    return section(
      'threats',
      'Per-component threat summary',
      null,
      empty('No provider middleware recognised in this scan.'),
    );
  }
  const cards = views.map((v) => {
    const c = v.component;
    const open = c.findings.filter((f) => f.status !== 'waived');
    const counts = severityCounts(open);
    const info = counts.info;
    const pods = c.workloads.reduce((s, w) => s + w.podCount, 0);
    const nodes = c.workloads.reduce((m, w) => Math.max(m, w.nodeCount), 0);
    const signals = open
      .filter((f) => SIGNAL_CHECKS.has(f.checkId))
      .sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
    const p = patched.get(c.id);
    const runs = `${list(c.workloads.map((w) => refLabel(w.resource)))}${pods > 0 ? ` · ${plural(pods, 'pod')} on ${plural(nodes, 'node')}` : ''}`;
    const findingsText =
      open.length === 0
        ? 'No open findings.'
        : `${plural(open.length, 'open finding')}${info > 0 ? `; ${info} at info, within what the provider ships` : ''}.`;
    const rows: [string, Child][] = [
      ['What it is', c.catalog?.description ?? '—'],
      ['Runs as', runs],
      ['On its node', privilegeSentence(c.workloads)],
      ['In the API', rbacSentence(v)],
      ['If compromised', reachSentence(v)],
      ['Findings', h('span', null, findingsText, ' ', open.length > 0 ? sevCounts(counts) : null)],
    ];
    return h(
      'article',
      { class: `threat${v.reaches.length > 0 ? ' reaches' : ''}`, 'data-component': c.id },
      h(
        'header',
        null,
        h('h3', null, c.name),
        badge(providerLabel(c.provider), 'provider'),
        p ? badge(`patched by: ${PATCHED_BY_LABEL[p.patchedBy]}`, PATCHED_BY_KIND[p.patchedBy]) : null,
        v.reaches.map((r) => badge(`→ ${TARGET_SHORT[r.target]}`, 'bad')),
      ),
      h(
        'dl',
        { class: 'threat-facts' },
        rows.map(([k, val]) => [h('dt', null, k), h('dd', null, val)]),
      ),
      signals.length > 0
        ? h(
            'div',
            { class: 'signals' },
            h('strong', null, 'Not as the provider ships it'),
            h(
              'ul',
              null,
              signals.slice(0, 6).map((f) => h('li', null, sevBadge(f.severity), ' ', f.message)),
            ),
          )
        : null,
    );
  });
  return section(
    'threats',
    'Per-component threat summary',
    'For each provider middleware component: what it can do to its node, what its service account can do in the API, and how far an attacker who controls it gets. Generated from the inventory, the attack graph and the findings.',
    h('div', { class: 'threats' }, cards),
  );
}
