import {
  annotationPath,
  asRecord,
  asString,
  containerList,
  goQuote,
  joinQuote,
  pluralize,
  securityContext,
  sortedSet,
} from '../pod-view.ts';
import type { CheckPodFn, PssCheck } from '../types.ts';

// Upstream: kubernetes/kubernetes staging/src/k8s.io/pod-security-admission/policy/check_seccompProfile_baseline.go
// v1.0–v1.18 read the alpha annotations; v1.19+ read securityContext.seccompProfile.type.
const POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

function validAnnotationValue(value: string): boolean {
  return value === 'runtime/default' || value === 'docker/default' || value.startsWith('localhost/');
}

/** Upstream validSeccomp, shared with seccompProfile_restricted. */
export function validSeccompType(type: string): boolean {
  return type === 'Localhost' || type === 'RuntimeDefault';
}

const seccompAnnotations: CheckPodFn = (pod) => {
  const forbidden = new Map<string, string>();
  const consider = (key: string): void => {
    const value = pod.annotations.get(key);
    if (value !== undefined && !validAnnotationValue(value)) forbidden.set(key, `${key}=${goQuote(value)}`);
  };
  consider(POD_ANNOTATION);
  for (const c of pod.containers) consider(CONTAINER_ANNOTATION_PREFIX + c.name);
  if (forbidden.size === 0) return undefined;
  const entries = sortedSet(forbidden.values());
  return {
    reason: 'seccompProfile',
    detail: `forbidden ${pluralize('annotation', 'annotations', entries.length)} ${entries.join(', ')}`,
    paths: [...forbidden.keys()].map(annotationPath),
  };
};

const seccompFields: CheckPodFn = (pod) => {
  const badSetters: string[] = [];
  const badValues: string[] = [];
  const paths: string[] = [];
  const podProfile = asRecord(pod.podSecurityContext?.seccompProfile);
  if (podProfile && !validSeccompType(asString(podProfile.type))) {
    badSetters.push('pod');
    badValues.push(asString(podProfile.type));
    paths.push('spec.securityContext.seccompProfile.type');
  }
  const badContainers: string[] = [];
  for (const c of pod.containers) {
    const profile = asRecord(securityContext(c)?.seccompProfile);
    if (!profile || validSeccompType(asString(profile.type))) continue;
    badContainers.push(c.name);
    badValues.push(asString(profile.type));
    paths.push(`${c.path}.securityContext.seccompProfile.type`);
  }
  if (badContainers.length > 0) badSetters.push(containerList(badContainers));
  if (badSetters.length === 0) return undefined;
  return {
    reason: 'seccompProfile',
    detail: `${badSetters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(badValues))}`,
    paths,
  };
};

export const seccompProfileBaseline: PssCheck = {
  id: 'seccompProfile_baseline',
  level: 'baseline',
  title: 'Seccomp (baseline)',
  source: 'kubernetes/kubernetes staging/src/k8s.io/pod-security-admission/policy/check_seccompProfile_baseline.go',
  variants: [
    { minVersion: 0, evaluate: seccompAnnotations, note: 'alpha seccomp annotations' },
    { minVersion: 19, evaluate: seccompFields, note: 'securityContext.seccompProfile fields' },
  ],
};
