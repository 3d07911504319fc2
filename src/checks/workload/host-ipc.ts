import { defineCheck } from '../types.ts';

export default defineCheck({
  id: 'host-ipc',
  title: 'Pod shares the host IPC namespace',
  severity: 'high',
  category: 'workload-isolation',
  target: 'podTemplate',
  references: ['cis-k8s:5.2.4', 'cis-eks:4.2.3', 'cis-aks:4.2.3', 'pss:baseline', 'nist-800-53:SC-39', 'mitre:T1611'],
  rationale:
    'It can read and write the shared memory segments and message queues of every process on the node, including those of other pods that use host IPC and of host daemons.',
  remediation:
    'Remove `hostIPC: true` from the pod spec. Node agents that truly need it belong in the middleware catalog baseline, ' +
    'and the exception is documented as a waiver with an owner and expiry.',
  evaluate({ spec }, { report }) {
    if (spec.hostIPC === true) report({ path: 'spec.hostIPC', message: 'hostIPC is true' });
  },
});
