// Shortest attack paths. Edges carry small integer weights (0 membership and hub legs, 1 a direct step, 2–3 a step
// that needs more work or may not hold), so the search is Dijkstra rather than BFS: a two-step route through a
// certain DaemonSet token beats a one-step guess. It runs once per target over the reversed graph, which gives every
// vertex its cheapest route to that target at once; each entry's path is then read off in O(length).
import { createHash } from 'node:crypto';
import type { Model } from '../model/build.ts';
import { attackGraph } from './build.ts';
import type {
  AttackGraph,
  AttackPath,
  EntryKind,
  FindPathsOptions,
  PathHop,
  PathsResult,
  PathsSummary,
  TargetKind,
  TargetSummary,
  Vertex,
} from './types.ts';
import { TARGET_KINDS } from './types.ts';

export interface Distances {
  /** Cost to the target; Infinity when unreachable. */
  dist: Float64Array;
  /** Edges on that route (ties broken by fewer edges). */
  steps: Int32Array;
  /** The first edge of the route, or -1. */
  next: Int32Array;
}

/** A binary min-heap of vertex indexes ordered by (cost, steps, index): deterministic ties. */
class Heap {
  private readonly items: number[] = [];
  constructor(
    private readonly dist: Float64Array,
    private readonly steps: Int32Array,
  ) {}
  get size(): number {
    return this.items.length;
  }
  private less(a: number, b: number): boolean {
    const da = this.dist[a]!;
    const db = this.dist[b]!;
    if (da !== db) return da < db;
    const sa = this.steps[a]!;
    const sb = this.steps[b]!;
    return sa !== sb ? sa < sb : a < b;
  }
  push(v: number): void {
    const a = this.items;
    a.push(v);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(a[i]!, a[p]!)) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }
  pop(): number {
    const a = this.items;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l]!, a[m]!)) m = l;
        if (r < a.length && this.less(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}

const distanceCache = new WeakMap<AttackGraph, Map<TargetKind, Distances>>();

/** Cheapest route from every vertex to the target: Dijkstra over incoming edges (lazy deletion). */
export function distancesTo(graph: AttackGraph, target: TargetKind): Distances {
  let byTarget = distanceCache.get(graph);
  if (!byTarget) distanceCache.set(graph, (byTarget = new Map<TargetKind, Distances>()));
  const hit = byTarget.get(target);
  if (hit) return hit;
  const n = graph.vertices.length;
  const dist = new Float64Array(n).fill(Infinity);
  const steps = new Int32Array(n).fill(0x7fffffff);
  const next = new Int32Array(n).fill(-1);
  const done = new Uint8Array(n);
  const t = graph.targets[target];
  dist[t] = 0;
  steps[t] = 0;
  const heap = new Heap(dist, steps);
  heap.push(t);
  while (heap.size > 0) {
    const v = heap.pop();
    if (done[v] === 1) continue;
    done[v] = 1;
    for (const ei of graph.in[v]!) {
      const e = graph.edges[ei]!;
      const u = e.from;
      if (done[u] === 1) continue;
      const d = dist[v]! + e.weight;
      const s = steps[v]! + 1;
      if (d < dist[u]! || (d === dist[u]! && s < steps[u]!)) {
        dist[u] = d;
        steps[u] = s;
        next[u] = ei;
        heap.push(u);
      }
    }
  }
  const out = { dist, steps, next };
  byTarget.set(target, out);
  return out;
}

export function entryKindOf(v: Vertex): EntryKind {
  switch (v.kind) {
    case 'anonymous':
    case 'authenticated':
    case 'serviceaccount':
    case 'user':
    case 'group':
      return v.kind;
    case 'workload':
      return v.class === undefined || v.class === 'workload' ? 'workload' : 'provider-workload';
    default:
      return 'other';
  }
}

const IMPACT: Record<TargetKind, number> = { 'cluster-admin': 1, 'node-root': 0.8, 'cloud-identity': 0.7 };
/** How many attackers stand at the entry: anyone on the network, anyone with a login, one compromised app… */
const BREADTH: Record<EntryKind, number> = {
  anonymous: 1,
  authenticated: 0.9,
  workload: 0.6,
  serviceaccount: 0.5,
  'provider-workload': 0.4,
  user: 0.4,
  group: 0.4,
  other: 0.3,
};

/** Each extra unit of cost keeps 85%; each step that depends on what kubeseam cannot see keeps 70%. */
export function scoreOf(target: TargetKind, entry: EntryKind, cost: number, conditionalHops = 0): number {
  const raw = 100 * IMPACT[target] * BREADTH[entry] * 0.85 ** Math.max(0, cost - 1) * 0.7 ** conditionalHops;
  return Math.round(raw * 10) / 10;
}

/** Edge indexes from `start` to the target, or undefined. */
export function routeFrom(graph: AttackGraph, d: Distances, start: number): number[] | undefined {
  if (!Number.isFinite(d.dist[start]!)) return undefined;
  const out: number[] = [];
  let v = start;
  while (d.next[v] !== -1) {
    const ei = d.next[v]!;
    out.push(ei);
    v = graph.edges[ei]!.to;
    if (out.length > graph.vertices.length) return undefined; // cannot happen with non-negative weights
  }
  return out;
}

/** Hops as people read them: consecutive steps through hub vertices become one hop. */
export function hopsOf(graph: AttackGraph, route: readonly number[]): PathHop[] {
  const hops: PathHop[] = [];
  let group: number[] = [];
  for (const ei of route) {
    group.push(ei);
    const e = graph.edges[ei]!;
    if (graph.vertices[e.to]!.virtual === true) continue;
    const legs = group.map((i) => graph.edges[i]!);
    const first = legs[0]!;
    const hop: PathHop = {
      from: graph.vertices[first.from]!.id,
      to: graph.vertices[e.to]!.id,
      edge: first.kind,
      explanation: legs.map((l) => l.explanation).join('; '),
      evidence: legs.flatMap((l) => l.evidence),
    };
    if (legs.some((l) => l.conditional === true)) hop.conditional = true;
    if (legs.some((l) => l.overApproximate === true)) hop.overApproximate = true;
    hops.push(hop);
    group = [];
  }
  return hops;
}

export function pathId(hops: readonly PathHop[]): string {
  const key = hops.map((h) => `${h.from}\t${h.edge}\t${h.to}`).join('\n');
  return createHash('sha256').update(key).digest('hex').slice(0, 12);
}

export function buildPath(graph: AttackGraph, start: number, target: TargetKind, route: readonly number[]): AttackPath {
  const hops = hopsOf(graph, route);
  const cost = route.reduce((sum, ei) => sum + graph.edges[ei]!.weight, 0);
  const entryKind = entryKindOf(graph.vertices[start]!);
  return {
    id: pathId(hops),
    entry: graph.vertices[start]!.id,
    entryKind,
    target,
    length: hops.length,
    cost,
    score: scoreOf(target, entryKind, cost, hops.filter((h) => h.conditional === true).length),
    hops,
  };
}

export function comparePaths(a: AttackPath, b: AttackPath): number {
  return b.score - a.score || a.cost - b.cost || a.length - b.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Resolves `from` values: exact ids, `workload:ns/name` for every kind of that name, and a few aliases. */
export function resolveFrom(graph: AttackGraph, from: readonly string[]): { found: number[]; unknown: string[] } {
  const found = new Set<number>();
  const unknown: string[] = [];
  for (const raw of from) {
    const id = aliasOf(raw.trim());
    const exact = graph.byId.get(id);
    if (exact !== undefined) {
      found.add(exact);
      continue;
    }
    const kinds = graph.vertices.flatMap((v, i) => (v.id.startsWith(`${id}@`) ? [i] : []));
    if (kinds.length > 0) for (const i of kinds) found.add(i);
    else unknown.push(raw);
  }
  return { found: [...found], unknown };
}

function aliasOf(s: string): string {
  if (s === 'system:authenticated' || s === 'group:system:authenticated') return 'authenticated';
  if (s === 'system:anonymous' || s === 'user:system:anonymous' || s === 'group:system:unauthenticated')
    return 'anonymous';
  const sa = /^(?:system:serviceaccount:|sa:|serviceaccount:)([^:/]+)[:/]([^:/]+)$/.exec(s);
  if (sa) return `sa:${sa[1]!}:${sa[2]!}`;
  return s;
}

const BROADER: ReadonlySet<string> = new Set(['authenticated', 'anonymous']);

/** Hop count and conditional hops of a route, as hopsOf would make them, without building the hops. */
function hopStats(graph: AttackGraph, route: readonly number[]): { length: number; conditional: number } {
  let length = 0;
  let conditional = 0;
  let open = false;
  for (const ei of route) {
    const e = graph.edges[ei]!;
    if (e.conditional === true) open = true;
    if (graph.vertices[e.to]!.virtual === true) continue;
    length++;
    if (open) conditional++;
    open = false;
  }
  return { length, conditional };
}

/**
 * The routes that can rank among the first `limit` by comparePaths (score, cost, length, then id): all of them when
 * there is no limit; otherwise the first `limit` by score, cost and length, and every route tied with the last of
 * those, whose order only the id decides. Found order is kept, so that sorting the built paths gives what sorting
 * all of them would. A scan lists 20 paths of tens of thousands; building each one (hops, evidence, id) is the cost.
 */
function rankable<T extends { score: number; cost: number; length: number }>(all: T[], limit: number | undefined): T[] {
  if (limit === undefined || all.length <= limit) return all;
  if (limit === 0) return [];
  const before = (a: T, b: T): number => b.score - a.score || a.cost - b.cost || a.length - b.length;
  const last = [...all].sort(before)[limit - 1]!;
  return all.filter((r) => before(r, last) <= 0);
}

export function findPathsIn(graph: AttackGraph, options: FindPathsOptions = {}): PathsResult {
  const explicit = options.from !== undefined;
  const { found, unknown } = explicit
    ? resolveFrom(graph, options.from ?? [])
    : { found: [...graph.entries], unknown: [] };
  const targets = TARGET_KINDS.filter((t) => options.to === undefined || options.to.includes(t));
  // Every route found, with what ranking needs; full paths (hops, evidence, id) are built for the ranked ones only.
  const routes: { start: number; target: TargetKind; route: number[]; score: number; cost: number; length: number }[] =
    [];
  let covered = 0;
  const perTarget = {} as Record<TargetKind, TargetSummary>;
  for (const target of TARGET_KINDS) perTarget[target] = { entries: 0, byEntryKind: {} };
  for (const target of targets) {
    const d = distancesTo(graph, target);
    const summary = perTarget[target];
    for (const start of found) {
      if (start === graph.targets[target]) continue;
      const route = routeFrom(graph, d, start);
      if (route === undefined || route.length === 0) continue;
      const kind = entryKindOf(graph.vertices[start]!);
      summary.entries++;
      summary.byEntryKind[kind] = (summary.byEntryKind[kind] ?? 0) + 1;
      const cost = d.dist[start]!;
      if (summary.cheapest === undefined || cost < summary.cheapest) summary.cheapest = cost;
      // Reported once, under the broadest entry it runs through: "any authenticated user" covers each account.
      if (!explicit && !BROADER.has(graph.vertices[start]!.id)) {
        const through = route.some((ei) => BROADER.has(graph.vertices[graph.edges[ei]!.to]!.id));
        if (through) {
          covered++;
          continue;
        }
      }
      const { length, conditional } = hopStats(graph, route);
      // The sum buildPath takes, so that ranking here and there agree to the last bit.
      const routeCost = route.reduce((sum, ei) => sum + graph.edges[ei]!.weight, 0);
      const score = scoreOf(target, kind, routeCost, conditional);
      routes.push({ start, target, route, score, cost: routeCost, length });
    }
  }
  const limit = options.limit !== undefined && options.limit >= 0 ? options.limit : undefined;
  const paths = rankable(routes, limit).map((r) => buildPath(graph, r.start, r.target, r.route));
  paths.sort(comparePaths);
  const listed = limit !== undefined ? paths.slice(0, limit) : paths;
  const vertices: PathsResult['vertices'] = {};
  for (const p of listed) {
    for (const id of [p.entry, ...p.hops.map((h) => h.to)]) {
      const v = graph.vertices[graph.byId.get(id)!]!;
      vertices[id] = { kind: v.kind, label: v.label };
    }
  }
  const byKind: PathsSummary['graph']['byKind'] = {};
  for (const e of graph.edges) byKind[e.kind] = (byKind[e.kind] ?? 0) + 1;
  return {
    paths: listed,
    vertices,
    summary: {
      provider: graph.provider,
      graph: { vertices: graph.vertices.length, edges: graph.edges.length, byKind },
      entriesEvaluated: found.length,
      targets: perTarget,
      paths: routes.length,
      coveredByBroaderEntry: covered,
      unknownFrom: unknown,
      notes: [...graph.notes],
    },
  };
}

/** Shortest, ranked attack paths from the entries to the targets. */
export function findPaths(model: Model, options: FindPathsOptions = {}): PathsResult {
  return findPathsIn(attackGraph(model), options);
}
