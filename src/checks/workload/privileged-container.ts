import { defineCheck } from '../types.ts';

export default defineCheck({
  id: 'privileged-container',
  title: 'Container runs privileged',
  severity: 'critical',
  category: 'workload-isolation',
  target: 'container',
  references: ['cis-k8s:5.2.2', 'cis-eks:4.2.1', 'cis-aks:4.2.1', 'pss:baseline', 'nist-800-53:AC-6', 'mitre:T1611'],
  rationale:
    'A privileged container has every capability, sees every host device and runs without seccomp or AppArmor confinement. ' +
    'Anyone who runs code in it is root on the node: mounting the host disk or loading a kernel module is one command.',
  remediation:
    'Remove `securityContext.privileged: true`. Grant only the capabilities the process needs (`capabilities.add`) and ' +
    'drop the rest. For provider middleware that ships privileged, keep it at the catalogued baseline and waive it with a justification.',
  evaluate({ container }, { report }) {
    if (container.securityContext?.privileged === true) {
      report({
        path: 'securityContext.privileged',
        message: `container "${container.name ?? '?'}" runs privileged`,
      });
    }
  },
});
