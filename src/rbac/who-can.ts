// who-can: every subject that some binding lets perform a request, with the rules that allow it.
import { bindingScope, grantOf, matchingRules, nameMatches } from './evaluate.ts';
import type { RbacIndex } from './rbac-index.ts';
import type { BindingEntry } from './objects.ts';
import { normalizeRequest } from './request.ts';
import { implicitAudienceOf } from './subjects.ts';
import { ALL_NAMESPACES, type AccessRequest, type Subject, type WhoCanAnswer } from './types.ts';

export function subjectKey(s: Subject): string {
  return s.kind === 'ServiceAccount' ? `${s.kind}\0${s.namespace ?? ''}\0${s.name}` : `${s.kind}\0\0${s.name}`;
}

const KIND_ORDER: Record<Subject['kind'], number> = { Group: 0, User: 1, ServiceAccount: 2 };

export function compareSubjects(a: Subject, b: Subject): number {
  return KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || cmp(a.namespace ?? '', b.namespace ?? '') || cmp(a.name, b.name);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Subjects as bindings name them (users, groups, service accounts), each with every grant that allows the request.
 * Groups are answers too: an implicit one (system:authenticated, system:serviceaccounts:<ns>…) is flagged, since it
 * stands for every identity of its kind. Request namespace: undefined for cluster-wide, ALL_NAMESPACES for any.
 */
export function whoCan(index: RbacIndex, request: AccessRequest): WhoCanAnswer[] {
  const req = normalizeRequest(request, index.scopeOf);
  const answers = new Map<string, WhoCanAnswer>();
  for (const ir of matchingRules(index, req)) {
    for (const b of candidateBindings(index, ir.role.key, req.namespace)) {
      const scope = bindingScope(b, req.namespace);
      if (scope === undefined) continue;
      if (req.nameMatch !== 'exact' && !nameMatches(ir.sourced.rule, req, b)) continue;
      const grant = grantOf(b, ir, scope);
      for (const { subject } of b.subjects) {
        const key = subjectKey(subject);
        let answer = answers.get(key);
        if (answer === undefined) {
          answer = { subject, grants: [] };
          const implicit = implicitAudienceOf(subject);
          if (implicit !== undefined) answer.implicit = implicit;
          answers.set(key, answer);
        }
        const last = answer.grants[answer.grants.length - 1];
        // A binding listing the same subject twice yields one grant.
        if (last !== grant) answer.grants.push(grant);
      }
    }
  }
  return [...answers.values()].sort((a, b) => compareSubjects(a.subject, b.subject));
}

const shared = new WeakMap<RbacIndex, Map<string, readonly WhoCanAnswer[]>>();

/**
 * whoCan, remembered per index: for analyzers of one scan that ask the same questions (the privileged-config check
 * and the attack graph both ask who can patch each config map a privileged workload reads). The answers are shared
 * between callers, so they must only be read.
 */
export function whoCanShared(index: RbacIndex, request: AccessRequest): readonly WhoCanAnswer[] {
  let memo = shared.get(index);
  if (!memo) shared.set(index, (memo = new Map<string, readonly WhoCanAnswer[]>()));
  const key = JSON.stringify([
    request.verb,
    request.apiGroup,
    request.resource,
    request.subresource,
    request.name,
    request.anyName,
    request.namespace,
    request.nonResourceURL,
  ]);
  let answers = memo.get(key);
  if (!answers) memo.set(key, (answers = whoCan(index, request)));
  return answers;
}

/** A role's bindings split by scope, each with its position in `bindingsByRole`, so order can be kept. */
interface ScopedBindings {
  cluster: { at: number; b: BindingEntry }[];
  byNamespace: Map<string, { at: number; b: BindingEntry }[]>;
}

const scopedByIndex = new WeakMap<RbacIndex, Map<string, ScopedBindings>>();

/**
 * The role's bindings that can be in scope for a request namespace, in `bindingsByRole` order: for one namespace,
 * its RoleBindings and every ClusterRoleBinding, rather than the RoleBindings of all namespaces (a ClusterRole like
 * `edit` is bound in thousands of them). `bindingScope` still decides; this only skips bindings it would reject.
 */
function candidateBindings(index: RbacIndex, roleKey: string, namespace: string | undefined): readonly BindingEntry[] {
  const all = index.bindingsByRole.get(roleKey) ?? [];
  if (namespace === ALL_NAMESPACES || all.length < 16) return all;
  let perRole = scopedByIndex.get(index);
  if (!perRole) scopedByIndex.set(index, (perRole = new Map<string, ScopedBindings>()));
  let scoped = perRole.get(roleKey);
  if (!scoped) {
    scoped = { cluster: [], byNamespace: new Map() };
    all.forEach((b, at) => {
      if (b.kind === 'ClusterRoleBinding') scoped!.cluster.push({ at, b });
      else if (b.namespace !== undefined) {
        const list = scoped!.byNamespace.get(b.namespace);
        if (list) list.push({ at, b });
        else scoped!.byNamespace.set(b.namespace, [{ at, b }]);
      }
    });
    perRole.set(roleKey, scoped);
  }
  const cluster = scoped.cluster;
  const local = namespace === undefined ? [] : (scoped.byNamespace.get(namespace) ?? []);
  const out: BindingEntry[] = [];
  let i = 0;
  let j = 0;
  while (i < cluster.length || j < local.length) {
    if (j >= local.length || (i < cluster.length && cluster[i]!.at < local[j]!.at)) out.push(cluster[i++]!.b);
    else out.push(local[j++]!.b);
  }
  return out;
}
