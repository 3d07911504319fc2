import { formatRef } from '../model/refs.ts';
import type { PssReport } from '../pss/report.ts';
import { COLOR, PLAIN } from './color.ts';
import { oneLine } from './sanitize.ts';

/** Terminal view of `kubeseam pss`: namespace coverage first (what to do), then each rejected workload (why). */
export function renderPssTable(report: PssReport, options: { color?: boolean } = {}): string {
  const c = options.color ? COLOR : PLAIN;
  const lines: string[] = [c.bold(`Pod Security Standards · ${report.level} at ${report.version}`), ''];
  const rows = report.namespaces.map((n) => [
    n.namespace + (n.middleware ? ' *' : ''),
    n.declared ? `${n.policy.enforce.level}${n.policy.enforce.explicit ? '' : ' (unset)'}` : '? (no Namespace)',
    n.policy.audit.explicit ? n.policy.audit.level : '-',
    n.policy.warn.explicit ? n.policy.warn.level : '-',
    String(n.workloads),
    String(n.wouldBreak.baseline.length),
    String(n.wouldBreak.restricted.length),
    n.strictestAllowed,
  ]);
  const head = ['NAMESPACE', 'ENFORCE', 'AUDIT', 'WARN', 'WORKLOADS', 'BREAK@BASELINE', 'BREAK@RESTRICTED', 'CAN TAKE'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => oneLine(r[i] ?? '').length)));
  const fmt = (r: string[]): string =>
    r
      .map((x, i) => oneLine(x).padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  lines.push(c.bold(fmt(head)), ...rows.map(fmt), c.dim('* runs provider middleware or core components'), '');

  const rejected = report.results.filter((r) => !r.allowed);
  lines.push(
    c.bold(`Workloads rejected at ${report.level}: ${rejected.length} of ${report.results.length}`),
    ...rejected.flatMap((r) => [
      `  ${oneLine(formatRef(r.resource))}`,
      ...r.violations.map((v) => c.dim(`    ${v.check}: ${oneLine(v.message)}`)),
    ]),
    '',
  );

  const plans = report.namespaces.filter((n) => n.plan.commands.length > 0 || n.plan.note);
  lines.push(c.bold('Label plan (audit and warn first, then enforce)'));
  if (plans.length === 0) lines.push('  nothing to tighten');
  for (const n of plans) {
    lines.push(`  # ${oneLine(n.namespace)}: can take ${n.strictestAllowed} today`);
    for (const cmd of n.plan.commands) lines.push(`  ${oneLine(cmd)}`);
    if (n.plan.note) lines.push(c.dim(`  # ${oneLine(n.plan.note)}`));
  }
  return lines.join('\n') + '\n';
}
