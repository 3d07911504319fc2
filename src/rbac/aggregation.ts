// ClusterRole aggregation as the controller computes it
// (kubernetes/kubernetes pkg/controller/clusterroleaggregation/clusterroleaggregation_controller.go, syncClusterRole):
// for each selector in order, the matching ClusterRoles sorted by name (skipping the role itself) contribute their
// current rules, deduplicated by semantic equality. The controller writes the result over whatever `rules` the
// aggregated role carries, and re-runs whenever any ClusterRole changes, so aggregated roles feeding other aggregated
// roles (edit → admin) settle after a few passes. We iterate to that fixed point.
import type { ObjectRef } from '../model/types.ts';
import { compileLabelSelector, type CompiledSelector } from './label-selector.ts';
import type { RoleEntry, SourcedRule } from './objects.ts';
import type { PolicyRule, RbacIssue } from './types.ts';

/** Semantic equality key: equality.Semantic.DeepEqual treats nil and empty lists alike and keeps list order. */
export function ruleKey(rule: PolicyRule): string {
  return JSON.stringify([rule.verbs, rule.apiGroups, rule.resources, rule.resourceNames, rule.nonResourceURLs]);
}

function sameRules(a: readonly SourcedRule[], b: readonly SourcedRule[]): boolean {
  return a.length === b.length && a.every((r, i) => ruleKey(r.rule) === ruleKey(b[i]!.rule));
}

/**
 * Replaces the effective rules of every aggregated ClusterRole among `roles` (mutating the entries) and returns
 * issues: invalid selectors (the controller then fails and leaves the stored rules) and non-convergence (cycles).
 */
export function aggregateClusterRoles(roles: readonly RoleEntry[]): RbacIssue[] {
  const issues: RbacIssue[] = [];
  const clusterRoles = roles.filter((r) => r.kind === 'ClusterRole').sort((a, b) => cmp(a.name, b.name));
  const aggregated: { role: RoleEntry; selectors: CompiledSelector[] }[] = [];

  for (const role of clusterRoles) {
    if (role.aggregationSelectors === undefined) continue;
    const selectors: CompiledSelector[] = [];
    let valid = true;
    for (const raw of role.aggregationSelectors) {
      const compiled = compileLabelSelector(raw);
      if (!compiled.ok) {
        issues.push({ code: 'invalid-aggregation-selector', object: role.ref, message: compiled.error });
        valid = false;
        break;
      }
      selectors.push(compiled.matches);
    }
    // An invalid selector makes syncClusterRole return an error before writing: the stored rules stay in force.
    if (valid) aggregated.push({ role, selectors });
  }
  if (aggregated.length === 0) return issues;

  // Each pass can only propagate rules one level further; a chain cannot be longer than the number of aggregated
  // roles, so more passes than that means the roles feed each other in a cycle and the controller never settles.
  const maxPasses = aggregated.length + 2;
  for (let pass = 0; pass < maxPasses; pass++) {
    let changed = false;
    for (const { role, selectors } of aggregated) {
      const next = computeAggregatedRules(role, selectors, clusterRoles);
      if (!sameRules(next, role.rules)) {
        role.rules = next;
        changed = true;
      }
    }
    if (!changed) return issues;
  }
  for (const { role } of aggregated) {
    issues.push({
      code: 'aggregation-not-converged',
      object: role.ref,
      message:
        'aggregated ClusterRoles select each other in a cycle; rules shown are one state the controller may reach',
    });
  }
  return issues;
}

function computeAggregatedRules(
  role: RoleEntry,
  selectors: readonly CompiledSelector[],
  clusterRolesByName: readonly RoleEntry[],
): SourcedRule[] {
  const out: SourcedRule[] = [];
  const seen = new Set<string>();
  for (const matches of selectors) {
    for (const candidate of clusterRolesByName) {
      if (candidate.name === role.name || !matches(candidate.labels)) continue;
      for (const sourced of candidate.rules) {
        const key = ruleKey(sourced.rule);
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ rule: sourced.rule, aggregatedFrom: sourced.aggregatedFrom ?? refOf(candidate) });
      }
    }
  }
  return out;
}

function refOf(role: RoleEntry): ObjectRef {
  return { ...role.ref };
}

/** Go's sort by string compares bytes; for names (ASCII) code-unit order is the same. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
