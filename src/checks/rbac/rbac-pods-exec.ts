import { defineCheck } from '../types.ts';
import { grantedVerbs, isEvaluatedRole, roleLabel, ruleGrants, rulesOf } from '../util/rbac.ts';

// Subresources that run code in, or attach to, existing containers. Before Kubernetes 1.35 a WebSocket exec or
// attach is authorized as `get` (kubernetes/kubernetes#78741, fixed by the AuthorizePodWebsocketUpgradeCreatePermission gate).
const TARGETS: readonly { resource: string; verbs: string[] }[] = [
  { resource: 'pods/exec', verbs: ['create', 'get'] },
  { resource: 'pods/attach', verbs: ['create', 'get'] },
  { resource: 'pods/ephemeralcontainers', verbs: ['update', 'patch'] },
];

export default defineCheck({
  id: 'rbac-pods-exec',
  title: 'Role can exec into, attach to or debug pods',
  severity: 'high',
  category: 'rbac',
  target: 'object',
  kinds: ['ClusterRole', 'Role'],
  references: ['k8s:rbac-good-practices', 'nist-800-53:AC-6', 'nist-800-53:AC-6(1)', 'mitre:T1609'],
  rationale:
    '`pods/exec` and `pods/attach` run commands in existing containers, and adding an ephemeral container ' +
    '(`pods/ephemeralcontainers`) starts a new one in a running pod: the subject gets each pod’s service-account ' +
    'token, mounted Secrets and, for privileged or host-mounting pods, the node. Before Kubernetes 1.35 `get` on ' +
    'these subresources is enough over WebSocket. Rules with `resources: ["*"]` are reported by rbac-wildcard.',
  remediation:
    'Grant exec only to break-glass or on-call identities, for a limited time, and keep it out of service-account ' +
    'roles. Use `kubectl debug` with approval workflows rather than standing exec rights.',
  evaluate({ object }, { report }) {
    if (!isEvaluatedRole(object)) return;
    for (const { rule, index } of rulesOf(object)) {
      if (rule.resources.includes('*')) continue;
      const hits = TARGETS.filter((t) => ruleGrants(rule, t.verbs, '', t.resource)).map(
        (t) => `${grantedVerbs(rule, t.verbs).join('/')} ${t.resource}`,
      );
      if (hits.length === 0) continue;
      report({
        path: `rules[${index}].resources`,
        message: `${roleLabel(object)} rule ${index} allows ${hits.join(', ')}`,
      });
    }
  },
});
