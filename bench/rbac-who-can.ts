// Benchmark of the RBAC engine on the RBAC of a synthetic large managed cluster from the benchmarks' one generator
// (bench/lib/cluster.ts): by default 20,000 bindings (RoleBindings to Roles and ClusterRoles across 2,000 namespaces,
// ClusterRoleBindings, some to cluster-admin) over the provider's demo RBAC and the upstream bootstrap policy, with
// operator ClusterRoles aggregated into admin/edit/view. Times the index build and who-can / can / dangerous-grants.
// Run: npx tsx bench/rbac-who-can.ts [--pods 150000] [--provider eks|aks|gke] [--namespaces N] [--bindings N]
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { Provider } from '../src/model/types.ts';
import { buildRbacIndex, can, dangerousGrants } from '../src/rbac/index.ts';
import { generateSnapshot, scaledSize } from './lib/cluster.ts';
import { createRng } from './lib/prng.ts';
import { whoCanQuestions } from './lib/steps.ts';

const { values } = parseArgs({
  options: {
    pods: { type: 'string', default: '150000' },
    provider: { type: 'string', default: 'eks' },
    namespaces: { type: 'string' },
    bindings: { type: 'string' },
  },
});
const size = scaledSize(Number(values.pods));
const RBAC_KINDS = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'ServiceAccount', 'Namespace']);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const r = fn();
  return [r, performance.now() - t0];
}

const [snap, genMs] = time(() =>
  generateSnapshot(
    {
      ...size,
      provider: values.provider as Provider,
      namespaces: values.namespaces === undefined ? size.namespaces : Number(values.namespaces),
      bindings: values.bindings === undefined ? size.bindings : Number(values.bindings),
    },
    RBAC_KINDS,
  ),
);
const objects = snap.objects;
const bindingCount = objects.filter((o) => o.kind.endsWith('Binding')).length;
const namespaces = objects.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name ?? '');
console.log(
  `generated ${objects.length} objects (${bindingCount} bindings, ${namespaces.length} namespaces) in ${genMs.toFixed(0)} ms`,
);

const builds: number[] = [];
let index = buildRbacIndex(objects);
for (let i = 0; i < 5; i++) {
  const [idx, ms] = time(() => buildRbacIndex(objects));
  index = idx;
  builds.push(ms);
}
builds.sort((a, b) => a - b);
console.log(`index build: median ${percentile(builds, 50).toFixed(1)} ms over ${builds.length} runs`);

const ROUNDS = 30;
const ns = namespaces.find((n) => /^[a-z]+-\d{4}$/.test(n)) ?? 'default';
const figures = whoCanQuestions(index, ns, ROUNDS);
console.log(`\nwho-can (${ROUNDS} runs each)                answers    p50 ms   p99 ms`);
for (const q of figures.questions) {
  console.log(
    `${q.question.padEnd(44)} ${String(q.answers).padStart(7)} ${q.p50Ms.toFixed(2).padStart(9)} ${q.p99Ms.toFixed(2).padStart(8)}`,
  );
}
console.log(`all who-can queries: p50 ${figures.p50Ms.toFixed(2)} ms, p99 ${figures.p99Ms.toFixed(2)} ms`);

const accounts = objects.filter((o) => o.kind === 'ServiceAccount').map((o) => o.metadata);
const rng = createRng(42);
const canSamples: number[] = [];
for (let i = 0; i < 2000; i++) {
  const md = rng.pick(accounts);
  const principal = { kind: 'ServiceAccount' as const, name: md.name ?? '', namespace: md.namespace ?? 'default' };
  const [, ms] = time(() =>
    can(index, principal, { verb: 'get', resource: 'configmaps', name: 'app-config', namespace: principal.namespace }),
  );
  canSamples.push(ms);
}
canSamples.sort((a, b) => a - b);
console.log(
  `can (2000 random service accounts): p50 ${percentile(canSamples, 50).toFixed(3)} ms, p99 ${percentile(canSamples, 99).toFixed(3)} ms`,
);

const [dangers, dangerMs] = time(() => dangerousGrants(index));
console.log(`dangerous grants: ${dangers.length} subjects hold at least one, computed in ${dangerMs.toFixed(0)} ms`);
