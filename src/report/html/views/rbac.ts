// RBAC of middleware principals: for each provider component, its service accounts, the grants that create
// attack-path steps from them (role, binding and rule as evidence), the RBAC findings on those roles and bindings,
// and its blast radius. Then every RBAC finding of the scan.
import { severityRank, type Finding } from '../../../checks/types.ts';
import type { Evidence, TargetKind } from '../../../paths/types.ts';
import { plural, refKey, refLabel, sameRef, type ComponentView, type ReportContext } from '../context.ts';
import { h, type Html } from '../dom.ts';
import { badge, empty, section, sevBadge, subsection, table, tr } from '../ui.ts';
import { TARGET_SHORT } from './paths.ts';

const RBAC_KINDS = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);

export function isRbacFinding(f: Finding): boolean {
  return RBAC_KINDS.has(f.resource.kind);
}

export interface PrincipalGrant {
  edge: string;
  text: string;
  evidence: Evidence;
}

export interface PrincipalView {
  component: ComponentView;
  serviceAccounts: { name: string; token: boolean }[];
  grants: PrincipalGrant[];
  findings: Finding[];
  reaches: { target: TargetKind; steps: number }[];
}

/** What the scan result tells about a component's principals. */
export function principalView(ctx: ReportContext, c: ComponentView): PrincipalView {
  const sas = new Map<string, boolean>();
  for (const w of c.workloads) {
    const name = `${w.resource.namespace ?? ''}/${w.serviceAccount}`;
    sas.set(name, (sas.get(name) ?? false) || w.privileges.automountToken);
  }
  const saVertices = new Set([...sas.keys()].map((n) => `sa:${n.replace('/', ':')}`));
  const grants = new Map<string, PrincipalGrant>();
  const reaches: PrincipalView['reaches'] = [];
  for (const [t, p] of Object.entries(c.blast?.targets ?? {})) {
    if (!p) continue;
    reaches.push({ target: t as TargetKind, steps: p.length });
    for (const hop of p.hops) {
      if (!saVertices.has(hop.from)) continue;
      for (const ev of hop.evidence) {
        if (ev.type !== 'rbac') continue;
        const key = `${hop.edge}|${ev.text}`;
        if (!grants.has(key)) grants.set(key, { edge: hop.edge, text: ev.text, evidence: ev });
      }
    }
  }
  const refs = [...grants.values()].flatMap((g) => [g.evidence.ref, g.evidence.role]);
  const saNames = [...sas.keys()];
  const findings = ctx.result.findings.filter(
    (f) =>
      isRbacFinding(f) &&
      (refs.some((r) => sameRef(r, f.resource)) || saNames.some((sa) => f.message.includes(`ServiceAccount ${sa} `))),
  );
  const order: Record<TargetKind, number> = { 'cluster-admin': 0, 'node-root': 1, 'cloud-identity': 2 };
  reaches.sort((a, b) => order[a.target] - order[b.target]);
  return {
    component: c,
    serviceAccounts: [...sas.entries()].map(([name, token]) => ({ name, token })),
    grants: [...grants.values()],
    findings,
    reaches,
  };
}

/** A grant as role, rule and binding; the evidence text when the evidence has no rule. */
function grantView(g: PrincipalGrant): Html {
  const ev = g.evidence;
  const rule = ev.rule;
  if (!ev.role || !rule)
    return h('span', null, badge(g.edge, 'edge'), ' ', h('span', { class: 'mono small' }, ev.text));
  const res = [...(rule.resources ?? []), ...(rule.nonResourceURLs ?? [])].join(', ') || '*';
  const names = rule.resourceNames && rule.resourceNames.length > 0 ? ` [${rule.resourceNames.join(', ')}]` : '';
  return h(
    'span',
    null,
    badge(g.edge, 'edge'),
    ' ',
    h(
      'span',
      { class: 'mono small strong' },
      `${ev.role.kind}/${ev.role.namespace ? `${ev.role.namespace}/` : ''}${ev.role.name}`,
    ),
    h('div', { class: 'mono small' }, `${rule.verbs.join(',')} ${res}${names}`),
    ev.ref
      ? h(
          'div',
          { class: 'muted small' },
          `bound by ${ev.ref.kind}/${ev.ref.namespace ? `${ev.ref.namespace}/` : ''}${ev.ref.name}`,
        )
      : null,
  );
}

function blastText(c: ComponentView): string {
  const d = c.blast?.definite;
  if (!d) return 'not computed';
  const secrets = d.secretNamespaces.includes('*')
    ? 'secrets in every namespace'
    : d.secretNamespaces.length > 0
      ? `secrets in ${d.secretNamespaces.join(', ')}`
      : 'no secrets';
  return `${plural(d.serviceAccounts, 'service account')}, ${plural(d.workloads, 'workload')}, ${secrets}`;
}

export function renderRbac(ctx: ReportContext): Html {
  const views = ctx.components
    .filter((c) => c.class === 'middleware' || c.class === 'core')
    .map((c) => principalView(ctx, c))
    .sort(
      (a, b) =>
        b.reaches.length - a.reaches.length ||
        b.grants.length - a.grants.length ||
        a.component.name.localeCompare(b.component.name),
    );

  const rows = views.map((v) =>
    tr([
      h('span', null, h('strong', null, v.component.name), h('div', { class: 'muted small' }, v.component.id)),
      v.serviceAccounts.map((s) =>
        h(
          'div',
          { class: 'mono small' },
          s.name,
          s.token ? null : badge('no token', 'ok', 'automountServiceAccountToken: false'),
        ),
      ),
      v.grants.length > 0
        ? h(
            'ul',
            { class: 'grants' },
            v.grants.map((g) => h('li', null, grantView(g))),
          )
        : h('span', { class: 'muted' }, 'none on an attack path'),
      v.findings.length > 0
        ? v.findings.map((f) => h('div', null, sevBadge(f.severity), ' ', h('span', { class: 'small' }, f.message)))
        : h('span', { class: 'muted' }, '—'),
      v.reaches.length > 0
        ? v.reaches.map((r) =>
            h(
              'div',
              { class: 'nowrap' },
              badge(TARGET_SHORT[r.target], 'bad'),
              h('span', { class: 'muted small' }, plural(r.steps, 'step')),
            ),
          )
        : badge('no target', 'ok'),
      h('span', { class: 'small' }, blastText(v.component)),
    ]),
  );

  const rbacFindings = ctx.result.findings
    .filter(isRbacFinding)
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  const compOf = new Map<string, string>();
  for (const v of views) for (const f of v.findings) compOf.set(f.fingerprint, v.component.name);
  const findingRows = rbacFindings.map((f) =>
    tr([
      sevBadge(f.severity),
      h('span', null, ctx.lookup(f.checkId)?.title ?? f.checkId, h('div', { class: 'muted small' }, f.checkId)),
      h('span', { class: 'mono small' }, refLabel(f.resource)),
      h('span', null, f.message, f.severityReason ? h('div', { class: 'muted small' }, f.severityReason) : null),
      compOf.get(f.fingerprint) ?? h('span', { class: 'muted' }, '—'),
    ]),
  );
  const keys = new Set(rbacFindings.map((f) => refKey(f.resource)));
  return section(
    'rbac',
    'RBAC of middleware principals',
    'The service accounts provider components run as, the grants that give them attack-path steps (from the role bindings the attack graph used), the RBAC findings on those roles and bindings, and how far a compromise of the component reaches.',
    rows.length > 0
      ? table(
          [
            'Component',
            'Service accounts',
            'Grants on attack paths',
            'RBAC findings',
            'Reaches',
            'Blast radius (definite)',
          ],
          rows,
          { id: 'rbac-table' },
        )
      : empty('No provider components recognised.'),
    subsection(
      'All RBAC findings',
      h(
        'p',
        { class: 'muted' },
        `${plural(rbacFindings.length, 'finding')} on ${plural(keys.size, 'role or binding', 'roles and bindings')}.`,
      ),
      findingRows.length > 0
        ? table(['Severity', 'Check', 'Role or binding', 'What it allows', 'Component'], findingRows)
        : empty('No RBAC findings.'),
    ),
  );
}
