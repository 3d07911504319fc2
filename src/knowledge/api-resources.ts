// Well-known built-in API resources: group, preferred version, scope and subresources, so that `who-can patch
// daemonsets` resolves group `apps` and the RBAC engine knows that `nodes` is cluster-scoped (a RoleBinding can never
// grant it). Facts from the Kubernetes API reference (one anchor per kind) and, for resources that exist only for
// authorization (impersonation targets, CSR signers, kubelet API paths), from the documents that define them.

export interface ApiResourceFact {
  /** API group; `''` is the core group. */
  group: string;
  /** Preferred version served by current Kubernetes releases. */
  version: string;
  /** Plural resource name as RBAC rules spell it. */
  resource: string;
  kind: string;
  namespaced: boolean;
  subresources: string[];
  shortNames: string[];
  /** True for resources that exist only as authorization attributes and are never stored (users, signers…). */
  virtual: boolean;
  source: string;
  /**
   * Subresources that exist only as authorization attributes: the kubelet API paths checked as nodes/<sub>, and the
   * CSR auto-approval checks on certificatesigningrequests/nodeclient and /selfnodeclient.
   */
  authorizationSubresources?: { names: string[]; source: string };
}

const API_REFERENCE = 'https://kubernetes.io/docs/reference/generated/kubernetes-api/v1.33/';

/** Anchor of a kind in the generated API reference, e.g. `#deployment-v1-apps`, `#pod-v1-core`. */
function apiReference(kind: string, version: string, group: string): string {
  const g = group === '' ? 'core' : group.replaceAll('.', '-');
  return `${API_REFERENCE}#${kind.toLowerCase()}-${version}-${g}`;
}

type Row = [
  group: string,
  version: string,
  resource: string,
  kind: string,
  namespaced: boolean,
  subresources?: string[],
  shortNames?: string[],
];

// Served, documented kinds. Preferred versions as of Kubernetes v1.33.
const STORED: Row[] = [
  ['', 'v1', 'bindings', 'Binding', true],
  ['', 'v1', 'componentstatuses', 'ComponentStatus', false, [], ['cs']],
  ['', 'v1', 'configmaps', 'ConfigMap', true, [], ['cm']],
  ['', 'v1', 'endpoints', 'Endpoints', true, [], ['ep']],
  ['', 'v1', 'events', 'Event', true, [], ['ev']],
  ['', 'v1', 'limitranges', 'LimitRange', true, [], ['limits']],
  ['', 'v1', 'namespaces', 'Namespace', false, ['finalize', 'status'], ['ns']],
  ['', 'v1', 'nodes', 'Node', false, ['proxy', 'status'], ['no']],
  ['', 'v1', 'persistentvolumeclaims', 'PersistentVolumeClaim', true, ['status'], ['pvc']],
  ['', 'v1', 'persistentvolumes', 'PersistentVolume', false, ['status'], ['pv']],
  [
    '',
    'v1',
    'pods',
    'Pod',
    true,
    ['attach', 'binding', 'ephemeralcontainers', 'eviction', 'exec', 'log', 'portforward', 'proxy', 'resize', 'status'],
    ['po'],
  ],
  ['', 'v1', 'podtemplates', 'PodTemplate', true],
  ['', 'v1', 'replicationcontrollers', 'ReplicationController', true, ['scale', 'status'], ['rc']],
  ['', 'v1', 'resourcequotas', 'ResourceQuota', true, ['status'], ['quota']],
  ['', 'v1', 'secrets', 'Secret', true],
  ['', 'v1', 'serviceaccounts', 'ServiceAccount', true, ['token'], ['sa']],
  ['', 'v1', 'services', 'Service', true, ['proxy', 'status'], ['svc']],
  ['admissionregistration.k8s.io', 'v1', 'mutatingwebhookconfigurations', 'MutatingWebhookConfiguration', false],
  ['admissionregistration.k8s.io', 'v1', 'validatingwebhookconfigurations', 'ValidatingWebhookConfiguration', false],
  ['admissionregistration.k8s.io', 'v1', 'validatingadmissionpolicies', 'ValidatingAdmissionPolicy', false, ['status']],
  [
    'admissionregistration.k8s.io',
    'v1',
    'validatingadmissionpolicybindings',
    'ValidatingAdmissionPolicyBinding',
    false,
  ],
  ['admissionregistration.k8s.io', 'v1alpha1', 'mutatingadmissionpolicies', 'MutatingAdmissionPolicy', false],
  [
    'admissionregistration.k8s.io',
    'v1alpha1',
    'mutatingadmissionpolicybindings',
    'MutatingAdmissionPolicyBinding',
    false,
  ],
  [
    'apiextensions.k8s.io',
    'v1',
    'customresourcedefinitions',
    'CustomResourceDefinition',
    false,
    ['status'],
    ['crd', 'crds'],
  ],
  ['apiregistration.k8s.io', 'v1', 'apiservices', 'APIService', false, ['status']],
  ['apps', 'v1', 'controllerrevisions', 'ControllerRevision', true],
  ['apps', 'v1', 'daemonsets', 'DaemonSet', true, ['status'], ['ds']],
  ['apps', 'v1', 'deployments', 'Deployment', true, ['scale', 'status'], ['deploy']],
  ['apps', 'v1', 'replicasets', 'ReplicaSet', true, ['scale', 'status'], ['rs']],
  ['apps', 'v1', 'statefulsets', 'StatefulSet', true, ['scale', 'status'], ['sts']],
  ['authentication.k8s.io', 'v1', 'selfsubjectreviews', 'SelfSubjectReview', false],
  ['authentication.k8s.io', 'v1', 'tokenreviews', 'TokenReview', false],
  ['authorization.k8s.io', 'v1', 'localsubjectaccessreviews', 'LocalSubjectAccessReview', true],
  ['authorization.k8s.io', 'v1', 'selfsubjectaccessreviews', 'SelfSubjectAccessReview', false],
  ['authorization.k8s.io', 'v1', 'selfsubjectrulesreviews', 'SelfSubjectRulesReview', false],
  ['authorization.k8s.io', 'v1', 'subjectaccessreviews', 'SubjectAccessReview', false],
  ['autoscaling', 'v2', 'horizontalpodautoscalers', 'HorizontalPodAutoscaler', true, ['status'], ['hpa']],
  ['batch', 'v1', 'cronjobs', 'CronJob', true, ['status'], ['cj']],
  ['batch', 'v1', 'jobs', 'Job', true, ['status']],
  [
    'certificates.k8s.io',
    'v1',
    'certificatesigningrequests',
    'CertificateSigningRequest',
    false,
    ['approval', 'status'],
    ['csr'],
  ],
  ['certificates.k8s.io', 'v1beta1', 'clustertrustbundles', 'ClusterTrustBundle', false],
  ['coordination.k8s.io', 'v1', 'leases', 'Lease', true],
  ['coordination.k8s.io', 'v1beta1', 'leasecandidates', 'LeaseCandidate', true],
  ['discovery.k8s.io', 'v1', 'endpointslices', 'EndpointSlice', true],
  ['events.k8s.io', 'v1', 'events', 'Event', true, [], ['ev']],
  ['flowcontrol.apiserver.k8s.io', 'v1', 'flowschemas', 'FlowSchema', false, ['status']],
  [
    'flowcontrol.apiserver.k8s.io',
    'v1',
    'prioritylevelconfigurations',
    'PriorityLevelConfiguration',
    false,
    ['status'],
  ],
  ['networking.k8s.io', 'v1', 'ingressclasses', 'IngressClass', false],
  ['networking.k8s.io', 'v1', 'ingresses', 'Ingress', true, ['status'], ['ing']],
  ['networking.k8s.io', 'v1', 'ipaddresses', 'IPAddress', false, [], ['ip']],
  ['networking.k8s.io', 'v1', 'networkpolicies', 'NetworkPolicy', true, [], ['netpol']],
  ['networking.k8s.io', 'v1', 'servicecidrs', 'ServiceCIDR', false, ['status']],
  ['node.k8s.io', 'v1', 'runtimeclasses', 'RuntimeClass', false],
  ['policy', 'v1', 'poddisruptionbudgets', 'PodDisruptionBudget', true, ['status'], ['pdb']],
  ['rbac.authorization.k8s.io', 'v1', 'clusterrolebindings', 'ClusterRoleBinding', false],
  ['rbac.authorization.k8s.io', 'v1', 'clusterroles', 'ClusterRole', false],
  ['rbac.authorization.k8s.io', 'v1', 'rolebindings', 'RoleBinding', true],
  ['rbac.authorization.k8s.io', 'v1', 'roles', 'Role', true],
  ['resource.k8s.io', 'v1beta1', 'deviceclasses', 'DeviceClass', false],
  ['resource.k8s.io', 'v1beta1', 'resourceclaims', 'ResourceClaim', true, ['status']],
  ['resource.k8s.io', 'v1beta1', 'resourceclaimtemplates', 'ResourceClaimTemplate', true],
  ['resource.k8s.io', 'v1beta1', 'resourceslices', 'ResourceSlice', false],
  ['scheduling.k8s.io', 'v1', 'priorityclasses', 'PriorityClass', false, [], ['pc']],
  ['storage.k8s.io', 'v1', 'csidrivers', 'CSIDriver', false],
  ['storage.k8s.io', 'v1', 'csinodes', 'CSINode', false],
  ['storage.k8s.io', 'v1', 'csistoragecapacities', 'CSIStorageCapacity', true],
  ['storage.k8s.io', 'v1', 'storageclasses', 'StorageClass', false, [], ['sc']],
  ['storage.k8s.io', 'v1', 'volumeattachments', 'VolumeAttachment', false, ['status']],
  ['storage.k8s.io', 'v1beta1', 'volumeattributesclasses', 'VolumeAttributesClass', false, [], ['vac']],
];

const IMPERSONATION_SOURCE =
  'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#user-impersonation (kubernetes/kubernetes staging/src/k8s.io/apiserver/pkg/endpoints/filters/impersonation.go)';
const SIGNERS_SOURCE =
  'https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/#authorization';
const CSR_APPROVAL_SOURCE =
  'https://kubernetes.io/docs/reference/access-authn-authz/kubelet-tls-bootstrapping/#approval';
const KUBELET_AUTHZ_SOURCE =
  'https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/#kubelet-authorization';

function fact(row: Row): ApiResourceFact {
  const [group, version, resource, kind, namespaced, subresources = [], shortNames = []] = row;
  return {
    group,
    version,
    resource,
    kind,
    namespaced,
    subresources,
    shortNames,
    virtual: false,
    source: apiReference(kind, version, group),
  };
}

function virtualFact(
  group: string,
  resource: string,
  namespaced: boolean,
  source: string,
  subresources: string[] = [],
): ApiResourceFact {
  return { group, version: 'v1', resource, kind: '', namespaced, subresources, shortNames: [], virtual: true, source };
}

export const API_RESOURCES: readonly ApiResourceFact[] = [
  ...STORED.map(fact),
  // Impersonation is authorized as verb `impersonate` on these (serviceaccounts is the stored resource above).
  virtualFact('', 'users', false, IMPERSONATION_SOURCE),
  virtualFact('', 'groups', false, IMPERSONATION_SOURCE),
  virtualFact('authentication.k8s.io', 'uids', false, IMPERSONATION_SOURCE),
  // userextras/<extra key>: the subresource is the extra's key, so it is open-ended.
  virtualFact('authentication.k8s.io', 'userextras', false, IMPERSONATION_SOURCE),
  // `approve` (and `sign`) on signers, named by signer name, gate CSR approval and signing.
  virtualFact('certificates.k8s.io', 'signers', false, SIGNERS_SOURCE),
].map((f) => {
  if (f.group === '' && f.resource === 'nodes') {
    const names = ['proxy', 'stats', 'metrics', 'log', 'spec', 'pods', 'checkpoint', 'configz', 'healthz'];
    return { ...f, authorizationSubresources: { names, source: KUBELET_AUTHZ_SOURCE } };
  }
  if (f.group === 'certificates.k8s.io' && f.resource === 'certificatesigningrequests') {
    return {
      ...f,
      authorizationSubresources: { names: ['nodeclient', 'selfnodeclient'], source: CSR_APPROVAL_SOURCE },
    };
  }
  return f;
});

const BY_GROUP_RESOURCE = new Map(API_RESOURCES.map((f) => [`${f.group}/${f.resource}`, f]));

/** The fact for an exact group and plural resource, if the resource is a well-known built-in one. */
export function findApiResource(group: string, resource: string): ApiResourceFact | undefined {
  return BY_GROUP_RESOURCE.get(`${group}/${resource}`);
}

/**
 * Facts whose plural, kind (lower-case) or short name is `name`, in table order (the core group first, as kubectl
 * prefers it when a name is served by several groups, e.g. `events`).
 */
export function lookupApiResources(name: string): ApiResourceFact[] {
  const n = name.toLowerCase();
  return API_RESOURCES.filter(
    (f) => f.resource === n || (f.kind !== '' && f.kind.toLowerCase() === n) || f.shortNames.includes(n),
  );
}
