// Grants never used in the window: for every rule a principal holds (rulesFor, in every namespace), which of the
// verb × resource combinations it allows were exercised by an allowed request in the log. Matching is the RBAC
// engine's (normalizeRequest for scope and name handling, ruleAllows for the rule); a RoleBinding's rules count
// only for requests in its namespace.
import type { ObjectRef } from '../model/types.ts';
import { rulesFor } from '../rbac/can.ts';
import { ruleAllows } from '../rbac/matching.ts';
import type { RbacIndex } from '../rbac/rbac-index.ts';
import { normalizeRequest, type NormalizedRequest } from '../rbac/request.ts';
import { ALL_AUTHENTICATED, ALL_SERVICE_ACCOUNTS, ALL_UNAUTHENTICATED } from '../rbac/subjects.ts';
import { ALL_NAMESPACES, type PolicyRule } from '../rbac/types.ts';
import type { PrincipalProfile } from './aggregate.ts';
import { principalOf, rbacPrincipal } from './principal.ts';
import { requestsOf } from './requests.ts';

export interface RuleUsage {
  binding: ObjectRef;
  role: ObjectRef;
  ruleIndex: number;
  rule: PolicyRule;
  /** Namespace a RoleBinding limits the rule to; absent for ClusterRoleBindings. */
  namespace?: string;
  aggregatedFrom?: ObjectRef;
  /** The binding subject that matched: the principal itself, or a group it is in. */
  via: string;
  /** Reached through a group every authenticated user or every service account is in: not the principal's own. */
  shared: boolean;
  /** Allowed requests in the log that this rule allows. */
  requests: number;
  /** `verb resource[.group]` combinations of the rule, used and never used. */
  used: string[];
  unused: string[];
}

export interface GrantUsage {
  principal: string;
  rules: RuleUsage[];
  /** Own (not shared) rules with no use at all, and with some combinations unused. */
  unusedRules: number;
  partlyUsedRules: number;
}

const SHARED_GROUPS = new Set([ALL_AUTHENTICATED, ALL_UNAUTHENTICATED, ALL_SERVICE_ACCOUNTS]);

function isShared(group: string): boolean {
  return SHARED_GROUPS.has(group) || group.startsWith(`${ALL_SERVICE_ACCOUNTS}:`);
}

interface Observed {
  req: NormalizedRequest;
  nameUnknown: boolean;
}

function combos(rule: PolicyRule): { label: string; rule: PolicyRule }[] {
  const out: { label: string; rule: PolicyRule }[] = [];
  const names = rule.resourceNames.length > 0 ? ` [${rule.resourceNames.join(',')}]` : '';
  for (const verb of rule.verbs) {
    for (const group of rule.apiGroups) {
      for (const resource of rule.resources) {
        out.push({
          label: `${verb} ${resource}${group === '' ? '' : `.${group}`}${names}`,
          rule: { ...rule, verbs: [verb], apiGroups: [group], resources: [resource], nonResourceURLs: [] },
        });
      }
    }
    for (const url of rule.nonResourceURLs) {
      out.push({
        label: `${verb} ${url}`,
        rule: { ...rule, verbs: [verb], apiGroups: [], resources: [], nonResourceURLs: [url] },
      });
    }
  }
  return out;
}

function allows(rule: PolicyRule, o: Observed, scope: string | undefined): boolean {
  const { req } = o;
  if (req.resource === undefined)
    return scope === undefined && ruleAllows({ verb: req.verb, path: req.path ?? '' }, rule);
  if (scope !== undefined && req.namespace !== scope) return false;
  const r = o.nameUnknown ? { ...rule, resourceNames: [] } : rule;
  return ruleAllows({ verb: req.verb, resource: req.resource }, r);
}

function via(index: RbacIndex, binding: ObjectRef, profile: PrincipalProfile): { via: string; shared: boolean } {
  const b = index.bindings.find(
    (x) => x.kind === binding.kind && x.name === binding.name && x.namespace === binding.namespace,
  );
  const sa = profile.serviceAccount;
  for (const { subject } of b?.subjects ?? []) {
    if (
      sa !== undefined &&
      subject.kind === 'ServiceAccount' &&
      subject.namespace === sa.namespace &&
      subject.name === sa.name
    ) {
      return { via: `ServiceAccount ${sa.namespace}/${sa.name}`, shared: false };
    }
    if (subject.kind === 'User' && subject.name === profile.username)
      return { via: `User ${subject.name}`, shared: false };
  }
  const groups = new Set(profile.groups);
  if (sa !== undefined) {
    groups.add(ALL_SERVICE_ACCOUNTS).add(`${ALL_SERVICE_ACCOUNTS}:${sa.namespace}`);
  }
  groups.add(ALL_AUTHENTICATED);
  for (const { subject } of b?.subjects ?? []) {
    if (subject.kind === 'Group' && groups.has(subject.name)) {
      return { via: `Group ${subject.name}`, shared: isShared(subject.name) };
    }
  }
  return { via: 'unknown', shared: false };
}

export function grantUsage(index: RbacIndex, profile: PrincipalProfile): GrantUsage {
  const principal = rbacPrincipal(principalOf(profile.username), profile.groups);
  const observed = profile.access
    .filter((e) => e.outcome === 'allowed')
    .map((e) => ({
      count: e.count,
      reqs: requestsOf(e).map((o) => ({ req: normalizeRequest(o.request, index.scopeOf), nameUnknown: o.nameUnknown })),
    }));
  const rules: RuleUsage[] = rulesFor(index, principal, ALL_NAMESPACES).map((er) => {
    const scope = er.namespace;
    const used: string[] = [];
    const unused: string[] = [];
    for (const c of combos(er.rule)) {
      (observed.some((x) => x.reqs.some((o) => allows(c.rule, o, scope))) ? used : unused).push(c.label);
    }
    // Each access entry counts once, even when several of its names match.
    const requests = observed
      .filter((x) => x.reqs.some((o) => allows(er.rule, o, scope)))
      .reduce((n, x) => n + x.count, 0);
    const usage: RuleUsage = {
      binding: er.binding,
      role: er.role,
      ruleIndex: er.ruleIndex,
      rule: er.rule,
      ...via(index, er.binding, profile),
      requests,
      used,
      unused,
    };
    if (scope !== undefined) usage.namespace = scope;
    if (er.aggregatedFrom !== undefined) usage.aggregatedFrom = er.aggregatedFrom;
    return usage;
  });
  const own = rules.filter((r) => !r.shared);
  return {
    principal: profile.username,
    rules,
    unusedRules: own.filter((r) => r.used.length === 0).length,
    partlyUsedRules: own.filter((r) => r.used.length > 0 && r.unused.length > 0).length,
  };
}
