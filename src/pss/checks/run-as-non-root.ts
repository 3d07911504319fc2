import { containerList, inUserNamespace, isSet, securityContext } from '../pod-view.ts';
import type { CheckPodFn, PssCheck } from '../types.ts';

// Upstream: kubernetes/kubernetes staging/src/k8s.io/pod-security-admission/policy/check_runAsNonRoot.go
// v1.0: runAsNonRoot=true at pod level or on every container. v1.35: user-namespace pods (hostUsers: false) exempt.
const requireNonRoot: CheckPodFn = (pod) => {
  const badSetters: string[] = [];
  const paths: string[] = [];
  let podNonRoot = false;
  const podValue = pod.podSecurityContext?.runAsNonRoot;
  if (isSet(podValue)) {
    if (podValue === true) podNonRoot = true;
    else {
      badSetters.push('pod');
      paths.push('spec.securityContext.runAsNonRoot');
    }
  }
  const explicitlyBad: string[] = [];
  const implicitlyBad: string[] = [];
  const implicitPaths: string[] = [];
  for (const c of pod.containers) {
    const value = securityContext(c)?.runAsNonRoot;
    if (isSet(value)) {
      if (value === true) continue;
      explicitlyBad.push(c.name);
      paths.push(`${c.path}.securityContext.runAsNonRoot`);
    } else if (!podNonRoot) {
      implicitlyBad.push(c.name);
      implicitPaths.push(`${c.path}.securityContext.runAsNonRoot`);
    }
  }
  if (explicitlyBad.length > 0) badSetters.push(containerList(explicitlyBad));
  if (badSetters.length > 0) {
    return {
      reason: 'runAsNonRoot != true',
      detail: `${badSetters.join(' and ')} must not set securityContext.runAsNonRoot=false`,
      paths,
    };
  }
  if (implicitlyBad.length === 0) return undefined;
  return {
    reason: 'runAsNonRoot != true',
    detail: `pod or ${containerList(implicitlyBad)} must set securityContext.runAsNonRoot=true`,
    paths: ['spec.securityContext.runAsNonRoot', ...implicitPaths],
  };
};

export const runAsNonRoot: PssCheck = {
  id: 'runAsNonRoot',
  level: 'restricted',
  title: 'Running as non-root',
  source: 'kubernetes/kubernetes staging/src/k8s.io/pod-security-admission/policy/check_runAsNonRoot.go',
  variants: [
    { minVersion: 0, evaluate: requireNonRoot },
    {
      minVersion: 35,
      evaluate: (pod) => (inUserNamespace(pod) ? undefined : requireNonRoot(pod)),
      note: 'user-namespace pods exempt',
    },
  ],
};
