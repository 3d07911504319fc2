// `kubeseam paths --format dot`: a Graphviz digraph of the listed paths. Labels are double-quoted strings with
// backslash and quote escaped (so `\N`, `\G`, `\l` in a name stay literal) and `&` written as `&amp;` (Graphviz
// decodes entities in labels). Node ids are generated.
import type { PathsResult } from '../paths/types.ts';
import { boundedLabel, drawable, TARGET_KINDS_DRAWN } from './paths-graph.ts';

export function dotString(s: string): string {
  const body = boundedLabel(s).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/&/g, '&amp;');
  return `"${body}"`;
}

export function renderPathsDot(result: PathsResult, options: { limit?: number } = {}): string {
  const { vertices, edges } = drawable(result, options.limit);
  const lines = [
    'digraph attack_paths {',
    '  rankdir=LR;',
    '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="Helvetica"];',
    '  edge [fontname="Helvetica", fontsize=10];',
  ];
  for (const v of vertices) {
    const style = TARGET_KINDS_DRAWN.has(v.kind)
      ? ', shape=doubleoctagon, fillcolor="#fde2e2", color="#c0392b"'
      : v.entry
        ? ', fillcolor="#e8f0fe", color="#1a73e8"'
        : '';
    lines.push(`  ${v.node} [label=${dotString(v.label)}${style}];`);
  }
  for (const e of edges) {
    lines.push(`  ${e.from} -> ${e.to} [label=${dotString(e.label)}${e.conditional ? ', style=dashed' : ''}];`);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}
