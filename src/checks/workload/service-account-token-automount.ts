import { findNamespaced } from '../../model/lookup.ts';
import { defineCheck } from '../types.ts';
import { bindingsOfServiceAccount } from '../util/rbac.ts';

export default defineCheck({
  id: 'service-account-token-automount',
  title: 'Service account token is mounted without being asked for',
  severity: 'low',
  category: 'identity',
  target: 'podTemplate',
  references: [
    'cis-k8s:5.1.6',
    'cis-eks:4.1.6',
    'cis-aks:4.1.6',
    'cis-gke:4.1.6',
    'k8s:configure-service-account',
    'nist-800-53:AC-6',
    'mitre:T1078',
  ],
  rationale:
    'Kubernetes mounts a token of the pod’s service account into every container unless told not to. Most ' +
    'application pods never call the API, yet anyone who gets code execution or a file read in them gets an API ' +
    'identity, with whatever RBAC grants it now or later. This is a heuristic: kubeseam cannot see whether the code ' +
    'calls the API, so it reports pods whose token is mounted by default rather than decided (`true` or `false` on the pod ' +
    'or its ServiceAccount), at low ' +
    'severity, and says when the service account has no RoleBinding or ClusterRoleBinding at all. Provider middleware ' +
    'and core components, which use the API by design, are skipped.',
  remediation:
    'Set `automountServiceAccountToken: false` in the pod spec (or on the ServiceAccount). A workload that does call ' +
    'the API should say so with `automountServiceAccountToken: true`, which also documents the need.',
  evaluate({ spec, workload }, { model, report }) {
    if (spec.automountServiceAccountToken === false || spec.automountServiceAccountToken === true) return;
    const cls = workload.classification?.class;
    if (cls === 'middleware' || cls === 'core') return;
    const saName = workload.serviceAccountName;
    const sa = findNamespaced(model.byKind.get('ServiceAccount'), workload.namespace, saName);
    // Either value on the ServiceAccount is a decision someone made for all its pods.
    if (typeof sa?.object.automountServiceAccountToken === 'boolean') return;
    const rbacKnown =
      (model.byKind.get('RoleBinding')?.length ?? 0) + (model.byKind.get('ClusterRoleBinding')?.length ?? 0) > 0;
    const bindings = bindingsOfServiceAccount(model, workload.namespace, saName);
    let note = '';
    if (bindings.length > 0) {
      const b = bindings[0]!;
      note = `; service account "${saName}" is bound by ${b.kind} ${b.name} (${b.role})${bindings.length > 1 ? ` and ${bindings.length - 1} more` : ''}, so it may need the API: say so with automountServiceAccountToken: true`;
    } else if (rbacKnown) {
      note = `; no binding names service account "${saName}", so the workload likely does not use the API`;
    }
    report({
      path: 'spec.automountServiceAccountToken',
      message: `the token of service account "${saName}" is mounted by default${note}`,
      severityReason: 'heuristic: kubeseam cannot tell whether the workload calls the API',
    });
  },
});
