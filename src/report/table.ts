import { findCheck } from '../checks/index.ts';
import { SEVERITIES, type AnyCheck, type Finding } from '../checks/types.ts';
import { formatRef } from '../model/refs.ts';
import type { ScanResult } from '../result.ts';
import { COLOR, PLAIN, type Palette } from './color.ts';
import { formatOrigin } from './location.ts';
import { oneLine } from './sanitize.ts';

export interface TableOptions {
  color?: boolean;
  /** Checks beyond the built-in registry (custom rules), for their titles. */
  checks?: readonly AnyCheck[];
  /** Show every finding of a check, not the first few. */
  verbose?: boolean;
}

const PER_CHECK = 8;

export function providerName(p: string | undefined): string {
  return p === 'eks' ? 'EKS' : p === 'aks' ? 'AKS' : p === 'gke' ? 'GKE' : 'unknown provider';
}

export function renderHeader(result: ScanResult, c: Palette): string[] {
  const cl = result.cluster;
  const src = result.source;
  const from = src.demo
    ? `demo ${src.demo}`
    : src.snapshot
      ? `snapshot ${src.snapshot}`
      : src.files
        ? `${src.files.length} file(s)`
        : `context ${src.context ?? '(current)'}`;
  const s = result.summary;
  return [
    c.bold(
      oneLine(
        `kubeseam ${result.tool.version} · ${providerName(cl.provider)}${cl.name ? ` cluster ${cl.name}` : ''}` +
          `${cl.version?.gitVersion ? ` (${cl.version.gitVersion})` : ''} · ${from}`,
      ),
    ),
    c.dim(
      `${s.objects} objects · ${s.workloads} workloads (${s.pods} pods on ${s.nodes} nodes) · ${s.namespaces} namespaces`,
    ),
  ];
}

/** Findings grouped by severity, then check; the worst first. Every cluster string is stripped of control characters. */
export function renderTable(result: ScanResult, options: TableOptions = {}): string {
  const c = options.color ? COLOR : PLAIN;
  const lines = [...renderHeader(result, c), ''];
  const open = result.findings.filter((f) => f.status !== 'waived');
  // Accepted provider risk (info) is inventory, not a to-do: one line unless --verbose asks for every finding.
  const accepted = options.verbose ? [] : open.filter((f) => f.severity === 'info');
  const listed = options.verbose ? open : open.filter((f) => f.severity !== 'info');
  const groups = new Map<string, Finding[]>();
  for (const f of listed) {
    const k = `${f.severity}\0${f.checkId}`;
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push(f);
  }
  const ordered = [...groups.entries()].sort(
    ([a], [b]) => SEVERITIES.indexOf(a.split('\0')[0] as never) - SEVERITIES.indexOf(b.split('\0')[0] as never),
  );
  for (const [, fs] of ordered) {
    const first = fs[0]!;
    const check = options.checks?.find((x) => x.id === first.checkId) ?? findCheck(first.checkId);
    const label = first.severity.toUpperCase().padEnd(8);
    lines.push(
      `${c.severity(first.severity, c.bold(label))} ${c.bold(first.checkId)}  ${check?.title ?? ''} ${c.dim(`(${fs.length})`)}`,
    );
    const shown = options.verbose ? fs : fs.slice(0, PER_CHECK);
    for (const f of shown) {
      const where = formatOrigin(f.origin);
      const who = f.component?.component ? ` [${f.component.provider ?? ''} ${f.component.component}]` : '';
      lines.push(`  ${oneLine(formatRef(f.resource))}${oneLine(who)}: ${oneLine(f.message)}`);
      lines.push(c.dim(`    ${oneLine(f.path)}${where ? `  ${oneLine(where)}` : ''}`));
      if (f.severityReason) lines.push(c.dim(`    severity ${f.severity}: ${oneLine(f.severityReason)}`));
      if (f.status === 'waiver-expired') lines.push(c.dim(`    waiver expired ${f.waiver?.expires ?? ''}`));
    }
    if (shown.length < fs.length) lines.push(c.dim(`  … and ${fs.length - shown.length} more (--verbose shows all)`));
    lines.push('');
  }
  if (accepted.length > 0) {
    const components = new Set(accepted.map((f) => formatRef(f.resource)));
    lines.push(
      c.dim(
        `${accepted.length} info finding(s) on ${components.size} resource(s), mostly provider components as shipped ` +
          '(accepted provider risk): kubeseam inventory lists them; -v shows each finding.',
      ),
      '',
    );
  }
  if (open.length === 0) lines.push('No findings.', '');

  const s = result.summary;
  const counts = SEVERITIES.filter((sev) => s.bySeverity[sev] > 0).map((sev) =>
    c.severity(sev, `${s.bySeverity[sev]} ${sev}`),
  );
  lines.push(
    `${c.bold('Findings:')} ${counts.length ? counts.join(', ') : 'none'}` +
      (s.byStatus.waived ? c.dim(` · ${s.byStatus.waived} waived`) : ''),
  );
  for (const note of result.coverage.notes) lines.push(c.dim(`coverage: ${oneLine(note)}`));
  for (const e of result.errors)
    lines.push(c.dim(`error: check ${e.checkId} on ${oneLine(e.resource ?? '')}: ${oneLine(e.message)}`));
  return lines.join('\n') + '\n';
}
