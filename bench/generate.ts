// Writes a synthetic large managed cluster as a snapshot: bench/out/<name>.snapshot.json.gz (bench/out is ignored by
// git). Deterministic: the same options give the same bytes.
// Run: npx tsx bench/generate.ts [--pods 150000] [--nodes 5000] [--namespaces 2000] [--bindings 20000]
//      [--netpols 5000] [--provider eks|aks|gke] [--seed 16] [--name NAME] [--out FILE]
// Options left out scale with --pods (a 15,000-pod cluster gets 500 nodes, 200 namespaces, …).
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Provider } from '../src/model/types.ts';
import { generateCluster, scaledSize } from './lib/cluster.ts';
import { writeSnapshot } from './lib/write.ts';

const { values } = parseArgs({
  options: {
    pods: { type: 'string', default: '150000' },
    nodes: { type: 'string' },
    namespaces: { type: 'string' },
    bindings: { type: 'string' },
    netpols: { type: 'string' },
    provider: { type: 'string', default: 'eks' },
    seed: { type: 'string', default: '16' },
    name: { type: 'string' },
    out: { type: 'string' },
  },
});

const provider = values.provider as Provider;
if (!['eks', 'aks', 'gke'].includes(provider)) throw new Error(`--provider must be eks, aks or gke`);
const size = scaledSize(Number(values.pods));
const num = (v: string | undefined, d: number): number => (v === undefined ? d : Number(v));
const options = {
  provider,
  seed: Number(values.seed),
  pods: size.pods,
  nodes: num(values.nodes, size.nodes),
  namespaces: num(values.namespaces, size.namespaces),
  bindings: num(values.bindings, size.bindings),
  netpols: num(values.netpols, size.netpols),
};
const name = values.name ?? `${provider}-${options.pods}`;
const file = values.out ?? fileURLToPath(new URL(`./out/${name}.snapshot.json.gz`, import.meta.url));

const t0 = performance.now();
const g = generateCluster(options);
const result = await writeSnapshot(file, g);
const seconds = (performance.now() - t0) / 1000;
const c = (k: string) => g.counts.get(k) ?? 0;
console.log(
  `${file}: ${result.objects} objects (${c('Pod')} pods, ${c('Node')} nodes, ${c('Namespace')} namespaces, ` +
    `${c('Deployment')} deployments, ${c('ReplicaSet')} replicasets, ${c('StatefulSet')} statefulsets, ` +
    `${c('RoleBinding') + c('ClusterRoleBinding')} bindings, ${c('NetworkPolicy')} network policies)`,
);
console.log(
  `${(result.bytes / 2 ** 20).toFixed(0)} MiB of JSON, ${(statSync(file).size / 2 ** 20).toFixed(0)} MiB written, ` +
    `in ${seconds.toFixed(1)} s; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`,
);
