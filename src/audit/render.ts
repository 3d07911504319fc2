// Renderers of an AuditReport: pure functions of the report. Everything shown comes from untrusted logs, so table
// cells go through oneLine (no control characters, no line breaks).
import { stringify } from 'yaml';
import type { Severity } from '../checks/types.ts';
import { formatRef } from '../model/refs.ts';
import { COLOR, PLAIN, type Palette } from '../report/color.ts';
import { oneLine } from '../report/sanitize.ts';
import type { AccessEntry, PrincipalProfile, ValueCount } from './aggregate.ts';
import type { AuditReport, PrincipalReport } from './analyze.ts';
import type { Anomaly } from './anomalies.ts';

export const AUDIT_FORMATS_OUT = ['table', 'json', 'yaml'] as const;
export type AuditOutputFormat = (typeof AUDIT_FORMATS_OUT)[number];

export interface AuditRenderOptions {
  color?: boolean;
  /** Principals shown in the table (the JSON has them all). Default 15. */
  maxPrincipals?: number;
}

const MIDDLEWARE = new Set(['middleware', 'core', 'agent']);

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function shortTime(iso: string): string {
  return iso === '' ? '?' : iso.replace(/\.\d+Z$/, 'Z');
}

/** Middleware service accounts first, then by request count. */
function ordered(principals: PrincipalReport[]): PrincipalReport[] {
  const rank = (p: PrincipalProfile): number =>
    MIDDLEWARE.has(p.identity?.class ?? '') ? 0 : p.kind === 'ServiceAccount' ? 1 : 2;
  return [...principals].sort((a, b) => rank(a.profile) - rank(b.profile) || b.profile.requests - a.profile.requests);
}

function values(list: ValueCount[], max: number): string {
  const shown = list.slice(0, max).map((v) => `${oneLine(v.value) || '(none)'} (${v.count})`);
  if (list.length > max) shown.push(`+${list.length - max} more`);
  return shown.join(', ');
}

export function describeAccess(e: AccessEntry): string {
  if (e.nonResourceURL !== undefined) return `${e.verb} ${e.nonResourceURL}`;
  const res = `${e.resource}${e.subresource ? `/${e.subresource}` : ''}${e.apiGroup ? `.${e.apiGroup}` : ''}`;
  const names =
    e.names.length > 0 ? ` ${e.names.slice(0, 3).join(',')}${e.names.length > 3 || e.namesTruncated ? ',…' : ''}` : '';
  const where = e.namespace ? ` in ${e.namespace}` : '';
  return `${e.verb} ${res}${names}${where}`;
}

function anomalyLines(a: Anomaly, c: Palette): string[] {
  const sev = c.severity(a.severity, a.severity.toUpperCase().padEnd(6));
  const who = `${a.principal}${a.component ? ` (${a.component})` : ''}`;
  const lines = [`  ${sev} ${oneLine(a.kind)}  ${oneLine(who)}  ×${a.count}  ${shortTime(a.firstSeen)}`];
  lines.push(`         ${oneLine(a.message)}`);
  if (a.note) lines.push(c.dim(`         note: ${oneLine(a.note)}`));
  const ev = a.evidence
    .slice(0, 3)
    .map((e) => `${oneLine(e.auditID)}${e.file ? ` (${oneLine(e.file)}:${e.line})` : ''}`)
    .join(', ');
  if (ev) lines.push(c.dim(`         evidence: ${ev}`));
  return lines;
}

function principalLines(r: PrincipalReport, c: Palette): string[] {
  const p = r.profile;
  const id = p.identity;
  const tag = id?.component
    ? ` [${id.class ?? ''} ${id.component}]`
    : id
      ? ` [${id.workloads.slice(0, 2).join(', ')}]`
      : '';
  const lines = [
    c.bold(`  ${oneLine(p.username)}${oneLine(tag)}`) +
      `  ${plural(p.requests, 'request')}, ${p.denied} denied, ${shortTime(p.firstSeen)} – ${shortTime(p.lastSeen)}`,
  ];
  lines.push(
    `    verbs: ${Object.entries(p.verbs)
      .map(([v, n]) => `${v} ${n}`)
      .join(', ')}`,
  );
  lines.push(`    user agents: ${values(p.userAgents, 3)}`);
  if (p.sourceIPs.length > 0) lines.push(`    source IPs: ${values(p.sourceIPs, 4)}`);
  const denied = p.access.filter((e) => e.outcome === 'denied');
  if (denied.length > 0) {
    lines.push(
      `    denied: ${denied
        .slice(0, 4)
        .map((e) => oneLine(describeAccess(e)))
        .join('; ')}${denied.length > 4 ? `; +${denied.length - 4} more` : ''}`,
    );
  }
  const g = r.grants;
  if (g !== undefined) {
    const own = g.rules.filter((u) => !u.shared);
    lines.push(
      `    grants: ${plural(own.length, 'rule')} of its own, ${g.unusedRules} never used, ${g.partlyUsedRules} partly used`,
    );
    for (const u of own.filter((x) => x.unused.length > 0).slice(0, 6)) {
      const scope = u.namespace ? ` in ${u.namespace}` : '';
      const what = u.used.length === 0 ? 'never used' : 'unused';
      const shown = u.unused.slice(0, 6).join(', ') + (u.unused.length > 6 ? `, +${u.unused.length - 6}` : '');
      lines.push(c.dim(`      ${formatRef(u.role)} #${u.ruleIndex}${scope}: ${what}: ${oneLine(shown)}`));
    }
  }
  const s = r.suggestion;
  if (s !== undefined && s.objects.length > 0) {
    const kinds = s.objects.map((o) => o.kind);
    const count = (k: string): number => kinds.filter((x) => x === k).length;
    const parts = ['ClusterRole', 'Role', 'ClusterRoleBinding', 'RoleBinding']
      .filter((k) => count(k) > 0)
      .map((k) => plural(count(k), k));
    lines.push(`    suggested: ${parts.join(', ')} for ${plural(s.covered.length, 'kind')} of request (--format yaml)`);
  }
  return lines;
}

export function renderAuditTable(report: AuditReport, options: AuditRenderOptions = {}): string {
  const c = options.color === true ? COLOR : PLAIN;
  const out: string[] = [];
  const cluster = report.cluster
    ? ` compared with ${report.cluster.name ?? 'the cluster'}${report.cluster.provider ? ` (${report.cluster.provider})` : ''}`
    : '';
  out.push(
    c.bold(
      `Audit logs: ${plural(report.files.length, 'file')}, ${plural(report.events, 'request')} from ${shortTime(report.window.from)} to ${shortTime(report.window.to)}${cluster}`,
    ),
  );
  for (const f of report.files) {
    const formats =
      Object.entries(f.formats)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ') || 'no audit records';
    const extra = [
      f.compressed ? 'gzip' : '',
      f.skippedStages ? `${f.skippedStages} other-stage events skipped` : '',
      f.skippedOther ? `${f.skippedOther} non-audit records` : '',
      f.malformed ? plural(f.malformed, 'malformed record') : '',
    ].filter(Boolean);
    out.push(`  ${oneLine(f.file)}: ${formats}${extra.length ? `; ${extra.join(', ')}` : ''}`);
    for (const m of f.malformedSamples) out.push(c.dim(`    line ${m.line}: ${oneLine(m.reason)}`));
  }
  out.push('');
  out.push(
    c.bold(
      `Anomalies: ${report.anomalies.length}${report.anomaliesTruncated ? ` (+${report.anomaliesTruncated} not kept)` : ''}`,
    ),
  );
  for (const a of report.anomalies) out.push(...anomalyLines(a, c));
  out.push('');
  const max = options.maxPrincipals ?? 15;
  const principals = ordered(report.principals);
  out.push(c.bold(`Principals: ${report.principals.length}`));
  for (const r of principals.slice(0, max)) out.push(...principalLines(r, c));
  if (principals.length > max)
    out.push(c.dim(`  … and ${principals.length - max} more (--principal NAME, or --format json)`));
  return out.join('\n') + '\n';
}

export function renderAuditJson(report: AuditReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}

/** The suggested roles of every principal, as one YAML stream ready for `kubectl apply -f`. */
export function renderAuditYaml(report: AuditReport): string {
  const docs: string[] = [];
  for (const r of ordered(report.principals)) {
    const s = r.suggestion;
    if (s === undefined || s.objects.length === 0) continue;
    const header = [
      `# ${s.principal}: least privilege for ${plural(s.covered.length, 'kind')} of request seen ${shortTime(report.window.from)} – ${shortTime(report.window.to)}`,
      ...s.notes.map((n) => `# ${n}`),
    ]
      .map((l) => oneLine(l))
      .join('\n');
    s.objects.forEach((o, i) => docs.push(`${i === 0 ? `${header}\n` : ''}${stringify(o, { lineWidth: 0 })}`));
  }
  return docs.length === 0 ? '# no principal with requests to suggest roles for\n' : docs.join('---\n');
}

export function renderAudit(report: AuditReport, format: AuditOutputFormat, options: AuditRenderOptions = {}): string {
  switch (format) {
    case 'json':
      return renderAuditJson(report);
    case 'yaml':
      return renderAuditYaml(report);
    case 'table':
      return renderAuditTable(report, options);
  }
}

export function severityCounts(report: AuditReport): Record<Severity, number> {
  const counts: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const a of report.anomalies) counts[a.severity]++;
  return counts;
}
