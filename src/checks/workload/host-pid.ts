import { defineCheck } from '../types.ts';

export default defineCheck({
  id: 'host-pid',
  title: 'Pod shares the host PID namespace',
  severity: 'high',
  category: 'workload-isolation',
  target: 'podTemplate',
  references: ['cis-k8s:5.2.3', 'cis-eks:4.2.2', 'cis-aks:4.2.2', 'pss:baseline', 'nist-800-53:SC-39', 'mitre:T1611'],
  rationale:
    'It sees and can signal every process on the node, read their environment and memory through /proc/<pid>/, and with CAP_SYS_PTRACE enter their namespaces (nsenter -t 1) to escape to the host.',
  remediation:
    'Remove `hostPID: true` from the pod spec. Node agents that truly need it belong in the middleware catalog baseline, ' +
    'and the exception is documented as a waiver with an owner and expiry.',
  evaluate({ spec }, { report }) {
    if (spec.hostPID === true) report({ path: 'spec.hostPID', message: 'hostPID is true' });
  },
});
