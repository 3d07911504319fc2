import { formatRef } from '../../model/refs.ts';
import { formatPermission, reviewMiddlewareRbac } from '../../rbac/review.ts';
import { defineCheck } from '../types.ts';

const SHOWN = 6;

export default defineCheck({
  id: 'middleware-rbac-excess',
  title: 'Middleware service account holds permissions beyond what the provider ships',
  severity: 'high',
  category: 'middleware',
  target: 'cluster',
  references: ['cis-k8s:5.1.3', 'cis-eks:4.1.3', 'nist-800-53:AC-6', 'nist-800-53:CM-2', 'mitre:T1098'],
  rationale:
    'A middleware component runs on every node, often privileged, so its service account token sits on every node. ' +
    'The provider ships it with a known set of permissions; anything granted on top — by a customer binding, a ' +
    'hand-edited role or an older add-on version — widens what an attacker who lands on any node gets, and is ' +
    'exactly the kind of drift nobody notices because "it is the provider\'s".',
  remediation:
    'Remove the extra bindings or rules so the account holds only what its catalogued role grants ' +
    '(`kubeseam rbac review` lists each extra permission with the binding that grants it). If a feature needs it, ' +
    'document the exception as a waiver with an owner and expiry.',
  evaluate(model, { report }) {
    for (const r of reviewMiddlewareRbac(model)) {
      const byBinding = new Map<string, typeof r.extras>();
      for (const e of r.extras) {
        const k = formatRef(e.binding);
        const list = byBinding.get(k) ?? [];
        list.push(e);
        byBinding.set(k, list);
      }
      for (const extras of byBinding.values()) {
        const first = extras[0]!;
        const binding = model.byKind
          .get(first.binding.kind)
          ?.find(
            (o) =>
              o.object.metadata.name === first.binding.name && o.object.metadata.namespace === first.binding.namespace,
          );
        const perms = extras.map((e) => formatPermission(e.permission));
        report({
          resource: first.binding,
          ...(binding ? { source: binding } : {}),
          path: 'roleRef',
          message:
            `ServiceAccount ${r.serviceAccount.namespace}/${r.serviceAccount.name} (${r.component}) is granted ` +
            `${perms.length} permission(s) beyond the catalog through ${formatRef(first.role)}: ` +
            `${perms.slice(0, SHOWN).join(', ')}${perms.length > SHOWN ? ` and ${perms.length - SHOWN} more` : ''}`,
        });
      }
    }
  },
});
