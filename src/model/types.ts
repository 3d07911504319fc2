import type { KubeObject, PodSpec, ObjectMeta } from './k8s.ts';

/** Where an object came from: a position in a file, or a cluster context. */
export interface Origin {
  file?: string;
  line?: number;
  column?: number;
  cluster?: string;
  context?: string;
}

/** A stable reference to one Kubernetes object. `namespace` is absent for cluster-scoped kinds. */
export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** An object as read from a source, with its origin and, for files, a locator for field paths. */
export interface SourcedObject {
  object: KubeObject;
  origin: Origin;
  /** Position of a field (dotted path with [i] indexes) in the source file, when the source keeps positions. */
  locate?: (path: string) => Origin | undefined;
}

export type ComponentClass = 'core' | 'middleware' | 'agent' | 'workload' | 'host';
export type Provider = 'eks' | 'aks' | 'gke';

export interface Classification {
  class: ComponentClass;
  provider?: Provider;
  /** Catalog component id, for middleware, agents and core components the catalog knows. */
  component?: string;
  /** Why the classifier decided this; shown in reports. */
  reason: string;
}

export type WorkloadKind =
  'Deployment' | 'DaemonSet' | 'StatefulSet' | 'ReplicaSet' | 'ReplicationController' | 'Job' | 'CronJob' | 'Pod';

/** A controller or bare/static pod, resolved through owner references, with its single pod template. */
export interface Workload {
  ref: ObjectRef;
  origin: Origin;
  source: SourcedObject;
  kind: WorkloadKind;
  namespace: string;
  name: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** Pod template metadata and spec; the spec is what checks evaluate, once per workload. */
  podMeta: ObjectMeta;
  podSpec: PodSpec;
  /** Dotted path from the object root to the pod spec: `spec.template.spec`, `spec.jobTemplate.spec.template.spec`, `spec`. */
  specPath: string;
  /** Running pods folded into this workload and the distinct nodes they run on. */
  podCount: number;
  nodeCount: number;
  /** True when the controller object itself was not in the source and the template came from one of its pods. */
  inferredFromPod: boolean;
  serviceAccountName: string;
  classification?: Classification;
}

export interface ClusterVersion {
  major?: string;
  minor?: string;
  gitVersion?: string;
  platform?: string;
}

export interface ClusterFacts {
  name?: string;
  context?: string;
  server?: string;
  version?: ClusterVersion;
  /** Served API group versions (`apps/v1`, `v1`, …) as discovery reported them. */
  apiGroupVersions?: string[];
  provider?: Provider | 'unknown';
  providerEvidence?: string;
}

export type CoverageStatus = 'listed' | 'forbidden' | 'not-served' | 'failed' | 'partial';

/** How completely one resource kind was collected. */
export interface CoverageEntry {
  group: string;
  version: string;
  resource: string;
  kind?: string;
  status: CoverageStatus;
  count: number;
  /** Metadata only (Secrets, and config maps not referenced by middleware). */
  metadataOnly?: boolean;
  message?: string;
}

/** The portable, offline form of a cluster: objects, cluster facts, and what could be collected. */
export interface Snapshot {
  kind: 'KubeseamSnapshot';
  schemaVersion: 1;
  collectedAt: string;
  tool?: { name: string; version: string };
  cluster: ClusterFacts;
  coverage: CoverageEntry[];
  objects: KubeObject[];
}
