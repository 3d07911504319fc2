// Blast radius of each provider component: what an attacker who controls it (a compromised image, a malicious
// config change, a vulnerable endpoint) reaches. Targets come from the same shortest-path search; counts from a
// forward walk, once without and once with the over-approximate steps (pods that may share a node).
import type { Model } from '../model/build.ts';
import type { Provider } from '../model/types.ts';
import { attackGraph } from './build.ts';
import { buildPath, distancesTo, routeFrom } from './search.ts';
import type { AttackGraph, AttackPath, BlastRadius, ReachCounts, TargetKind } from './types.ts';
import { TARGET_KINDS } from './types.ts';

function reach(graph: AttackGraph, starts: readonly number[], withOverApproximate: boolean): Uint8Array {
  const seen = new Uint8Array(graph.vertices.length);
  const stack = [...starts];
  for (const s of starts) seen[s] = 1;
  while (stack.length > 0) {
    const v = stack.pop()!;
    for (const ei of graph.out[v]!) {
      const e = graph.edges[ei]!;
      if (!withOverApproximate && e.overApproximate === true) continue;
      if (seen[e.to] === 1) continue;
      seen[e.to] = 1;
      stack.push(e.to);
    }
  }
  return seen;
}

function counts(graph: AttackGraph, seen: Uint8Array, own: ReadonlySet<number>): ReachCounts {
  let serviceAccounts = 0;
  let workloads = 0;
  const secretNamespaces: string[] = [];
  graph.vertices.forEach((v, i) => {
    if (seen[i] !== 1) return;
    if (v.kind === 'serviceaccount') serviceAccounts++;
    else if (v.kind === 'workload' && !own.has(i)) workloads++;
    else if (v.kind === 'secrets') secretNamespaces.push(v.namespace ?? '*');
  });
  return { serviceAccounts, workloads, secretNamespaces: secretNamespaces.sort() };
}

export function blastRadiusIn(graph: AttackGraph): BlastRadius[] {
  const components = new Map<string, { indexes: number[]; class: BlastRadius['class']; provider?: Provider }>();
  graph.vertices.forEach((v, i) => {
    if (v.kind !== 'workload' || v.class === undefined || v.class === 'workload') return;
    const key = v.component ?? v.label;
    let c = components.get(key);
    if (!c) components.set(key, (c = { indexes: [], class: v.class }));
    c.indexes.push(i);
    const p = v.component?.split('/')[0];
    if (p === 'eks' || p === 'aks' || p === 'gke') c.provider = p;
  });
  const out: BlastRadius[] = [];
  for (const [component, c] of [...components].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const targets: Partial<Record<TargetKind, AttackPath>> = {};
    for (const target of TARGET_KINDS) {
      const d = distancesTo(graph, target);
      let best: number | undefined;
      for (const i of c.indexes) if (best === undefined || d.dist[i]! < d.dist[best]!) best = i;
      if (best === undefined) continue;
      const route = routeFrom(graph, d, best);
      if (route && route.length > 0) targets[target] = buildPath(graph, best, target, route);
    }
    const own = new Set(c.indexes);
    const entry: BlastRadius = {
      component,
      class: c.class,
      workloads: c.indexes.map((i) => graph.vertices[i]!.id),
      targets,
      definite: counts(graph, reach(graph, c.indexes, false), own),
      possible: counts(graph, reach(graph, c.indexes, true), own),
    };
    if (c.provider) entry.provider = c.provider;
    out.push(entry);
  }
  return out;
}

/** What each provider component (middleware, agent, core) reaches when an attacker controls it. */
export function blastRadius(model: Model): BlastRadius[] {
  return blastRadiusIn(attackGraph(model));
}
