// Benchmark of the RBAC engine on a synthetic large cluster: 20,000 bindings (RoleBindings to Roles and ClusterRoles
// across 2,000 namespaces, plus ClusterRoleBindings), over the upstream bootstrap policy with aggregated admin/edit/view
// and extra ClusterRoles aggregated into them. Times the index build and who-can / can / dangerous-grants queries.
// Run: npx tsx bench/rbac-who-can.ts [namespaces=2000] [bindings=20000]
import { performance } from 'node:perf_hooks';
import { loadBootstrapPolicy } from '../test/fixtures/rbac/load.ts';
import type { KubeObject } from '../src/model/k8s.ts';
import { ALL_NAMESPACES, buildRbacIndex, can, dangerousGrants, whoCan, type AccessRequest } from '../src/rbac/index.ts';

const NAMESPACES = Number(process.argv[2] ?? 2000);
const BINDINGS = Number(process.argv[3] ?? 20000);
const RBAC = 'rbac.authorization.k8s.io/v1';
const AGG = 'rbac.authorization.k8s.io/aggregate-to-';

// Deterministic pseudo-random numbers, so every run measures the same cluster.
let seed = 42;
function rand(): number {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
}
function pick<T>(xs: readonly T[]): T {
  return xs[Math.floor(rand() * xs.length)]!;
}

const rule = (apiGroups: string[], resources: string[], verbs: string[], resourceNames?: string[]) =>
  resourceNames === undefined ? { apiGroups, resources, verbs } : { apiGroups, resources, verbs, resourceNames };

function generate(): KubeObject[] {
  const objects: KubeObject[] = [...loadBootstrapPolicy()];
  const clusterRoleNames = ['admin', 'edit', 'view', 'cluster-admin', 'system:kube-dns'];

  // Operator ClusterRoles, some aggregated into admin/edit/view as CRD-shipping operators do.
  const groups = ['cert-manager.io', 'monitoring.coreos.com', 'argoproj.io', 'example.com', 'kafka.strimzi.io'];
  for (let i = 0; i < 300; i++) {
    const group = pick(groups);
    const name = `operator-${i}`;
    const labels: Record<string, string> = {};
    if (i % 3 === 0) labels[`${AGG}${pick(['admin', 'edit', 'view'])}`] = 'true';
    objects.push({
      apiVersion: RBAC,
      kind: 'ClusterRole',
      metadata: { name, labels },
      rules: [
        rule([group], [`kind${i}s`, `kind${i}s/status`], ['get', 'list', 'watch']),
        rule([''], pick([['configmaps'], ['secrets'], ['pods', 'pods/log'], ['events']]), ['get', 'list', 'watch']),
        rule(['apps'], pick([['deployments'], ['daemonsets'], ['statefulsets']]), pick([['get'], ['patch', 'update']])),
        ...(i % 10 === 0 ? [rule([''], ['pods/exec'], ['create'])] : []),
        ...(i % 25 === 0 ? [rule(['*'], ['*/scale'], ['get', 'update'])] : []),
      ],
    });
    clusterRoleNames.push(name);
  }

  const namespaces = Array.from({ length: NAMESPACES }, (_, i) => `ns-${i}`);
  for (const ns of namespaces) {
    objects.push(
      {
        apiVersion: RBAC,
        kind: 'Role',
        metadata: { name: 'app-reader', namespace: ns },
        rules: [rule([''], ['configmaps', 'pods'], ['get', 'list'])],
      },
      {
        apiVersion: RBAC,
        kind: 'Role',
        metadata: { name: 'app-deployer', namespace: ns },
        rules: [
          rule(['apps'], ['deployments', 'deployments/scale'], ['get', 'update', 'patch']),
          rule([''], ['pods'], ['create', 'delete']),
        ],
      },
      {
        apiVersion: RBAC,
        kind: 'Role',
        metadata: { name: 'config-editor', namespace: ns },
        rules: [rule([''], ['configmaps', 'secrets'], ['get', 'update'], ['app-config', 'app-secret'])],
      },
    );
  }

  const subject = (ns: string) => {
    const r = rand();
    if (r < 0.5) return { kind: 'ServiceAccount', name: `sa-${Math.floor(rand() * 20)}`, namespace: ns };
    if (r < 0.8) return { kind: 'User', name: `user-${Math.floor(rand() * 5000)}@example.com` };
    return { kind: 'Group', name: `team-${Math.floor(rand() * 400)}` };
  };
  const clusterBindings = Math.round(BINDINGS / 10);
  for (let i = 0; i < BINDINGS; i++) {
    const subjects = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => subject(pick(namespaces)));
    if (i < clusterBindings) {
      const role = rand() < 0.02 ? 'cluster-admin' : pick(clusterRoleNames.slice(3));
      objects.push({
        apiVersion: RBAC,
        kind: 'ClusterRoleBinding',
        metadata: { name: `crb-${i}` },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
        subjects,
      });
      continue;
    }
    const ns = namespaces[i % namespaces.length]!;
    const toRole = rand() < 0.4;
    const roleRef = toRole
      ? {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'Role',
          name: pick(['app-reader', 'app-deployer', 'config-editor']),
        }
      : {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'ClusterRole',
          name: pick(['admin', 'edit', 'view', 'view', pick(clusterRoleNames)]),
        };
    objects.push({
      apiVersion: RBAC,
      kind: 'RoleBinding',
      metadata: { name: `rb-${i}`, namespace: ns },
      roleRef,
      subjects,
    });
  }
  return objects;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const r = fn();
  return [r, performance.now() - t0];
}

const [objects, genMs] = time(generate);
const bindingCount = objects.filter((o) => o.kind.endsWith('Binding')).length;
console.log(
  `generated ${objects.length} objects (${bindingCount} bindings, ${NAMESPACES} namespaces) in ${genMs.toFixed(0)} ms`,
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

const questions: [string, AccessRequest][] = [
  ['create pods/exec -A', { verb: 'create', resource: 'pods', subresource: 'exec', namespace: ALL_NAMESPACES }],
  ['get secrets -n ns-42', { verb: 'get', resource: 'secrets', namespace: 'ns-42' }],
  ['get secrets -A', { verb: 'get', resource: 'secrets', namespace: ALL_NAMESPACES }],
  [
    'update configmaps app-config -n ns-7',
    { verb: 'update', resource: 'configmaps', name: 'app-config', namespace: 'ns-7' },
  ],
  ['patch daemonsets.apps -n ns-7', { verb: 'patch', apiGroup: 'apps', resource: 'daemonsets', namespace: 'ns-7' }],
  [
    'update deployments/scale -n ns-1',
    { verb: 'update', apiGroup: 'apps', resource: 'deployments', subresource: 'scale', namespace: 'ns-1' },
  ],
  ['list nodes', { verb: 'list', resource: 'nodes' }],
  ['get /metrics', { verb: 'get', nonResourceURL: '/metrics' }],
  ['escalate clusterroles', { verb: 'escalate', apiGroup: 'rbac.authorization.k8s.io', resource: 'clusterroles' }],
  ['impersonate users', { verb: 'impersonate', resource: 'users' }],
];

const ROUNDS = 30;
console.log(`\nwho-can (${ROUNDS} runs each)      answers   grants    p50 ms   p99 ms`);
const all: number[] = [];
for (const [label, request] of questions) {
  const samples: number[] = [];
  let answers = 0;
  let grants = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const [result, ms] = time(() => whoCan(index, request));
    samples.push(ms);
    answers = result.length;
    grants = result.reduce((n, a) => n + a.grants.length, 0);
  }
  samples.sort((a, b) => a - b);
  all.push(...samples);
  console.log(
    `${label.padEnd(38)} ${String(answers).padStart(7)} ${String(grants).padStart(8)} ${percentile(samples, 50).toFixed(2).padStart(9)} ${percentile(samples, 99).toFixed(2).padStart(8)}`,
  );
}
all.sort((a, b) => a - b);
console.log(`all who-can queries: p50 ${percentile(all, 50).toFixed(2)} ms, p99 ${percentile(all, 99).toFixed(2)} ms`);

const canSamples: number[] = [];
for (let i = 0; i < 2000; i++) {
  const ns = `ns-${Math.floor(rand() * NAMESPACES)}`;
  const principal = { kind: 'ServiceAccount' as const, name: `sa-${Math.floor(rand() * 20)}`, namespace: ns };
  const [, ms] = time(() =>
    can(index, principal, { verb: 'get', resource: 'configmaps', name: 'app-config', namespace: ns }),
  );
  canSamples.push(ms);
}
canSamples.sort((a, b) => a - b);
console.log(
  `can (2000 random service accounts): p50 ${percentile(canSamples, 50).toFixed(3)} ms, p99 ${percentile(canSamples, 99).toFixed(3)} ms`,
);

const [dangers, dangerMs] = time(() => dangerousGrants(index));
console.log(`dangerous grants: ${dangers.length} subjects hold at least one, computed in ${dangerMs.toFixed(0)} ms`);
