// Control-plane service accounts whose job is to write RBAC objects, webhooks or admission policies. Their writes
// are how the cluster works, so they raise no anomaly. Users and groups of the control plane are recognised by
// src/knowledge/control-plane-identities.ts.

export interface ExpectedWriter {
  /** Service-account username. */
  username: string;
  /** Resources (group/resource) the account writes as part of its job. */
  resources: string[];
  why: string;
  source: string;
}

const CONTROLLER_POLICY = 'kubernetes/kubernetes:plugin/pkg/auth/authorizer/rbac/bootstrappolicy/controller_policy.go';
const ANY = ['*'];

export const EXPECTED_WRITERS: readonly ExpectedWriter[] = [
  {
    username: 'system:serviceaccount:kube-system:clusterrole-aggregation-controller',
    resources: ['rbac.authorization.k8s.io/clusterroles'],
    why: 'Fills the rules of aggregated ClusterRoles (admin, edit, view and custom ones)',
    source: CONTROLLER_POLICY,
  },
  {
    username: 'system:serviceaccount:kube-system:generic-garbage-collector',
    resources: ANY,
    why: 'Deletes objects whose owners are gone, of any kind',
    source: CONTROLLER_POLICY,
  },
  {
    username: 'system:serviceaccount:kube-system:namespace-controller',
    resources: ANY,
    why: 'Deletes every object of a namespace being deleted',
    source: CONTROLLER_POLICY,
  },
];

export function isExpectedWriter(username: string, group: string, resource: string): boolean {
  return EXPECTED_WRITERS.some(
    (w) => w.username === username && (w.resources.includes('*') || w.resources.includes(`${group}/${resource}`)),
  );
}
