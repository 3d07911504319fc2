import { defineCheck } from '../types.ts';
import { isEvaluatedRole, roleLabel, rulesOf } from '../util/rbac.ts';

// Resources where "every verb" includes a privilege-escalation path.
const SENSITIVE_RESOURCES = new Set([
  'secrets',
  'pods',
  'pods/exec',
  'pods/attach',
  'serviceaccounts',
  'serviceaccounts/token',
  'nodes',
  'nodes/proxy',
  'roles',
  'clusterroles',
  'rolebindings',
  'clusterrolebindings',
  'users',
  'groups',
  'deployments',
  'daemonsets',
  'statefulsets',
  'jobs',
  'cronjobs',
  'mutatingwebhookconfigurations',
  'validatingwebhookconfigurations',
  'certificatesigningrequests/approval',
  'persistentvolumes',
]);

// API groups where "every resource" includes secrets, pods, workloads, RBAC, webhooks or certificates.
const ESCALATING_GROUPS = new Set([
  '*',
  '',
  'apps',
  'batch',
  'rbac.authorization.k8s.io',
  'admissionregistration.k8s.io',
  'certificates.k8s.io',
  'authentication.k8s.io',
  'storage.k8s.io',
  'apiextensions.k8s.io',
]);

export default defineCheck({
  id: 'rbac-wildcard',
  title: 'Role uses wildcards for verbs or resources',
  severity: 'high',
  category: 'rbac',
  target: 'object',
  kinds: ['ClusterRole', 'Role'],
  references: [
    'cis-k8s:5.1.3',
    'cis-eks:4.1.3',
    'cis-aks:4.1.3',
    'cis-gke:4.1.3',
    'k8s:rbac-good-practices',
    'nist-800-53:AC-6',
  ],
  rationale:
    'A `*` grants everything that exists now and everything added later: `resources: ["*"]` includes Secrets and ' +
    'every CRD installed next year, `verbs: ["*"]` includes escalate, bind, impersonate and deletecollection. Every ' +
    'resource of a core, workload, RBAC or admission API group is high, of another group (a CRD group) medium. A rule ' +
    'with `*` verbs, groups and resources is cluster-admin (critical). Wildcard verbs on a few resources are medium, ' +
    'or high when those resources lead to escalation (secrets, pods, workloads, RBAC, nodes, webhooks). Bootstrap ' +
    'roles and aggregated ClusterRoles (whose rules come from the roles they select) are skipped.',
  remediation:
    'List the verbs and resources the subject uses. `kubeseam rbac review` and the audit analyzer suggest a ' +
    'least-privilege rule set from what is actually called.',
  evaluate({ object }, { report }) {
    if (!isEvaluatedRole(object)) return;
    const role = roleLabel(object);
    for (const { rule, index } of rulesOf(object)) {
      const verbsStar = rule.verbs.includes('*');
      const resourcesStar = rule.resources.includes('*');
      if (verbsStar && resourcesStar && rule.apiGroups.includes('*')) {
        report({
          path: `rules[${index}]`,
          message: `${role} rule ${index} allows every verb on every resource: cluster-admin equivalent`,
          severity: 'critical',
          severityReason: '`*` verbs, API groups and resources: everything, including RBAC itself',
        });
        continue;
      }
      if (resourcesStar) {
        const groups = rule.apiGroups.map((g) => (g === '' ? 'core' : g)).join(', ') || 'no group';
        const message = `${role} rule ${index} allows ${rule.verbs.join(', ') || 'no verbs'} on every resource of ${groups}`;
        const powerful = rule.apiGroups.filter((g) => ESCALATING_GROUPS.has(g));
        if (powerful.length > 0) {
          report({
            path: `rules[${index}].resources`,
            message,
            severityReason: `every resource of ${powerful.map((g) => (g === '' ? 'the core group' : g)).join(', ')} includes escalation paths`,
          });
        } else {
          report({
            path: `rules[${index}].resources`,
            message,
            severity: 'medium',
            severityReason: `every resource of ${groups}, present and future, but no core, RBAC or workload resources`,
          });
        }
      }
      if (verbsStar && !resourcesStar) {
        const sensitive = rule.resources.filter((r) => SENSITIVE_RESOURCES.has(r) || r.startsWith('*/'));
        const message = `${role} rule ${index} allows every verb on ${rule.resources.join(', ') || rule.nonResourceURLs.join(', ') || 'nothing'}`;
        if (sensitive.length > 0) {
          report({
            path: `rules[${index}].verbs`,
            message,
            severityReason: `every verb on ${sensitive.join(', ')} leads to escalation`,
          });
        } else {
          report({
            path: `rules[${index}].verbs`,
            message,
            severity: 'medium',
            severityReason: 'every verb, but on resources that do not lead to escalation by themselves',
          });
        }
      }
    }
  },
});
