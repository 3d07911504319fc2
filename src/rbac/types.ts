// Types of the RBAC engine. Field names follow rbac.authorization.k8s.io/v1 so that rules read like their YAML.
import type { ObjectRef } from '../model/types.ts';

/** A normalized PolicyRule: every list present (empty when absent or malformed in the input). */
export interface PolicyRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
}

export type SubjectKind = 'User' | 'Group' | 'ServiceAccount';

/** A binding subject, or the identity a question is asked about. `namespace` only for ServiceAccount. */
export interface Subject {
  kind: SubjectKind;
  name: string;
  namespace?: string;
}

/** The identity `can` and `rulesFor` evaluate: a subject plus groups the authenticator would add (e.g. from an IdP). */
export interface Principal extends Subject {
  groups?: string[];
}

/** Pass as a request namespace to ask "in at least one namespace" (every RoleBinding in its own namespace). */
export const ALL_NAMESPACES = '*';

/**
 * The attributes the authorizer sees (k8s.io/apiserver authorizer.Attributes). A resource request has `resource`;
 * a non-resource request has `nonResourceURL`. `namespace` absent means a cluster-wide request (only
 * ClusterRoleBindings apply); ALL_NAMESPACES asks for any namespace.
 */
export interface AccessRequest {
  verb: string;
  apiGroup?: string;
  resource?: string;
  subresource?: string;
  name?: string;
  /**
   * Ask about some object of the resource, whatever its name: rules limited by resourceNames then count. Requests
   * that never carry a name (create of an object, deletecollection) are unaffected.
   */
  anyName?: boolean;
  namespace?: string;
  nonResourceURL?: string;
}

/** One rule, reached through one binding, that allows a request. */
export interface Grant {
  binding: ObjectRef;
  role: ObjectRef;
  /** Index of the rule in the role's effective rules (after aggregation). */
  ruleIndex: number;
  rule: PolicyRule;
  /** For aggregated ClusterRoles: the ClusterRole the rule was copied from. */
  aggregatedFrom?: ObjectRef;
  /** Namespace the grant is limited to (RoleBindings); absent for ClusterRoleBindings (cluster-wide). */
  namespace?: string;
}

/** Groups and users that stand for a population of identities rather than one. */
export type ImplicitAudience =
  'all-authenticated' | 'unauthenticated' | 'anonymous' | 'all-serviceaccounts' | 'namespace-serviceaccounts';

export interface WhoCanAnswer {
  subject: Subject;
  /** Set when the subject is an implicit group (or the anonymous user): it stands for every member of `audience`. */
  implicit?: { audience: ImplicitAudience; description: string };
  grants: Grant[];
}

export interface CanAnswer {
  allowed: boolean;
  grants: Grant[];
}

export interface EffectiveRule {
  rule: PolicyRule;
  ruleIndex: number;
  binding: ObjectRef;
  role: ObjectRef;
  aggregatedFrom?: ObjectRef;
  namespace?: string;
}

export type DanglingReason = 'role-not-found' | 'unsupported-role-kind';

/** A binding that grants nothing because its roleRef cannot be resolved (rule.go GetRoleReferenceRules errors). */
export interface DanglingBinding {
  binding: ObjectRef;
  roleRef: { kind: string; name: string };
  reason: DanglingReason;
}

export type RbacIssueCode =
  | 'malformed-object'
  | 'duplicate-object'
  | 'unsupported-api-version'
  | 'service-account-without-namespace'
  | 'unknown-subject-kind'
  | 'invalid-aggregation-selector'
  | 'aggregation-not-converged';

/** Something in the input that the authorizer would ignore or that made a result uncertain. */
export interface RbacIssue {
  code: RbacIssueCode;
  object: ObjectRef;
  message: string;
}
