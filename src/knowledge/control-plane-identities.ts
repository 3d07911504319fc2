/**
 * Identities that belong to the control plane or to the provider's management of it. Their grants are how the
 * cluster works, not a customer misconfiguration: analyses that list "who could abuse this" leave them out and say so.
 */
export interface ControlPlaneIdentity {
  kind: 'User' | 'Group';
  /** Exact name, or a prefix ending in `*`. */
  name: string;
  provider?: 'eks' | 'aks' | 'gke';
  why: string;
  source: string;
  inferred?: boolean;
}

export const CONTROL_PLANE_IDENTITIES: readonly ControlPlaneIdentity[] = [
  {
    kind: 'Group',
    name: 'system:masters',
    why: 'Superuser group; bypasses authorization entirely',
    source: 'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles',
  },
  {
    kind: 'User',
    name: 'system:kube-controller-manager',
    why: 'Controller manager identity (bootstrap policy)',
    source: 'kubernetes/kubernetes:plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go',
  },
  {
    kind: 'User',
    name: 'system:kube-scheduler',
    why: 'Scheduler identity (bootstrap policy)',
    source: 'kubernetes/kubernetes:plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go',
  },
  {
    kind: 'User',
    name: 'system:kube-proxy',
    why: 'kube-proxy identity (bootstrap policy)',
    source: 'kubernetes/kubernetes:plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go',
  },
  {
    kind: 'User',
    name: 'system:apiserver',
    why: 'API server loopback identity',
    source: 'kubernetes/kubernetes:staging/src/k8s.io/apiserver/pkg/authentication/user/user.go',
  },
  {
    kind: 'Group',
    name: 'system:nodes',
    why: 'Kubelets; restricted further by the Node authorizer and NodeRestriction admission',
    source: 'https://kubernetes.io/docs/reference/access-authn-authz/node/',
  },
  {
    kind: 'User',
    name: 'eks:*',
    provider: 'eks',
    why: 'EKS control-plane components (eks:addon-manager, eks:certificate-controller, …)',
    source: 'https://docs.aws.amazon.com/eks/latest/userguide/default-roles-users.html',
  },
  {
    kind: 'Group',
    name: 'eks:*',
    provider: 'eks',
    why: 'EKS control-plane groups',
    source: 'https://docs.aws.amazon.com/eks/latest/userguide/default-roles-users.html',
  },
  {
    kind: 'User',
    name: 'aksService',
    provider: 'aks',
    why: 'AKS control-plane service identity',
    source: 'https://learn.microsoft.com/azure/aks/concepts-identity',
    inferred: true,
  },
  {
    kind: 'User',
    name: 'masterclient',
    provider: 'aks',
    why: 'AKS control-plane client certificate identity',
    source: 'https://learn.microsoft.com/azure/aks/concepts-identity',
    inferred: true,
  },
  {
    kind: 'User',
    name: 'system:gke-*',
    provider: 'gke',
    why: 'GKE control-plane components',
    source: 'https://cloud.google.com/kubernetes-engine/docs/concepts/access-control',
    inferred: true,
  },
];

export function isControlPlaneIdentity(subject: { kind: string; name: string }): boolean {
  return CONTROL_PLANE_IDENTITIES.some(
    (c) =>
      c.kind === subject.kind &&
      (c.name.endsWith('*') ? subject.name.startsWith(c.name.slice(0, -1)) : c.name === subject.name),
  );
}

/**
 * Name prefixes of roles and bindings that Kubernetes or the provider creates and reconciles: customers do not
 * own them, and findings on them are accepted provider risk unless customers bound someone else to them.
 */
export const PROVIDER_RBAC_PREFIXES: readonly { prefix: string; owner: string; source: string; inferred?: boolean }[] =
  [
    {
      prefix: 'system:',
      owner: 'Kubernetes bootstrap policy',
      source: 'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#default-roles-and-role-bindings',
    },
    {
      prefix: 'eks:',
      owner: 'Amazon EKS',
      source: 'https://docs.aws.amazon.com/eks/latest/userguide/default-roles-users.html',
    },
    {
      prefix: 'gce:',
      owner: 'Google Kubernetes Engine',
      source: 'https://cloud.google.com/kubernetes-engine/docs/concepts/access-control',
      inferred: true,
    },
    {
      prefix: 'aks-service',
      owner: 'Azure Kubernetes Service',
      source: 'https://learn.microsoft.com/azure/aks/concepts-identity',
      inferred: true,
    },
  ];

export function providerRbacOwner(name: string): string | undefined {
  return PROVIDER_RBAC_PREFIXES.find((p) => name.startsWith(p.prefix))?.owner;
}
