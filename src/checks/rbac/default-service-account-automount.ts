import { defineCheck } from '../types.ts';
import { isPlatformNamespace } from '../util/context.ts';

export default defineCheck({
  id: 'default-service-account-automount',
  title: 'Default service account mounts its token into pods',
  severity: 'low',
  category: 'identity',
  target: 'object',
  kinds: ['ServiceAccount'],
  references: [
    'cis-k8s:5.1.5',
    'cis-k8s:5.1.6',
    'cis-eks:4.1.5',
    'cis-aks:4.1.5',
    'cis-gke:4.1.5',
    'k8s:configure-service-account',
    'nist-800-53:AC-6',
  ],
  rationale:
    'Each namespace’s `default` ServiceAccount is used by every pod that names no other, and its token is mounted ' +
    'into them unless the account or the pod opts out. Setting `automountServiceAccountToken: false` on the ' +
    '`default` account makes API access something a workload has to ask for. Platform namespaces are informational.',
  remediation:
    'Set `automountServiceAccountToken: false` on the `default` ServiceAccount of every namespace, and give workloads ' +
    'that call the API their own ServiceAccount.',
  evaluate({ object }, { report }) {
    if (object.metadata.name !== 'default' || object.automountServiceAccountToken === false) return;
    const ns = object.metadata.namespace ?? '?';
    const message = `the default ServiceAccount of namespace ${ns} does not set automountServiceAccountToken: false`;
    if (isPlatformNamespace(ns)) {
      report({ path: 'automountServiceAccountToken', message, severity: 'info', severityReason: 'platform namespace' });
    } else {
      report({ path: 'automountServiceAccountToken', message });
    }
  },
});
