// Resources the fake API server serves in discovery, shaped like kube-apiserver's APIResourceList entries.
import type { KubeObject } from '../../src/model/k8s.ts';

export interface FakeResource {
  group: string;
  version: string;
  /** Plural name. */
  resource: string;
  kind: string;
  namespaced: boolean;
  /** Default: get, list, watch, create, update, patch, delete, deletecollection. */
  verbs?: string[];
  /** Custom resources keep apiVersion/kind on list items (unstructured); built-in list items omit them. */
  custom?: boolean;
  /** Subresource names advertised in discovery (`log` → `pods/log`). */
  subresources?: string[];
}

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

function r(
  group: string,
  version: string,
  resource: string,
  kind: string,
  namespaced: boolean,
  extra: Partial<FakeResource> = {},
): FakeResource {
  return { group, version, resource, kind, namespaced, ...extra };
}

/** What a recent managed cluster (1.31) serves; order is discovery order. */
export const BUILTIN_RESOURCES: readonly FakeResource[] = [
  r('', 'v1', 'namespaces', 'Namespace', false, { subresources: ['status', 'finalize'] }),
  r('', 'v1', 'nodes', 'Node', false, { subresources: ['status', 'proxy'] }),
  r('', 'v1', 'pods', 'Pod', true, { subresources: ['log', 'exec', 'status', 'eviction'] }),
  r('', 'v1', 'services', 'Service', true, { subresources: ['status', 'proxy'] }),
  r('', 'v1', 'serviceaccounts', 'ServiceAccount', true, { subresources: ['token'] }),
  r('', 'v1', 'configmaps', 'ConfigMap', true),
  r('', 'v1', 'secrets', 'Secret', true),
  r('', 'v1', 'replicationcontrollers', 'ReplicationController', true, { subresources: ['scale', 'status'] }),
  r('', 'v1', 'limitranges', 'LimitRange', true),
  r('', 'v1', 'resourcequotas', 'ResourceQuota', true, { subresources: ['status'] }),
  r('', 'v1', 'persistentvolumes', 'PersistentVolume', false, { subresources: ['status'] }),
  r('', 'v1', 'persistentvolumeclaims', 'PersistentVolumeClaim', true),
  r('', 'v1', 'endpoints', 'Endpoints', true),
  r('', 'v1', 'events', 'Event', true),
  r('', 'v1', 'bindings', 'Binding', true, { verbs: ['create'] }),
  r('apps', 'v1', 'deployments', 'Deployment', true, { subresources: ['scale', 'status'] }),
  r('apps', 'v1', 'daemonsets', 'DaemonSet', true, { subresources: ['status'] }),
  r('apps', 'v1', 'statefulsets', 'StatefulSet', true, { subresources: ['scale', 'status'] }),
  r('apps', 'v1', 'replicasets', 'ReplicaSet', true, { subresources: ['scale', 'status'] }),
  r('apps', 'v1', 'controllerrevisions', 'ControllerRevision', true),
  r('batch', 'v1', 'jobs', 'Job', true, { subresources: ['status'] }),
  r('batch', 'v1', 'cronjobs', 'CronJob', true, { subresources: ['status'] }),
  r('rbac.authorization.k8s.io', 'v1', 'roles', 'Role', true),
  r('rbac.authorization.k8s.io', 'v1', 'rolebindings', 'RoleBinding', true),
  r('rbac.authorization.k8s.io', 'v1', 'clusterroles', 'ClusterRole', false),
  r('rbac.authorization.k8s.io', 'v1', 'clusterrolebindings', 'ClusterRoleBinding', false),
  r('networking.k8s.io', 'v1', 'networkpolicies', 'NetworkPolicy', true),
  r('networking.k8s.io', 'v1', 'ingresses', 'Ingress', true, { subresources: ['status'] }),
  r('networking.k8s.io', 'v1', 'ingressclasses', 'IngressClass', false),
  r('scheduling.k8s.io', 'v1', 'priorityclasses', 'PriorityClass', false),
  r('policy', 'v1', 'poddisruptionbudgets', 'PodDisruptionBudget', true, { subresources: ['status'] }),
  r('admissionregistration.k8s.io', 'v1', 'mutatingwebhookconfigurations', 'MutatingWebhookConfiguration', false),
  r('admissionregistration.k8s.io', 'v1', 'validatingwebhookconfigurations', 'ValidatingWebhookConfiguration', false),
  r('admissionregistration.k8s.io', 'v1', 'validatingadmissionpolicies', 'ValidatingAdmissionPolicy', false, {
    subresources: ['status'],
  }),
  r(
    'admissionregistration.k8s.io',
    'v1',
    'validatingadmissionpolicybindings',
    'ValidatingAdmissionPolicyBinding',
    false,
  ),
  r('apiextensions.k8s.io', 'v1', 'customresourcedefinitions', 'CustomResourceDefinition', false, {
    subresources: ['status'],
  }),
  r('authorization.k8s.io', 'v1', 'selfsubjectaccessreviews', 'SelfSubjectAccessReview', false, { verbs: ['create'] }),
];

/** A 1.29-style admissionregistration group: policies only in v1beta1, behind the preferred v1. */
export const ADMISSION_V1BETA1_ONLY: readonly FakeResource[] = [
  r('admissionregistration.k8s.io', 'v1', 'mutatingwebhookconfigurations', 'MutatingWebhookConfiguration', false),
  r('admissionregistration.k8s.io', 'v1', 'validatingwebhookconfigurations', 'ValidatingWebhookConfiguration', false),
  r('admissionregistration.k8s.io', 'v1beta1', 'validatingadmissionpolicies', 'ValidatingAdmissionPolicy', false),
  r(
    'admissionregistration.k8s.io',
    'v1beta1',
    'validatingadmissionpolicybindings',
    'ValidatingAdmissionPolicyBinding',
    false,
  ),
];

export const CILIUM_RESOURCES: readonly FakeResource[] = [
  r('cilium.io', 'v2', 'ciliumnetworkpolicies', 'CiliumNetworkPolicy', true, { custom: true }),
  r('cilium.io', 'v2', 'ciliumclusterwidenetworkpolicies', 'CiliumClusterwideNetworkPolicy', false, { custom: true }),
  r('cilium.io', 'v2', 'ciliumendpoints', 'CiliumEndpoint', true, { custom: true }),
];

export const CALICO_RESOURCES: readonly FakeResource[] = [
  r('crd.projectcalico.org', 'v1', 'networkpolicies', 'NetworkPolicy', true, { custom: true }),
  r('crd.projectcalico.org', 'v1', 'globalnetworkpolicies', 'GlobalNetworkPolicy', false, { custom: true }),
];

export const KYVERNO_RESOURCES: readonly FakeResource[] = [
  r('kyverno.io', 'v1', 'clusterpolicies', 'ClusterPolicy', false, { custom: true }),
  r('kyverno.io', 'v1', 'policies', 'Policy', true, { custom: true }),
  r('kyverno.io', 'v2', 'policyexceptions', 'PolicyException', true, { custom: true }),
  r('kyverno.io', 'v2', 'cleanuppolicies', 'CleanupPolicy', true, { custom: true }),
];

export const GATEKEEPER_RESOURCES: readonly FakeResource[] = [
  r('templates.gatekeeper.sh', 'v1', 'constrainttemplates', 'ConstraintTemplate', false, { custom: true }),
  r('constraints.gatekeeper.sh', 'v1beta1', 'k8spspprivilegedcontainer', 'K8sPSPPrivilegedContainer', false, {
    custom: true,
  }),
];

/** Plural of a kind the catalog does not know, as kube-apiserver's default RESTMapper guesses it. */
export function guessPlural(kind: string): string {
  const lower = kind.toLowerCase();
  if (lower.endsWith('s')) return `${lower}es`;
  if (lower.endsWith('y') && !/[aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  return `${lower}s`;
}

export function groupOf(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/**
 * The catalog for a set of objects: the built-ins plus any extra sets, plus a guessed entry for each kind of
 * object no entry serves (so snapshots with unexpected kinds are still served).
 */
export function catalogFor(objects: readonly KubeObject[], extra: readonly FakeResource[] = []): FakeResource[] {
  const catalog = [
    ...BUILTIN_RESOURCES.filter((b) => !extra.some((e) => e.group === b.group && e.resource === b.resource)),
    ...extra,
  ];
  for (const object of objects) {
    const { group, version } = groupOf(object.apiVersion);
    if (catalog.some((entry) => entry.group === group && entry.kind === object.kind)) continue;
    const namespaced = typeof object.metadata.namespace === 'string' && object.metadata.namespace !== '';
    catalog.push(r(group, version, guessPlural(object.kind), object.kind, namespaced, { custom: group.includes('.') }));
  }
  return catalog;
}

export function verbsOf(resource: FakeResource): string[] {
  return resource.verbs ?? ALL_VERBS;
}
