import { defineCheck } from '../types.ts';

export default defineCheck({
  id: 'host-network',
  title: 'Pod shares the host network namespace',
  severity: 'medium',
  category: 'workload-isolation',
  target: 'podTemplate',
  references: ['cis-k8s:5.2.5', 'cis-eks:4.2.4', 'cis-aks:4.2.4', 'pss:baseline', 'nist-800-53:SC-39', 'mitre:T1611'],
  rationale:
    "It binds on the node's addresses, sees all node traffic, reaches services listening only on the node's localhost, " +
    'is not subject to NetworkPolicy, and reaches the cloud metadata API with the identity of the node.',
  remediation:
    'Remove `hostNetwork: true` from the pod spec. Node agents that truly need it belong in the middleware catalog baseline, ' +
    'and the exception is documented as a waiver with an owner and expiry.',
  evaluate({ spec }, { report }) {
    if (spec.hostNetwork === true) report({ path: 'spec.hostNetwork', message: 'hostNetwork is true' });
  },
});
