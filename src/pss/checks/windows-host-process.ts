import { asRecord, containerList, securityContext } from '../pod-view.ts';
import type { PssCheck } from '../types.ts';

// Upstream: kubernetes/kubernetes staging/src/k8s.io/pod-security-admission/policy/check_windowsHostProcess.go
function hostProcess(context: Record<string, unknown> | undefined): boolean {
  return asRecord(context?.windowsOptions)?.hostProcess === true;
}

export const windowsHostProcess: PssCheck = {
  id: 'windowsHostProcess',
  level: 'baseline',
  title: 'HostProcess',
  source: 'kubernetes/kubernetes staging/src/k8s.io/pod-security-admission/policy/check_windowsHostProcess.go',
  variants: [
    {
      minVersion: 0,
      evaluate: (pod) => {
        const setters: string[] = [];
        const paths: string[] = [];
        if (hostProcess(pod.podSecurityContext)) {
          setters.push('pod');
          paths.push('spec.securityContext.windowsOptions.hostProcess');
        }
        const bad = pod.containers.filter((c) => hostProcess(securityContext(c)));
        if (bad.length > 0) {
          setters.push(containerList(bad.map((c) => c.name)));
          paths.push(...bad.map((c) => `${c.path}.securityContext.windowsOptions.hostProcess`));
        }
        if (setters.length === 0) return undefined;
        return {
          reason: 'hostProcess',
          detail: `${setters.join(' and ')} must not set securityContext.windowsOptions.hostProcess=true`,
          paths,
        };
      },
    },
  ],
};
