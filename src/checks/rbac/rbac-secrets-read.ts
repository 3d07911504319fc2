import { defineCheck } from '../types.ts';
import { grantedVerbs, isEvaluatedRole, roleLabel, rulesOf } from '../util/rbac.ts';

export default defineCheck({
  id: 'rbac-secrets-read',
  title: 'Role can read Secrets',
  severity: 'high',
  category: 'rbac',
  target: 'object',
  kinds: ['ClusterRole', 'Role'],
  references: [
    'cis-k8s:5.1.2',
    'cis-eks:4.1.2',
    'cis-aks:4.1.2',
    'cis-gke:4.1.2',
    'k8s:rbac-good-practices',
    'k8s:secrets-good-practices',
    'nist-800-53:AC-6',
    'mitre:T1552.007',
  ],
  rationale:
    'Reading Secrets yields every credential stored in them: database passwords, cloud keys, TLS keys and, where ' +
    'they still exist, long-lived service-account tokens that impersonate more powerful accounts. `list` and ' +
    '`watch` return the values of all Secrets in scope at once (high); `get` needs names, which are easy to guess ' +
    'or list from metadata (medium); `get` restricted by `resourceNames` is low. Rules with `resources: ["*"]` are ' +
    'reported by rbac-wildcard.',
  remediation:
    'Remove Secret access, or restrict it to `get` with `resourceNames` of the Secrets the workload owns. Prefer ' +
    'mounting Secrets into pods, or a CSI secrets-store driver, over reading them through the API.',
  evaluate({ object }, { report }) {
    if (!isEvaluatedRole(object)) return;
    for (const { rule, index } of rulesOf(object)) {
      if (!rule.resources.includes('secrets')) continue;
      if (!rule.apiGroups.includes('') && !rule.apiGroups.includes('*')) continue;
      const verbs = grantedVerbs(rule, ['get', 'list', 'watch']);
      if (verbs.length === 0) continue;
      const message = `${roleLabel(object)} rule ${index} can ${verbs.join(', ')} secrets`;
      const path = `rules[${index}].resources`;
      if (verbs.includes('list') || verbs.includes('watch')) {
        report({ path, message });
      } else if (rule.resourceNames.length > 0) {
        report({
          path,
          message: `${message} named ${rule.resourceNames.join(', ')}`,
          severity: 'low',
          severityReason: 'get only, limited to named Secrets',
        });
      } else {
        report({ path, message, severity: 'medium', severityReason: 'get only: the caller needs the Secret names' });
      }
    }
  },
});
