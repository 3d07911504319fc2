// can / rules-for: the decision for one identity, the way VisitRulesFor walks its bindings (rule.go), keeping every
// allowing rule as provenance rather than stopping at the first.
import { bindingScope, grantOf, ruleAllowsRequest } from './evaluate.ts';
import type { BindingEntry } from './objects.ts';
import type { RbacIndex } from './rbac-index.ts';
import { normalizeRequest } from './request.ts';
import { userInfoFor, type UserInfo } from './subjects.ts';
import type { AccessRequest, CanAnswer, EffectiveRule, Grant, Principal } from './types.ts';

/**
 * Bindings with a subject that applies to the user (rule.go appliesToUser): User by exact name, Group by membership,
 * ServiceAccount by the username system:serviceaccount:<ns>:<name>. ClusterRoleBindings first, as upstream visits them.
 */
export function bindingsFor(index: RbacIndex, user: UserInfo): BindingEntry[] {
  const found = new Set<BindingEntry>();
  if (user.name !== undefined) {
    for (const b of index.bindingsByUser.get(user.name) ?? []) found.add(b);
    for (const b of index.bindingsByServiceAccount.get(user.name) ?? []) found.add(b);
  }
  for (const g of user.groups) for (const b of index.bindingsByGroup.get(g) ?? []) found.add(b);
  const list = [...found];
  return [...list.filter((b) => b.kind === 'ClusterRoleBinding'), ...list.filter((b) => b.kind === 'RoleBinding')];
}

export function can(index: RbacIndex, principal: Principal, request: AccessRequest): CanAnswer {
  const req = normalizeRequest(request, index.scopeOf);
  const grants: Grant[] = [];
  for (const b of bindingsFor(index, userInfoFor(principal))) {
    const scope = bindingScope(b, req.namespace);
    if (scope === undefined || b.role === undefined) continue;
    for (const [ruleIndex, sourced] of b.role.rules.entries()) {
      if (ruleAllowsRequest(sourced.rule, req, b)) grants.push(grantOf(b, { role: b.role, ruleIndex, sourced }, scope));
    }
  }
  return { allowed: grants.length > 0, grants };
}

/**
 * Rules in force for the principal in `namespace` (RulesFor): every rule of its ClusterRoleBindings, plus those of its
 * RoleBindings in that namespace (ALL_NAMESPACES: in every namespace, each marked with it). No namespace: cluster-wide
 * only. As upstream, a non-resource rule reached through a RoleBinding is listed although it can never allow anything.
 */
export function rulesFor(index: RbacIndex, principal: Principal, namespace?: string): EffectiveRule[] {
  const ns = namespace === '' ? undefined : namespace;
  const out: EffectiveRule[] = [];
  for (const b of bindingsFor(index, userInfoFor(principal))) {
    const scope = bindingScope(b, ns);
    if (scope === undefined || b.role === undefined) continue;
    for (const [ruleIndex, sourced] of b.role.rules.entries()) {
      const r: EffectiveRule = { rule: sourced.rule, ruleIndex, binding: b.ref, role: b.role.ref };
      if (sourced.aggregatedFrom !== undefined) r.aggregatedFrom = sourced.aggregatedFrom;
      if (scope !== '') r.namespace = scope;
      out.push(r);
    }
  }
  return out;
}
