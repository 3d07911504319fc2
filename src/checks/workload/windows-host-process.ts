import { defineCheck } from '../types.ts';
import { containersAt, containerSc, isRecord, podSc } from '../util/pod.ts';

export default defineCheck({
  id: 'windows-host-process',
  title: 'Windows HostProcess container',
  severity: 'critical',
  category: 'workload-isolation',
  target: 'podTemplate',
  references: ['cis-k8s:5.2.11', 'pss:baseline', 'nist-800-53:AC-6', 'mitre:T1611'],
  rationale:
    'A Windows HostProcess container is not a container: it runs as a process on the Windows node, in the host ' +
    'network, with the node’s filesystem and, by default, as SYSTEM or a chosen local account. Whoever runs code in ' +
    'it controls the node, the equivalent of a privileged Linux pod with every host namespace.',
  remediation:
    'Remove `windowsOptions.hostProcess: true` from the pod and containers. Node setup belongs in the node image or ' +
    'the provider’s node configuration; waive provider agents that need it, with an owner and expiry.',
  evaluate({ spec }, { report }) {
    const podWin = podSc(spec)?.windowsOptions;
    if (isRecord(podWin) && podWin.hostProcess === true) {
      report({
        path: 'spec.securityContext.windowsOptions.hostProcess',
        message: 'the pod runs as a Windows HostProcess',
      });
    }
    for (const c of containersAt(spec)) {
      const win = containerSc(c.container)?.windowsOptions;
      if (isRecord(win) && win.hostProcess === true) {
        report({
          path: `${c.path}.securityContext.windowsOptions.hostProcess`,
          message: `container "${c.name}" runs as a Windows HostProcess`,
        });
      }
    }
  },
});
