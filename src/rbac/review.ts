// Least privilege for middleware: what each middleware service account is granted, against what its catalog entry
// says the provider ships. Grants beyond the catalogued rules are findings; the catalog is the baseline.
import { componentOf } from '../inventory/classify.ts';
import type { CatalogComponent } from '../knowledge/catalog/types.ts';
import type { Model } from '../model/build.ts';
import type { ObjectRef } from '../model/types.ts';
import { rbacIndexFor } from './analyze.ts';
import { rulesFor } from './can.ts';
import type { PolicyRule } from './types.ts';

/** One verb on one resource (or URL), the unit grants are compared in. */
export interface Permission {
  verb: string;
  apiGroup: string;
  resource: string;
  resourceNames: string[];
  nonResourceURL?: string;
}

export interface ExtraGrant {
  permission: Permission;
  binding: ObjectRef;
  role: ObjectRef;
  ruleIndex: number;
  /** Namespace of a RoleBinding grant; absent: cluster-wide. */
  namespace?: string;
}

export interface MiddlewareRbacReview {
  component: string;
  serviceAccount: { namespace: string; name: string };
  workloads: ObjectRef[];
  /** False when the catalog carries no RBAC baseline for the component: nothing to compare with. */
  hasBaseline: boolean;
  grantedRules: number;
  expectedRules: number;
  extras: ExtraGrant[];
}

function atoms(rule: PolicyRule): Permission[] {
  const out: Permission[] = [];
  for (const verb of rule.verbs) {
    for (const url of rule.nonResourceURLs)
      out.push({ verb, apiGroup: '', resource: '', resourceNames: [], nonResourceURL: url });
    for (const apiGroup of rule.apiGroups) {
      for (const resource of rule.resources) out.push({ verb, apiGroup, resource, resourceNames: rule.resourceNames });
    }
  }
  return out;
}

const has = (list: readonly string[] | undefined, v: string): boolean =>
  !!list && (list.includes('*') || list.includes(v));

/** Whether an expected rule allows the whole permission (a granted wildcard is covered only by a wildcard). */
function covers(expected: PolicyRule, p: Permission): boolean {
  if (!has(expected.verbs, p.verb)) return false;
  if (p.nonResourceURL !== undefined) {
    return expected.nonResourceURLs.some(
      (u) =>
        u === '*' || u === p.nonResourceURL || (u.endsWith('*') && (p.nonResourceURL ?? '').startsWith(u.slice(0, -1))),
    );
  }
  if (!has(expected.apiGroups, p.apiGroup) || !has(expected.resources, p.resource)) return false;
  if (expected.resourceNames.length === 0) return true;
  return p.resourceNames.length > 0 && p.resourceNames.every((n) => expected.resourceNames.includes(n));
}

function normalize(r: {
  apiGroups?: string[];
  resources?: string[];
  verbs?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}): PolicyRule {
  return {
    apiGroups: r.apiGroups ?? [],
    resources: r.resources ?? [],
    verbs: r.verbs ?? [],
    resourceNames: r.resourceNames ?? [],
    nonResourceURLs: r.nonResourceURLs ?? [],
  };
}

const cache = new WeakMap<Model, MiddlewareRbacReview[]>();

export function reviewMiddlewareRbac(model: Model): MiddlewareRbacReview[] {
  const hit = cache.get(model);
  if (hit) return hit;
  const index = rbacIndexFor(model);
  const byAccount = new Map<
    string,
    { component: CatalogComponent; namespace: string; name: string; workloads: ObjectRef[] }
  >();
  for (const w of model.workloads) {
    const component = componentOf(w);
    if (!component) continue;
    const key = `${w.namespace}/${w.serviceAccountName}`;
    const entry = byAccount.get(key);
    if (entry) entry.workloads.push(w.ref);
    else byAccount.set(key, { component, namespace: w.namespace, name: w.serviceAccountName, workloads: [w.ref] });
  }
  // Bindings that name the account itself: implicit groups (system:authenticated…) are everyone's, not the component's.
  const namesAccount = (binding: ObjectRef, ns: string, name: string): boolean => {
    const so = model.byKind
      .get(binding.kind)
      ?.find((o) => o.object.metadata.name === binding.name && o.object.metadata.namespace === binding.namespace);
    const subjects = so?.object.subjects;
    return (
      Array.isArray(subjects) &&
      subjects.some(
        (s: { kind?: string; name?: string; namespace?: string }) =>
          s.kind === 'ServiceAccount' && s.name === name && (s.namespace ?? binding.namespace) === ns,
      )
    );
  };
  const out: MiddlewareRbacReview[] = [];
  for (const acct of byAccount.values()) {
    if (acct.name === 'default') continue;
    const expected = (acct.component.rbac ?? []).flatMap((r) => r.rules.map(normalize));
    const granted = rulesFor(index, { kind: 'ServiceAccount', name: acct.name, namespace: acct.namespace }, '*').filter(
      (r) => namesAccount(r.binding, acct.namespace, acct.name),
    );
    const extras: ExtraGrant[] = [];
    const hasBaseline = acct.component.rbac !== undefined;
    if (hasBaseline) {
      const seen = new Set<string>();
      for (const g of granted) {
        for (const p of atoms(g.rule)) {
          if (expected.some((e) => covers(e, p))) continue;
          const key = `${p.verb} ${p.apiGroup} ${p.resource} ${p.nonResourceURL ?? ''} ${g.binding.name}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const extra: ExtraGrant = { permission: p, binding: g.binding, role: g.role, ruleIndex: g.ruleIndex };
          if (g.namespace && g.namespace !== '*') extra.namespace = g.namespace;
          extras.push(extra);
        }
      }
    }
    out.push({
      component: acct.component.id,
      serviceAccount: { namespace: acct.namespace, name: acct.name },
      workloads: acct.workloads,
      hasBaseline,
      grantedRules: granted.length,
      expectedRules: expected.length,
      extras,
    });
  }
  out.sort((a, b) => a.component.localeCompare(b.component));
  cache.set(model, out);
  return out;
}

export function formatPermission(p: Permission): string {
  if (p.nonResourceURL !== undefined) return `${p.verb} ${p.nonResourceURL}`;
  const res = p.apiGroup ? `${p.resource}.${p.apiGroup}` : p.resource;
  return `${p.verb} ${res}${p.resourceNames.length ? `[${p.resourceNames.join(',')}]` : ''}`;
}
