// Benchmark of the attack graph on a synthetic EKS cluster: 5,000 nodes, 150,000 pods (provider DaemonSets on every
// node and ~4,000 customer Deployments across 2,000 namespaces), ~20,000 RBAC bindings over the upstream bootstrap
// policy, NetworkPolicies in a quarter of the namespaces. The Model is assembled directly (no YAML parsing, pods
// folded into their workloads as buildModel would), then graph construction, all paths from all entries to all
// targets, and the blast radius of every provider component are timed.
// Run: npx tsx bench/paths.ts [nodes=5000] [namespaces=2000] [deployments=4000] [bindings=20000]
import { performance } from 'node:perf_hooks';
import { loadBootstrapPolicy } from '../test/fixtures/rbac/load.ts';
import type { Model, NamespaceInfo } from '../src/model/build.ts';
import type { KubeObject, PodSpec } from '../src/model/k8s.ts';
import type { Classification, SourcedObject, Workload, WorkloadKind } from '../src/model/types.ts';
import { attackGraph, blastRadius, findPaths, type TargetKind } from '../src/paths/index.ts';

const NODES = Number(process.argv[2] ?? 5000);
const NAMESPACES = Number(process.argv[3] ?? 2000);
const DEPLOYMENTS = Number(process.argv[4] ?? 4000);
const BINDINGS = Number(process.argv[5] ?? 20000);
const RBAC = 'rbac.authorization.k8s.io/v1';

let seed = 7;
function rand(): number {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
}
function pick<T>(xs: readonly T[]): T {
  return xs[Math.floor(rand() * xs.length)]!;
}
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

const objects: SourcedObject[] = [];
const add = (object: KubeObject): SourcedObject => {
  const so = { object, origin: { cluster: 'bench', context: 'bench' } };
  objects.push(so);
  return so;
};
const workloads: Workload[] = [];

function workload(
  kind: WorkloadKind,
  namespace: string,
  name: string,
  spec: PodSpec,
  pods: number,
  nodes: number,
  classification: Classification,
): void {
  const apiVersion = 'apps/v1';
  const labels = { app: name };
  const object: KubeObject = {
    apiVersion,
    kind,
    metadata: { name, namespace, labels },
    spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec } },
  };
  const source = add(object);
  workloads.push({
    ref: { apiVersion, kind, namespace, name },
    origin: source.origin,
    source,
    kind,
    namespace,
    name,
    labels,
    annotations: {},
    podMeta: { labels },
    podSpec: spec,
    specPath: 'spec.template.spec',
    podCount: pods,
    nodeCount: nodes,
    inferredFromPod: false,
    serviceAccountName: spec.serviceAccountName ?? 'default',
    classification,
  });
}

const hostPath = (name: string, path: string, mountPath = path, readOnly = false) => ({
  volume: { name, hostPath: { path } },
  mount: { name, mountPath, readOnly },
});

function generate(): Model {
  // Nodes: EKS provider IDs, one node group label.
  for (let i = 0; i < NODES; i++) {
    add({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: `ip-10-${i >> 8}-${i & 255}-1.ec2.internal`,
        labels: { 'eks.amazonaws.com/nodegroup': `ng-${i % 5}` },
      },
      spec: { providerID: `aws:///us-east-1a/i-${i.toString(16).padStart(17, '0')}` },
    });
  }
  for (const o of loadBootstrapPolicy()) add(o);

  // Provider middleware on every node.
  const mw = (component: string): Classification => ({
    class: 'middleware',
    provider: 'eks',
    component,
    reason: 'bench',
  });
  const ds = (ns: string, name: string, component: string, spec: PodSpec): void =>
    workload('DaemonSet', ns, name, { serviceAccountName: name, ...spec }, NODES, NODES, mw(component));
  const cni = [hostPath('cni-bin', '/opt/cni/bin'), hostPath('cni-net', '/etc/cni/net.d')];
  ds('kube-system', 'aws-node', 'eks/vpc-cni', {
    hostNetwork: true,
    containers: [
      {
        name: 'aws-node',
        securityContext: { capabilities: { add: ['NET_ADMIN'] } },
        volumeMounts: cni.map((h) => h.mount),
      },
    ],
    initContainers: [{ name: 'aws-vpc-cni-init', securityContext: { privileged: true } }],
    volumes: cni.map((h) => h.volume),
  });
  ds('kube-system', 'kube-proxy', 'eks/kube-proxy', {
    hostNetwork: true,
    containers: [
      {
        name: 'kube-proxy',
        securityContext: { privileged: true },
        volumeMounts: [{ name: 'kube-proxy-config', mountPath: '/var/lib/kube-proxy-config' }],
      },
    ],
    volumes: [{ name: 'kube-proxy-config', configMap: { name: 'kube-proxy-config' } }],
  });
  ds('kube-system', 'ebs-csi-node', 'eks/ebs-csi-node', {
    containers: [
      {
        name: 'ebs-plugin',
        securityContext: { privileged: true },
        volumeMounts: [hostPath('kubelet', '/var/lib/kubelet').mount],
      },
    ],
    volumes: [hostPath('kubelet', '/var/lib/kubelet').volume],
  });
  ds('kube-system', 'eks-pod-identity-agent', 'eks/pod-identity-agent', {
    hostNetwork: true,
    automountServiceAccountToken: false,
    containers: [{ name: 'agent', securityContext: { capabilities: { add: ['CAP_NET_BIND_SERVICE'] } } }],
  });
  ds('amazon-cloudwatch', 'fluent-bit', 'eks/fluent-bit', {
    hostNetwork: true,
    containers: [
      {
        name: 'fluent-bit',
        volumeMounts: [
          hostPath('state', '/var/fluent-bit/state').mount,
          hostPath('varlog', '/var/log', '/var/log', true).mount,
          { name: 'cfg', mountPath: '/fluent-bit/etc/' },
        ],
      },
    ],
    volumes: [
      hostPath('state', '/var/fluent-bit/state').volume,
      hostPath('varlog', '/var/log').volume,
      { name: 'cfg', configMap: { name: 'fluent-bit-config' } },
    ],
  });
  ds('amazon-cloudwatch', 'cloudwatch-agent', 'eks/cloudwatch-agent', {
    hostNetwork: true,
    containers: [
      {
        name: 'cwagent',
        volumeMounts: [
          hostPath('rootfs', '/', '/rootfs', true).mount,
          { name: 'cfg', mountPath: '/etc/cwagentconfig' },
        ],
      },
    ],
    volumes: [hostPath('rootfs', '/').volume, { name: 'cfg', configMap: { name: 'cwagentconfig' } }],
  });
  ds('kube-system', 'eks-node-monitoring-agent', 'eks/node-monitoring-agent', {
    hostPID: true,
    containers: [{ name: 'agent', securityContext: { privileged: true } }],
  });
  for (const [ns, name] of [
    ['kube-system', 'kube-proxy-config'],
    ['amazon-cloudwatch', 'fluent-bit-config'],
    ['amazon-cloudwatch', 'cwagentconfig'],
  ] as const) {
    add({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns } });
  }
  for (const [name, rules] of [
    [
      'aws-node',
      [
        { apiGroups: [''], resources: ['pods', 'namespaces', 'nodes'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: [''], resources: ['nodes'], verbs: ['patch'] },
      ],
    ],
    [
      'fluent-bit',
      [
        {
          apiGroups: [''],
          resources: ['namespaces', 'pods', 'pods/logs', 'nodes', 'nodes/proxy'],
          verbs: ['get', 'list', 'watch'],
        },
      ],
    ],
    [
      'cloudwatch-agent',
      [
        { apiGroups: [''], resources: ['pods', 'nodes', 'endpoints'], verbs: ['list', 'watch'] },
        { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'update'] },
      ],
    ],
    ['ebs-csi-node', [{ apiGroups: [''], resources: ['nodes'], verbs: ['get', 'patch'] }]],
  ] as const) {
    const ns = name === 'fluent-bit' || name === 'cloudwatch-agent' ? 'amazon-cloudwatch' : 'kube-system';
    add({
      apiVersion: RBAC,
      kind: 'ClusterRole',
      metadata: { name: `eks:${name}` },
      rules: rules,
    });
    add({
      apiVersion: RBAC,
      kind: 'ClusterRoleBinding',
      metadata: { name: `eks:${name}` },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: `eks:${name}` },
      subjects: [{ kind: 'ServiceAccount', name, namespace: ns }],
    });
  }

  // Customer namespaces: 30% without Pod Security, a quarter with a metadata-blocking NetworkPolicy.
  const namespaces = Array.from({ length: NAMESPACES }, (_, i) => `team-${i}`);
  const nsInfo = new Map<string, NamespaceInfo>();
  for (const name of ['kube-system', 'amazon-cloudwatch', 'ci', ...namespaces]) {
    const r = rand();
    const labels: Record<string, string> =
      name.startsWith('team-') && r >= 0.3
        ? { 'pod-security.kubernetes.io/enforce': r < 0.7 ? 'baseline' : 'restricted' }
        : {};
    const so = add({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
    nsInfo.set(name, { name, labels, annotations: {}, declared: true, source: so });
    if (name.startsWith('team-') && rand() < 0.25) {
      add({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'deny-imds', namespace: name },
        spec: {
          podSelector: {},
          policyTypes: ['Egress'],
          egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } }] }],
        },
      });
    }
    for (let k = 0; k < 3; k++)
      add({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: `sa-${k}`, namespace: name } });
  }
  add({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'deployer', namespace: 'ci' } });

  // Customer Deployments: 110,000 pods in all; a few privileged or on the host network.
  const customerPods = Math.max(0, 150_000 - 7 * NODES);
  const customer: Classification = { class: 'workload', reason: 'bench' };
  for (let i = 0; i < DEPLOYMENTS; i++) {
    const ns = namespaces[i % namespaces.length]!;
    const r = rand();
    const spec: PodSpec = {
      serviceAccountName: `sa-${i % 3}`,
      containers: [
        {
          name: 'app',
          image: `registry.example.com/app-${i}:1`,
          ...(r < 0.02 ? { securityContext: { privileged: true } } : {}),
        },
      ],
      ...(r >= 0.02 && r < 0.03 ? { hostNetwork: true } : {}),
      ...(r >= 0.5 ? { automountServiceAccountToken: false } : {}),
      volumes: [{ name: 'cfg', configMap: { name: `app-${i}-config` } }],
    };
    const pods = Math.round(customerPods / DEPLOYMENTS);
    workload('Deployment', ns, `app-${i}`, spec, pods, Math.min(pods, NODES), customer);
  }

  // RBAC: per-namespace roles, ~20,000 bindings, a handful of risky grants.
  const rule = (apiGroups: string[], resources: string[], verbs: string[], resourceNames?: string[]) =>
    resourceNames ? { apiGroups, resources, verbs, resourceNames } : { apiGroups, resources, verbs };
  for (const ns of namespaces) {
    add({
      apiVersion: RBAC,
      kind: 'Role',
      metadata: { name: 'reader', namespace: ns },
      rules: [rule([''], ['pods', 'configmaps'], ['get', 'list'])],
    });
    add({
      apiVersion: RBAC,
      kind: 'Role',
      metadata: { name: 'debugger', namespace: ns },
      rules: [rule([''], ['pods/exec'], ['create'])],
    });
    add({
      apiVersion: RBAC,
      kind: 'Role',
      metadata: { name: 'config-editor', namespace: ns },
      rules: [rule([''], ['configmaps'], ['patch'], ['app-config'])],
    });
  }
  add({
    apiVersion: RBAC,
    kind: 'Role',
    metadata: { name: 'logging-config', namespace: 'amazon-cloudwatch' },
    rules: [rule([''], ['configmaps'], ['patch'])],
  });
  add({
    apiVersion: RBAC,
    kind: 'RoleBinding',
    metadata: { name: 'ci-logging', namespace: 'amazon-cloudwatch' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'logging-config' },
    subjects: [{ kind: 'ServiceAccount', name: 'deployer', namespace: 'ci' }],
  });
  const subject = () => {
    const r = rand();
    if (r < 0.6) return { kind: 'ServiceAccount', name: `sa-${Math.floor(rand() * 3)}`, namespace: pick(namespaces) };
    if (r < 0.9) return { kind: 'User', name: `user-${Math.floor(rand() * 3000)}@example.com` };
    return { kind: 'Group', name: `team-${Math.floor(rand() * 300)}` };
  };
  for (let i = 0; i < BINDINGS - 200; i++) {
    const ns = namespaces[i % namespaces.length]!;
    const toRole = rand() < 0.5;
    add({
      apiVersion: RBAC,
      kind: 'RoleBinding',
      metadata: { name: `rb-${i}`, namespace: ns },
      roleRef: toRole
        ? {
            apiGroup: 'rbac.authorization.k8s.io',
            kind: 'Role',
            name: pick(['reader', 'reader', 'debugger', 'config-editor']),
          }
        : { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: pick(['view', 'view', 'edit', 'admin']) },
      subjects: Array.from({ length: 1 + Math.floor(rand() * 2) }, subject),
    });
  }
  for (let i = 0; i < 200; i++) {
    add({
      apiVersion: RBAC,
      kind: 'ClusterRoleBinding',
      metadata: { name: `crb-${i}` },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: i < 3 ? 'cluster-admin' : pick(['view', 'system:aggregate-to-view', 'eks:fluent-bit']),
      },
      subjects: [subject()],
    });
  }

  const byKind = new Map<string, SourcedObject[]>();
  for (const so of objects) {
    const list = byKind.get(so.object.kind);
    if (list) list.push(so);
    else byKind.set(so.object.kind, [so]);
  }
  return {
    cluster: {
      name: 'bench',
      provider: 'eks',
      version: { major: '1', minor: '31', gitVersion: 'v1.31.2-eks-7f9249a' },
    },
    coverage: [],
    objects,
    byKind,
    workloads: workloads.sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name)),
    namespaces: nsInfo,
    nodes: byKind.get('Node') ?? [],
    unknownKinds: [],
    sourceKind: 'snapshot',
  };
}

const [model, genMs] = time(generate);
const pods = model.workloads.reduce((n, w) => n + w.podCount, 0);
const bindingCount =
  (model.byKind.get('RoleBinding')?.length ?? 0) + (model.byKind.get('ClusterRoleBinding')?.length ?? 0);
console.log(
  `synthetic cluster: ${model.nodes.length} nodes, ${pods} pods in ${model.workloads.length} workloads, ` +
    `${model.namespaces.size} namespaces, ${bindingCount} bindings; generated in ${genMs.toFixed(0)} ms (${cpu()})`,
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
