import type { Severity } from '../checks/types.ts';
import { COLOR, PLAIN, type Palette } from '../report/color.ts';
import { oneLine } from '../report/sanitize.ts';
import type { ClusterRow } from '../store/sql-store.ts';
import type { ScanRow } from '../store/rows.ts';
import type { ComponentSummary, FindingSummary, PathSummary, PrivilegeChange, ResourceKey, ScanDiff } from './diff.ts';

export interface HistoryRenderOptions {
  color?: boolean;
}

// Every string here came from a cluster or a file: each goes through oneLine() before reaching a terminal.

const ref = (r: ResourceKey): string =>
  oneLine(r.namespace ? `${r.kind}/${r.namespace}/${r.name}` : `${r.kind}/${r.name}`);

function describePrivilege(p: PrivilegeChange): string {
  const where = p.container !== undefined ? ` (container ${oneLine(p.container)})` : '';
  const d = oneLine(p.detail);
  switch (p.kind) {
    case 'privileged':
      return `privileged container ${d} ${p.change}`;
    case 'runsAsRoot':
      return `container ${d} running as root ${p.change}`;
    case 'hostPID':
    case 'hostIPC':
    case 'hostNetwork':
      return `${p.kind} ${p.change === 'added' ? 'enabled' : 'disabled'}`;
    case 'capability':
      return `capability ${d} ${p.change}${where}`;
    case 'hostPath':
      return p.change === 'writable' || p.change === 'read-only'
        ? `hostPath ${d} now ${p.change}${where}`
        : `hostPath ${d} ${p.change}${where}`;
    case 'hostPort':
      return `hostPort ${d} ${p.change}`;
    case 'automountToken':
      return `service account token ${p.change === 'added' ? 'now mounted' : 'no longer mounted'}`;
  }
}

function privilegeLine(p: PrivilegeChange, c: Palette): string {
  // ▲ grants more, ▼ grants less.
  return p.escalation ? c.severity('high', `▲ ${describePrivilege(p)}`) : c.dim(`▼ ${describePrivilege(p)}`);
}

function componentLabel(s: ComponentSummary): string {
  return oneLine([s.class, s.provider, s.component].filter((x) => x !== undefined && x !== '').join('/'));
}

function findingLine(mark: string, f: FindingSummary, c: Palette, severity?: string): string {
  const sev = (severity ?? f.severity).padEnd(8);
  const colored = isSeverity(f.severity) ? c.severity(f.severity, sev) : sev;
  return `  ${mark} ${colored} ${oneLine(f.checkId)}  ${ref(f.resource)}  ${c.dim(oneLine(f.message))}`;
}

function isSeverity(s: string): s is Severity {
  return ['critical', 'high', 'medium', 'low', 'info'].includes(s);
}

function counts(m: Record<string, number>): string {
  const e = Object.entries(m);
  return e.length === 0 ? '(none)' : e.map(([k, n]) => `${oneLine(k)} ×${n}`).join(', ');
}

/** The diff for a terminal: cluster, nodes, components, findings, attack paths; unchanged sections are left out. */
export function renderDiffTable(diff: ScanDiff, options: HistoryRenderOptions = {}): string {
  const c = options.color === true ? COLOR : PLAIN;
  const cluster = diff.to.cluster ?? diff.from.cluster;
  const lines = [
    c.bold(`kubeseam diff${cluster !== undefined ? ` · cluster ${oneLine(cluster)}` : ''}`),
    c.dim(
      oneLine(
        `from ${diff.from.scannedAt} (kubeseam ${diff.from.toolVersion}) → ${diff.to.scannedAt} (kubeseam ${diff.to.toolVersion})`,
      ),
    ),
    '',
  ];
  if (diff.empty) return [...lines, 'No changes.', ''].join('\n');

  const cv = diff.cluster.version;
  const cp = diff.cluster.provider;
  if (cv || cp) {
    lines.push(c.bold('Cluster'));
    if (cv) lines.push(`  Kubernetes version  ${oneLine(cv.from ?? '?')} → ${oneLine(cv.to ?? '?')}`);
    if (cp) lines.push(`  provider            ${oneLine(cp.from ?? '?')} → ${oneLine(cp.to ?? '?')}`);
    lines.push('');
  }

  const n = diff.nodes;
  if (n && n.added.length + n.removed.length + n.changed.length > 0) {
    lines.push(
      c.bold(`Nodes (+${n.added.length} −${n.removed.length} ~${new Set(n.changed.map((x) => x.name)).size})`),
    );
    if (JSON.stringify(n.kubeletVersions.from) !== JSON.stringify(n.kubeletVersions.to)) {
      lines.push(`  kubelet     ${counts(n.kubeletVersions.from)} → ${counts(n.kubeletVersions.to)}`);
    }
    if (JSON.stringify(n.nodeImages.from) !== JSON.stringify(n.nodeImages.to)) {
      lines.push(`  node image  ${counts(n.nodeImages.from)} → ${counts(n.nodeImages.to)}`);
    }
    const few = (l: string[]): string =>
      oneLine(l.slice(0, 5).join(', ') + (l.length > 5 ? `, … ${l.length - 5} more` : ''));
    if (n.added.length) lines.push(`  + ${few(n.added)}`);
    if (n.removed.length) lines.push(`  - ${few(n.removed)}`);
    lines.push('');
  }

  const comp = diff.components;
  if (comp.added.length + comp.removed.length + comp.changed.length > 0) {
    lines.push(c.bold(`Components (+${comp.added.length} −${comp.removed.length} ~${comp.changed.length})`));
    for (const s of comp.added) {
      lines.push(`  + ${ref(s.resource)}  [${componentLabel(s)}]`);
      for (const p of s.privileges.filter((x) => x.escalation)) lines.push(`      ${privilegeLine(p, c)}`);
    }
    for (const s of comp.removed) lines.push(`  - ${ref(s.resource)}  [${componentLabel(s)}]`);
    for (const ch of comp.changed) {
      lines.push(`  ~ ${ref(ch.resource)}`);
      if (ch.classChange) lines.push(`      class ${oneLine(ch.classChange.from)} → ${oneLine(ch.classChange.to)}`);
      for (const u of ch.images?.updated ?? []) lines.push(`      image ${oneLine(u.from)} → ${oneLine(u.to)}`);
      for (const i of ch.images?.added ?? []) lines.push(`      image + ${oneLine(i)}`);
      for (const i of ch.images?.removed ?? []) lines.push(`      image - ${oneLine(i)}`);
      for (const p of ch.privileges) lines.push(`      ${privilegeLine(p, c)}`);
    }
    lines.push('');
  }

  const f = diff.findings;
  if (f.new.length + f.resolved.length + f.severityChanged.length + f.statusChanged.length > 0) {
    lines.push(
      c.bold(
        `Findings (${f.new.length} new, ${f.resolved.length} resolved, ${f.severityChanged.length} severity changed, ${f.statusChanged.length} status changed)`,
      ),
    );
    for (const x of f.new) lines.push(findingLine('+', x, c));
    for (const x of f.resolved) lines.push(findingLine('-', x, c));
    for (const x of f.severityChanged) lines.push(findingLine('~', x, c, `${x.fromSeverity}→${x.severity}`));
    for (const x of f.statusChanged)
      lines.push(findingLine('~', x, c, `${oneLine(x.fromStatus)}→${oneLine(x.status)}`));
    lines.push('');
  }

  const p = diff.paths;
  if (p && p.new.length + p.resolved.length > 0) {
    lines.push(c.bold(`Attack paths (${p.new.length} new, ${p.resolved.length} gone)`));
    const line = (mark: string, x: PathSummary): string =>
      `  ${mark} ${[x.severity, x.title ?? x.key]
        .filter((s) => s !== undefined)
        .map(oneLine)
        .join(' ')}`;
    for (const x of p.new) lines.push(line('+', x));
    for (const x of p.resolved) lines.push(line('-', x));
    lines.push('');
  }
  return lines.join('\n');
}

/** The diff as JSON: the ScanDiff object, stable key order, for scripts. */
export function renderDiffJson(diff: ScanDiff): string {
  return JSON.stringify(diff, null, 2) + '\n';
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const fmt = (r: string[]): string =>
    r
      .map((x, i) => x.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [fmt(header), ...rows.map(fmt)];
}

/** `kubeseam history`: one line per scan, newest first. Ids are shortened to 8 characters (a unique prefix works). */
export function renderHistoryTable(rows: readonly ScanRow[], options: HistoryRenderOptions = {}): string {
  const c = options.color === true ? COLOR : PLAIN;
  if (rows.length === 0) return 'No scans in the store.\n';
  const sev = (r: ScanRow, s: Severity): string => String(r.summary.bySeverity?.[s] ?? 0);
  const [head, ...body] = table(
    ['ID', 'SCANNED', 'CLUSTER', 'PROVIDER', 'VERSION', 'CRIT', 'HIGH', 'MED', 'LOW', 'OPEN', 'COMPONENTS'],
    rows.map((r) => [
      r.id.slice(0, 8),
      r.scannedAt.replace(/\.\d{3}Z$/, 'Z'),
      oneLine(r.clusterKey),
      oneLine(r.provider ?? '-'),
      oneLine(r.k8sVersion ?? '-'),
      sev(r, 'critical'),
      sev(r, 'high'),
      sev(r, 'medium'),
      sev(r, 'low'),
      String(r.summary.byStatus?.open ?? r.findingCount),
      String(r.componentCount),
    ]),
  );
  return [c.bold(head ?? ''), ...body, ''].join('\n');
}

/** `kubeseam history --clusters`: one line per cluster in the store. */
export function renderClustersTable(rows: readonly ClusterRow[], options: HistoryRenderOptions = {}): string {
  const c = options.color === true ? COLOR : PLAIN;
  if (rows.length === 0) return 'No scans in the store.\n';
  const [head, ...body] = table(
    ['CLUSTER', 'PROVIDER', 'VERSION', 'SCANS', 'LAST SCAN', 'LAST ID'],
    rows.map((r) => [
      oneLine(r.clusterKey),
      oneLine(r.provider ?? '-'),
      oneLine(r.k8sVersion ?? '-'),
      String(r.scans),
      r.lastScannedAt.replace(/\.\d{3}Z$/, 'Z'),
      r.lastScanId.slice(0, 8),
    ]),
  );
  return [c.bold(head ?? ''), ...body, ''].join('\n');
}
