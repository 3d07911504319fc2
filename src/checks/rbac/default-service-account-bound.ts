import { defineCheck } from '../types.ts';
import { roleRefOf, subjectsOf } from '../util/rbac.ts';

export default defineCheck({
  id: 'default-service-account-bound',
  title: 'A default service account is granted a role',
  severity: 'medium',
  category: 'rbac',
  target: 'object',
  kinds: ['ClusterRoleBinding', 'RoleBinding'],
  references: [
    'cis-k8s:5.1.5',
    'cis-eks:4.1.5',
    'cis-aks:4.1.5',
    'cis-gke:4.1.5',
    'k8s:rbac-good-practices',
    'nist-800-53:AC-6',
    'mitre:T1078.001',
  ],
  rationale:
    'Every pod that names no service account runs as its namespace’s `default` account. Granting that account a role ' +
    'grants it to all such pods, present and future, including ones deployed by people who never asked for API ' +
    'access. Through a ClusterRoleBinding the grant is cluster-wide (high).',
  remediation:
    'Create a dedicated ServiceAccount for the workload that needs the access, bind the role to it, and remove the ' +
    '`default` subject. Set `automountServiceAccountToken: false` on `default` accounts.',
  evaluate({ object }, { report }) {
    const role = roleRefOf(object);
    for (const s of subjectsOf(object)) {
      if (s.kind !== 'ServiceAccount' || s.name !== 'default') continue;
      const ns = s.namespace ?? (object.kind === 'RoleBinding' ? object.metadata.namespace : undefined);
      const message = `${role ? `${role.kind} ${role.name}` : 'a role'} is granted to ServiceAccount ${ns ?? '?'}/default`;
      if (object.kind === 'ClusterRoleBinding') {
        report({
          path: `subjects[${s.index}]`,
          message,
          severity: 'high',
          severityReason: 'granted cluster-wide through a ClusterRoleBinding',
        });
      } else {
        report({ path: `subjects[${s.index}]`, message });
      }
    }
  },
});
