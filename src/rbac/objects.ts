// Reads Role, ClusterRole, RoleBinding and ClusterRoleBinding objects (rbac.authorization.k8s.io/v1) from untrusted
// input into typed entries. Anything malformed is skipped or emptied and reported, never thrown.
import type { KubeObject } from '../model/k8s.ts';
import type { ObjectRef } from '../model/types.ts';
import type { PolicyRule, RbacIssue, Subject } from './types.ts';

export const RBAC_API_VERSION = 'rbac.authorization.k8s.io/v1';
const RBAC_KINDS = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);

/** A rule together with the ClusterRole it was aggregated from, if any. */
export interface SourcedRule {
  rule: PolicyRule;
  aggregatedFrom?: ObjectRef;
}

export interface LabelSelectorRequirementInput {
  key: unknown;
  operator: unknown;
  values: unknown;
}

export interface RoleEntry {
  /** `ClusterRole/<name>` or `Role/<namespace>/<name>`. */
  key: string;
  ref: ObjectRef;
  kind: 'Role' | 'ClusterRole';
  name: string;
  namespace?: string;
  labels: Record<string, string>;
  /** Rules as stored in the object. */
  storedRules: PolicyRule[];
  /** Raw `aggregationRule.clusterRoleSelectors` when the ClusterRole has an aggregationRule (even an empty one). */
  aggregationSelectors?: unknown[];
  /** Effective rules: stored rules, or the aggregation result for aggregated ClusterRoles. */
  rules: SourcedRule[];
}

export interface BindingSubject {
  /** As the authorizer treats it: ServiceAccount namespace defaulted to a RoleBinding's namespace. */
  subject: Subject;
  /** Position in the binding's `subjects` list. */
  index: number;
}

export interface BindingEntry {
  ref: ObjectRef;
  kind: 'RoleBinding' | 'ClusterRoleBinding';
  name: string;
  namespace?: string;
  roleRef: { kind: string; name: string };
  subjects: BindingSubject[];
  /** Resolved role; undefined for dangling bindings. */
  role?: RoleEntry;
}

export interface RbacObjects {
  roles: RoleEntry[];
  bindings: BindingEntry[];
  issues: RbacIssue[];
}

export function roleKey(kind: string, name: string, namespace?: string): string {
  return kind === 'ClusterRole' ? `ClusterRole/${name}` : `Role/${namespace ?? ''}/${name}`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function nonEmptyString(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

export function normalizeRule(raw: unknown): PolicyRule {
  const r = isRecord(raw) ? raw : {};
  return {
    verbs: stringList(r.verbs),
    apiGroups: stringList(r.apiGroups),
    resources: stringList(r.resources),
    resourceNames: stringList(r.resourceNames),
    nonResourceURLs: stringList(r.nonResourceURLs),
  };
}

function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(v)) return out;
  for (const [k, val] of Object.entries(v)) if (typeof val === 'string') out[k] = val;
  return out;
}

function refOf(obj: KubeObject, name: string, namespace: string | undefined): ObjectRef {
  const ref: ObjectRef = { apiVersion: obj.apiVersion, kind: obj.kind, name };
  if (namespace !== undefined) ref.namespace = namespace;
  return ref;
}

/** Reads the RBAC objects among `objects`; other kinds are ignored silently. */
export function readRbacObjects(objects: readonly KubeObject[]): RbacObjects {
  const roles: RoleEntry[] = [];
  const bindings: BindingEntry[] = [];
  const issues: RbacIssue[] = [];
  const seen = new Set<string>();

  for (const obj of objects) {
    if (!isRecord(obj) || typeof obj.kind !== 'string' || !RBAC_KINDS.has(obj.kind)) continue;
    const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
    const meta = isRecord(obj.metadata) ? obj.metadata : {};
    const name = nonEmptyString(meta.name);
    const clusterScoped = obj.kind.startsWith('Cluster');
    const namespace = clusterScoped ? undefined : nonEmptyString(meta.namespace);
    const ref = refOf(obj, name ?? '', namespace);
    if (!apiVersion.startsWith('rbac.authorization.k8s.io/')) continue;
    if (apiVersion !== RBAC_API_VERSION) {
      issues.push({ code: 'unsupported-api-version', object: ref, message: `${apiVersion} is not served; ignored` });
      continue;
    }
    if (name === undefined || (!clusterScoped && namespace === undefined)) {
      issues.push({ code: 'malformed-object', object: ref, message: 'missing metadata.name or metadata.namespace' });
      continue;
    }
    const identity = `${obj.kind}/${namespace ?? ''}/${name}`;
    if (seen.has(identity)) {
      issues.push({ code: 'duplicate-object', object: ref, message: 'duplicate object; the first one is used' });
      continue;
    }
    seen.add(identity);

    if (obj.kind === 'Role' || obj.kind === 'ClusterRole') {
      roles.push(readRole(obj, ref, name, namespace, stringMap(meta.labels), issues));
    } else {
      bindings.push(readBinding(obj, ref, name, namespace, issues));
    }
  }
  return { roles, bindings, issues };
}

function readRole(
  obj: KubeObject,
  ref: ObjectRef,
  name: string,
  namespace: string | undefined,
  labels: Record<string, string>,
  issues: RbacIssue[],
): RoleEntry {
  const kind = obj.kind === 'ClusterRole' ? 'ClusterRole' : 'Role';
  if (obj.rules !== undefined && obj.rules !== null && !Array.isArray(obj.rules)) {
    issues.push({ code: 'malformed-object', object: ref, message: 'rules is not a list; treated as empty' });
  }
  const storedRules = Array.isArray(obj.rules) ? obj.rules.map(normalizeRule) : [];
  const entry: RoleEntry = {
    key: roleKey(kind, name, namespace),
    ref,
    kind,
    name,
    labels,
    storedRules,
    rules: storedRules.map((rule) => ({ rule })),
  };
  if (namespace !== undefined) entry.namespace = namespace;
  // clusterroleaggregation_controller.go: only a nil aggregationRule means "not aggregated".
  if (kind === 'ClusterRole' && isRecord(obj.aggregationRule)) {
    const selectors = obj.aggregationRule.clusterRoleSelectors;
    entry.aggregationSelectors = Array.isArray(selectors) ? selectors : [];
  }
  return entry;
}

function readBinding(
  obj: KubeObject,
  ref: ObjectRef,
  name: string,
  namespace: string | undefined,
  issues: RbacIssue[],
): BindingEntry {
  const kind = obj.kind === 'ClusterRoleBinding' ? 'ClusterRoleBinding' : 'RoleBinding';
  const roleRefRaw = isRecord(obj.roleRef) ? obj.roleRef : {};
  const roleRef = {
    kind: typeof roleRefRaw.kind === 'string' ? roleRefRaw.kind : '',
    name: typeof roleRefRaw.name === 'string' ? roleRefRaw.name : '',
  };
  const subjects: BindingSubject[] = [];
  const rawSubjects: unknown[] = Array.isArray(obj.subjects) ? obj.subjects : [];
  rawSubjects.forEach((raw, index) => {
    const s = readSubject(raw, kind, namespace, ref, issues);
    if (s !== undefined) subjects.push({ subject: s, index });
  });
  const entry: BindingEntry = { ref, kind, name, roleRef, subjects };
  if (namespace !== undefined) entry.namespace = namespace;
  return entry;
}

/**
 * rule.go appliesToUser: a ServiceAccount subject without a namespace takes the namespace being evaluated, which for
 * a RoleBinding is its own namespace and for a ClusterRoleBinding is empty, so it then matches nobody.
 */
function readSubject(
  raw: unknown,
  bindingKind: 'RoleBinding' | 'ClusterRoleBinding',
  bindingNamespace: string | undefined,
  ref: ObjectRef,
  issues: RbacIssue[],
): Subject | undefined {
  if (!isRecord(raw) || typeof raw.name !== 'string' || typeof raw.kind !== 'string') {
    issues.push({ code: 'malformed-object', object: ref, message: 'subject without kind or name; ignored' });
    return undefined;
  }
  const kind = raw.kind;
  if (kind === 'User' || kind === 'Group') return { kind, name: raw.name };
  if (kind === 'ServiceAccount') {
    const ns = nonEmptyString(raw.namespace) ?? (bindingKind === 'RoleBinding' ? bindingNamespace : undefined);
    if (ns === undefined) {
      issues.push({
        code: 'service-account-without-namespace',
        object: ref,
        message: `ServiceAccount subject ${raw.name} has no namespace in a ClusterRoleBinding; it matches nobody`,
      });
      return undefined;
    }
    return { kind, name: raw.name, namespace: ns };
  }
  issues.push({
    code: 'unknown-subject-kind',
    object: ref,
    message: `subject kind ${JSON.stringify(kind)} is not User, Group or ServiceAccount; it matches nobody`,
  });
  return undefined;
}
