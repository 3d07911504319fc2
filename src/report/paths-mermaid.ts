// `kubeseam paths --format mermaid`: a `flowchart LR` of the listed paths. Labels are quoted, and every character
// outside a small safe set is written as a Mermaid entity code (`#34;`), so quotes, brackets, pipes, semicolons,
// HTML-ish text and Markdown backticks in cluster names stay text. Node ids are generated, never taken from input.
import type { PathsResult } from '../paths/types.ts';
import { boundedLabel, drawable, TARGET_KINDS_DRAWN } from './paths-graph.ts';

const SAFE = /[A-Za-z0-9 .,:/_@=+-]/;

/** Text for inside a quoted Mermaid label. */
export function mermaidText(s: string): string {
  let out = '';
  for (const ch of boundedLabel(s)) out += SAFE.test(ch) ? ch : `#${ch.codePointAt(0) ?? 63};`;
  return out;
}

export function renderPathsMermaid(result: PathsResult, options: { limit?: number } = {}): string {
  const { vertices, edges } = drawable(result, options.limit);
  const lines = ['flowchart LR'];
  for (const v of vertices) lines.push(`  ${v.node}["${mermaidText(v.label)}"]`);
  for (const e of edges) lines.push(`  ${e.from} ${e.conditional ? '-.->' : '-->'}|"${mermaidText(e.label)}"| ${e.to}`);
  lines.push('  classDef target fill:#fde2e2,stroke:#c0392b,stroke-width:2px');
  lines.push('  classDef entry fill:#e8f0fe,stroke:#1a73e8');
  const targets = vertices.filter((v) => TARGET_KINDS_DRAWN.has(v.kind)).map((v) => v.node);
  const entries = vertices.filter((v) => v.entry && !TARGET_KINDS_DRAWN.has(v.kind)).map((v) => v.node);
  if (targets.length > 0) lines.push(`  class ${targets.join(',')} target`);
  if (entries.length > 0) lines.push(`  class ${entries.join(',')} entry`);
  return lines.join('\n') + '\n';
}
