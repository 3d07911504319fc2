// Shared evaluation steps: which bindings a request's namespace lets apply, and whether a rule allows a normalized
// request (rbac.go RuleAllows), with the all-namespaces extension.
import {
  apiGroupMatches,
  ruleAllows,
  resourceNameMatches,
  nonResourceURLMatches,
  type RuleAttributes,
} from './matching.ts';
import type { BindingEntry } from './objects.ts';
import type { IndexedRule, RbacIndex } from './rbac-index.ts';
import type { NormalizedRequest } from './request.ts';
import { ALL_NAMESPACES, type Grant, type PolicyRule } from './types.ts';

/**
 * rule.go VisitRulesFor: ClusterRoleBindings always apply; RoleBindings are listed only for the request's namespace,
 * so they apply when it equals theirs (or, for ALL_NAMESPACES questions, in their own namespace). Returns undefined
 * when the binding does not apply, else the namespace the grant is limited to ('' for cluster-wide).
 */
export function bindingScope(b: BindingEntry, namespace: string | undefined): string | undefined {
  if (b.kind === 'ClusterRoleBinding') return '';
  if (namespace === undefined || b.namespace === undefined) return undefined;
  return namespace === ALL_NAMESPACES || namespace === b.namespace ? b.namespace : undefined;
}

/**
 * resourceNames check for the name the request carries within binding `b`. 'any' accepts every rule; for
 * 'binding-namespace' the name is the RoleBinding's namespace, and a ClusterRoleBinding covers every namespace.
 */
export function nameMatches(rule: PolicyRule, req: NormalizedRequest, b: BindingEntry): boolean {
  switch (req.nameMatch) {
    case 'exact':
      return resourceNameMatches(rule, req.resource?.name ?? '');
    case 'any':
      return true;
    case 'binding-namespace':
      return b.kind === 'ClusterRoleBinding' || resourceNameMatches(rule, b.namespace ?? '');
  }
}

/** RuleAllows for a normalized request, with the name as seen through binding `b`. */
export function ruleAllowsRequest(rule: PolicyRule, req: NormalizedRequest, b: BindingEntry): boolean {
  if (req.resource === undefined) return ruleAllows({ verb: req.verb, path: req.path ?? '' }, rule);
  if (req.nameMatch === 'exact') return ruleAllows({ verb: req.verb, resource: req.resource }, rule);
  // Evaluate everything but the name with a rule that carries no resourceNames, then the name as seen through b.
  const attrs: RuleAttributes = { verb: req.verb, resource: { ...req.resource, name: '' } };
  return ruleAllows(attrs, { ...rule, resourceNames: [] }) && nameMatches(rule, req, b);
}

/**
 * Rules of bound roles that allow the request, looked up by verb and resource string. Resource names are checked
 * here only for 'exact' requests; for the others the caller checks them per binding.
 */
export function matchingRules(index: RbacIndex, req: NormalizedRequest): IndexedRule[] {
  const verbs = req.verb === '*' ? ['*'] : [req.verb, '*'];
  const out = new Set<IndexedRule>();
  if (req.resource === undefined) {
    const path = req.path ?? '';
    for (const verb of verbs) {
      for (const ir of index.nonResourceRules.get(verb) ?? []) {
        if (nonResourceURLMatches(ir.sourced.rule, path)) out.add(ir);
      }
    }
    return [...out];
  }
  const { apiGroup, resource, subresource, name } = req.resource;
  const combined = subresource.length > 0 ? `${resource}/${subresource}` : resource;
  const keys = new Set([combined, '*']);
  if (subresource.length > 0) keys.add(`*/${subresource}`);
  for (const verb of verbs) {
    const byResource = index.resourceRules.get(verb);
    if (byResource === undefined) continue;
    for (const key of keys) {
      for (const ir of byResource.get(key) ?? []) {
        if (out.has(ir)) continue;
        const rule = ir.sourced.rule;
        if (!apiGroupMatches(rule, apiGroup)) continue;
        if (req.nameMatch === 'exact' && !resourceNameMatches(rule, name)) continue;
        out.add(ir);
      }
    }
  }
  return [...out];
}

export function grantOf(b: BindingEntry, ir: IndexedRule, scope: string): Grant {
  const g: Grant = { binding: b.ref, role: ir.role.ref, ruleIndex: ir.ruleIndex, rule: ir.sourced.rule };
  if (ir.sourced.aggregatedFrom !== undefined) g.aggregatedFrom = ir.sourced.aggregatedFrom;
  if (scope !== '') g.namespace = scope;
  return g;
}
