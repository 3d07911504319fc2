// Benchmark of the attack graph on a synthetic large managed cluster from the benchmarks' one generator
// (bench/lib/cluster.ts): by default the largest, 150,000 pods on 5,000 nodes in 2,000 namespaces with 20,000 RBAC
// bindings and 5,000 NetworkPolicies, provider middleware DaemonSets on every node. The model is built as a scan
// builds it (buildModel, classification), then graph construction, all paths from all entries to all targets, and
// the blast radius of every provider component are timed.
// Run: npx tsx bench/paths.ts [--pods 150000] [--provider eks|aks|gke] [--nodes N] [--namespaces N] [--bindings N]
//      [--netpols N] [--snapshot FILE]   (--snapshot reads a file from bench/generate.ts instead of generating)
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { classify } from '../src/analyze.ts';
import { buildModel, type Model } from '../src/model/build.ts';
import type { Provider, Snapshot } from '../src/model/types.ts';
import { attackGraph, blastRadius, findPaths, type TargetKind } from '../src/paths/index.ts';
import { readSnapshotFile, snapshotObjects } from '../src/sources/snapshot.ts';
import { generateSnapshot, scaledSize } from './lib/cluster.ts';

const { values } = parseArgs({
  options: {
    pods: { type: 'string', default: '150000' },
    provider: { type: 'string', default: 'eks' },
    nodes: { type: 'string' },
    namespaces: { type: 'string' },
    bindings: { type: 'string' },
    netpols: { type: 'string' },
    snapshot: { type: 'string' },
  },
});

/** Wall time, and CPU time of this process (figures stay meaningful on a busy machine). */
let cpuMs = 0;
function time<T>(fn: () => T): [T, number] {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = fn();
  const c = process.cpuUsage(c0);
  cpuMs = (c.user + c.system) / 1000;
  return [r, performance.now() - t0];
}
const cpu = (): string => `cpu ${cpuMs.toFixed(0)} ms`;

async function load(): Promise<Snapshot> {
  if (values.snapshot) return readSnapshotFile(values.snapshot);
  const size = scaledSize(Number(values.pods));
  const num = (v: string | undefined, d: number): number => (v === undefined ? d : Number(v));
  return generateSnapshot({
    provider: values.provider as Provider,
    pods: size.pods,
    nodes: num(values.nodes, size.nodes),
    namespaces: num(values.namespaces, size.namespaces),
    bindings: num(values.bindings, size.bindings),
    netpols: num(values.netpols, size.netpols),
  });
}

const t0 = performance.now();
const snap = await load();
const [model, modelMs] = time((): Model => {
  const m = buildModel({
    objects: snapshotObjects(snap, { cluster: snap.cluster.name ?? 'bench' }),
    cluster: snap.cluster,
    coverage: snap.coverage,
    sourceKind: 'snapshot',
  });
  classify(m);
  return m;
});
const pods = model.byKind.get('Pod')?.length ?? 0;
const bindingCount =
  (model.byKind.get('RoleBinding')?.length ?? 0) + (model.byKind.get('ClusterRoleBinding')?.length ?? 0);
console.log(
  `synthetic cluster: ${model.nodes.length} nodes, ${pods} pods in ${model.workloads.length} workloads, ` +
    `${model.namespaces.size} namespaces, ${bindingCount} bindings; loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s, ` +
    `model and classification ${modelMs.toFixed(0)} ms (${cpu()})`,
);

const [graph, graphMs] = time(() => attackGraph(model));
const graphCpu = cpuMs;
console.log(
  `graph construction: ${graphMs.toFixed(0)} ms, ${cpu()} (${graph.vertices.length} vertices, ${graph.edges.length} edges, ${graph.entries.length} entries)`,
);

const [result, pathsMs] = time(() => findPaths(model));
const pathsCpu = cpuMs;
const byTarget = (t: TargetKind): string => {
  const s = result.summary.targets[t];
  return `${t} ${s.entries} entries (cheapest ${s.cheapest ?? '-'})`;
};
console.log(
  `all paths, all entries → all targets: ${pathsMs.toFixed(0)} ms, ${cpu()} (${result.summary.paths} paths listed, ` +
    `${result.summary.coveredByBroaderEntry} covered by a broader entry)`,
);
console.log(`  ${(['cluster-admin', 'node-root', 'cloud-identity'] as const).map(byTarget).join(' · ')}`);

const [again, againMs] = time(() => findPaths(model, { limit: 20 }));
console.log(
  `ranked top 20 again (distances cached): ${againMs.toFixed(0)} ms, ${cpu()}; top score ${again.paths[0]?.score ?? '-'}`,
);

const [radius, radiusMs] = time(() => blastRadius(model));
const radiusCpu = cpuMs;
console.log(`blast radius of ${radius.length} provider components: ${radiusMs.toFixed(0)} ms, ${cpu()}`);
for (const b of radius) {
  console.log(
    `  ${b.component.padEnd(28)} targets ${Object.keys(b.targets).join(',') || '-'} · ${b.definite.serviceAccounts} SAs definite, ${b.possible.serviceAccounts} possible`,
  );
}
const total = graphMs + pathsMs + radiusMs;
const totalCpu = graphCpu + pathsCpu + radiusCpu;
console.log(
  `total (graph + paths + blast radius): ${(total / 1000).toFixed(2)} s wall, ${(totalCpu / 1000).toFixed(2)} s cpu; heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`,
);
