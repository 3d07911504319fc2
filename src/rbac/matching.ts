// Rule matching exactly as the RBAC authorizer does it:
//   kubernetes/kubernetes pkg/apis/rbac/v1/evaluation_helpers.go (VerbMatches, APIGroupMatches, ResourceMatches,
//   ResourceNameMatches, NonResourceURLMatches) and plugin/pkg/auth/authorizer/rbac/rbac.go (RuleAllows).
import type { PolicyRule } from './types.ts';

export function verbMatches(rule: PolicyRule, verb: string): boolean {
  return rule.verbs.some((v) => v === '*' || v === verb);
}

/** `""` is the core group; it matches only `""` or `*`. */
export function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  return rule.apiGroups.some((g) => g === '*' || g === group);
}

/**
 * `combined` is `resource` or `resource/subresource`. A rule resource matches when it is `*`, equals the combined
 * string, or is a star followed by `/<subresource>` and the request has that subresource. `pods` never matches `pods/exec`.
 */
export function resourceMatches(rule: PolicyRule, combined: string, subresource: string): boolean {
  for (const r of rule.resources) {
    if (r === '*' || r === combined) return true;
    if (
      subresource.length > 0 &&
      r.length === subresource.length + 2 &&
      r.startsWith('*/') &&
      r.endsWith(subresource)
    ) {
      return true;
    }
  }
  return false;
}

/** An empty resourceNames list matches any name; otherwise the request must name one of them (so no list/create). */
export function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  return rule.resourceNames.length === 0 || rule.resourceNames.includes(name);
}

/** `*`, exact path, or a rule ending in `*` as a prefix (upstream trims every trailing `*`). */
export function nonResourceURLMatches(rule: PolicyRule, url: string): boolean {
  for (const u of rule.nonResourceURLs) {
    if (u === '*' || u === url) return true;
    if (u.endsWith('*') && url.startsWith(u.replace(/\*+$/, ''))) return true;
  }
  return false;
}

/** Attributes as the authorizer sees them after request normalization. */
export interface RuleAttributes {
  verb: string;
  /** Undefined for a non-resource request. */
  resource?: { apiGroup: string; resource: string; subresource: string; name: string };
  path?: string;
}

export function combinedResource(resource: string, subresource: string): string {
  return subresource.length > 0 ? `${resource}/${subresource}` : resource;
}

/** RuleAllows from rbac.go. */
export function ruleAllows(attrs: RuleAttributes, rule: PolicyRule): boolean {
  if (attrs.resource !== undefined) {
    const r = attrs.resource;
    return (
      verbMatches(rule, attrs.verb) &&
      apiGroupMatches(rule, r.apiGroup) &&
      resourceMatches(rule, combinedResource(r.resource, r.subresource), r.subresource) &&
      resourceNameMatches(rule, r.name)
    );
  }
  return verbMatches(rule, attrs.verb) && nonResourceURLMatches(rule, attrs.path ?? '');
}
