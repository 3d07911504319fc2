// Which subjects hold which dangerous permissions, and through which bindings (namespace-scoped where the binding is).
// A permission counts when it covers at least one object: rules limited by resourceNames count too.
import {
  DANGEROUS_PERMISSIONS,
  dangerousRequests,
  type DangerousPermission,
} from '../knowledge/dangerous-permissions.ts';
import { findApiResource } from '../knowledge/api-resources.ts';
import type { RbacIndex } from './rbac-index.ts';
import { ALL_NAMESPACES, type Grant, type Subject, type WhoCanAnswer } from './types.ts';
import { compareSubjects, subjectKey, whoCan } from './who-can.ts';

export interface DangerousHolding {
  permission: DangerousPermission;
  /** Every grant through which the subject holds it, deduplicated by binding and rule. */
  grants: Grant[];
  /** True when some grant comes from a ClusterRoleBinding (valid in every namespace). */
  clusterWide: boolean;
  /** Namespaces of RoleBinding grants, sorted. */
  namespaces: string[];
}

export interface SubjectDangers {
  subject: Subject;
  implicit?: WhoCanAnswer['implicit'];
  permissions: DangerousHolding[];
}

const existsBuiltIn = (apiGroup: string, resource: string): boolean =>
  findApiResource(apiGroup, resource) !== undefined;

export function dangerousGrants(
  index: RbacIndex,
  catalog: readonly DangerousPermission[] = DANGEROUS_PERMISSIONS,
): SubjectDangers[] {
  const bySubject = new Map<string, { entry: SubjectDangers; byPermission: Map<string, Map<string, Grant>> }>();

  for (const permission of catalog) {
    for (const request of dangerousRequests(permission, existsBuiltIn)) {
      for (const answer of whoCan(index, { ...request, anyName: true, namespace: ALL_NAMESPACES })) {
        const key = subjectKey(answer.subject);
        let slot = bySubject.get(key);
        if (slot === undefined) {
          const entry: SubjectDangers = { subject: answer.subject, permissions: [] };
          if (answer.implicit !== undefined) entry.implicit = answer.implicit;
          slot = { entry, byPermission: new Map() };
          bySubject.set(key, slot);
        }
        let grants = slot.byPermission.get(permission.id);
        if (grants === undefined) slot.byPermission.set(permission.id, (grants = new Map<string, Grant>()));
        for (const g of answer.grants) {
          grants.set(`${g.binding.kind}/${g.binding.namespace ?? ''}/${g.binding.name}#${g.ruleIndex}`, g);
        }
      }
    }
  }

  const out: SubjectDangers[] = [];
  for (const { entry, byPermission } of bySubject.values()) {
    for (const permission of catalog) {
      const grants = byPermission.get(permission.id);
      if (grants === undefined) continue;
      const list = [...grants.values()];
      entry.permissions.push({
        permission,
        grants: list,
        clusterWide: list.some((g) => g.namespace === undefined),
        namespaces: [...new Set(list.flatMap((g) => (g.namespace === undefined ? [] : [g.namespace])))].sort(),
      });
    }
    out.push(entry);
  }
  return out.sort((a, b) => compareSubjects(a.subject, b.subject));
}
