// Which config maps the collector fetches in full. Middleware and node agents are configured through config maps
// (kube-proxy, CoreDNS, CNI, log and metric agents), and the inventory needs that configuration; customer config
// maps may hold anything and are collected as metadata only.
import type { KubeObject, PodSpec } from '../../model/k8s.ts';

/** Namespaces whose workloads are provider or platform middleware. `*` at the end matches a prefix. */
export interface MiddlewareNamespace {
  pattern: string;
  why: string;
  source: string;
}

export const MIDDLEWARE_NAMESPACES: readonly MiddlewareNamespace[] = [
  {
    pattern: 'kube-system',
    why: 'Kubernetes and every provider run their cluster components here',
    source: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/#initial-namespaces',
  },
  {
    pattern: 'amazon-cloudwatch',
    why: 'EKS CloudWatch Observability add-on (CloudWatch agent, Fluent Bit)',
    source:
      'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/install-CloudWatch-Observability-EKS-addon.html',
  },
  {
    pattern: 'gke-*',
    why: 'GKE-managed namespaces (gke-managed-*, gke-gmp-system)',
    source: 'https://cloud.google.com/stackdriver/docs/managed-prometheus/setup-managed',
  },
  {
    pattern: 'gmp-system',
    why: 'Google Cloud Managed Service for Prometheus collectors and operator',
    source: 'https://cloud.google.com/stackdriver/docs/managed-prometheus/setup-managed',
  },
  {
    pattern: 'calico-system',
    why: 'Calico installed by the Tigera operator (AKS network policy, EKS Calico)',
    source: 'https://learn.microsoft.com/en-us/azure/aks/use-network-policies',
  },
  {
    pattern: 'tigera-operator',
    why: 'Tigera operator that manages Calico',
    source: 'https://learn.microsoft.com/en-us/azure/aks/use-network-policies',
  },
  {
    pattern: 'aks-*',
    why: 'AKS-managed namespaces (aks-istio-system, aks-command)',
    source: 'https://learn.microsoft.com/en-us/azure/aks/istio-about',
  },
];

/** Config maps analyzers need though no workload mounts them (read by the control plane). */
export interface WellKnownConfigMap {
  namespace: string;
  name: string;
  why: string;
  source: string;
}

export const WELL_KNOWN_CONFIGMAPS: readonly WellKnownConfigMap[] = [
  {
    namespace: 'kube-system',
    name: 'aws-auth',
    why: 'EKS maps IAM roles and users to Kubernetes groups (system:masters) here; read by the authenticator on the control plane',
    source: 'https://docs.aws.amazon.com/eks/latest/userguide/auth-configmap.html',
  },
  {
    namespace: 'kube-system',
    name: 'amazon-vpc-cni',
    why: 'EKS VPC CNI settings (network policy enforcement, Windows IPAM) read through the API',
    source: 'https://github.com/aws/amazon-vpc-cni-k8s (README.md)',
  },
];

export function isMiddlewareNamespace(namespace: string): boolean {
  return MIDDLEWARE_NAMESPACES.some((entry) =>
    entry.pattern.endsWith('*') ? namespace.startsWith(entry.pattern.slice(0, -1)) : namespace === entry.pattern,
  );
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function at(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) current = record(current)?.[key];
  return current;
}

/** The pod spec of a workload object, wherever its kind keeps it. */
function podSpecOf(object: KubeObject): PodSpec | undefined {
  switch (object.kind) {
    case 'Pod':
      return record(object.spec);
    case 'CronJob':
      return record(at(object, 'spec', 'jobTemplate', 'spec', 'template', 'spec'));
    case 'Deployment':
    case 'DaemonSet':
    case 'StatefulSet':
    case 'ReplicaSet':
    case 'ReplicationController':
    case 'Job':
      return record(at(object, 'spec', 'template', 'spec'));
    default:
      return undefined;
  }
}

function nameOf(value: unknown): string | undefined {
  const name = record(value)?.name;
  return typeof name === 'string' && name !== '' ? name : undefined;
}

/** Config map names a pod spec references: volumes, projected volumes, envFrom and env valueFrom. */
export function configMapNames(spec: PodSpec): string[] {
  const names = new Set<string>();
  const add = (name: string | undefined): void => {
    if (name !== undefined) names.add(name);
  };
  for (const volume of Array.isArray(spec.volumes) ? spec.volumes : []) {
    add(nameOf(record(volume)?.configMap));
    const sources = at(volume, 'projected', 'sources');
    for (const source of Array.isArray(sources) ? sources : []) add(nameOf(record(source)?.configMap));
  }
  for (const list of [spec.containers, spec.initContainers, spec.ephemeralContainers]) {
    for (const container of Array.isArray(list) ? list : []) {
      const envFrom = record(container)?.envFrom;
      for (const entry of Array.isArray(envFrom) ? envFrom : []) add(nameOf(record(entry)?.configMapRef));
      const env = record(container)?.env;
      for (const entry of Array.isArray(env) ? env : []) add(nameOf(at(entry, 'valueFrom', 'configMapKeyRef')));
    }
  }
  return [...names];
}

function ownedByDaemonSet(object: KubeObject): boolean {
  const owners = object.metadata.ownerReferences;
  return Array.isArray(owners) && owners.some((owner) => record(owner)?.kind === 'DaemonSet');
}

export interface ConfigMapKey {
  namespace: string;
  name: string;
}

/**
 * Config maps to fetch in full: those referenced by workloads in middleware namespaces or by any DaemonSet (and
 * its pods), plus the well-known ones. Sorted by namespace and name.
 */
export function configMapsToFetch(objects: Iterable<KubeObject>): ConfigMapKey[] {
  const keys = new Map<string, ConfigMapKey>();
  const add = (namespace: string, name: string): void => {
    keys.set(`${namespace}/${name}`, { namespace, name });
  };
  for (const object of objects) {
    const spec = podSpecOf(object);
    const namespace = object.metadata.namespace;
    if (spec === undefined || typeof namespace !== 'string' || namespace === '') continue;
    const relevant =
      isMiddlewareNamespace(namespace) ||
      object.kind === 'DaemonSet' ||
      (object.kind === 'Pod' && ownedByDaemonSet(object));
    if (!relevant) continue;
    for (const name of configMapNames(spec)) add(namespace, name);
  }
  for (const known of WELL_KNOWN_CONFIGMAPS) add(known.namespace, known.name);
  // Code-unit order, not locale order: the same input gives the same requests everywhere.
  const byKey = (a: ConfigMapKey, b: ConfigMapKey): number =>
    a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  return [...keys.values()].sort(byKey);
}
