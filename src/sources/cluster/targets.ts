// The resource kinds a live collection lists, why, and how. deploy/rbac.yaml grants exactly these; the test
// beside this file keeps the two in step.

/** One kind the collector lists. The served version is chosen by discovery (preferred first). */
export interface ResourceTarget {
  /** API group; '' is the core group. */
  group: string;
  /** Plural resource name as discovery reports it; '*' lists every resource of the group (dynamic kinds). */
  resource: string;
  /** The kind discovery is expected to report, for coverage entries of kinds the cluster does not serve. */
  kind: string;
  /** Only metadata is requested (PartialObjectMetadataList) and stored. */
  metadataOnly: boolean;
  /** Not part of every cluster (CRDs, newer APIs): absence is normal. */
  optional: boolean;
  /** The analyzers that read these objects; shown in deploy/rbac.yaml. */
  usedBy: string;
  /** Upstream reference for the resource. */
  source: string;
}

const CORE = 'https://kubernetes.io/docs/reference/kubernetes-api/';

function t(
  group: string,
  resource: string,
  kind: string,
  usedBy: string,
  source: string,
  flags: { metadataOnly?: boolean; optional?: boolean } = {},
): ResourceTarget {
  return {
    group,
    resource,
    kind,
    metadataOnly: flags.metadataOnly === true,
    optional: flags.optional === true,
    usedBy,
    source,
  };
}

/** In listing order: the largest lists first so they overlap with the many small ones. */
export const RESOURCE_TARGETS: readonly ResourceTarget[] = [
  t(
    '',
    'pods',
    'Pod',
    'model (workloads, pod and node counts), pss, checks, inventory',
    `${CORE}workload-resources/pod-v1/`,
  ),
  t('', 'nodes', 'Node', 'model (nodes, provider detection), host, paths', `${CORE}cluster-resources/node-v1/`),
  t('', 'namespaces', 'Namespace', 'model, pss (namespace labels), checks', `${CORE}cluster-resources/namespace-v1/`),
  t(
    'apps',
    'replicasets',
    'ReplicaSet',
    'model (owner chain Pod → ReplicaSet → Deployment)',
    `${CORE}workload-resources/replica-set-v1/`,
  ),
  t(
    'apps',
    'deployments',
    'Deployment',
    'model (workloads), checks, inventory',
    `${CORE}workload-resources/deployment-v1/`,
  ),
  t(
    'apps',
    'daemonsets',
    'DaemonSet',
    'model (workloads), checks, inventory, host',
    `${CORE}workload-resources/daemon-set-v1/`,
  ),
  t(
    'apps',
    'statefulsets',
    'StatefulSet',
    'model (workloads), checks, inventory',
    `${CORE}workload-resources/stateful-set-v1/`,
  ),
  t(
    '',
    'replicationcontrollers',
    'ReplicationController',
    'model (workloads)',
    `${CORE}workload-resources/replication-controller-v1/`,
  ),
  t('batch', 'jobs', 'Job', 'model (workloads, owner chain Job → CronJob)', `${CORE}workload-resources/job-v1/`),
  t('batch', 'cronjobs', 'CronJob', 'model (workloads)', `${CORE}workload-resources/cron-job-v1/`),
  t(
    '',
    'serviceaccounts',
    'ServiceAccount',
    'rbac, paths (identities, cloud identity annotations)',
    `${CORE}authentication-resources/service-account-v1/`,
  ),
  t('', 'services', 'Service', 'network, paths (exposure)', `${CORE}service-resources/service-v1/`),
  t('rbac.authorization.k8s.io', 'roles', 'Role', 'rbac, paths', `${CORE}authorization-resources/role-v1/`),
  t(
    'rbac.authorization.k8s.io',
    'rolebindings',
    'RoleBinding',
    'rbac, paths',
    `${CORE}authorization-resources/role-binding-v1/`,
  ),
  t(
    'rbac.authorization.k8s.io',
    'clusterroles',
    'ClusterRole',
    'rbac, paths',
    `${CORE}authorization-resources/cluster-role-v1/`,
  ),
  t(
    'rbac.authorization.k8s.io',
    'clusterrolebindings',
    'ClusterRoleBinding',
    'rbac, paths',
    `${CORE}authorization-resources/cluster-role-binding-v1/`,
  ),
  t(
    'networking.k8s.io',
    'networkpolicies',
    'NetworkPolicy',
    'network (metadata endpoint reachability)',
    `${CORE}policy-resources/network-policy-v1/`,
  ),
  t('networking.k8s.io', 'ingresses', 'Ingress', 'network, paths (exposure)', `${CORE}service-resources/ingress-v1/`),
  // Full data only for config maps middleware and DaemonSets reference (see configmap-refs.ts); the rest is
  // listed as metadata and never fetched in full.
  t(
    '',
    'configmaps',
    'ConfigMap',
    'inventory (middleware configuration), rbac (aws-auth), checks',
    `${CORE}config-and-storage-resources/config-map-v1/`,
    {
      metadataOnly: true,
    },
  ),
  // Never values: metadata only, by request and again when stored.
  t(
    '',
    'secrets',
    'Secret',
    'rbac, paths (which secrets exist, service-account token secrets)',
    `${CORE}config-and-storage-resources/secret-v1/`,
    {
      metadataOnly: true,
    },
  ),
  t('', 'limitranges', 'LimitRange', 'checks (namespace guardrails)', `${CORE}policy-resources/limit-range-v1/`),
  t(
    '',
    'resourcequotas',
    'ResourceQuota',
    'checks (namespace guardrails)',
    `${CORE}policy-resources/resource-quota-v1/`,
  ),
  t(
    '',
    'persistentvolumes',
    'PersistentVolume',
    'host, paths (hostPath and local volumes)',
    `${CORE}config-and-storage-resources/persistent-volume-v1/`,
  ),
  // Claims tie a pod's volume to its PersistentVolume (claimName → spec.volumeName).
  t(
    '',
    'persistentvolumeclaims',
    'PersistentVolumeClaim',
    'host, paths (which workloads mount hostPath and local PersistentVolumes)',
    `${CORE}config-and-storage-resources/persistent-volume-claim-v1/`,
  ),
  t(
    'scheduling.k8s.io',
    'priorityclasses',
    'PriorityClass',
    'checks, inventory (system-critical priority of middleware and customer pods)',
    `${CORE}workload-resources/priority-class-v1/`,
  ),
  t(
    'admissionregistration.k8s.io',
    'mutatingwebhookconfigurations',
    'MutatingWebhookConfiguration',
    'checks (admission), policy, inventory (provider webhooks)',
    `${CORE}extend-resources/mutating-webhook-configuration-v1/`,
  ),
  t(
    'admissionregistration.k8s.io',
    'validatingwebhookconfigurations',
    'ValidatingWebhookConfiguration',
    'checks (admission), policy, inventory (provider webhooks)',
    `${CORE}extend-resources/validating-webhook-configuration-v1/`,
  ),
  t(
    'admissionregistration.k8s.io',
    'validatingadmissionpolicies',
    'ValidatingAdmissionPolicy',
    'policy (existing admission policies), checks',
    `${CORE}extend-resources/validating-admission-policy-v1/`,
    { optional: true },
  ),
  t(
    'admissionregistration.k8s.io',
    'validatingadmissionpolicybindings',
    'ValidatingAdmissionPolicyBinding',
    'policy (existing admission policies), checks',
    `${CORE}extend-resources/validating-admission-policy-binding-v1/`,
    { optional: true },
  ),
  t(
    'admissionregistration.k8s.io',
    'mutatingadmissionpolicies',
    'MutatingAdmissionPolicy',
    'policy (existing admission policies)',
    'https://kubernetes.io/docs/reference/access-authn-authz/mutating-admission-policy/',
    { optional: true },
  ),
  t(
    'admissionregistration.k8s.io',
    'mutatingadmissionpolicybindings',
    'MutatingAdmissionPolicyBinding',
    'policy (existing admission policies)',
    'https://kubernetes.io/docs/reference/access-authn-authz/mutating-admission-policy/',
    { optional: true },
  ),
  // Metadata only: full CRDs carry large OpenAPI schemas; names (plural.group) are what analyzers use.
  t(
    'apiextensions.k8s.io',
    'customresourcedefinitions',
    'CustomResourceDefinition',
    'inventory (installed operators and middleware)',
    `${CORE}extend-resources/custom-resource-definition-v1/`,
    { metadataOnly: true },
  ),
  t(
    'cilium.io',
    'ciliumnetworkpolicies',
    'CiliumNetworkPolicy',
    'network',
    'https://docs.cilium.io/en/stable/security/policy/',
    {
      optional: true,
    },
  ),
  t(
    'cilium.io',
    'ciliumclusterwidenetworkpolicies',
    'CiliumClusterwideNetworkPolicy',
    'network',
    'https://docs.cilium.io/en/stable/security/policy/',
    { optional: true },
  ),
  t(
    'crd.projectcalico.org',
    'networkpolicies',
    'NetworkPolicy',
    'network',
    'https://docs.tigera.io/calico/latest/reference/resources/networkpolicy',
    { optional: true },
  ),
  t(
    'crd.projectcalico.org',
    'globalnetworkpolicies',
    'GlobalNetworkPolicy',
    'network',
    'https://docs.tigera.io/calico/latest/reference/resources/globalnetworkpolicy',
    { optional: true },
  ),
  t(
    'kyverno.io',
    'clusterpolicies',
    'ClusterPolicy',
    'policy (existing Kyverno policies)',
    'https://kyverno.io/docs/writing-policies/',
    {
      optional: true,
    },
  ),
  t(
    'kyverno.io',
    'policies',
    'Policy',
    'policy (existing Kyverno policies)',
    'https://kyverno.io/docs/writing-policies/',
    {
      optional: true,
    },
  ),
  t(
    'kyverno.io',
    'policyexceptions',
    'PolicyException',
    'policy (exceptions weaken Kyverno policies)',
    'https://kyverno.io/docs/writing-policies/exceptions/',
    { optional: true },
  ),
  t(
    'templates.gatekeeper.sh',
    'constrainttemplates',
    'ConstraintTemplate',
    'policy (existing Gatekeeper policies)',
    'https://open-policy-agent.github.io/gatekeeper/website/docs/howto',
    { optional: true },
  ),
  // Each ConstraintTemplate defines its own constraint kind in this group, so the group is listed whole.
  t(
    'constraints.gatekeeper.sh',
    '*',
    '*',
    'policy (which Gatekeeper constraints are enforced)',
    'https://open-policy-agent.github.io/gatekeeper/website/docs/howto',
    { optional: true },
  ),
];

/**
 * Secret types recovered for metadata-only secrets by listing again with a field selector on `type` (metadata
 * lists carry no type). These are the types that are credentials to the API server itself.
 */
export const SECRET_TYPES_BY_SELECTOR: readonly { type: string; why: string; source: string }[] = [
  {
    type: 'kubernetes.io/service-account-token',
    why: 'long-lived service account tokens (legacy), usable from outside the cluster',
    source: 'https://kubernetes.io/docs/concepts/configuration/secret/#serviceaccount-token-secrets',
  },
  {
    type: 'bootstrap.kubernetes.io/token',
    why: 'node bootstrap tokens, which can request node client certificates',
    source: 'https://kubernetes.io/docs/reference/access-authn-authz/bootstrap-tokens/',
  },
];

/** `pods`, `deployments.apps`: the kubectl spelling, unambiguous across groups. */
export function qualifiedName(group: string, resource: string): string {
  return group === '' ? resource : `${resource}.${group}`;
}
