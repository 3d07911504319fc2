// who-can: every subject that some binding lets perform a request, with the rules that allow it.
import { bindingScope, grantOf, matchingRules, nameMatches } from './evaluate.ts';
import type { RbacIndex } from './rbac-index.ts';
import { normalizeRequest } from './request.ts';
import { implicitAudienceOf } from './subjects.ts';
import type { AccessRequest, Subject, WhoCanAnswer } from './types.ts';

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
    for (const b of index.bindingsByRole.get(ir.role.key) ?? []) {
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
