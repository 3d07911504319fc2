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
import type { PssCheck } from '../types.ts';

// Upstream: kubernetes/kubernetes staging/src/k8s.io/pod-security-admission/policy/check_appArmorProfile.go
// Upstream has one variant at v1.0: the securityContext.appArmorProfile field check was added to that variant in place
// (Kubernetes 1.30), not as a new policy version, so it applies at every policy version, and so it does here.
const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

function allowedAnnotationValue(value: string): boolean {
  return value === '' || value === 'runtime/default' || value.startsWith('localhost/');
}

function allowedProfileType(type: string): boolean {
  return type === 'RuntimeDefault' || type === 'Localhost';
}

export const appArmorProfile: PssCheck = {
  id: 'appArmorProfile',
  level: 'baseline',
  title: 'AppArmor',
  source: 'kubernetes/kubernetes staging/src/k8s.io/pod-security-admission/policy/check_appArmorProfile.go',
  variants: [
    {
      minVersion: 0,
      evaluate: (pod) => {
        const badSetters: string[] = [];
        const badValues: string[] = [];
        const paths: string[] = [];
        const podProfile = asRecord(pod.podSecurityContext?.appArmorProfile);
        if (podProfile && !allowedProfileType(asString(podProfile.type))) {
          badSetters.push('pod');
          badValues.push(asString(podProfile.type));
          paths.push('spec.securityContext.appArmorProfile.type');
        }
        const badContainers: string[] = [];
        for (const c of pod.containers) {
          const profile = asRecord(securityContext(c)?.appArmorProfile);
          if (!profile || allowedProfileType(asString(profile.type))) continue;
          badContainers.push(c.name);
          badValues.push(asString(profile.type));
          paths.push(`${c.path}.securityContext.appArmorProfile.type`);
        }
        if (badContainers.length > 0) badSetters.push(containerList(badContainers));

        const forbiddenAnnotations: string[] = [];
        for (const [key, value] of pod.annotations) {
          if (!key.startsWith(ANNOTATION_PREFIX) || allowedAnnotationValue(value)) continue;
          forbiddenAnnotations.push(`${key}=${goQuote(value)}`);
          paths.push(annotationPath(key));
        }
        const valueList = sortedSet(badValues);
        if (forbiddenAnnotations.length > 0) {
          valueList.push(...forbiddenAnnotations.sort());
          badSetters.push(pluralize('annotation', 'annotations', forbiddenAnnotations.length));
        }
        if (badSetters.length === 0) return undefined;
        return {
          reason: pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', valueList.length),
          detail: `${badSetters.join(' and ')} must not set AppArmor profile type to ${joinQuote(valueList)}`,
          paths,
        };
      },
    },
  ],
};
