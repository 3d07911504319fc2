import { ensureClassified } from '../../inventory/classify.ts';
import { defineCheck } from '../types.ts';
import { dangerousPrivileges, unknownInKubeSystem } from '../../inventory/kube-system.ts';

export default defineCheck({
  id: 'customer-workload-in-kube-system',
  title: 'Customer workload runs in kube-system',
  severity: 'medium',
  category: 'middleware',
  target: 'podTemplate',
  references: ['cis-k8s:5.7.1', 'k8s:multi-tenancy', 'nist-800-53:AC-6'],
  rationale:
    'kube-system holds the service accounts of the cluster’s controllers and the provider’s middleware, and is ' +
    'commonly exempt from admission policy. A customer workload there shares that boundary: anyone who can create ' +
    'pods in it can mount those powerful service accounts, and the workload itself escapes the policies applied ' +
    'to application namespaces.',
  remediation:
    'Move the workload to a namespace of its own with Pod Security admission, NetworkPolicies and quotas, and keep ' +
    'kube-system for provider and core components. (Privileged ones are reported by unknown-privileged-kube-system.)',
  evaluate({ workload, spec }, { model, report }) {
    ensureClassified(model);
    // The privileged ones get the stronger unknown-privileged-kube-system finding instead.
    if (!unknownInKubeSystem(workload) || dangerousPrivileges(spec).length > 0) return;
    report({
      path: 'metadata.namespace',
      resource: workload.ref,
      source: workload.source,
      message: `${workload.kind} ${workload.name} matches no catalogued provider or core component and runs in kube-system`,
    });
  },
});
