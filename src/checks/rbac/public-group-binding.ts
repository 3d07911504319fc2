import { defineCheck } from '../types.ts';
import { isBootstrapDefault, roleRefOf, subjectsOf } from '../util/rbac.ts';

// Roles Kubernetes itself grants to everyone: discovery, SelfSubjectReviews, version and health endpoints.
const DISCOVERY_ROLES = new Set(['system:discovery', 'system:basic-user', 'system:public-info-viewer']);

type Audience = { severity: 'critical' | 'high'; who: string };

function audienceOf(kind: string, name: string): Audience | undefined {
  if (kind === 'User' && name === 'system:anonymous') return { severity: 'critical', who: 'anonymous requests' };
  if (kind === 'Group' && name === 'system:unauthenticated')
    return { severity: 'critical', who: 'every unauthenticated request' };
  if (kind === 'Group' && name === 'system:authenticated')
    return { severity: 'high', who: 'every authenticated identity' };
  if (kind === 'Group' && name === 'system:serviceaccounts')
    return { severity: 'high', who: 'every service account of every namespace' };
  return undefined;
}

export default defineCheck({
  id: 'public-group-binding',
  title: 'Role is granted to anonymous, unauthenticated or all authenticated users',
  severity: 'critical',
  category: 'rbac',
  target: 'object',
  kinds: ['ClusterRoleBinding', 'RoleBinding'],
  references: ['k8s:rbac-good-practices', 'nist-800-53:AC-3', 'nist-800-53:AC-6', 'mitre:T1078.001', 'mitre:T1190'],
  rationale:
    'Bindings to `system:anonymous` or `system:unauthenticated` grant their role to anyone who can reach the API ' +
    'server, without credentials; managed API endpoints are often public. `system:authenticated` is every identity ' +
    'the cluster accepts, which on GKE includes any Google account, not only your organisation’s (critical there), ' +
    'and `system:serviceaccounts` is every pod token in the cluster. Only the discovery roles Kubernetes grants by ' +
    'default (system:discovery, system:basic-user, system:public-info-viewer) are safe to grant this way.',
  remediation:
    'Delete the subject from the binding and grant the role to the specific users, groups or service accounts that ' +
    'need it. On EKS, AKS and GKE also keep anonymous authentication limited to health endpoints.',
  evaluate({ object }, { model, report }) {
    const role = roleRefOf(object);
    if (!role || isBootstrapDefault(object)) return;
    if (role.kind === 'ClusterRole' && DISCOVERY_ROLES.has(role.name)) return;
    for (const s of subjectsOf(object)) {
      const a = audienceOf(s.kind, s.name);
      if (!a) continue;
      const path = `subjects[${s.index}]`;
      const message = `${role.kind} ${role.name} is granted to ${a.who} (${s.kind} ${s.name})`;
      if (s.name === 'system:authenticated' && model.cluster.provider === 'gke') {
        report({ path, message, severity: 'critical', severityReason: 'on GKE every Google account is authenticated' });
      } else if (a.severity !== 'critical') {
        report({
          path,
          message,
          severity: a.severity,
          severityReason: `${s.name} requires some credential, but is ${a.who}`,
        });
      } else {
        report({ path, message });
      }
    }
  },
});
