// What the Mermaid and DOT renderers share: the distinct vertices and steps of a set of paths, with node ids the
// renderer makes up (n0, n1, …) so that no cluster-supplied text ever lands outside a quoted label.
import type { PathsResult, VertexKind } from '../paths/types.ts';

export interface DrawnVertex {
  node: string;
  label: string;
  kind: VertexKind | 'unknown';
  entry: boolean;
}

export interface DrawnEdge {
  from: string;
  to: string;
  label: string;
  conditional: boolean;
}

export function drawable(result: PathsResult, limit?: number): { vertices: DrawnVertex[]; edges: DrawnEdge[] } {
  const paths = limit !== undefined ? result.paths.slice(0, limit) : result.paths;
  const nodes = new Map<string, DrawnVertex>();
  const node = (id: string, entry: boolean): string => {
    let v = nodes.get(id);
    if (!v) {
      const info = result.vertices[id];
      v = { node: `n${nodes.size}`, label: info?.label ?? id, kind: info?.kind ?? 'unknown', entry };
      nodes.set(id, v);
    } else if (entry) v.entry = true;
    return v.node;
  };
  const edges = new Map<string, DrawnEdge>();
  for (const p of paths) {
    node(p.entry, true);
    for (const h of p.hops) {
      const from = node(h.from, false);
      const to = node(h.to, false);
      const key = `${from}>${to}>${h.edge}`;
      const e = edges.get(key);
      if (e) e.conditional &&= h.conditional === true;
      else edges.set(key, { from, to, label: h.edge, conditional: h.conditional === true });
    }
  }
  return { vertices: [...nodes.values()], edges: [...edges.values()] };
}

export const TARGET_KINDS_DRAWN: ReadonlySet<string> = new Set(['node-root', 'cluster-admin', 'cloud-identity']);

/** Labels come from the cluster: one line, bounded length. */
export function boundedLabel(s: string, max = 160): string {
  // eslint-disable-next-line no-control-regex
  const flat = s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g, ' ');
  const chars = Array.from(flat);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : flat;
}
