import { defineCheck } from '../types.ts';
import { isBootstrapDefault, roleRefOf, subjectsOf } from '../util/rbac.ts';

export default defineCheck({
  id: 'system-masters-binding',
  title: 'Binding names the system:masters group',
  severity: 'medium',
  category: 'rbac',
  target: 'object',
  kinds: ['ClusterRoleBinding', 'RoleBinding'],
  references: ['cis-k8s:5.1.7', 'k8s:rbac-good-practices', 'nist-800-53:AC-2', 'nist-800-53:AC-6(1)', 'mitre:T1078'],
  rationale:
    'Members of `system:masters` bypass RBAC and webhook authorization entirely, and their client certificates ' +
    'cannot be revoked before expiry. A binding naming the group grants nothing they lack, so it is a sign that ' +
    'credentials in that group are in use or expected (kubeconfigs, CI certificates) beyond the bootstrap ' +
    '`cluster-admin` binding Kubernetes creates itself, which is skipped.',
  remediation:
    'Stop issuing credentials in `system:masters`; use identities whose access comes from RoleBindings you can ' +
    'revoke. Remove the group from the binding, and audit which certificates carry `O=system:masters`.',
  evaluate({ object }, { report }) {
    if (isBootstrapDefault(object)) return;
    for (const s of subjectsOf(object)) {
      if (s.kind !== 'Group' || s.name !== 'system:masters') continue;
      const role = roleRefOf(object);
      report({
        path: `subjects[${s.index}]`,
        message: `${object.kind} ${object.metadata.name ?? '?'} binds ${role ? `${role.kind} ${role.name}` : 'a role'} to group system:masters`,
      });
    }
  },
});
