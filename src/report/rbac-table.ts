import { formatRef } from '../model/refs.ts';
import { formatPermission, type MiddlewareRbacReview } from '../rbac/review.ts';
import { formatSubject } from '../rbac/subjects.ts';
import type { CanAnswer, Grant, WhoCanAnswer } from '../rbac/types.ts';
import { COLOR, PLAIN } from './color.ts';
import { oneLine } from './sanitize.ts';

function grantLine(g: Grant): string {
  const scope = g.namespace ? `in namespace ${g.namespace}` : 'cluster-wide';
  const via = g.aggregatedFrom ? ` (aggregated from ${formatRef(g.aggregatedFrom)})` : '';
  return `via ${formatRef(g.binding)} → ${formatRef(g.role)}${via}, rule #${g.ruleIndex}, ${scope}`;
}

/** who-can answers, one subject per line with the binding and role that grant it. */
export function renderWhoCan(question: string, answers: WhoCanAnswer[], options: { color?: boolean } = {}): string {
  const c = options.color ? COLOR : PLAIN;
  const lines = [c.bold(oneLine(`who can ${question}: ${answers.length} subject(s)`))];
  for (const a of answers) {
    const who = formatSubject(a.subject);
    lines.push(`  ${oneLine(who)}${a.implicit ? c.severity('high', `  (${a.implicit.description})`) : ''}`);
    for (const g of a.grants) lines.push(c.dim(`    ${oneLine(grantLine(g))}`));
  }
  return lines.join('\n') + '\n';
}

export function renderCan(question: string, answer: CanAnswer, options: { color?: boolean } = {}): string {
  const c = options.color ? COLOR : PLAIN;
  const lines = [c.bold(oneLine(`${question}: ${answer.allowed ? 'yes' : 'no'}`))];
  for (const g of answer.grants) lines.push(c.dim(`  ${oneLine(grantLine(g))}`));
  return lines.join('\n') + '\n';
}

/** `kubeseam rbac review`: each middleware service account against its catalogued RBAC. */
export function renderRbacReview(rows: MiddlewareRbacReview[], options: { color?: boolean } = {}): string {
  const c = options.color ? COLOR : PLAIN;
  const lines = [c.bold(`Middleware RBAC against the catalog: ${rows.length} service account(s)`)];
  for (const r of rows) {
    const who = `${r.serviceAccount.namespace}/${r.serviceAccount.name}`;
    const verdict = !r.hasBaseline
      ? c.dim('no catalogued RBAC baseline')
      : r.extras.length === 0
        ? 'matches the catalog'
        : c.severity('high', `${r.extras.length} permission(s) beyond the catalog`);
    lines.push(`  ${oneLine(r.component)}  ServiceAccount ${oneLine(who)}: ${verdict}`);
    for (const e of r.extras.slice(0, 20)) {
      lines.push(
        c.dim(
          `    ${oneLine(formatPermission(e.permission))}${e.namespace ? ` in ${oneLine(e.namespace)}` : ''} via ${oneLine(formatRef(e.binding))} → ${oneLine(formatRef(e.role))}`,
        ),
      );
    }
  }
  return lines.join('\n') + '\n';
}
