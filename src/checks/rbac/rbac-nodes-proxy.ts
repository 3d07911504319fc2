import { defineCheck } from '../types.ts';
import { grantedVerbs, isEvaluatedRole, roleLabel, ruleGrants, rulesOf } from '../util/rbac.ts';

export default defineCheck({
  id: 'rbac-nodes-proxy',
  title: 'Role can reach the kubelet API through nodes/proxy',
  severity: 'critical',
  category: 'rbac',
  target: 'object',
  kinds: ['ClusterRole', 'Role'],
  references: ['k8s:rbac-good-practices', 'nist-800-53:AC-6', 'nist-800-53:AC-6(1)', 'mitre:T1609', 'mitre:T1611'],
  rationale:
    '`nodes/proxy` forwards requests to the kubelet API of any node, which includes `/exec`, `/run` and `/attach` ' +
    'for every pod on the node: command execution in any container, privileged node agents included, and requests ' +
    'that bypass API-server audit of pod exec. The kubelet authorizes a WebSocket `/exec` with `get` on nodes/proxy, so ' +
    'read-only-looking monitoring roles that hold it are a path to the node. Rules with `resources: ["*"]` are ' +
    'reported by rbac-wildcard.',
  remediation:
    'Scrape kubelet metrics through `nodes/metrics` and `nodes/stats` instead of `nodes/proxy`; remove nodes/proxy from ' +
    'every role that is not a break-glass administrator’s.',
  evaluate({ object }, { report }) {
    if (!isEvaluatedRole(object)) return;
    for (const { rule, index } of rulesOf(object)) {
      if (rule.resources.includes('*')) continue;
      if (!ruleGrants(rule, ['get', 'create'], '', 'nodes/proxy')) continue;
      report({
        path: `rules[${index}].resources`,
        message: `${roleLabel(object)} rule ${index} allows ${grantedVerbs(rule, ['get', 'create']).join('/')} nodes/proxy`,
      });
    }
  },
});
