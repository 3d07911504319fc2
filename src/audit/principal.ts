// Who made a request, as the RBAC engine names identities. Service-account and node usernames follow
// k8s.io/apiserver pkg/authentication/serviceaccount/util.go (system:serviceaccount:<ns>:<name>) and the Node
// authorizer's naming (system:node:<nodeName>, https://kubernetes.io/docs/reference/access-authn-authz/node/).
import type { Principal } from '../rbac/types.ts';
import type { AuditRecord } from './types.ts';

export type PrincipalKind = 'ServiceAccount' | 'Node' | 'User' | 'Anonymous';

const SA_PREFIX = 'system:serviceaccount:';
const NODE_PREFIX = 'system:node:';

export interface PrincipalName {
  username: string;
  kind: PrincipalKind;
  serviceAccount?: { namespace: string; name: string };
}

export function principalOf(username: string): PrincipalName {
  if (username.startsWith(SA_PREFIX)) {
    const rest = username.slice(SA_PREFIX.length);
    const colon = rest.indexOf(':');
    if (colon > 0 && colon < rest.length - 1 && !rest.includes(':', colon + 1)) {
      return {
        username,
        kind: 'ServiceAccount',
        serviceAccount: { namespace: rest.slice(0, colon), name: rest.slice(colon + 1) },
      };
    }
  }
  if (username.startsWith(NODE_PREFIX) && username.length > NODE_PREFIX.length) return { username, kind: 'Node' };
  if (username === 'system:anonymous') return { username, kind: 'Anonymous' };
  return { username, kind: 'User' };
}

/** The identity the request was authorized as: the impersonated one when there was impersonation. */
export function effectiveUser(r: AuditRecord): { username: string; groups: string[] } {
  return r.impersonatedUser ?? r.user;
}

/** The RBAC engine's view of a principal: service accounts get their implicit groups from the engine itself. */
export function rbacPrincipal(name: PrincipalName, groups: readonly string[]): Principal {
  if (name.serviceAccount !== undefined) {
    return { kind: 'ServiceAccount', namespace: name.serviceAccount.namespace, name: name.serviceAccount.name };
  }
  return { kind: 'User', name: name.username, groups: [...groups] };
}
