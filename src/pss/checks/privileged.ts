import { containerList, securityContext } from '../pod-view.ts';
import type { PssCheck } from '../types.ts';

// Upstream: kubernetes/kubernetes staging/src/k8s.io/pod-security-admission/policy/check_privileged.go
export const privileged: PssCheck = {
  id: 'privileged',
  level: 'baseline',
  title: 'Privileged containers',
  source: 'kubernetes/kubernetes staging/src/k8s.io/pod-security-admission/policy/check_privileged.go',
  variants: [
    {
      minVersion: 0,
      evaluate: (pod) => {
        const bad = pod.containers.filter((c) => securityContext(c)?.privileged === true);
        if (bad.length === 0) return undefined;
        return {
          reason: 'privileged',
          detail: `${containerList(bad.map((c) => c.name))} must not set securityContext.privileged=true`,
          paths: bad.map((c) => `${c.path}.securityContext.privileged`),
        };
      },
    },
  ],
};
