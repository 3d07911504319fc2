import { containerList, inUserNamespace, securityContext } from '../pod-view.ts';
import type { CheckPodFn, PssCheck } from '../types.ts';

// Upstream: kubernetes/kubernetes staging/src/k8s.io/pod-security-admission/policy/check_runAsUser.go
// v1.23: runAsUser must not be 0 (unset is allowed). v1.35: user-namespace pods (hostUsers: false) exempt.
const forbidRoot: CheckPodFn = (pod) => {
  const badSetters: string[] = [];
  const paths: string[] = [];
  if (pod.podSecurityContext?.runAsUser === 0) {
    badSetters.push('pod');
    paths.push('spec.securityContext.runAsUser');
  }
  const bad = pod.containers.filter((c) => securityContext(c)?.runAsUser === 0);
  if (bad.length > 0) {
    badSetters.push(containerList(bad.map((c) => c.name)));
    paths.push(...bad.map((c) => `${c.path}.securityContext.runAsUser`));
  }
  if (badSetters.length === 0) return undefined;
  return { reason: 'runAsUser=0', detail: `${badSetters.join(' and ')} must not set runAsUser=0`, paths };
};

export const runAsUser: PssCheck = {
  id: 'runAsUser',
  level: 'restricted',
  title: 'Running as non-root user',
  source: 'kubernetes/kubernetes staging/src/k8s.io/pod-security-admission/policy/check_runAsUser.go',
  variants: [
    { minVersion: 23, evaluate: forbidRoot },
    {
      minVersion: 35,
      evaluate: (pod) => (inUserNamespace(pod) ? undefined : forbidRoot(pod)),
      note: 'user-namespace pods exempt',
    },
  ],
};
