import { findNamespaced } from '../../model/lookup.ts';
import { defineCheck } from '../types.ts';
import { bindingsOfServiceAccount } from '../util/rbac.ts';

export default defineCheck({
  id: 'default-service-account',
  title: 'Pod runs as the namespace’s default service account',
  severity: 'low',
  category: 'identity',
  target: 'podTemplate',
  references: [
    'cis-k8s:5.1.5',
    'cis-eks:4.1.5',
    'cis-aks:4.1.5',
    'cis-gke:4.1.5',
    'k8s:configure-service-account',
    'nist-800-53:AC-2',
    'mitre:T1078.001',
  ],
  rationale:
    'Every pod that names no service account shares the namespace’s `default` one. Any permission granted to it ' +
    '(often "just to make one thing work") is silently granted to every such pod, and cloud identity bindings (IRSA, ' +
    'Azure Workload Identity, GKE Workload Identity) on it reach them all. Severity is medium when a binding in the ' +
    'scanned objects already grants the default account something. Pods that do not mount its token are skipped.',
  remediation:
    'Create a dedicated ServiceAccount per workload and set `serviceAccountName`; keep `default` without bindings and ' +
    'with `automountServiceAccountToken: false`.',
  evaluate({ spec, workload }, { model, report }) {
    if (workload.serviceAccountName !== 'default') return;
    const sa = findNamespaced(model.byKind.get('ServiceAccount'), workload.namespace, 'default');
    const mounted =
      spec.automountServiceAccountToken === true ||
      (spec.automountServiceAccountToken !== false && sa?.object.automountServiceAccountToken !== false);
    if (!mounted) return;
    const bindings = bindingsOfServiceAccount(model, workload.namespace, 'default');
    const message = `the pod uses the default service account of namespace ${workload.namespace}`;
    if (bindings.length > 0) {
      report({
        path: 'spec.serviceAccountName',
        message,
        severity: 'medium',
        severityReason: `the default service account is bound by ${bindings.map((b) => `${b.kind} ${b.name} (${b.role})`).join(', ')}: every pod without its own account gets that access`,
      });
    } else {
      report({ path: 'spec.serviceAccountName', message });
    }
  },
});
