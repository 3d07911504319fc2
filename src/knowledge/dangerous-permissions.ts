// Permissions that lead to privilege escalation, node compromise, secret disclosure or denial of service, as data.
// A subject holds an entry when it may perform at least one request in verbs × (apiGroups × resources), counting only
// group/resource pairs that exist (see `dangerousRequests`). Resources may name a subresource (`pods/exec`).
// Main source: Kubernetes "Role Based Access Control Good Practices", privilege-escalation and DoS sections.

export type DangerImpact =
  'cluster-admin' | 'node' | 'secrets' | 'workload-exec' | 'escalation' | 'admission-bypass' | 'dos';

export type DangerSeverity = 'critical' | 'high' | 'medium' | 'low';

export interface DangerousPermission {
  /** Stable kebab-case id; never reused for another meaning. */
  id: string;
  title: string;
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  why: string;
  impact: DangerImpact;
  severity: DangerSeverity;
  /** Matching edge of the KubeHound attack graph, when there is one. */
  kubehoundEdge?: string;
  references: string[];
}

const GOOD_PRACTICES = 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/';
const RBAC_ESCALATION =
  'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#privilege-escalation-prevention-and-bootstrapping';
const KUBELET_AUTHZ =
  'https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/#kubelet-authorization';

export const DANGEROUS_PERMISSIONS: readonly DangerousPermission[] = [
  {
    id: 'wildcard-all',
    title: 'Every verb on every resource',
    verbs: ['*'],
    apiGroups: ['*'],
    resources: ['*'],
    why: 'A rule with `*` verbs on `*` resources in `*` groups is cluster-admin (namespace-admin through a RoleBinding), including every future resource.',
    impact: 'cluster-admin',
    severity: 'critical',
    references: [
      `${GOOD_PRACTICES}#least-privilege`,
      'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles',
    ],
  },
  {
    id: 'rbac-escalate',
    title: 'Escalate roles',
    verbs: ['escalate'],
    apiGroups: ['rbac.authorization.k8s.io'],
    resources: ['roles', 'clusterroles'],
    why: 'Lifts the check that a role may only contain permissions its author holds: write a role with any rule, then use it.',
    impact: 'escalation',
    severity: 'critical',
    references: [`${GOOD_PRACTICES}#escalate-verb`, RBAC_ESCALATION],
  },
  {
    id: 'rbac-bind',
    title: 'Bind roles',
    verbs: ['bind'],
    apiGroups: ['rbac.authorization.k8s.io'],
    resources: ['roles', 'clusterroles'],
    why: 'Lifts the check that a binding may only grant permissions its author holds: bind cluster-admin (or the bindable role) to oneself.',
    impact: 'escalation',
    severity: 'critical',
    kubehoundEdge: 'ROLE_BIND',
    references: [`${GOOD_PRACTICES}#bind-verb`, RBAC_ESCALATION],
  },
  {
    id: 'impersonate-users-groups',
    title: 'Impersonate users or groups',
    verbs: ['impersonate'],
    apiGroups: [''],
    resources: ['users', 'groups'],
    why: 'Act as any user or group, such as group system:masters, which bypasses authorization entirely.',
    impact: 'cluster-admin',
    severity: 'critical',
    kubehoundEdge: 'IDENTITY_IMPERSONATE',
    references: [
      `${GOOD_PRACTICES}#impersonate-verb`,
      'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#user-impersonation',
    ],
  },
  {
    id: 'impersonate-serviceaccounts',
    title: 'Impersonate service accounts',
    verbs: ['impersonate'],
    apiGroups: [''],
    resources: ['serviceaccounts'],
    why: 'Act as any service account in scope and use all of its permissions.',
    impact: 'escalation',
    severity: 'high',
    kubehoundEdge: 'IDENTITY_IMPERSONATE',
    references: [
      `${GOOD_PRACTICES}#impersonate-verb`,
      'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#user-impersonation',
    ],
  },
  {
    id: 'pods-create',
    title: 'Create pods',
    verbs: ['create'],
    apiGroups: [''],
    resources: ['pods'],
    why: 'Run a pod with any service account of the namespace (and take its token) or, where admission allows, a privileged pod with host mounts that takes over the node.',
    impact: 'node',
    severity: 'high',
    kubehoundEdge: 'POD_CREATE',
    references: [`${GOOD_PRACTICES}#workload-creation`],
  },
  {
    id: 'workload-controllers-write',
    title: 'Create or modify workload controllers',
    verbs: ['create', 'update', 'patch'],
    apiGroups: ['apps', 'batch', ''],
    resources: [
      'deployments',
      'daemonsets',
      'statefulsets',
      'replicasets',
      'jobs',
      'cronjobs',
      'replicationcontrollers',
    ],
    why: 'A controller creates pods on the writer’s behalf: the same power as creating pods, on every node for a DaemonSet.',
    impact: 'node',
    severity: 'high',
    kubehoundEdge: 'POD_PATCH',
    references: [`${GOOD_PRACTICES}#workload-creation`],
  },
  {
    id: 'pods-exec',
    title: 'Exec into pods',
    verbs: ['create', 'get'],
    apiGroups: [''],
    resources: ['pods/exec'],
    why: 'Run commands in existing containers and read their service-account tokens and secrets. Before Kubernetes 1.35 (feature gate AuthorizePodWebsocketUpgradeCreatePermission) a WebSocket exec needs only `get`.',
    impact: 'workload-exec',
    severity: 'high',
    kubehoundEdge: 'POD_EXEC',
    references: [
      `${GOOD_PRACTICES}#workload-creation`,
      'https://github.com/kubernetes/kubernetes/issues/78741',
      'https://github.com/kubernetes/kubernetes/pull/134577',
    ],
  },
  {
    id: 'pods-attach',
    title: 'Attach to pods',
    verbs: ['create', 'get'],
    apiGroups: [''],
    resources: ['pods/attach'],
    why: 'Attach to the main process of running containers (their stdin and terminal); `get` suffices over WebSocket before 1.35.',
    impact: 'workload-exec',
    severity: 'high',
    kubehoundEdge: 'POD_ATTACH',
    references: ['https://github.com/kubernetes/kubernetes/pull/134577'],
  },
  {
    id: 'pods-ephemeralcontainers',
    title: 'Add ephemeral containers',
    verbs: ['update', 'patch'],
    apiGroups: [''],
    resources: ['pods/ephemeralcontainers'],
    why: 'Add a container of one’s choosing to a running pod, sharing its namespaces, volumes and service account.',
    impact: 'workload-exec',
    severity: 'high',
    references: ['https://kubernetes.io/docs/concepts/workloads/pods/ephemeral-containers/'],
  },
  {
    id: 'pods-portforward',
    title: 'Port-forward to pods',
    verbs: ['create', 'get'],
    apiGroups: [''],
    resources: ['pods/portforward'],
    why: 'Reach any port of a pod, bypassing Services and NetworkPolicy (admin interfaces, unauthenticated local endpoints).',
    impact: 'workload-exec',
    severity: 'medium',
    references: ['https://github.com/kubernetes/kubernetes/pull/134577'],
  },
  {
    id: 'nodes-proxy',
    title: 'Kubelet API through nodes/proxy',
    verbs: ['get', 'create'],
    apiGroups: [''],
    resources: ['nodes/proxy'],
    why: 'Full kubelet API on every node: exec into any pod of the node, bypassing audit and admission. `get` alone allows exec over WebSocket.',
    impact: 'node',
    severity: 'critical',
    references: [
      `${GOOD_PRACTICES}#access-to-proxy-subresource-of-nodes`,
      KUBELET_AUTHZ,
      'https://grahamhelton.com/blog/nodes-proxy-rce',
    ],
  },
  {
    id: 'secrets-read',
    title: 'Read secrets',
    verbs: ['get', 'list', 'watch'],
    apiGroups: [''],
    resources: ['secrets'],
    why: 'Read credentials, including legacy service-account token secrets; list and watch return every value in scope.',
    impact: 'secrets',
    severity: 'high',
    kubehoundEdge: 'TOKEN_LIST',
    references: [`${GOOD_PRACTICES}#listing-secrets`],
  },
  {
    id: 'serviceaccount-token-create',
    title: 'Mint service-account tokens',
    verbs: ['create'],
    apiGroups: [''],
    resources: ['serviceaccounts/token'],
    why: 'Issue a token for any service account in scope (TokenRequest) and act as it.',
    impact: 'escalation',
    severity: 'high',
    references: [`${GOOD_PRACTICES}#token-request`],
  },
  {
    id: 'csr-approval',
    title: 'Approve certificate signing requests',
    verbs: ['update', 'patch'],
    apiGroups: ['certificates.k8s.io'],
    resources: ['certificatesigningrequests/approval'],
    why: 'With `approve` on a signer, issue client certificates for other identities (nodes; system:masters on clusters whose signer allows it).',
    impact: 'escalation',
    severity: 'high',
    references: [
      `${GOOD_PRACTICES}#csrs-and-certificate-issuing`,
      'https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/#authorization',
    ],
  },
  {
    id: 'csr-signer-approve',
    title: 'Approve for a certificate signer',
    verbs: ['approve'],
    apiGroups: ['certificates.k8s.io'],
    resources: ['signers'],
    why: 'The second half of CSR approval: which signers’ certificates the subject may approve.',
    impact: 'escalation',
    severity: 'high',
    references: ['https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/#authorization'],
  },
  {
    id: 'admission-webhooks-write',
    title: 'Write admission webhook configurations',
    verbs: ['create', 'update', 'patch', 'delete'],
    apiGroups: ['admissionregistration.k8s.io'],
    resources: ['mutatingwebhookconfigurations', 'validatingwebhookconfigurations'],
    why: 'Send every admitted object to a webhook of one’s choosing (read secrets, inject privileged containers) or remove the policy webhooks.',
    impact: 'admission-bypass',
    severity: 'critical',
    references: [`${GOOD_PRACTICES}#control-admission-webhooks`],
  },
  {
    id: 'admission-policies-write',
    title: 'Write admission policies or their bindings',
    verbs: ['create', 'update', 'patch', 'delete'],
    apiGroups: ['admissionregistration.k8s.io'],
    resources: [
      'validatingadmissionpolicies',
      'validatingadmissionpolicybindings',
      'mutatingadmissionpolicies',
      'mutatingadmissionpolicybindings',
    ],
    why: 'Disable in-process admission policies or, with mutating policies, rewrite objects as they are admitted.',
    impact: 'admission-bypass',
    severity: 'high',
    references: [
      'https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/',
      `${GOOD_PRACTICES}#control-admission-webhooks`,
    ],
  },
  {
    id: 'rbac-write',
    title: 'Write roles or bindings',
    verbs: ['create', 'update', 'patch'],
    apiGroups: ['rbac.authorization.k8s.io'],
    resources: ['roles', 'clusterroles', 'rolebindings', 'clusterrolebindings'],
    why: 'Grant one’s own permissions to other identities; with escalate or bind, any permission.',
    impact: 'escalation',
    severity: 'medium',
    references: [RBAC_ESCALATION],
  },
  {
    id: 'persistentvolumes-create',
    title: 'Create persistent volumes',
    verbs: ['create'],
    apiGroups: [''],
    resources: ['persistentvolumes'],
    why: 'A hostPath PersistentVolume gives pods that claim it the node’s filesystem, outside pod-level hostPath checks.',
    impact: 'node',
    severity: 'high',
    kubehoundEdge: 'VOLUME_ACCESS',
    references: [`${GOOD_PRACTICES}#persistent-volume-creation`],
  },
  {
    id: 'nodes-write',
    title: 'Modify nodes',
    verbs: ['update', 'patch'],
    apiGroups: [''],
    resources: ['nodes', 'nodes/status'],
    why: 'Labels and taints steer workloads onto or away from nodes (draw sensitive pods to a compromised node, evict agents).',
    impact: 'node',
    severity: 'medium',
    references: ['https://kubernetes.io/docs/reference/access-authn-authz/node/'],
  },
  {
    id: 'namespaces-write',
    title: 'Modify namespaces',
    verbs: ['update', 'patch'],
    apiGroups: [''],
    resources: ['namespaces'],
    why: 'Changing pod-security.kubernetes.io labels lowers Pod Security admission for the namespace, allowing privileged pods.',
    impact: 'admission-bypass',
    severity: 'medium',
    references: [
      `${GOOD_PRACTICES}#namespace-modification`,
      'https://kubernetes.io/docs/concepts/security/pod-security-admission/',
    ],
  },
  {
    id: 'pods-evict',
    title: 'Evict pods',
    verbs: ['create'],
    apiGroups: [''],
    resources: ['pods/eviction'],
    why: 'Stop security agents and middleware pods (PodDisruptionBudgets permitting).',
    impact: 'dos',
    severity: 'low',
    references: [`${GOOD_PRACTICES}#denial-of-service-risks`],
  },
  {
    id: 'pods-delete',
    title: 'Delete pods',
    verbs: ['delete', 'deletecollection'],
    apiGroups: [''],
    resources: ['pods'],
    why: 'Stop security agents and middleware pods, regardless of PodDisruptionBudgets.',
    impact: 'dos',
    severity: 'low',
    references: [`${GOOD_PRACTICES}#denial-of-service-risks`],
  },
];

export interface DangerousRequest {
  verb: string;
  apiGroup: string;
  resource: string;
  subresource?: string;
}

/**
 * The concrete requests an entry stands for: verbs × group/resource pairs, keeping only pairs that `exists` accepts
 * (wildcards always), so `deployments` is asked in `apps` and not in `batch`.
 */
export function dangerousRequests(
  permission: DangerousPermission,
  exists: (apiGroup: string, resource: string) => boolean,
): DangerousRequest[] {
  const out: DangerousRequest[] = [];
  for (const apiGroup of permission.apiGroups) {
    for (const full of permission.resources) {
      const slash = full.indexOf('/');
      const resource = slash >= 0 ? full.slice(0, slash) : full;
      const subresource = slash >= 0 ? full.slice(slash + 1) : undefined;
      if (apiGroup !== '*' && resource !== '*' && !exists(apiGroup, resource)) continue;
      for (const verb of permission.verbs) {
        const r: DangerousRequest = { verb, apiGroup, resource };
        if (subresource !== undefined) r.subresource = subresource;
        out.push(r);
      }
    }
  }
  return out;
}
