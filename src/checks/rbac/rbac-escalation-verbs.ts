import { defineCheck } from '../types.ts';
import { isEvaluatedRole, roleLabel, ruleGrants, rulesOf } from '../util/rbac.ts';

interface Primitive {
  verb: 'escalate' | 'bind' | 'impersonate';
  group: string;
  resources: string[];
  severity: 'critical' | 'high';
  why: string;
}

// kubernetes/kubernetes pkg/registry/rbac/escalation_check.go (escalate, bind) and
// staging/src/k8s.io/apiserver/pkg/endpoints/filters/impersonation.go (impersonate).
const PRIMITIVES: readonly Primitive[] = [
  {
    verb: 'escalate',
    group: 'rbac.authorization.k8s.io',
    resources: ['clusterroles', 'roles'],
    severity: 'critical',
    why: 'write roles with permissions the subject does not hold',
  },
  {
    verb: 'bind',
    group: 'rbac.authorization.k8s.io',
    resources: ['clusterroles', 'roles'],
    severity: 'critical',
    why: 'bind any role, cluster-admin included, to itself',
  },
  {
    verb: 'impersonate',
    group: '',
    resources: ['users', 'groups'],
    severity: 'critical',
    why: 'act as any user or group, such as system:masters',
  },
  {
    verb: 'impersonate',
    group: 'authentication.k8s.io',
    resources: ['uids', 'userextras/scopes'],
    severity: 'high',
    why: 'forge user attributes seen by authorizers and webhooks',
  },
  {
    verb: 'impersonate',
    group: '',
    resources: ['serviceaccounts'],
    severity: 'high',
    why: 'act as any service account in scope',
  },
];

export default defineCheck({
  id: 'rbac-escalation-verbs',
  title: 'Role grants escalate, bind or impersonate',
  severity: 'critical',
  category: 'rbac',
  target: 'object',
  kinds: ['ClusterRole', 'Role'],
  references: ['cis-k8s:5.1.8', 'cis-eks:4.1.8', 'k8s:rbac-good-practices', 'nist-800-53:AC-6(1)', 'mitre:T1098'],
  rationale:
    'RBAC prevents privilege escalation by refusing roles and bindings that grant more than their author holds. ' +
    '`escalate` and `bind` switch that check off, and `impersonate` lets the subject act as another identity, such ' +
    'as a member of `system:masters`. Any of them is a path to cluster-admin. Impersonating service accounts or ' +
    'user attributes is high; a namespaced Role limits escalate and bind to the namespace (high). Wildcard verbs are ' +
    'reported by rbac-wildcard; this check reports the verbs named explicitly.',
  remediation:
    'Remove the verb. Controllers that manage RBAC should receive `bind` with `resourceNames` limited to the roles ' +
    'they hand out; impersonation belongs to short-lived, audited break-glass identities only.',
  evaluate({ object }, { report }) {
    if (!isEvaluatedRole(object)) return;
    const role = roleLabel(object);
    for (const { rule, index } of rulesOf(object)) {
      // One finding per rule (its fingerprint is the rule's path), at the worst primitive it grants.
      const hits: { text: string; severity: 'critical' | 'high'; why: string }[] = [];
      for (const p of PRIMITIVES) {
        if (!rule.verbs.includes(p.verb)) continue;
        const targets = p.resources.filter((r) => ruleGrants(rule, [p.verb], p.group, r));
        if (targets.length === 0) continue;
        // A Role's escalate/bind reach only roles and bindings of its own namespace.
        const namespaced = object.kind === 'Role' && p.verb !== 'impersonate';
        hits.push({
          text: `${p.verb} ${targets.join(', ')}`,
          severity: namespaced ? 'high' : p.severity,
          why: namespaced ? `${p.why}, within its namespace` : p.why,
        });
      }
      if (hits.length === 0) continue;
      const worst = hits.find((h) => h.severity === 'critical') ?? hits[0]!;
      const limited = rule.resourceNames.length > 0 ? ` (only ${rule.resourceNames.join(', ')})` : '';
      const message = `${role} rule ${index} can ${hits.map((h) => h.text).join('; ')}${limited}`;
      const path = `rules[${index}].verbs`;
      if (worst.severity === 'critical') report({ path, message, severityReason: worst.why });
      else report({ path, message, severity: worst.severity, severityReason: worst.why });
    }
  },
});
