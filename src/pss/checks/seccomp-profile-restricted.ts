import { asRecord, asString, containerList, isWindowsPod, joinQuote, securityContext, sortedSet } from '../pod-view.ts';
import type { CheckPodFn, PssCheck } from '../types.ts';
import { validSeccompType } from './seccomp-profile-baseline.ts';

// Upstream: kubernetes/kubernetes staging/src/k8s.io/pod-security-admission/policy/check_seccompProfile_restricted.go
// v1.19: a valid type must be set at pod level or on every container. v1.25: Windows pods are exempt.
// Both variants replace seccompProfile_baseline at the restricted level.

const seccompRequired: CheckPodFn = (pod) => {
  const badSetters: string[] = [];
  const badValues: string[] = [];
  const paths: string[] = [];
  let podSet = false;
  const podProfile = asRecord(pod.podSecurityContext?.seccompProfile);
  if (podProfile) {
    if (validSeccompType(asString(podProfile.type))) podSet = true;
    else {
      badSetters.push('pod');
      badValues.push(asString(podProfile.type));
      paths.push('spec.securityContext.seccompProfile.type');
    }
  }
  const explicitlyBad: string[] = [];
  const implicitlyBad: string[] = [];
  const implicitPaths: string[] = [];
  for (const c of pod.containers) {
    const profile = asRecord(securityContext(c)?.seccompProfile);
    if (profile) {
      if (validSeccompType(asString(profile.type))) continue;
      explicitlyBad.push(c.name);
      badValues.push(asString(profile.type));
      paths.push(`${c.path}.securityContext.seccompProfile.type`);
    } else if (!podSet) {
      implicitlyBad.push(c.name);
      implicitPaths.push(`${c.path}.securityContext.seccompProfile`);
    }
  }
  if (explicitlyBad.length > 0) badSetters.push(containerList(explicitlyBad));
  if (badSetters.length > 0) {
    return {
      reason: 'seccompProfile',
      detail: `${badSetters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(badValues))}`,
      paths,
    };
  }
  if (implicitlyBad.length === 0) return undefined;
  return {
    reason: 'seccompProfile',
    detail: `pod or ${containerList(implicitlyBad)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
    paths: ['spec.securityContext.seccompProfile', ...implicitPaths],
  };
};

export const seccompProfileRestricted: PssCheck = {
  id: 'seccompProfile_restricted',
  level: 'restricted',
  title: 'Seccomp (restricted)',
  source: 'kubernetes/kubernetes staging/src/k8s.io/pod-security-admission/policy/check_seccompProfile_restricted.go',
  variants: [
    { minVersion: 19, evaluate: seccompRequired, overrides: ['seccompProfile_baseline'] },
    {
      minVersion: 25,
      evaluate: (pod) => (isWindowsPod(pod) ? undefined : seccompRequired(pod)),
      overrides: ['seccompProfile_baseline'],
      note: 'Windows pods exempt',
    },
  ],
};
