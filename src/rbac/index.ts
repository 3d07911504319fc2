// Public API of the RBAC engine: authorizer-exact who-can / can / rules-for over an index built once from the
// Role, ClusterRole, RoleBinding and ClusterRoleBinding objects of a snapshot.
export { buildRbacIndex, type RbacIndex, type RbacIndexOptions } from './rbac-index.ts';
export { whoCan } from './who-can.ts';
export { can, rulesFor } from './can.ts';
export { dangerousGrants, type DangerousHolding, type SubjectDangers } from './dangerous.ts';
export { parseSubject, formatSubject, userInfoFor, SubjectParseError, type UserInfo } from './subjects.ts';
export {
  parseResourceArg,
  normalizeRequest,
  ResourceArgError,
  type ResourceArg,
  type NormalizedRequest,
  type ScopeResolver,
} from './request.ts';
export { ruleAllows } from './matching.ts';
export type { BindingEntry, RoleEntry } from './objects.ts';
export * from './types.ts';
