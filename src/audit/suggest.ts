// A least-privilege Role/ClusterRole per principal from what it was seen doing (the idea of liggitt/audit2rbac):
// exactly the allowed requests of the log, nothing more.
// - Cluster-scoped resources, requests across all namespaces and non-resource URLs → one ClusterRole bound by a
//   ClusterRoleBinding (only those reach them: rule.go VisitRulesFor).
// - Namespaced requests → a Role and RoleBinding per namespace; namespaces that need the very same rules share one
//   ClusterRole, bound by a RoleBinding in each.
// - resourceNames where the principal only ever touched a few named objects with get, update, patch, delete (or
//   impersonate); never for list, watch, create or deletecollection, whose requests carry no name the authorizer
//   could match (evaluation_helpers.go ResourceNameMatches), nor for kinds whose names are generated (pods, events).
// - Rules are merged only where the merge grants nothing extra: same group, same verbs, same names.
// With the cluster's RBAC at hand, requests every authenticated identity may already make (discovery, self
// reviews) are left out and listed as such.
import { stringify } from 'yaml';
import type { KubeObject } from '../model/k8s.ts';
import { can } from '../rbac/can.ts';
import type { RbacIndex } from '../rbac/rbac-index.ts';
import { builtInScope, normalizeRequest, type ScopeResolver } from '../rbac/request.ts';
import { ALL_AUTHENTICATED, ALL_SERVICE_ACCOUNTS } from '../rbac/subjects.ts';
import type { PolicyRule, Principal, Subject } from '../rbac/types.ts';
import type { AccessEntry, PrincipalProfile } from './aggregate.ts';
import { principalOf } from './principal.ts';
import { requestsOf } from './requests.ts';

export interface SuggestOptions {
  /** The cluster's RBAC: requests its default grants already allow are not put in the suggestion. */
  index?: RbacIndex;
  /** resourceNames are used for at most this many names. Default 5. */
  maxResourceNames?: number;
  /** Prefix of the generated object names. Default `kubeseam:observed`. */
  namePrefix?: string;
}

export interface SuggestedRoles {
  principal: string;
  subject: Subject;
  /** ClusterRoles, Roles and their bindings, ready to apply. */
  objects: KubeObject[];
  /** The objects as one multi-document YAML stream. */
  yaml: string;
  /** Allowed access entries the suggestion grants. */
  covered: AccessEntry[];
  /** Allowed access entries already granted to every authenticated identity (needs `index`). */
  coveredByDefaults: AccessEntry[];
  /** Denied requests, deliberately not granted. */
  denied: AccessEntry[];
  notes: string[];
}

const RBAC_V1 = 'rbac.authorization.k8s.io/v1';
const RBAC_GROUP = 'rbac.authorization.k8s.io';
/** Verbs whose requests always name one object, so resourceNames can limit them. */
const NAMED_VERBS = new Set(['get', 'update', 'patch', 'delete', 'impersonate']);
/**
 * Kinds whose objects controllers create with generated names (metadata.generateName, or a hash suffix): the names
 * seen in a window are gone after the next rollout, so limiting a rule to them would break the component.
 */
const GENERATED_NAMES = new Set([
  '/pods',
  '/events',
  'events.k8s.io/events',
  'apps/replicasets',
  'apps/controllerrevisions',
  'batch/jobs',
  'discovery.k8s.io/endpointslices',
  'certificates.k8s.io/certificatesigningrequests',
]);

export function subjectOf(profile: PrincipalProfile): Subject {
  const sa = principalOf(profile.username).serviceAccount;
  return sa !== undefined
    ? { kind: 'ServiceAccount', name: sa.name, namespace: sa.namespace }
    : { kind: 'User', name: profile.username };
}

/** Who stands for "every identity like this one" when asking what the defaults allow. */
function everyone(profile: PrincipalProfile): Principal {
  const sa = principalOf(profile.username).serviceAccount;
  return sa !== undefined
    ? {
        kind: 'Group',
        name: ALL_AUTHENTICATED,
        groups: [ALL_SERVICE_ACCOUNTS, `${ALL_SERVICE_ACCOUNTS}:${sa.namespace}`],
      }
    : { kind: 'Group', name: ALL_AUTHENTICATED };
}

function coveredByDefaults(e: AccessEntry, index: RbacIndex, who: Principal): boolean {
  return requestsOf(e).every((o) => can(index, who, o.request).allowed);
}

/** Cluster-wide entries: non-resource URLs, cluster-scoped resources, and requests in no namespace. */
function isClusterWide(e: AccessEntry, scopeOf: ScopeResolver): boolean {
  if (e.nonResourceURL !== undefined) return true;
  if (e.apiGroup === '' && e.resource === 'namespaces') return e.namespace === '';
  if (e.namespace === '') return true;
  return (
    normalizeRequest({ verb: e.verb, apiGroup: e.apiGroup, resource: e.resource, namespace: e.namespace }, scopeOf)
      .namespace === undefined
  );
}

function sortedUnique(xs: Iterable<string>): string[] {
  return [...new Set(xs)].sort();
}

/** Rules granting exactly the entries' requests. */
export function rulesForEntries(entries: AccessEntry[], maxNames: number): PolicyRule[] {
  interface Perm {
    verb: string;
    names: string[] | undefined;
  }
  const byResource = new Map<string, { group: string; resource: string; perms: Perm[] }>();
  const nonResource = new Map<string, Set<string>>();
  for (const e of entries) {
    if (e.nonResourceURL !== undefined) {
      let verbs = nonResource.get(e.nonResourceURL);
      if (verbs === undefined) nonResource.set(e.nonResourceURL, (verbs = new Set()));
      verbs.add(e.verb);
      continue;
    }
    const resource = e.subresource === '' ? e.resource : `${e.resource}/${e.subresource}`;
    const key = `${e.apiGroup}\u0000${resource}`;
    let r = byResource.get(key);
    if (r === undefined) byResource.set(key, (r = { group: e.apiGroup, resource, perms: [] }));
    const limited =
      NAMED_VERBS.has(e.verb) &&
      !GENERATED_NAMES.has(`${e.apiGroup}/${e.resource}`) &&
      e.unnamed === 0 &&
      !e.namesTruncated &&
      e.names.length > 0 &&
      e.names.length <= maxNames;
    r.perms.push({ verb: e.verb, names: limited ? [...e.names].sort() : undefined });
  }

  // One rule per (group, verbs, names); resources with identical verbs and names in a group share it.
  const merged = new Map<string, PolicyRule>();
  for (const { group, resource, perms } of byResource.values()) {
    const open = sortedUnique(perms.filter((p) => p.names === undefined).map((p) => p.verb));
    // A verb both unlimited and limited (not possible for one entry) is granted unlimited.
    const limited = perms.filter((p) => p.names !== undefined && !open.includes(p.verb));
    const byNames = new Map<string, { names: string[]; verbs: string[] }>();
    for (const p of limited) {
      const k = p.names!.join('\u0000');
      const g = byNames.get(k) ?? { names: p.names!, verbs: [] };
      g.verbs.push(p.verb);
      byNames.set(k, g);
    }
    const variants: { verbs: string[]; names: string[] }[] = [];
    if (open.length > 0) variants.push({ verbs: open, names: [] });
    for (const g of byNames.values()) variants.push({ verbs: sortedUnique(g.verbs), names: g.names });
    for (const v of variants) {
      const k = `${group}\u0000${v.verbs.join(',')}\u0000${v.names.join(',')}`;
      const rule = merged.get(k) ?? {
        apiGroups: [group],
        resources: [],
        verbs: v.verbs,
        resourceNames: v.names,
        nonResourceURLs: [],
      };
      rule.resources.push(resource);
      merged.set(k, rule);
    }
  }
  const rules = [...merged.values()].map((r) => ({ ...r, resources: r.resources.sort() }));

  const byVerbs = new Map<string, string[]>();
  for (const [url, verbs] of nonResource) {
    const k = sortedUnique(verbs).join(',');
    byVerbs.set(k, [...(byVerbs.get(k) ?? []), url]);
  }
  for (const [verbs, urls] of byVerbs) {
    rules.push({
      apiGroups: [],
      resources: [],
      verbs: verbs.split(','),
      resourceNames: [],
      nonResourceURLs: urls.sort(),
    });
  }
  return rules.sort((a, b) => ruleKey(a).localeCompare(ruleKey(b)));
}

function ruleKey(r: PolicyRule): string {
  return JSON.stringify([r.nonResourceURLs.length > 0, r.apiGroups, r.resources, r.verbs, r.resourceNames]);
}

/** A rule as written in YAML: empty lists left out. */
function ruleObject(r: PolicyRule): Record<string, string[]> {
  const o: Record<string, string[]> = {};
  if (r.nonResourceURLs.length > 0) {
    o.nonResourceURLs = r.nonResourceURLs;
  } else {
    o.apiGroups = r.apiGroups;
    o.resources = r.resources;
    if (r.resourceNames.length > 0) o.resourceNames = r.resourceNames;
  }
  o.verbs = r.verbs;
  return o;
}

function subjectObject(s: Subject): Record<string, string> {
  return s.kind === 'ServiceAccount'
    ? { kind: 'ServiceAccount', name: s.name, namespace: s.namespace ?? '' }
    : { kind: s.kind, apiGroup: RBAC_GROUP, name: s.name };
}

/** RBAC object names are path segments: no `/` or `%`. */
function safeName(s: string): string {
  return s.replace(/[/%]/g, '-');
}

const LABELS = { 'app.kubernetes.io/managed-by': 'kubeseam' };

function roleObject(
  kind: 'Role' | 'ClusterRole',
  name: string,
  namespace: string | undefined,
  rules: PolicyRule[],
  from: string,
): KubeObject {
  const metadata: KubeObject['metadata'] = { name };
  if (namespace !== undefined) metadata.namespace = namespace;
  metadata.labels = { ...LABELS };
  metadata.annotations = { 'kubeseam.dev/observed-principal': from };
  return { apiVersion: RBAC_V1, kind, metadata, rules: rules.map(ruleObject) };
}

function bindingObject(
  kind: 'RoleBinding' | 'ClusterRoleBinding',
  name: string,
  namespace: string | undefined,
  role: { kind: 'Role' | 'ClusterRole'; name: string },
  subject: Subject,
): KubeObject {
  const metadata: KubeObject['metadata'] = { name };
  if (namespace !== undefined) metadata.namespace = namespace;
  metadata.labels = { ...LABELS };
  return {
    apiVersion: RBAC_V1,
    kind,
    metadata,
    roleRef: { apiGroup: RBAC_GROUP, kind: role.kind, name: role.name },
    subjects: [subjectObject(subject)],
  };
}

export function suggestRoles(profile: PrincipalProfile, options: SuggestOptions = {}): SuggestedRoles {
  const maxNames = options.maxResourceNames ?? 5;
  const prefix = options.namePrefix ?? 'kubeseam:observed';
  const scopeOf = options.index?.scopeOf ?? builtInScope;
  const subject = subjectOf(profile);
  const base = safeName(
    subject.kind === 'ServiceAccount'
      ? `${prefix}:${subject.namespace ?? ''}:${subject.name}`
      : `${prefix}:user:${subject.name}`,
  );
  const notes: string[] = [];

  const allowed = profile.access.filter((e) => e.outcome === 'allowed');
  const denied = profile.access.filter((e) => e.outcome === 'denied');
  const defaults: AccessEntry[] = [];
  const needed: AccessEntry[] = [];
  const who = everyone(profile);
  for (const e of allowed) {
    if (options.index !== undefined && coveredByDefaults(e, options.index, who)) defaults.push(e);
    else needed.push(e);
  }
  if (profile.truncated.access > 0) {
    notes.push(
      `${profile.truncated.access} kind(s) of request were not kept (cap reached): the suggestion may be short`,
    );
  }
  if (needed.some((e) => e.namesTruncated))
    notes.push('some requests touched more objects than were kept: granted without resourceNames');

  const objects: KubeObject[] = [];
  const cluster = needed.filter((e) => isClusterWide(e, scopeOf));
  if (cluster.length > 0) {
    objects.push(roleObject('ClusterRole', base, undefined, rulesForEntries(cluster, maxNames), profile.username));
    objects.push(bindingObject('ClusterRoleBinding', base, undefined, { kind: 'ClusterRole', name: base }, subject));
  }

  const byNamespace = new Map<string, AccessEntry[]>();
  for (const e of needed) {
    if (isClusterWide(e, scopeOf)) continue;
    byNamespace.set(e.namespace, [...(byNamespace.get(e.namespace) ?? []), e]);
  }
  // Namespaces that need the same rules share one ClusterRole.
  const byRules = new Map<string, { rules: PolicyRule[]; namespaces: string[] }>();
  for (const [ns, entries] of [...byNamespace.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    const rules = rulesForEntries(entries, maxNames);
    const k = JSON.stringify(rules);
    const g = byRules.get(k) ?? { rules, namespaces: [] };
    g.namespaces.push(ns);
    byRules.set(k, g);
  }
  let shared = 0;
  for (const { rules, namespaces } of byRules.values()) {
    if (namespaces.length === 1) {
      const ns = namespaces[0]!;
      objects.push(roleObject('Role', base, ns, rules, profile.username));
      objects.push(bindingObject('RoleBinding', base, ns, { kind: 'Role', name: base }, subject));
      continue;
    }
    shared++;
    const name = `${base}:namespaced${shared > 1 ? `-${shared}` : ''}`;
    objects.push(roleObject('ClusterRole', name, undefined, rules, profile.username));
    for (const ns of namespaces) {
      objects.push(bindingObject('RoleBinding', name, ns, { kind: 'ClusterRole', name }, subject));
    }
  }

  if (defaults.length > 0) {
    notes.push(
      `${defaults.length} kind(s) of request are already allowed to every authenticated identity; not repeated`,
    );
  }
  if (denied.length > 0) notes.push(`${denied.length} kind(s) of denied request are not granted`);
  return {
    principal: profile.username,
    subject,
    objects,
    yaml: objects.map((o) => stringify(o, { lineWidth: 0 })).join('---\n'),
    covered: needed,
    coveredByDefaults: defaults,
    denied,
    notes,
  };
}
