import type { KubeObject, ObjectMeta, OwnerReference, PodSpec, PodTemplateSpec } from './k8s.ts';
import { KNOWN_KINDS, WORKLOAD_KINDS } from './kinds.ts';
import { refOf } from './refs.ts';
import type { ClusterFacts, CoverageEntry, ObjectRef, SourcedObject, Workload, WorkloadKind } from './types.ts';

export interface NamespaceInfo {
  name: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** False when only referenced by objects (manifests often omit the Namespace object). */
  declared: boolean;
  source?: SourcedObject;
}

/** The indexed, read-only view that analyzers work on. Built once per scan. */
export interface Model {
  cluster: ClusterFacts;
  coverage: CoverageEntry[];
  objects: SourcedObject[];
  byKind: ReadonlyMap<string, SourcedObject[]>;
  workloads: Workload[];
  namespaces: ReadonlyMap<string, NamespaceInfo>;
  nodes: SourcedObject[];
  /** Kinds outside KNOWN_KINDS: kept, counted, reported in coverage. */
  unknownKinds: { apiVersion: string; kind: string; count: number }[];
  /** Where the objects came from; a live cluster and a snapshot have pods, files usually do not. */
  sourceKind: 'cluster' | 'snapshot' | 'files';
}

export interface ModelInput {
  objects: SourcedObject[];
  cluster?: ClusterFacts;
  coverage?: CoverageEntry[];
  sourceKind: Model['sourceKind'];
}

const key = (kind: string, ns: string | undefined, name: string): string => `${kind}/${ns ?? ''}/${name}`;

export function buildModel(input: ModelInput): Model {
  const byKind = new Map<string, SourcedObject[]>();
  const unknown = new Map<string, { apiVersion: string; kind: string; count: number }>();
  for (const so of input.objects) {
    const kind = so.object.kind;
    let list = byKind.get(kind);
    if (!list) byKind.set(kind, (list = []));
    list.push(so);
    if (!KNOWN_KINDS.has(kind)) {
      const k = `${so.object.apiVersion}/${kind}`;
      const u = unknown.get(k);
      if (u) u.count++;
      else unknown.set(k, { apiVersion: so.object.apiVersion, kind, count: 1 });
    }
  }
  const workloads = resolveWorkloads(input.objects);
  return {
    cluster: input.cluster ?? {},
    coverage: input.coverage ?? [],
    objects: input.objects,
    byKind,
    workloads,
    namespaces: indexNamespaces(input.objects),
    nodes: byKind.get('Node') ?? [],
    unknownKinds: [...unknown.values()].sort((a, b) => a.kind.localeCompare(b.kind)),
    sourceKind: input.sourceKind,
  };
}

function indexNamespaces(objects: SourcedObject[]): Map<string, NamespaceInfo> {
  const out = new Map<string, NamespaceInfo>();
  for (const so of objects) {
    const md = so.object.metadata;
    if (so.object.kind === 'Namespace' && md.name) {
      out.set(md.name, {
        name: md.name,
        labels: stringRecord(md.labels),
        annotations: stringRecord(md.annotations),
        declared: true,
        source: so,
      });
    }
  }
  for (const so of objects) {
    const ns = so.object.metadata.namespace;
    if (ns && !out.has(ns)) out.set(ns, { name: ns, labels: {}, annotations: {}, declared: false });
  }
  return out;
}

export function stringRecord(x: unknown): Record<string, string> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(x)) if (typeof v === 'string') out[k] = v;
  return out;
}

interface TemplateInfo {
  meta: ObjectMeta;
  spec: PodSpec;
  specPath: string;
}

/** The pod template of a workload object, wherever its kind keeps it. */
export function templateOf(obj: KubeObject): TemplateInfo | undefined {
  const spec = obj.spec as Record<string, unknown> | undefined;
  if (typeof spec !== 'object' || spec === null) return undefined;
  if (obj.kind === 'Pod') return { meta: obj.metadata, spec: spec, specPath: 'spec' };
  if (obj.kind === 'CronJob') {
    const jt = spec.jobTemplate as { spec?: { template?: PodTemplateSpec } } | undefined;
    const t = jt?.spec?.template;
    if (!t || typeof t.spec !== 'object') return undefined;
    return { meta: t.metadata ?? {}, spec: t.spec, specPath: 'spec.jobTemplate.spec.template.spec' };
  }
  const t = spec.template as PodTemplateSpec | undefined;
  if (!t || typeof t !== 'object' || typeof t.spec !== 'object') return undefined;
  return { meta: t.metadata ?? {}, spec: t.spec, specPath: 'spec.template.spec' };
}

function controllerOf(md: ObjectMeta): OwnerReference | undefined {
  const refs = Array.isArray(md.ownerReferences) ? md.ownerReferences : [];
  return refs.find((r) => r.controller === true) ?? refs[0];
}

/**
 * Resolves workloads through owner references: Pod → ReplicaSet → Deployment, Pod → Job → CronJob, DaemonSet,
 * StatefulSet, ReplicationController; static (mirror) pods fold by name across nodes; bare pods stand alone.
 * Pods are only counted, never evaluated, when their controller is known: one template per workload.
 */
function resolveWorkloads(objects: SourcedObject[]): Workload[] {
  const controllers = new Map<string, SourcedObject>();
  const pods: SourcedObject[] = [];
  for (const so of objects) {
    const k = so.object.kind;
    if (!WORKLOAD_KINDS.has(k)) continue;
    if (k === 'Pod') pods.push(so);
    else controllers.set(key(k, so.object.metadata.namespace, so.object.metadata.name ?? ''), so);
  }

  // The top of each controller chain that exists in the source.
  const topOf = (so: SourcedObject): SourcedObject => {
    let cur = so;
    for (let depth = 0; depth < 4; depth++) {
      const owner = controllerOf(cur.object.metadata);
      if (!owner?.kind || !owner.name) return cur;
      const parent = controllers.get(key(owner.kind, cur.object.metadata.namespace, owner.name));
      if (!parent) return cur;
      cur = parent;
    }
    return cur;
  };

  const workloads = new Map<string, Workload>();
  const nodesOf = new Map<string, Set<string>>();
  for (const so of controllers.values()) {
    if (topOf(so) !== so) continue; // folded into its owner
    const w = workloadFrom(so, so.object.kind as WorkloadKind, false);
    if (w) workloads.set(key(w.kind, w.namespace, w.name), w);
  }

  for (const pod of pods) {
    const md = pod.object.metadata;
    const ns = md.namespace ?? 'default';
    const owner = controllerOf(md);
    let wkey: string;
    let make: () => Workload | undefined;
    if (!owner?.kind || !owner.name) {
      wkey = key('Pod', ns, md.name ?? '');
      make = () => workloadFrom(pod, 'Pod', false);
    } else if (owner.kind === 'Node') {
      // Static pods are mirrored as `<name>-<nodeName>`: one workload per static manifest, not per node.
      const base = stripSuffix(md.name ?? '', `-${owner.name}`);
      wkey = key('Pod', ns, base);
      make = () => workloadFrom(pod, 'Pod', false, base);
    } else {
      const ownerSo = controllers.get(key(owner.kind, ns, owner.name));
      if (ownerSo) {
        const top = topOf(ownerSo);
        wkey = key(top.object.kind, ns, top.object.metadata.name ?? '');
        make = () => workloadFrom(top, top.object.kind as WorkloadKind, false);
      } else {
        const inferred = inferOwner(owner, md);
        wkey = key(inferred.kind, ns, inferred.name);
        make = () => {
          const w = workloadFrom(pod, inferred.kind, true, inferred.name);
          if (w) w.ref = { apiVersion: inferred.apiVersion, kind: inferred.kind, namespace: ns, name: inferred.name };
          return w;
        };
      }
    }
    let w = workloads.get(wkey);
    if (!w) {
      w = make();
      if (!w) continue;
      workloads.set(wkey, w);
    }
    w.podCount++;
    const nodeName = (pod.object.spec as PodSpec | undefined)?.nodeName;
    if (typeof nodeName === 'string' && nodeName) {
      let set = nodesOf.get(wkey);
      if (!set) nodesOf.set(wkey, (set = new Set()));
      set.add(nodeName);
    }
  }
  for (const [k, set] of nodesOf) {
    const w = workloads.get(k);
    if (w) w.nodeCount = set.size;
  }
  return [...workloads.values()].sort(
    (a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name) || a.kind.localeCompare(b.kind),
  );
}

/**
 * When a pod's controller is absent (forbidden kind, partial snapshot), name the workload from the owner:
 * a ReplicaSet `<deploy>-<pod-template-hash>` belongs to Deployment `<deploy>`; a Job `<cronjob>-<n>` from a CronJob
 * cannot be told from a plain Job, so it stays a Job.
 */
function inferOwner(
  owner: OwnerReference,
  podMeta: ObjectMeta,
): { apiVersion: string; kind: WorkloadKind; name: string } {
  const name = owner.name ?? '';
  const hash = podMeta.labels?.['pod-template-hash'];
  if (owner.kind === 'ReplicaSet' && hash && name.endsWith(`-${hash}`)) {
    return { apiVersion: 'apps/v1', kind: 'Deployment', name: name.slice(0, -hash.length - 1) };
  }
  const kind = (WORKLOAD_KINDS.has(owner.kind ?? '') ? owner.kind : 'Pod') as WorkloadKind;
  return { apiVersion: owner.apiVersion ?? 'v1', kind, name };
}

function stripSuffix(s: string, suffix: string): string {
  return s.endsWith(suffix) && s.length > suffix.length ? s.slice(0, -suffix.length) : s;
}

function workloadFrom(
  so: SourcedObject,
  kind: WorkloadKind,
  inferredFromPod: boolean,
  nameOverride?: string,
): Workload | undefined {
  const t = templateOf(so.object);
  if (!t) return undefined;
  const md = so.object.metadata;
  const namespace = md.namespace ?? 'default';
  const name = nameOverride ?? md.name ?? '';
  const ref: ObjectRef = { ...refOf(so.object), namespace, name };
  const sa = t.spec.serviceAccountName ?? t.spec.serviceAccount;
  return {
    ref,
    origin: so.origin,
    source: so,
    kind,
    namespace,
    name,
    labels: stringRecord(md.labels),
    annotations: stringRecord(md.annotations),
    podMeta: t.meta,
    podSpec: t.spec,
    specPath: t.specPath,
    podCount: 0,
    nodeCount: 0,
    inferredFromPod,
    serviceAccountName: typeof sa === 'string' && sa ? sa : 'default',
  };
}
