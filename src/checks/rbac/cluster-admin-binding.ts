import { defineCheck } from '../types.ts';
import { describeSubject, isBootstrapDefault, roleRefOf, subjectsOf } from '../util/rbac.ts';

export default defineCheck({
  id: 'cluster-admin-binding',
  title: 'Subject is bound to cluster-admin',
  severity: 'critical',
  category: 'rbac',
  target: 'object',
  kinds: ['ClusterRoleBinding', 'RoleBinding'],
  references: [
    'cis-k8s:5.1.1',
    'cis-eks:4.1.1',
    'cis-aks:4.1.1',
    'cis-gke:4.1.1',
    'k8s:rbac-good-practices',
    'nist-800-53:AC-6',
    'nist-800-53:AC-6(1)',
    'mitre:T1078',
  ],
  rationale:
    '`cluster-admin` allows every verb on every resource. A ClusterRoleBinding to it makes the subject owner of the ' +
    'cluster: all Secrets, every node through privileged pods, and the RBAC that would contain it. Service accounts ' +
    'bound to it turn any code execution in their pods into cluster compromise. Through a RoleBinding it is full ' +
    'control of one namespace (high). Kubernetes’ own bootstrap binding and `system:` users and groups are skipped.',
  remediation:
    'Bind a role with only the verbs and resources the subject uses (`kubeseam rbac review` and the audit analyzer ' +
    'suggest one). Keep break-glass admin access outside standing bindings: cloud IAM mapped on demand, or ' +
    'short-lived impersonation with approval.',
  evaluate({ object }, { report }) {
    const role = roleRefOf(object);
    if (role?.kind !== 'ClusterRole' || role.name !== 'cluster-admin' || isBootstrapDefault(object)) return;
    for (const s of subjectsOf(object)) {
      if ((s.kind === 'User' || s.kind === 'Group') && s.name.startsWith('system:')) continue;
      const who = describeSubject(
        s.kind === 'ServiceAccount' && !s.namespace && object.metadata.namespace
          ? { ...s, namespace: object.metadata.namespace }
          : s,
      );
      if (object.kind === 'RoleBinding') {
        report({
          path: `subjects[${s.index}]`,
          message: `${who} has cluster-admin in namespace ${object.metadata.namespace ?? '?'}`,
          severity: 'high',
          severityReason: 'granted through a RoleBinding: every permission, but only in this namespace',
        });
      } else {
        report({ path: `subjects[${s.index}]`, message: `${who} is cluster-admin` });
      }
    }
  },
});
