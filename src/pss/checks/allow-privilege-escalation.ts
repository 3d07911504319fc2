import { containerList, isWindowsPod, securityContext } from '../pod-view.ts';
import type { CheckPodFn, PssCheck } from '../types.ts';

// Upstream: kubernetes/kubernetes staging/src/k8s.io/pod-security-admission/policy/check_allowPrivilegeEscalation.go
// v1.8 (the field appeared in Kubernetes 1.8): every container must set it to false. v1.25: Windows pods exempt.
const requireFalse: CheckPodFn = (pod) => {
  const bad = pod.containers.filter((c) => securityContext(c)?.allowPrivilegeEscalation !== false);
  if (bad.length === 0) return undefined;
  return {
    reason: 'allowPrivilegeEscalation != false',
    detail: `${containerList(bad.map((c) => c.name))} must set securityContext.allowPrivilegeEscalation=false`,
    paths: bad.map((c) => `${c.path}.securityContext.allowPrivilegeEscalation`),
  };
};

export const allowPrivilegeEscalation: PssCheck = {
  id: 'allowPrivilegeEscalation',
  level: 'restricted',
  title: 'Privilege escalation',
  source: 'kubernetes/kubernetes staging/src/k8s.io/pod-security-admission/policy/check_allowPrivilegeEscalation.go',
  variants: [
    { minVersion: 8, evaluate: requireFalse },
    {
      minVersion: 25,
      evaluate: (pod) => (isWindowsPod(pod) ? undefined : requireFalse(pod)),
      note: 'Windows pods exempt',
    },
  ],
};
