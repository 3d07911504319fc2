// The one synthetic large-cluster generator of the benchmarks. It starts from a demo snapshot
// (examples/<provider>.snapshot.json: real-shaped provider middleware, bootstrap RBAC, webhooks, customer namespaces
// with deliberate mistakes) and scales it:
// - nodes cloned from the demo's node pools, with provider names, IPs and providerIDs;
// - one pod per DaemonSet per node, exactly where the demo's DaemonSets run (taints and selectors respected);
// - customer Deployments (current and scaled-down ReplicaSets, pods) and StatefulSets (pods, claims) across the
//   namespaces, cloned from the demo's customer workloads, with Services, ConfigMaps, Secrets metadata, ServiceAccounts;
// - RBAC in the shape of a large multi-tenant cluster: operator ClusterRoles (some aggregated into admin/edit/view),
//   three Roles per namespace, RoleBindings and ClusterRoleBindings to users, groups and service accounts;
// - NetworkPolicies: default deny, DNS egress, metadata-endpoint egress blocks, per-application ingress.
// Objects are produced one at a time as JSON text, so a writer can stream them (memory stays flat) and in-memory
// users parse them. Deterministic: the same options give byte-identical output.
import { readFileSync } from 'node:fs';
import { buildModel } from '../../src/model/build.ts';
import type { KubeObject, PodSpec } from '../../src/model/k8s.ts';
import { snapshotObjects } from '../../src/sources/snapshot.ts';
import { classify } from '../../src/analyze.ts';
import type { ClusterFacts, CoverageEntry, Provider, Snapshot } from '../../src/model/types.ts';
import { createRng, type Rng } from './prng.ts';
import { cloneJson, makeTemplate, render, slot, type Template } from './template.ts';

export interface ClusterSize {
  /** Pods in all (provider DaemonSets on every node, the demo's own pods, customer pods). */
  pods: number;
  nodes: number;
  /** Namespaces in all, the demo's included. */
  namespaces: number;
  /** RoleBindings and ClusterRoleBindings in all, the bootstrap policy's included. */
  bindings: number;
  /** NetworkPolicies in all, the demo's included. */
  netpols: number;
}

export interface GenerateOptions extends ClusterSize {
  provider: Provider;
  seed?: number;
}

/** The largest managed clusters: 150,000 pods on 5,000 nodes (issue 16). */
export const LARGEST: ClusterSize = {
  pods: 150_000,
  nodes: 5_000,
  namespaces: 2_000,
  bindings: 20_000,
  netpols: 5_000,
};

/** A cluster shaped like LARGEST with `pods` pods: every other dimension scaled in proportion. */
export function scaledSize(pods: number): ClusterSize {
  const r = pods / LARGEST.pods;
  return {
    pods,
    nodes: Math.max(1, Math.round(LARGEST.nodes * r)),
    namespaces: Math.max(1, Math.round(LARGEST.namespaces * r)),
    bindings: Math.round(LARGEST.bindings * r),
    netpols: Math.round(LARGEST.netpols * r),
  };
}

export interface GeneratedObject {
  kind: string;
  json: string;
}

export interface GeneratedCluster {
  cluster: ClusterFacts;
  collectedAt: string;
  tool: { name: string; version: string };
  /** The objects, one JSON text each; iterate once. */
  objects: Iterable<GeneratedObject>;
  /** Objects per kind, complete once `objects` has been iterated. */
  counts: Map<string, number>;
  /** The coverage list for the counts (call after iterating). */
  coverage(): CoverageEntry[];
}

const RBAC = 'rbac.authorization.k8s.io';
const RBAC_V1 = `${RBAC}/v1`;
const AGG = `${RBAC}/aggregate-to-`;
/** The alphabet of generated name suffixes and pod-template hashes (k8s.io/apimachinery rand.String). */
const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const TEAMS = ['payments', 'orders', 'search', 'catalog', 'checkout', 'identity', 'ledger', 'media', 'ml', 'growth'];
const METADATA_CIDR = '169.254.169.254/32';

type Obj = KubeObject & { spec?: Record<string, unknown>; status?: Record<string, unknown> };

function exampleSnapshot(provider: Provider): Snapshot {
  const file = new URL(`../../examples/${provider}.snapshot.json`, import.meta.url);
  return JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
}

const ownerOf = (o: KubeObject) => o.metadata.ownerReferences?.find((r) => r.controller === true);
const podSpecOf = (o: Obj): PodSpec | undefined =>
  o.kind === 'Pod' ? o.spec : (o.spec?.template as { spec?: PodSpec } | undefined)?.spec;
const internalIp = (node: Obj): string =>
  ((node.status?.addresses ?? []) as { type?: string; address?: string }[]).find((a) => a.type === 'InternalIP')
    ?.address ?? '10.0.0.1';

/** Names of config maps, secrets and service accounts a pod spec refers to. */
function referencedNames(spec: unknown, out = new Set<string>()): Set<string> {
  const walk = (x: unknown, parentKey: string): void => {
    if (Array.isArray(x)) {
      for (const v of x) walk(v, parentKey);
      return;
    }
    if (typeof x !== 'object' || x === null) return;
    for (const [k, v] of Object.entries(x)) {
      if (typeof v === 'string') {
        const refKey = /^(configMap|secret)(KeyRef|Ref)?$|^imagePullSecrets$/.test(parentKey);
        if ((k === 'name' && refKey) || k === 'secretName' || k === 'serviceAccountName' || k === 'claimName')
          out.add(v);
      } else walk(v, k);
    }
  };
  walk(spec, '');
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Nodes and DaemonSet pods

interface NodePool {
  base: Obj;
  name: string;
  ip: string;
  providerID: string;
  instance: string | undefined;
  tainted: boolean;
  template: Template;
  /** Pods of DaemonSets on this demo node: what every clone of the node runs. */
  daemonPods: { generateName: string; hostNetwork: boolean; template: Template }[];
}

function nodePools(base: Obj[], pods: Obj[]): NodePool[] {
  return base.map((node) => {
    const name = node.metadata.name ?? '';
    const ip = internalIp(node);
    const providerID = typeof node.spec?.providerID === 'string' ? node.spec.providerID : '';
    const instance = /i-[0-9a-f]{17}/.exec(providerID)?.[0];
    const n = cloneJson(node);
    n.metadata.uid = slot('UID');
    n.spec = { ...n.spec, providerID: slot('PROVIDERID') };
    const replace: [string, string][] = [
      [name, slot('NODE')],
      [`"${ip}"`, `"${slot('HOSTIP')}"`],
    ];
    if (instance) replace.push([instance, slot('INSTANCE')]);
    const daemonPods = pods
      .filter((p) => ownerOf(p)?.kind === 'DaemonSet' && podSpecOf(p)?.nodeName === name)
      .map((p) => {
        const c = cloneJson(p);
        c.metadata.name = slot('POD');
        c.metadata.uid = slot('UID');
        const hostNetwork = (c.spec as PodSpec).hostNetwork === true;
        if (!hostNetwork && c.status) {
          c.status.podIP = slot('PODIP');
          c.status.podIPs = [{ ip: slot('PODIP') }];
        }
        return {
          generateName: p.metadata.generateName ?? `${ownerOf(p)?.name ?? 'ds'}-`,
          hostNetwork,
          template: makeTemplate(c, { replace }),
        };
      });
    const taints = (node.spec?.taints ?? []) as { effect?: string }[];
    return {
      base: node,
      name,
      ip,
      providerID,
      instance,
      tainted: taints.some((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute'),
      template: makeTemplate(n, { replace }),
      daemonPods,
    };
  });
}

interface NodeIdentity {
  name: string;
  ip: string;
  providerID: string;
  instance: string;
}

/** Name, IP and providerID of node `i` cloned from `pool`, in the provider's naming scheme. */
function nodeIdentity(pool: NodePool, i: number, rng: Rng): NodeIdentity {
  const [a, b] = pool.ip.split('.');
  const ip = `${a}.${b}.${64 + ((i >> 8) & 127)}.${i & 255}`;
  const dashed = (s: string) => s.replaceAll('.', '-');
  let name: string;
  if (pool.name.includes(dashed(pool.ip))) name = pool.name.replace(dashed(pool.ip), dashed(ip));
  else if (/vmss[0-9a-z]{6}$/.test(pool.name)) name = pool.name.slice(0, -6) + i.toString(36).padStart(6, '0');
  else name = pool.name.replace(/-[0-9a-z]{4}$/, '-' + ((i * 7919) % 36 ** 4).toString(36).padStart(4, '0'));
  const instance = `i-0${rng.chars(16, '0123456789abcdef')}`;
  let providerID = pool.providerID.replaceAll(pool.name, name).replace(/\/(\d+)$/, `/${i}`);
  if (pool.instance) providerID = providerID.replace(pool.instance, instance);
  return { name, ip, providerID, instance };
}

// ---------------------------------------------------------------------------------------------------------------
// Customer workloads

type Variant = 'plain' | 'privileged' | 'hostNetwork' | 'hostPath' | 'noToken';
const VARIANTS: readonly [Variant, number][] = [
  ['privileged', 0.02],
  ['hostNetwork', 0.01],
  ['hostPath', 0.03],
  ['noToken', 0.2],
];

interface Prototype {
  kind: 'Deployment' | 'StatefulSet';
  name: string;
  hash: string;
  serviceAccount: string;
  object: Obj;
  replicaSet?: Obj;
  pod: Obj;
  claims: Obj[];
  related: Obj[];
  templates: Map<Variant, WorkloadTemplates>;
}

interface WorkloadTemplates {
  controller: Template;
  replicaSet?: Template;
  pod: Template;
  claims: Template[];
  related: { kind: string; name: Template; template: Template }[];
}

function applyVariant(spec: PodSpec | undefined, variant: Variant): void {
  if (!spec) return;
  const containers = Array.isArray(spec.containers) ? spec.containers : [];
  switch (variant) {
    case 'privileged':
      if (containers[0]) containers[0].securityContext = { privileged: true, allowPrivilegeEscalation: true };
      break;
    case 'hostNetwork':
      spec.hostNetwork = true;
      (spec as Record<string, unknown>).dnsPolicy = 'ClusterFirstWithHostNet';
      break;
    case 'hostPath':
      spec.volumes = [...(spec.volumes ?? []), { name: 'varlog', hostPath: { path: '/var/log', type: '' } }];
      if (containers[0])
        containers[0].volumeMounts = [
          ...(containers[0].volumeMounts ?? []),
          { name: 'varlog', mountPath: '/var/log', readOnly: true },
        ];
      break;
    case 'noToken':
      spec.automountServiceAccountToken = false;
      spec.volumes = (spec.volumes ?? []).filter((v) => !v.name?.startsWith('kube-api-access-'));
      for (const c of containers)
        if (c.volumeMounts) c.volumeMounts = c.volumeMounts.filter((m) => !m.name?.startsWith('kube-api-access-'));
      break;
    case 'plain':
      break;
  }
}

const REPLICA_FIELDS = [
  'replicas',
  'readyReplicas',
  'availableReplicas',
  'updatedReplicas',
  'currentReplicas',
  'fullyLabeledReplicas',
];

function templatesOf(p: Prototype, variant: Variant): WorkloadTemplates {
  const cached = p.templates.get(variant);
  if (cached) return cached;
  // The prototype's name and hash become slots wherever they occur (labels, selectors, owner names, SA names,
  // config map names, images); the StatefulSet's ordinal-0 names become the pod slot.
  const replace: [string, string][] = [
    [p.name, slot('NAME')],
    [p.hash, slot('HASH')],
    [`${slot('NAME')}-0`, slot('POD')],
  ];
  const numeric = ['REPLICAS'];
  const prep = (o: Obj, owned: boolean): Obj => {
    const c = cloneJson(o);
    c.metadata.namespace = slot('NS');
    c.metadata.uid = slot('UID');
    if (owned && c.metadata.ownerReferences)
      c.metadata.ownerReferences = c.metadata.ownerReferences.map((r) => ({ ...r, uid: slot('OWNERUID') }));
    return c;
  };
  const scaled = (o: Obj): Obj => {
    if (o.spec && typeof o.spec.replicas === 'number') o.spec.replicas = slot('REPLICAS');
    for (const f of REPLICA_FIELDS) if (o.status && typeof o.status[f] === 'number') o.status[f] = slot('REPLICAS');
    return o;
  };
  const controller = scaled(prep(p.object, false));
  applyVariant(podSpecOf(controller), variant);
  let replicaSet: Template | undefined;
  if (p.replicaSet) {
    const rs = scaled(prep(p.replicaSet, true));
    applyVariant(podSpecOf(rs), variant);
    replicaSet = makeTemplate(rs, { replace, numeric });
  }
  const pod = prep(p.pod, true);
  if (p.kind === 'Deployment') pod.metadata.name = slot('POD');
  const spec = pod.spec as PodSpec & Record<string, unknown>;
  spec.nodeName = slot('NODE');
  applyVariant(spec, variant);
  if (pod.status) {
    const podIp = variant === 'hostNetwork' ? slot('HOSTIP') : slot('PODIP');
    pod.status.hostIP = slot('HOSTIP');
    pod.status.hostIPs = [{ ip: slot('HOSTIP') }];
    pod.status.podIP = podIp;
    pod.status.podIPs = [{ ip: podIp }];
  }
  const t: WorkloadTemplates = {
    controller: makeTemplate(controller, { replace, numeric }),
    ...(replicaSet ? { replicaSet } : {}),
    pod: makeTemplate(pod, { replace, numeric }),
    claims: p.claims.map((c) => makeTemplate(prep(c, true), { replace })),
    related: p.related.map((r) => ({
      kind: r.kind,
      name: makeTemplate(r.metadata.name ?? '', { replace }),
      template: makeTemplate(prep(r, false), { replace }),
    })),
  };
  p.templates.set(variant, t);
  return t;
}

/** The demo's customer Deployments and StatefulSets (as the classifier sees them), with what they run on. */
function prototypes(snapshot: Snapshot): Prototype[] {
  const model = buildModel({
    objects: snapshotObjects(snapshot, {}),
    cluster: structuredClone(snapshot.cluster),
    sourceKind: 'snapshot',
  });
  classify(model);
  const objects = snapshot.objects as Obj[];
  const out: Prototype[] = [];
  for (const w of model.workloads) {
    if (w.classification?.class !== 'workload') continue;
    if (w.kind !== 'Deployment' && w.kind !== 'StatefulSet') continue;
    const object = w.source.object as Obj;
    const ns = w.namespace;
    const inNs = objects.filter((o) => o.metadata.namespace === ns);
    const owned = (o: Obj, owner: Obj) => ownerOf(o)?.name === owner.metadata.name && ownerOf(o)?.kind === owner.kind;
    let replicaSet: Obj | undefined;
    let pod: Obj | undefined;
    let hash: string;
    if (w.kind === 'Deployment') {
      replicaSet = inNs.find((o) => o.kind === 'ReplicaSet' && owned(o, object) && Number(o.spec?.replicas) > 0);
      if (!replicaSet) continue;
      pod = inNs.find((o) => o.kind === 'Pod' && owned(o, replicaSet!));
      hash = replicaSet.metadata.labels?.['pod-template-hash'] ?? '';
    } else {
      pod = inNs.find((o) => o.kind === 'Pod' && owned(o, object) && o.metadata.name === `${w.name}-0`);
      hash = (pod?.metadata.labels?.['controller-revision-hash'] ?? '').slice(w.name.length + 1);
    }
    if (!pod || !hash) continue;
    const refs = referencedNames(pod.spec);
    const related = inNs.filter(
      (o) =>
        ['ServiceAccount', 'ConfigMap', 'Secret', 'Service'].includes(o.kind) &&
        o.metadata.name !== 'default' &&
        o.metadata.name !== 'kube-root-ca.crt' &&
        (refs.has(o.metadata.name ?? '') || (o.metadata.name ?? '').includes(w.name)),
    );
    const claims = inNs.filter(
      (o) => o.kind === 'PersistentVolumeClaim' && refs.has(o.metadata.name ?? '') && w.kind === 'StatefulSet',
    );
    out.push({
      kind: w.kind,
      name: w.name,
      hash,
      serviceAccount: w.serviceAccountName,
      object,
      ...(replicaSet ? { replicaSet } : {}),
      pod,
      claims,
      related,
      templates: new Map(),
    });
  }
  if (out.length === 0) throw new Error('the demo snapshot has no customer Deployment or StatefulSet to clone');
  return out;
}

interface PlannedWorkload {
  proto: Prototype;
  variant: Variant;
  name: string;
  replicas: number;
  serviceAccount: string;
  oldReplicaSets: number;
}

/** Replica counts of a large cluster: mostly 1–3, a tail of big services. Mean ≈ 4.5. */
function replicaCount(rng: Rng): number {
  const r = rng.next();
  if (r < 0.4) return 1;
  if (r < 0.65) return 2;
  if (r < 0.8) return 3;
  if (r < 0.9) return 4 + rng.int(3);
  if (r < 0.97) return 7 + rng.int(14);
  return 21 + rng.int(80);
}

// ---------------------------------------------------------------------------------------------------------------
// The cluster

export function generateCluster(options: GenerateOptions): GeneratedCluster {
  const rng = createRng(options.seed ?? 16);
  const base = exampleSnapshot(options.provider);
  const baseObjects = base.objects as Obj[];
  const counts = new Map<string, number>();
  let uidCounter = 0;
  const uid = (): string => `5eed0016-0000-4000-8000-${(++uidCounter).toString(16).padStart(12, '0')}`;
  const emit = (kind: string, json: string): GeneratedObject => {
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
    return { kind, json };
  };

  const baseNodes = baseObjects.filter((o) => o.kind === 'Node');
  const basePods = baseObjects.filter((o) => o.kind === 'Pod');
  const pools = nodePools(baseNodes, basePods);
  const k = pools.length;
  const nodeCount = Math.max(options.nodes, k);
  const identities: NodeIdentity[] = [];
  for (let i = 0; i < nodeCount; i++) {
    const pool = pools[i % k]!;
    identities.push(
      i < k
        ? { name: pool.name, ip: pool.ip, providerID: pool.providerID, instance: pool.instance ?? '' }
        : nodeIdentity(pool, i, rng),
    );
  }
  let daemonPods = 0;
  for (let i = k; i < nodeCount; i++) daemonPods += pools[i % k]!.daemonPods.length;

  const protos = prototypes(base);
  const deployProtos = protos.filter((p) => p.kind === 'Deployment');
  const setProtos = protos.filter((p) => p.kind === 'StatefulSet');
  const baseNamespaces = new Set(baseObjects.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name ?? ''));
  const customerPods = Math.max(0, options.pods - basePods.length - daemonPods);
  const nsCount = Math.max(customerPods > 0 ? 1 : 0, options.namespaces - baseNamespaces.size);
  const namespaces = Array.from(
    { length: nsCount },
    (_, i) => `${TEAMS[i % TEAMS.length]}-${String(i).padStart(4, '0')}`,
  );

  // Plan the customer workloads first (small), so namespaces can be generated one at a time.
  const plan: PlannedWorkload[][] = namespaces.map(() => []);
  let left = customerPods;
  for (let w = 0; left > 0; w++) {
    const proto = setProtos.length > 0 && rng.chance(0.1) ? rng.pick(setProtos) : rng.pick(deployProtos);
    const replicas = Math.min(left, replicaCount(rng));
    left -= replicas;
    let variant: Variant = 'plain';
    const r = rng.next();
    let acc = 0;
    for (const [v, p] of VARIANTS) if (variant === 'plain' && r < (acc += p)) variant = v;
    const ns = w < nsCount ? w : rng.int(nsCount);
    const name = `${proto.name}-${w.toString(36)}`;
    plan[ns]!.push({
      proto,
      variant,
      name,
      replicas,
      serviceAccount: proto.serviceAccount.replaceAll(proto.name, name),
      oldReplicaSets: rng.int(3),
    });
  }

  // Eligible nodes for customer pods: clones of untainted demo nodes.
  const openPools = pools.map((p, i) => (p.tainted ? -1 : i)).filter((i) => i >= 0);
  const eligible = openPools.length > 0 ? openPools : pools.map((_, i) => i);
  const podsOnNode = new Uint16Array(nodeCount);
  const pickNode = (): number => {
    const b = rng.pick(eligible);
    const copies = Math.ceil((nodeCount - b) / k);
    return b + rng.int(copies) * k;
  };
  const podIp = (node: number): string => {
    const j = ++podsOnNode[node]!;
    return `10.${128 + ((node >> 8) & 127)}.${node & 255}.${j & 255}`;
  };

  // RBAC sizes.
  const baseBindings = baseObjects.filter((o) => o.kind === 'RoleBinding' || o.kind === 'ClusterRoleBinding').length;
  // Less the one risky RoleBinding below (ci-logging).
  const newBindings = Math.max(0, options.bindings - baseBindings - (nsCount > 0 ? 1 : 0));
  const newNetpols = Math.max(0, options.netpols - baseObjects.filter((o) => o.kind === 'NetworkPolicy').length);
  const clusterBindings = Math.round(newBindings / 10);
  const nsBindings = newBindings - clusterBindings;
  const operatorRoles = Math.max(10, Math.round((300 * options.bindings) / LARGEST.bindings));
  const clusterRoleNames = ['admin', 'edit', 'view', 'cluster-admin'];
  const users = Math.max(50, Math.round((5000 * options.bindings) / LARGEST.bindings));
  const groups = Math.max(10, Math.round((400 * options.bindings) / LARGEST.bindings));
  const saOf = (ns: number): string => {
    const ws = plan[ns] ?? [];
    return ws.length > 0 ? rng.pick(ws).serviceAccount : 'default';
  };
  const subject = (ns: number): Record<string, string> => {
    const r = rng.next();
    if (r < 0.5) {
      const other = rng.chance(0.8) ? ns : rng.int(nsCount);
      return { kind: 'ServiceAccount', name: saOf(other), namespace: namespaces[other]! };
    }
    if (r < 0.8) return { kind: 'User', apiGroup: RBAC, name: `user-${rng.int(users)}@example.com` };
    return { kind: 'Group', apiGroup: RBAC, name: `team-${rng.int(groups)}` };
  };
  const providerNs =
    baseObjects.find((o) => o.kind === 'DaemonSet' && o.metadata.namespace !== 'kube-system')?.metadata.namespace ??
    'kube-system';

  // Per-namespace prototypes from the demo.
  const defaultSa = baseObjects.find((o) => o.kind === 'ServiceAccount' && o.metadata.name === 'default');
  const rootCa = baseObjects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'kube-root-ca.crt');
  const limitRange = baseObjects.find((o) => o.kind === 'LimitRange');
  const quota = baseObjects.find((o) => o.kind === 'ResourceQuota');
  const nsTemplate = (o: Obj | undefined): Template | undefined => {
    if (!o) return undefined;
    const c = cloneJson(o);
    c.metadata.namespace = slot('NS');
    c.metadata.uid = slot('UID');
    return makeTemplate(c);
  };
  const perNs = [defaultSa, rootCa].flatMap((o) => (o ? [{ kind: o.kind, template: nsTemplate(o)! }] : []));
  const limitRangeT = nsTemplate(limitRange);
  const quotaT = nsTemplate(quota);
  const dnsPolicy = baseObjects.find(
    (o) => o.kind === 'NetworkPolicy' && JSON.stringify(o.spec?.egress ?? []).includes('"port":53'),
  );
  const dnsPolicyT = nsTemplate(dnsPolicy);
  const created = '2025-06-15T09:42:11Z';
  const meta = (name: string, namespace?: string, extra: Record<string, unknown> = {}) => ({
    creationTimestamp: created,
    ...extra,
    name,
    ...(namespace !== undefined ? { namespace } : {}),
    resourceVersion: String(1_000_000 + uidCounter),
    uid: uid(),
  });
  const rule = (apiGroups: string[], resources: string[], verbs: string[], resourceNames?: string[]) =>
    resourceNames === undefined ? { apiGroups, resources, verbs } : { apiGroups, resources, verbs, resourceNames };
  const json = (o: unknown) => JSON.stringify(o);

  function* clusterObjects(): Generator<GeneratedObject> {
    // The demo as it is, except its nodes and pods, which follow.
    for (const o of baseObjects) if (o.kind !== 'Node' && o.kind !== 'Pod') yield emit(o.kind, json(o));
    for (let i = 0; i < nodeCount; i++) {
      const pool = pools[i % k]!;
      const id = identities[i]!;
      if (i < k) {
        yield emit('Node', json(pool.base));
        continue;
      }
      yield emit(
        'Node',
        render(pool.template, {
          NODE: id.name,
          HOSTIP: id.ip,
          PROVIDERID: id.providerID,
          INSTANCE: id.instance,
          UID: uid(),
        }),
      );
    }
    for (const p of basePods) yield emit('Pod', json(p));
    for (let i = k; i < nodeCount; i++) {
      const id = identities[i]!;
      for (const d of pools[i % k]!.daemonPods) {
        yield emit(
          'Pod',
          render(d.template, {
            POD: d.generateName + rng.chars(5, NAME_ALPHABET),
            UID: uid(),
            NODE: id.name,
            HOSTIP: id.ip,
            PODIP: d.hostNetwork ? id.ip : podIp(i),
          }),
        );
      }
    }

    // Operator ClusterRoles (a third aggregated into admin/edit/view, as CRD-shipping operators do) and
    // ClusterRoleBindings; a few to cluster-admin.
    const apiGroups = ['cert-manager.io', 'monitoring.coreos.com', 'argoproj.io', 'example.com', 'kafka.strimzi.io'];
    for (let i = 0; i < operatorRoles; i++) {
      const name = `operator-${i}`;
      const labels: Record<string, string> = {};
      if (i % 3 === 0) labels[`${AGG}${rng.pick(['admin', 'edit', 'view'])}`] = 'true';
      const group = rng.pick(apiGroups);
      yield emit(
        'ClusterRole',
        json({
          apiVersion: RBAC_V1,
          kind: 'ClusterRole',
          metadata: meta(name, undefined, { labels }),
          rules: [
            rule([group], [`kind${i}s`, `kind${i}s/status`], ['get', 'list', 'watch']),
            rule([''], rng.pick([['configmaps'], ['secrets'], ['pods', 'pods/log'], ['events']]), [
              'get',
              'list',
              'watch',
            ]),
            rule(
              ['apps'],
              rng.pick([['deployments'], ['daemonsets'], ['statefulsets']]),
              rng.pick([['get'], ['patch', 'update']]),
            ),
            ...(i % 10 === 0 ? [rule([''], ['pods/exec'], ['create'])] : []),
            ...(i % 25 === 0 ? [rule(['*'], ['*/scale'], ['get', 'update'])] : []),
          ],
        }),
      );
      clusterRoleNames.push(name);
    }
    for (let i = 0; i < clusterBindings && nsCount > 0; i++) {
      const role = rng.chance(0.02) ? 'cluster-admin' : rng.pick(clusterRoleNames.slice(3));
      yield emit(
        'ClusterRoleBinding',
        json({
          apiVersion: RBAC_V1,
          kind: 'ClusterRoleBinding',
          metadata: meta(`crb-${i}`),
          roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: role },
          subjects: Array.from({ length: 1 + rng.int(3) }, () => subject(rng.int(nsCount))),
        }),
      );
    }
    // A risky grant from the bench of attack paths: a CI service account may rewrite a provider agent's config.
    if (nsCount > 0) {
      yield emit(
        'Role',
        json({
          apiVersion: RBAC_V1,
          kind: 'Role',
          metadata: meta('logging-config', providerNs),
          rules: [rule([''], ['configmaps'], ['patch'])],
        }),
      );
      yield emit(
        'RoleBinding',
        json({
          apiVersion: RBAC_V1,
          kind: 'RoleBinding',
          metadata: meta('ci-logging', providerNs),
          roleRef: { apiGroup: RBAC, kind: 'Role', name: 'logging-config' },
          subjects: [{ kind: 'ServiceAccount', name: saOf(0), namespace: namespaces[0]! }],
        }),
      );
    }

    for (let n = 0; n < nsCount; n++) yield* namespaceObjects(n);
  }

  function* namespaceObjects(n: number): Generator<GeneratedObject> {
    const ns = namespaces[n]!;
    const r = rng.next();
    const pss: Record<string, string> =
      r < 0.3
        ? {}
        : r < 0.7
          ? { 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/warn': 'restricted' }
          : { 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/audit': 'restricted' };
    yield emit(
      'Namespace',
      json({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: meta(ns, undefined, {
          labels: { 'kubernetes.io/metadata.name': ns, team: TEAMS[n % TEAMS.length], ...pss },
        }),
        spec: { finalizers: ['kubernetes'] },
        status: { phase: 'Active' },
      }),
    );
    for (const t of perNs) yield emit(t.kind, render(t.template, { NS: ns, UID: uid() }));
    if (limitRangeT && rng.chance(0.5)) yield emit('LimitRange', render(limitRangeT, { NS: ns, UID: uid() }));
    if (quotaT && rng.chance(0.3)) yield emit('ResourceQuota', render(quotaT, { NS: ns, UID: uid() }));

    // Three Roles per namespace and this namespace's share of the RoleBindings.
    yield emit(
      'Role',
      json({
        apiVersion: RBAC_V1,
        kind: 'Role',
        metadata: meta('app-reader', ns),
        rules: [rule([''], ['configmaps', 'pods'], ['get', 'list'])],
      }),
    );
    yield emit(
      'Role',
      json({
        apiVersion: RBAC_V1,
        kind: 'Role',
        metadata: meta('app-deployer', ns),
        rules: [
          rule(['apps'], ['deployments', 'deployments/scale'], ['get', 'update', 'patch']),
          rule([''], ['pods'], ['create', 'delete']),
        ],
      }),
    );
    yield emit(
      'Role',
      json({
        apiVersion: RBAC_V1,
        kind: 'Role',
        metadata: meta('config-editor', ns),
        rules: [rule([''], ['configmaps', 'secrets'], ['get', 'update'], ['app-config', 'app-secret'])],
      }),
    );
    const share = Math.floor(nsBindings / nsCount) + (n < nsBindings % nsCount ? 1 : 0);
    for (let i = 0; i < share; i++) {
      const roleRef = rng.chance(0.4)
        ? { apiGroup: RBAC, kind: 'Role', name: rng.pick(['app-reader', 'app-deployer', 'config-editor']) }
        : {
            apiGroup: RBAC,
            kind: 'ClusterRole',
            name: rng.pick(['admin', 'edit', 'view', 'view', rng.pick(clusterRoleNames)]),
          };
      yield emit(
        'RoleBinding',
        json({
          apiVersion: RBAC_V1,
          kind: 'RoleBinding',
          metadata: meta(`rb-${i}`, ns),
          roleRef,
          subjects: Array.from({ length: 1 + rng.int(3) }, () => subject(n)),
        }),
      );
    }

    // NetworkPolicies: this namespace's share, from default deny, DNS egress, a metadata-endpoint block and
    // per-application ingress rules, starting at a random one of the first three.
    const workloads = plan[n]!;
    const policies = Math.floor(newNetpols / nsCount) + (n < newNetpols % nsCount ? 1 : 0);
    const start = rng.int(3);
    for (let i = 0; i < policies; i++) {
      const which = start + i;
      if (which === 1 && dnsPolicyT) {
        yield emit('NetworkPolicy', render(dnsPolicyT, { NS: ns, UID: uid() }));
        continue;
      }
      const app = workloads.length > 0 ? workloads[(which - 3 + workloads.length * 8) % workloads.length]!.name : ns;
      const spec =
        which === 0
          ? { podSelector: {}, policyTypes: ['Ingress'] }
          : which === 2 || which === 1
            ? {
                podSelector: {},
                policyTypes: ['Egress'],
                egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: [METADATA_CIDR] } }] }],
              }
            : {
                podSelector: { matchLabels: { app } },
                policyTypes: ['Ingress'],
                ingress: [
                  {
                    from: [
                      {
                        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } },
                        podSelector: { matchLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } },
                      },
                      { podSelector: { matchLabels: { team: TEAMS[n % TEAMS.length]! } } },
                    ],
                    ports: [{ port: 8080, protocol: 'TCP' }],
                  },
                ],
              };
      const name = which === 0 ? 'default-deny' : which <= 2 ? 'deny-metadata' : `allow-${app}-${which}`;
      yield emit(
        'NetworkPolicy',
        json({
          apiVersion: 'networking.k8s.io/v1',
          kind: 'NetworkPolicy',
          metadata: meta(name, ns, { generation: 1 }),
          spec,
        }),
      );
    }

    const seen = new Set<string>();
    for (const w of workloads) yield* workloadObjects(ns, w, seen);
  }

  function* workloadObjects(ns: string, w: PlannedWorkload, seen: Set<string>): Generator<GeneratedObject> {
    const t = templatesOf(w.proto, w.variant);
    const ownerUid = uid();
    const hash = rng.chars(10, NAME_ALPHABET);
    const common = { NAME: w.name, NS: ns, HASH: hash };
    yield emit(w.proto.kind, render(t.controller, { ...common, UID: ownerUid, REPLICAS: w.replicas }));
    let podOwner = ownerUid;
    if (t.replicaSet) {
      podOwner = uid();
      yield emit(
        'ReplicaSet',
        render(t.replicaSet, { ...common, UID: podOwner, OWNERUID: ownerUid, REPLICAS: w.replicas }),
      );
      // Scaled-down ReplicaSets of earlier rollouts (revisionHistoryLimit keeps them).
      for (let i = 0; i < w.oldReplicaSets; i++) {
        yield emit(
          'ReplicaSet',
          render(t.replicaSet, {
            ...common,
            HASH: rng.chars(10, NAME_ALPHABET),
            UID: uid(),
            OWNERUID: ownerUid,
            REPLICAS: 0,
          }),
        );
      }
    }
    for (let i = 0; i < w.replicas; i++) {
      const node = pickNode();
      const id = identities[node]!;
      const pod =
        w.proto.kind === 'StatefulSet' ? `${w.name}-${i}` : `${w.name}-${hash}-${rng.chars(5, NAME_ALPHABET)}`;
      yield emit(
        'Pod',
        render(t.pod, {
          ...common,
          POD: pod,
          UID: uid(),
          OWNERUID: podOwner,
          NODE: id.name,
          HOSTIP: id.ip,
          PODIP: podIp(node),
          REPLICAS: w.replicas,
        }),
      );
      for (const c of t.claims)
        yield emit('PersistentVolumeClaim', render(c, { ...common, POD: pod, UID: uid(), OWNERUID: ownerUid }));
    }
    for (const r of t.related) {
      const values = { ...common, POD: `${w.name}-0` };
      const key = `${r.kind}/${JSON.parse(render(r.name, values)) as string}`;
      if (seen.has(key)) continue;
      seen.add(key);
      yield emit(r.kind, render(r.template, { ...values, UID: uid() }));
    }
    if (w.serviceAccount !== 'default' && !seen.has(`ServiceAccount/${w.serviceAccount}`)) {
      seen.add(`ServiceAccount/${w.serviceAccount}`);
      yield emit(
        'ServiceAccount',
        json({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(w.serviceAccount, ns) }),
      );
    }
    // Helm release records: metadata only, as the collector keeps secrets.
    if (rng.chance(0.5)) {
      yield emit(
        'Secret',
        json({
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: meta(`sh.helm.release.v1.${w.name}.v${1 + w.oldReplicaSets}`, ns, {
            labels: { name: w.name, owner: 'helm', status: 'deployed', version: String(1 + w.oldReplicaSets) },
          }),
          type: 'helm.sh/release.v1',
        }),
      );
    }
  }

  const coverage = (): CoverageEntry[] => {
    const listed = new Set(base.coverage.map((c) => c.kind));
    const extra = [...counts.keys()].filter((kind) => !listed.has(kind));
    if (extra.length > 0) throw new Error(`generated kinds missing from the demo coverage: ${extra.join(', ')}`);
    return base.coverage.map((c) => ({ ...c, count: counts.get(c.kind ?? '') ?? 0 }));
  };

  return {
    cluster: { ...base.cluster, name: `${base.cluster.name ?? 'bench'}-large` },
    collectedAt: base.collectedAt,
    tool: base.tool ?? { name: 'kubeseam', version: '0.1.0' },
    objects: { [Symbol.iterator]: clusterObjects },
    counts,
    coverage,
  };
}

/**
 * The whole cluster in memory, parsed: for benchmarks that start from objects rather than a file. `kinds` keeps only
 * objects of those kinds (an RBAC benchmark needs no pods).
 */
export function generateSnapshot(options: GenerateOptions, kinds?: ReadonlySet<string>): Snapshot {
  const g = generateCluster(options);
  const objects: KubeObject[] = [];
  for (const o of g.objects) if (!kinds || kinds.has(o.kind)) objects.push(JSON.parse(o.json) as KubeObject);
  return {
    kind: 'KubeseamSnapshot',
    schemaVersion: 1,
    collectedAt: g.collectedAt,
    tool: g.tool,
    cluster: g.cluster,
    coverage: g.coverage(),
    objects,
  };
}
