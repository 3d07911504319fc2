// Identities as the authenticator presents them to the authorizer, and subject parsing for the command line.
// Implicit groups: k8s.io/apiserver pkg/authentication/serviceaccount/util.go (MakeUsername, MakeGroupNames),
// pkg/authentication/group/authenticated_group_adder.go (system:authenticated), and the anonymous authenticator
// (user system:anonymous, group system:unauthenticated).
import type { ImplicitAudience, Principal, Subject } from './types.ts';

export const ALL_AUTHENTICATED = 'system:authenticated';
export const ALL_UNAUTHENTICATED = 'system:unauthenticated';
export const ANONYMOUS_USER = 'system:anonymous';
export const ALL_SERVICE_ACCOUNTS = 'system:serviceaccounts';
export const SERVICE_ACCOUNT_USERNAME_PREFIX = 'system:serviceaccount:';
const SERVICE_ACCOUNT_GROUP_PREFIX = 'system:serviceaccounts:';

/** What the authorizer sees: a user name (absent when asking about a group as such) and groups. */
export interface UserInfo {
  name?: string;
  groups: string[];
}

export function serviceAccountUsername(namespace: string, name: string): string {
  return `${SERVICE_ACCOUNT_USERNAME_PREFIX}${namespace}:${name}`;
}

/**
 * The user info a principal authenticates as. Service accounts get their two implicit groups; every authenticated
 * identity gets system:authenticated, except system:anonymous, which gets system:unauthenticated. A Group principal
 * stands for "any member of the group", who is authenticated unless the group is system:unauthenticated.
 */
export function userInfoFor(principal: Principal): UserInfo {
  const groups = new Set<string>(principal.groups ?? []);
  let name: string | undefined;
  switch (principal.kind) {
    case 'ServiceAccount': {
      const ns = principal.namespace ?? '';
      name = serviceAccountUsername(ns, principal.name);
      groups.add(ALL_SERVICE_ACCOUNTS);
      groups.add(`${SERVICE_ACCOUNT_GROUP_PREFIX}${ns}`);
      break;
    }
    case 'User':
      name = principal.name;
      break;
    case 'Group':
      groups.add(principal.name);
      break;
  }
  if (name === ANONYMOUS_USER) groups.add(ALL_UNAUTHENTICATED);
  else if (!groups.has(ALL_UNAUTHENTICATED)) groups.add(ALL_AUTHENTICATED);
  const info: UserInfo = { groups: [...groups] };
  if (name !== undefined) info.name = name;
  return info;
}

/** For who-can answers: does this subject stand for a whole population rather than one identity? */
export function implicitAudienceOf(subject: Subject): { audience: ImplicitAudience; description: string } | undefined {
  if (subject.kind === 'User') {
    return subject.name === ANONYMOUS_USER
      ? { audience: 'anonymous', description: 'every unauthenticated request (when anonymous auth is enabled)' }
      : undefined;
  }
  if (subject.kind !== 'Group') return undefined;
  if (subject.name === ALL_AUTHENTICATED) {
    return { audience: 'all-authenticated', description: 'every authenticated user, including every service account' };
  }
  if (subject.name === ALL_UNAUTHENTICATED) {
    return {
      audience: 'unauthenticated',
      description: 'every unauthenticated request (when anonymous auth is enabled)',
    };
  }
  if (subject.name === ALL_SERVICE_ACCOUNTS) {
    return { audience: 'all-serviceaccounts', description: 'every service account in every namespace' };
  }
  if (
    subject.name.startsWith(SERVICE_ACCOUNT_GROUP_PREFIX) &&
    subject.name.length > SERVICE_ACCOUNT_GROUP_PREFIX.length
  ) {
    const ns = subject.name.slice(SERVICE_ACCOUNT_GROUP_PREFIX.length);
    return { audience: 'namespace-serviceaccounts', description: `every service account in namespace ${ns}` };
  }
  return undefined;
}

export class SubjectParseError extends Error {
  override name = 'SubjectParseError';
}

/**
 * Parses `user:alice`, `group:system:masters`, `sa:kube-system:aws-node` (also `sa:kube-system/aws-node`,
 * `serviceaccount:…`) and the service-account username form `system:serviceaccount:kube-system:aws-node`.
 */
export function parseSubject(text: string): Subject {
  const trimmed = text.trim();
  if (trimmed.startsWith(SERVICE_ACCOUNT_USERNAME_PREFIX)) {
    return parseServiceAccount(trimmed.slice(SERVICE_ACCOUNT_USERNAME_PREFIX.length), text);
  }
  const colon = trimmed.indexOf(':');
  if (colon <= 0 || colon === trimmed.length - 1) {
    throw new SubjectParseError(`subject ${JSON.stringify(text)}: expected user:NAME, group:NAME or sa:NAMESPACE:NAME`);
  }
  const prefix = trimmed.slice(0, colon).toLowerCase();
  const rest = trimmed.slice(colon + 1);
  switch (prefix) {
    case 'user':
    case 'u':
      return { kind: 'User', name: rest };
    case 'group':
    case 'g':
      return { kind: 'Group', name: rest };
    case 'sa':
    case 'serviceaccount':
      return parseServiceAccount(rest, text);
    default:
      throw new SubjectParseError(`subject ${JSON.stringify(text)}: unknown kind ${JSON.stringify(prefix)}`);
  }
}

function parseServiceAccount(rest: string, original: string): Subject {
  const sep = rest.search(/[:/]/);
  const namespace = sep > 0 ? rest.slice(0, sep) : '';
  const name = sep > 0 ? rest.slice(sep + 1) : '';
  if (namespace.length === 0 || name.length === 0 || /[:/]/.test(name)) {
    throw new SubjectParseError(`subject ${JSON.stringify(original)}: expected sa:NAMESPACE:NAME`);
  }
  return { kind: 'ServiceAccount', name, namespace };
}

/** `User alice`, `Group system:masters`, `ServiceAccount kube-system/aws-node`. */
export function formatSubject(subject: Subject): string {
  return subject.kind === 'ServiceAccount'
    ? `ServiceAccount ${subject.namespace ?? ''}/${subject.name}`
    : `${subject.kind} ${subject.name}`;
}
