// The RBAC index: built once from the RBAC objects of a snapshot, then answers who-can / can / rules-for queries.
// Semantics are the authorizer's (rule.go VisitRulesFor, GetRoleReferenceRules); the lookup tables only make the
// same decisions fast: rules of bound roles indexed by verb and resource string, bindings by role and by subject.
import type { KubeObject } from '../model/k8s.ts';
import type { ObjectRef } from '../model/types.ts';
import { aggregateClusterRoles } from './aggregation.ts';
import { readRbacObjects, roleKey, type BindingEntry, type RoleEntry, type SourcedRule } from './objects.ts';
import { builtInScope, type ScopeResolver } from './request.ts';
import { serviceAccountUsername } from './subjects.ts';
import type { DanglingBinding, RbacIssue } from './types.ts';

export interface RbacIndexOptions {
  /** Scope of resources beyond the built-in table (e.g. from CustomResourceDefinitions). */
  scopeOf?: ScopeResolver;
}

/** One rule of one bound role. */
export interface IndexedRule {
  role: RoleEntry;
  ruleIndex: number;
  sourced: SourcedRule;
}

export interface RbacIndex {
  /** Every Role and ClusterRole, with effective (aggregated) rules. Keyed by `roleKey`. */
  readonly roles: ReadonlyMap<string, RoleEntry>;
  /** Every binding, with its role resolved when it exists. */
  readonly bindings: readonly BindingEntry[];
  /** Bindings whose roleRef points at nothing: they grant nothing. */
  readonly dangling: readonly DanglingBinding[];
  readonly issues: readonly RbacIssue[];
  readonly scopeOf: ScopeResolver;
  /** verb (or `*`) → rule resource string as written (`pods`, `pods/exec`, `*`, star-slash-subresource) → rules. */
  readonly resourceRules: ReadonlyMap<string, ReadonlyMap<string, readonly IndexedRule[]>>;
  /** verb (or `*`) → rules with non-resource URLs. */
  readonly nonResourceRules: ReadonlyMap<string, readonly IndexedRule[]>;
  readonly bindingsByRole: ReadonlyMap<string, readonly BindingEntry[]>;
  readonly bindingsByUser: ReadonlyMap<string, readonly BindingEntry[]>;
  readonly bindingsByGroup: ReadonlyMap<string, readonly BindingEntry[]>;
  /** ServiceAccount subjects keyed by the username they match (`system:serviceaccount:<ns>:<name>`). */
  readonly bindingsByServiceAccount: ReadonlyMap<string, readonly BindingEntry[]>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else if (list[list.length - 1] !== value) list.push(value);
}

export function buildRbacIndex(objects: readonly KubeObject[], options: RbacIndexOptions = {}): RbacIndex {
  const { roles, bindings, issues } = readRbacObjects(objects);
  issues.push(...aggregateClusterRoles(roles));
  const roleMap = new Map(roles.map((r) => [r.key, r]));

  const dangling: DanglingBinding[] = [];
  const bindingsByRole = new Map<string, BindingEntry[]>();
  const bindingsByUser = new Map<string, BindingEntry[]>();
  const bindingsByGroup = new Map<string, BindingEntry[]>();
  const bindingsByServiceAccount = new Map<string, BindingEntry[]>();

  for (const b of bindings) {
    const role = resolveRoleRef(b, roleMap, dangling);
    if (role === undefined) continue;
    b.role = role;
    push(bindingsByRole, role.key, b);
    for (const { subject } of b.subjects) {
      if (subject.kind === 'User') push(bindingsByUser, subject.name, b);
      else if (subject.kind === 'Group') push(bindingsByGroup, subject.name, b);
      else push(bindingsByServiceAccount, serviceAccountUsername(subject.namespace ?? '', subject.name), b);
    }
  }

  const resourceRules = new Map<string, Map<string, IndexedRule[]>>();
  const nonResourceRules = new Map<string, IndexedRule[]>();
  // Only bound roles can grant anything; unbound ones are kept in `roles` but not indexed.
  for (const key of bindingsByRole.keys()) {
    const role = roleMap.get(key)!;
    role.rules.forEach((sourced, ruleIndex) => {
      const entry: IndexedRule = { role, ruleIndex, sourced };
      const { verbs, resources, nonResourceURLs } = sourced.rule;
      for (const verb of new Set(verbs)) {
        if (resources.length > 0) {
          let byResource = resourceRules.get(verb);
          if (byResource === undefined) resourceRules.set(verb, (byResource = new Map<string, IndexedRule[]>()));
          for (const resource of new Set(resources)) push(byResource, resource, entry);
        }
        if (nonResourceURLs.length > 0) push(nonResourceRules, verb, entry);
      }
    });
  }

  return {
    roles: roleMap,
    bindings,
    dangling,
    issues,
    scopeOf: options.scopeOf === undefined ? builtInScope : combineScopes(options.scopeOf, builtInScope),
    resourceRules,
    nonResourceRules,
    bindingsByRole,
    bindingsByUser,
    bindingsByGroup,
    bindingsByServiceAccount,
  };
}

function combineScopes(first: ScopeResolver, second: ScopeResolver): ScopeResolver {
  return (group, resource) => first(group, resource) ?? second(group, resource);
}

/**
 * rule.go GetRoleReferenceRules: kind Role is looked up in the binding's namespace (a ClusterRoleBinding has none,
 * so it never finds one), kind ClusterRole by name, any other kind is an error. Errors grant nothing.
 */
function resolveRoleRef(
  b: BindingEntry,
  roles: ReadonlyMap<string, RoleEntry>,
  dangling: DanglingBinding[],
): RoleEntry | undefined {
  const { kind, name } = b.roleRef;
  const ref: ObjectRef = b.ref;
  if (kind !== 'ClusterRole' && !(kind === 'Role' && b.kind === 'RoleBinding')) {
    dangling.push({ binding: ref, roleRef: { kind, name }, reason: 'unsupported-role-kind' });
    return undefined;
  }
  const role = roles.get(roleKey(kind, name, b.namespace));
  if (role === undefined) dangling.push({ binding: ref, roleRef: { kind, name }, reason: 'role-not-found' });
  return role;
}
