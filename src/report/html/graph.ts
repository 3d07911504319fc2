// The attack-path graph as inline SVG: a layered left-to-right layout (entry points on the left, targets on the
// right), drawn here so the report needs no graph library and loads nothing. Layers come from each vertex's
// furthest position along a listed path; long edges run through dummy lanes in the columns they cross (Sugiyama),
// and a few barycentre sweeps order each layer to reduce crossings. Edge labels never overlap: a label that finds
// no free spot is left out (the edge's title still names the step).
// Vertex and edge ids in the SVG are generated (n0, e0…); cluster text only ever appears escaped, in text nodes.
import type { PathsResult, VertexKind } from '../../paths/types.ts';
import { h, type Html } from './dom.ts';

export interface GraphNode {
  id: string;
  label: string;
  kind: VertexKind | 'unknown';
  entry: boolean;
  target: boolean;
  layer: number;
  order: number;
  paths: number[];
}

export interface GraphEdge {
  from: string;
  to: string;
  kinds: string[];
  conditional: boolean;
  paths: number[];
}

export interface GraphLayout {
  nodes: GraphNode[];
  edges: GraphEdge[];
  layers: number;
  /** Nodes and the dummy slots of long edges, with their order in each layer. */
  items: readonly { id: string; layer: number; order: number; dummy: boolean }[];
  /** For each edge, the dummy slots it runs through. */
  lanes: readonly (readonly string[])[];
}

const TARGETS = new Set(['node-root', 'cluster-admin', 'cloud-identity']);

/** Distinct vertices and (from, to) steps of the listed paths, with layers and an order within each layer. */
export function layoutPaths(result: PathsResult, limit = result.paths.length): GraphLayout {
  const paths = result.paths.slice(0, limit);
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  const node = (id: string, pos: number, path: number): GraphNode => {
    let n = nodes.get(id);
    if (!n) {
      const info = result.vertices[id];
      const kind = info?.kind ?? 'unknown';
      n = {
        id,
        label: info?.label ?? id,
        kind,
        entry: false,
        target: TARGETS.has(kind),
        layer: pos,
        order: nodes.size,
        paths: [],
      };
      nodes.set(id, n);
    }
    n.layer = Math.max(n.layer, pos);
    if (!n.paths.includes(path)) n.paths.push(path);
    return n;
  };
  paths.forEach((p, pi) => {
    node(p.entry, 0, pi).entry = true;
    p.hops.forEach((hop, i) => {
      node(hop.from, i, pi);
      node(hop.to, i + 1, pi);
      const key = `${hop.from}\u0000${hop.to}`;
      let e = edges.get(key);
      if (!e) edges.set(key, (e = { from: hop.from, to: hop.to, kinds: [], conditional: true, paths: [] }));
      if (!e.kinds.includes(hop.edge)) e.kinds.push(hop.edge);
      e.conditional &&= hop.conditional === true;
      if (!e.paths.includes(pi)) e.paths.push(pi);
    });
  });
  const list = [...nodes.values()];
  const maxLayer = list.reduce((m, n) => Math.max(m, n.layer), 0);
  // Targets share the last column.
  for (const n of list) if (n.target) n.layer = maxLayer;
  const layers = maxLayer + 1;
  const edgeList = [...edges.values()];

  // Long edges get one dummy slot per layer they cross (Sugiyama), so they run in their own lanes instead of
  // through the nodes of the columns they pass; the dummies take part in the ordering like nodes do.
  const items: LayoutItem[] = list.map((n) => ({ id: n.id, layer: n.layer, order: n.order, dummy: false }));
  const itemById = new Map(items.map((i) => [i.id, i]));
  const up = new Map<string, LayoutItem[]>();
  const down = new Map<string, LayoutItem[]>();
  const link = (a: LayoutItem, b: LayoutItem): void => {
    (down.get(a.id) ?? down.set(a.id, []).get(a.id))?.push(b);
    (up.get(b.id) ?? up.set(b.id, []).get(b.id))?.push(a);
  };
  const lanes: string[][] = [];
  edgeList.forEach((e, ei) => {
    const a = itemById.get(e.from);
    const b = itemById.get(e.to);
    const lane: string[] = [];
    if (a && b && b.layer > a.layer) {
      let prev = a;
      for (let l = a.layer + 1; l < b.layer; l++) {
        const d: LayoutItem = { id: `\u0000d${ei}:${l}`, layer: l, order: prev.order, dummy: true };
        items.push(d);
        itemById.set(d.id, d);
        lane.push(d.id);
        link(prev, d);
        prev = d;
      }
      link(prev, b);
    }
    lanes.push(lane);
  });

  const grid = (): LayoutItem[][] => {
    const out: LayoutItem[][] = Array.from({ length: layers }, () => []);
    for (const i of items) out[i.layer]?.push(i);
    for (const l of out) l.sort((x, y) => x.order - y.order).forEach((x, k) => (x.order = k));
    return out;
  };
  const bary = (ns: LayoutItem[] | undefined, fallback: number): number =>
    ns && ns.length > 0 ? ns.reduce((s, n) => s + n.order, 0) / ns.length : fallback;
  let g = grid();
  for (let iter = 0; iter < 6; iter++) {
    for (let l = 1; l < layers; l++) {
      for (const i of g[l] ?? []) i.order = bary(up.get(i.id), i.order);
      g = grid();
    }
    for (let l = layers - 2; l >= 0; l--) {
      for (const i of g[l] ?? []) i.order = bary(down.get(i.id), i.order);
      g = grid();
    }
  }
  for (const n of list) n.order = itemById.get(n.id)?.order ?? n.order;
  return { nodes: list, edges: edgeList, layers, items, lanes };
}

interface LayoutItem {
  id: string;
  layer: number;
  order: number;
  dummy: boolean;
}

const NODE_W = 224;
const NODE_H = 42;
const LANE_H = 16;
const GAP_X = 120;
const GAP_Y = 12;
const PAD = 16;
const MAX_CHARS = 29;

function truncate(s: string, max: number): string {
  const chars = Array.from(s);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : s;
}

const TARGET_SHORT: Record<string, string> = {
  'cluster-admin': 'cluster-admin',
  'node-root': 'root on a node',
  'cloud-identity': 'node cloud identity',
};

/** Caption and name lines: `DaemonSet` / `monitoring/node-exporter`; targets get a short name. */
function nodeLines(n: GraphNode): [string, string] {
  if (n.target) return ['target', TARGET_SHORT[n.kind] ?? n.label];
  const sp = n.label.indexOf(' ');
  if (sp > 0 && (n.kind === 'workload' || n.kind === 'serviceaccount' || n.kind === 'user' || n.kind === 'group')) {
    return [n.label.slice(0, sp), n.label.slice(sp + 1)];
  }
  return [n.kind, n.label];
}

/** Coordinates with one decimal: enough for the eye, and a stable output. */
const f = (n: number): string => (Math.round(n * 10) / 10).toString();

/** A smooth link between two points with horizontal tangents. */
function curve(x1: number, y1: number, x2: number, y2: number): string {
  const mx = (x1 + x2) / 2;
  return `C${f(mx)},${f(y1)} ${f(mx)},${f(y2)} ${f(x2)},${f(y2)}`;
}

/** The SVG of a layout. Nodes and edges carry `data-paths` (indexes into the ranked list) for highlighting. */
export function renderGraphSvg(layout: GraphLayout, title: string): Html {
  const cols: (typeof layout.items)[number][][] = Array.from({ length: layout.layers }, () => []);
  for (const i of layout.items) cols[i.layer]?.push(i);
  for (const c of cols) c.sort((a, b) => a.order - b.order);
  const colHeight = (c: (typeof layout.items)[number][]): number =>
    c.reduce((s, i) => s + (i.dummy ? LANE_H : NODE_H), 0) + Math.max(0, c.length - 1) * GAP_Y;
  const tallest = cols.reduce((m, c) => Math.max(m, colHeight(c)), NODE_H);
  const height = PAD * 2 + tallest;
  // Arcs between nodes of one column and their labels need room on the right.
  const sideArcs = layout.edges.some(
    (e) => layout.nodes.find((n) => n.id === e.from)?.layer === layout.nodes.find((n) => n.id === e.to)?.layer,
  );
  const width = PAD * 2 + layout.layers * NODE_W + Math.max(0, layout.layers - 1) * GAP_X + (sideArcs ? 150 : 0);
  // Top-left corner and height of every node and lane slot.
  const pos = new Map<string, { x: number; y: number; h: number }>();
  cols.forEach((c, l) => {
    let y = PAD + (tallest - colHeight(c)) / 2;
    for (const i of c) {
      const hgt = i.dummy ? LANE_H : NODE_H;
      pos.set(i.id, { x: PAD + l * (NODE_W + GAP_X), y, h: hgt });
      y += hgt + GAP_Y;
    }
  });

  // Labels never overlap: each takes a box, and a short edge tries a few spots (before its target, after its source,
  // its middle) before going without a label (its title still names the step). One label per target and kind.
  const labelled = new Set<string>();
  const boxes: { x1: number; y1: number; x2: number; y2: number }[] = [];
  const box = (
    x: number,
    y: number,
    anchor: string,
    text: string,
  ): { x1: number; y1: number; x2: number; y2: number } => {
    const w = Array.from(text).length * 6.1;
    const x1 = anchor === 'end' ? x - w : anchor === 'middle' ? x - w / 2 : x;
    return { x1, y1: y - 9, x2: x1 + w, y2: y + 2 };
  };
  const free = (b: { x1: number; y1: number; x2: number; y2: number }): boolean =>
    !boxes.some((o) => b.x1 < o.x2 && o.x1 < b.x2 && b.y1 < o.y2 && o.y1 < b.y2);
  // Lane labels first (they have nowhere else to go), and the nodes.
  layout.edges.forEach((e, i) => {
    const first = pos.get(layout.lanes[i]?.[0] ?? '');
    if (first) boxes.push(box(first.x + 6, first.y + first.h / 2 - 3, 'start', truncate(e.kinds.join(', '), 34)));
  });
  for (const n of layout.nodes) {
    const p = pos.get(n.id);
    if (p) boxes.push({ x1: p.x, y1: p.y, x2: p.x + NODE_W, y2: p.y + p.h });
  }
  const edgeEls = layout.edges.map((e, i) => {
    const a = pos.get(e.from);
    const b = pos.get(e.to);
    if (!a || !b) return null;
    const label = e.kinds.join(', ');
    const lane = layout.lanes[i] ?? [];
    let d: string;
    let lx: number;
    let ly: number;
    let anchor = 'middle';
    if (b.x > a.x) {
      let x = a.x + NODE_W;
      let y = a.y + a.h / 2;
      d = `M${f(x)},${f(y)}`;
      for (const id of lane) {
        const p = pos.get(id);
        if (!p) continue;
        const ly2 = p.y + p.h / 2;
        d += ` ${curve(x, y, p.x, ly2)} L${f(p.x + NODE_W)},${f(ly2)}`;
        x = p.x + NODE_W;
        y = ly2;
      }
      d += ` ${curve(x, y, b.x - 2, b.y + b.h / 2)}`;
      const first = lane.length > 0 ? pos.get(lane[0] ?? '') : undefined;
      if (first) {
        // On a long edge the label sits on its first lane, a straight stretch of its own.
        lx = first.x + 6;
        ly = first.y + first.h / 2 - 3;
        anchor = 'start';
      } else {
        const key = `${e.to}\u0000${label}`;
        lx = Number.NaN;
        ly = Number.NaN;
        if (!labelled.has(key)) {
          const ay = a.y + a.h / 2;
          const by = b.y + b.h / 2;
          const text = truncate(label, 34);
          const spots: [number, number, string][] = [
            [b.x - 10, by - 5, 'end'],
            [a.x + NODE_W + 8, ay - 5, 'start'],
            [(a.x + NODE_W + b.x) / 2, (ay + by) / 2 - 4, 'middle'],
            [(a.x + NODE_W + b.x) / 2, (ay + by) / 2 + 12, 'middle'],
          ];
          const spot = spots.find(([x, y, an]) => free(box(x, y, an, text)));
          if (spot) {
            [lx, ly, anchor] = spot;
            boxes.push(box(lx, ly, anchor, text));
            labelled.add(key);
          }
        }
      }
    } else if (b.x === a.x) {
      // Between two nodes of one column (one target leading to another): an arc on the right of the column.
      const x = a.x + NODE_W;
      const y1 = a.y + a.h / 2;
      const y2 = b.y + b.h / 2;
      d = `M${f(x)},${f(y1)} C${f(x + 56)},${f(y1)} ${f(x + 56)},${f(y2)} ${f(x + 2)},${f(y2)}`;
      lx = x + 48;
      ly = (y1 + y2) / 2 + 4;
      anchor = 'start';
    } else {
      // A step backwards (a cycle across paths) loops below both nodes.
      const x1 = a.x + NODE_W;
      const y1 = a.y + a.h / 2;
      const x2 = b.x - 2;
      const y2 = b.y + b.h / 2;
      d = `M${f(x1)},${f(y1)} C${f(x1 + 60)},${f(y1 + 80)} ${f(x2 - 60)},${f(y2 + 80)} ${f(x2)},${f(y2)}`;
      lx = (x1 + x2) / 2;
      ly = Math.max(y1, y2) + 60;
    }
    return h(
      'g',
      { class: `edge${e.conditional ? ' conditional' : ''}`, id: `e${i}`, 'data-paths': e.paths.join(' ') },
      h('title', null, `${label}${e.conditional ? ' (conditional)' : ''}`),
      h('path', { d, 'marker-end': 'url(#arrow)' }),
      Number.isNaN(lx)
        ? null
        : h('text', { x: f(lx), y: f(ly), 'text-anchor': anchor, class: 'edge-label' }, truncate(label, 34)),
    );
  });

  const nodeEls = layout.nodes.map((n, i) => {
    const p = pos.get(n.id);
    if (!p) return null;
    const [caption, name] = nodeLines(n);
    const cls = ['node', `k-${n.kind}`, n.entry ? 'entry' : '', n.target ? 'target' : ''].filter(Boolean).join(' ');
    return h(
      'g',
      { class: cls, id: `n${i}`, 'data-paths': n.paths.join(' '), transform: `translate(${f(p.x)},${f(p.y)})` },
      h('title', null, n.label),
      h('rect', { width: NODE_W, height: NODE_H, rx: 7, ry: 7 }),
      h('text', { x: 10, y: 16, class: 'caption' }, truncate(caption, MAX_CHARS)),
      h('text', { x: 10, y: 33, class: 'name' }, truncate(name, MAX_CHARS)),
    );
  });

  return h(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      class: 'graph',
      viewBox: `0 0 ${f(width)} ${f(height)}`,
      width: f(width),
      height: f(height),
      role: 'img',
      'aria-label': title,
      'data-nodes': layout.nodes.length,
      'data-edges': layout.edges.length,
    },
    h(
      'defs',
      null,
      h(
        'marker',
        {
          id: 'arrow',
          viewBox: '0 0 10 10',
          refX: 9,
          refY: 5,
          markerWidth: 9,
          markerHeight: 9,
          markerUnits: 'userSpaceOnUse',
          orient: 'auto-start-reverse',
        },
        h('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrowhead' }),
      ),
      h(
        'marker',
        {
          id: 'arrow-hl',
          viewBox: '0 0 10 10',
          refX: 9,
          refY: 5,
          markerWidth: 10,
          markerHeight: 10,
          markerUnits: 'userSpaceOnUse',
          orient: 'auto-start-reverse',
        },
        h('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrowhead-hl' }),
      ),
    ),
    h('g', { class: 'edges' }, edgeEls),
    h('g', { class: 'nodes' }, nodeEls),
  );
}
