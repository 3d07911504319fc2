// RBAC object helpers for object-target checks: normalised rules with their index, and which roles are the
// Kubernetes bootstrap defaults (plugin/pkg/auth/authorizer/rbac/bootstrappolicy), which checks leave alone.
import type { KubeObject } from '../../model/k8s.ts';
import { apiGroupMatches, resourceMatches, verbMatches } from '../../rbac/matching.ts';
import { normalizeRule } from '../../rbac/objects.ts';
import type { PolicyRule } from '../../rbac/types.ts';
import { isRecord } from './pod.ts';

export interface IndexedRule {
  rule: PolicyRule;
  index: number;
}

export function rulesOf(obj: KubeObject): IndexedRule[] {
  return Array.isArray(obj.rules) ? obj.rules.map((r, index) => ({ rule: normalizeRule(r), index })) : [];
}

const BOOTSTRAP_USER_FACING = new Set(['cluster-admin', 'admin', 'edit', 'view']);

/**
 * A default role or binding the API server reconciles at start-up: labelled `kubernetes.io/bootstrapping:
 * rbac-defaults` and named `system:*` or one of the user-facing roles. The label alone is not trusted.
 */
export function isBootstrapDefault(obj: KubeObject): boolean {
  const labels = isRecord(obj.metadata.labels) ? obj.metadata.labels : {};
  if (labels['kubernetes.io/bootstrapping'] !== 'rbac-defaults') return false;
  const name = obj.metadata.name ?? '';
  return name.startsWith('system:') || BOOTSTRAP_USER_FACING.has(name);
}

/** Does the rule allow any of these verbs on the group/resource (`resource` or `resource/subresource`)? */
export function ruleGrants(rule: PolicyRule, verbs: readonly string[], group: string, resource: string): boolean {
  const slash = resource.indexOf('/');
  const sub = slash < 0 ? '' : resource.slice(slash + 1);
  return (
    verbs.some((v) => verbMatches(rule, v)) && apiGroupMatches(rule, group) && resourceMatches(rule, resource, sub)
  );
}

/** The verbs of `wanted` the rule grants (all of them when it has `*`). */
export function grantedVerbs(rule: PolicyRule, wanted: readonly string[]): string[] {
  return wanted.filter((v) => verbMatches(rule, v));
}

export interface BindingSubjectAt {
  kind: string;
  name: string;
  namespace?: string;
  index: number;
}

export function subjectsOf(obj: KubeObject): BindingSubjectAt[] {
  const out: BindingSubjectAt[] = [];
  (Array.isArray(obj.subjects) ? obj.subjects : []).forEach((s: unknown, index) => {
    if (!isRecord(s) || typeof s.kind !== 'string' || typeof s.name !== 'string') return;
    const subject: BindingSubjectAt = { kind: s.kind, name: s.name, index };
    if (typeof s.namespace === 'string' && s.namespace !== '') subject.namespace = s.namespace;
    out.push(subject);
  });
  return out;
}

export function roleRefOf(obj: KubeObject): { kind: string; name: string } | undefined {
  const r = obj.roleRef;
  if (!isRecord(r) || typeof r.kind !== 'string' || typeof r.name !== 'string') return undefined;
  return { kind: r.kind, name: r.name };
}

export function describeSubject(s: BindingSubjectAt): string {
  return s.kind === 'ServiceAccount' ? `ServiceAccount ${s.namespace ?? '?'}/${s.name}` : `${s.kind} ${s.name}`;
}

export interface ServiceAccountBinding {
  kind: string;
  namespace?: string;
  name: string;
  role: string;
}

type BindingList = { object: KubeObject }[] | undefined;
/** namespace → service account name → bindings naming it, in model order. */
type ServiceAccountBindingIndex = Map<string, Map<string, ServiceAccountBinding[]>>;

function serviceAccountBindingIndex(
  roleBindings: BindingList,
  clusterRoleBindings: BindingList,
): ServiceAccountBindingIndex {
  const index: ServiceAccountBindingIndex = new Map();
  for (const [kind, list] of [
    ['RoleBinding', roleBindings],
    ['ClusterRoleBinding', clusterRoleBindings],
  ] as const) {
    for (const { object } of list ?? []) {
      const bindingNs = kind === 'RoleBinding' ? object.metadata.namespace : undefined;
      let b: ServiceAccountBinding | undefined;
      for (const s of subjectsOf(object)) {
        const ns = s.namespace ?? bindingNs;
        if (s.kind !== 'ServiceAccount' || typeof ns !== 'string') continue;
        let names = index.get(ns);
        if (!names) index.set(ns, (names = new Map<string, ServiceAccountBinding[]>()));
        let bound = names.get(s.name);
        if (!bound) names.set(s.name, (bound = []));
        if (b && bound[bound.length - 1] === b) continue; // one entry per binding, however many subjects match
        if (!b) {
          b = { kind, name: object.metadata.name ?? '', role: roleRefOf(object)?.name ?? '?' };
          if (bindingNs !== undefined) b.namespace = bindingNs;
        }
        bound.push(b);
      }
    }
  }
  return index;
}

// Checks ask once per workload: the index is built once per model's binding lists, rebuilt if they change length.
const bindingIndexes = new WeakMap<object, { rb: BindingList; size: number; index: ServiceAccountBindingIndex }>();

/** RoleBindings and ClusterRoleBindings in the model that name this service account directly. */
export function bindingsOfServiceAccount(
  model: { byKind: ReadonlyMap<string, { object: KubeObject }[]> },
  namespace: string,
  name: string,
): ServiceAccountBinding[] {
  const rb = model.byKind.get('RoleBinding');
  const crb = model.byKind.get('ClusterRoleBinding');
  const owner = crb ?? rb;
  if (!owner) return [];
  const size = (rb?.length ?? 0) + (crb?.length ?? 0);
  let cached = bindingIndexes.get(owner);
  if (!cached || cached.rb !== rb || cached.size !== size) {
    cached = { rb, size, index: serviceAccountBindingIndex(rb, crb) };
    bindingIndexes.set(owner, cached);
  }
  return (cached.index.get(namespace)?.get(name) ?? []).map((b) => ({ ...b }));
}

/**
 * Roles whose rules kubeseam evaluates: not the bootstrap defaults, and not aggregated ClusterRoles, whose rules are
 * copies of the ClusterRoles they select (those are evaluated themselves).
 */
export function isEvaluatedRole(obj: KubeObject): boolean {
  return !isBootstrapDefault(obj) && !(obj.kind === 'ClusterRole' && isRecord(obj.aggregationRule));
}

export function roleLabel(obj: KubeObject): string {
  return obj.kind === 'Role'
    ? `Role ${obj.metadata.namespace ?? '?'}/${obj.metadata.name ?? '?'}`
    : `ClusterRole ${obj.metadata.name ?? '?'}`;
}
