import type { Origin } from '../model/types.ts';

/** `file:line:col`, or the cluster context, for humans. */
export function formatOrigin(o: Origin): string {
  if (o.file) return `${o.file}${o.line ? `:${o.line}` : ''}${o.line && o.column ? `:${o.column}` : ''}`;
  if (o.context) return `context ${o.context}`;
  if (o.cluster) return `cluster ${o.cluster}`;
  return '';
}
