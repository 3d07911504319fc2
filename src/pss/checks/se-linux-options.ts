import { ALLOWED_SELINUX_TYPES, valuesAt } from '../facts.ts';
import { asRecord, asString, containerList, joinQuote, pluralize, securityContext, sortedSet } from '../pod-view.ts';
import type { CheckPodFn, PssCheck } from '../types.ts';

// Upstream: kubernetes/kubernetes staging/src/k8s.io/pod-security-admission/policy/check_seLinuxOptions.go
// Variants: v1.0 (selinuxAllowedTypes1_0) and v1.31 (adds container_engine_t).

function seLinuxOptionsCheck(allowedTypes: ReadonlySet<string>): CheckPodFn {
  return (pod) => {
    const badSetters: string[] = [];
    const badTypes: string[] = [];
    const paths: string[] = [];
    let setUser = false;
    let setRole = false;
    const valid = (options: Record<string, unknown>, base: string): boolean => {
      let ok = true;
      const type = asString(options.type);
      if (!allowedTypes.has(type)) {
        ok = false;
        badTypes.push(type);
        paths.push(`${base}.seLinuxOptions.type`);
      }
      if (asString(options.user) !== '') {
        ok = false;
        setUser = true;
        paths.push(`${base}.seLinuxOptions.user`);
      }
      if (asString(options.role) !== '') {
        ok = false;
        setRole = true;
        paths.push(`${base}.seLinuxOptions.role`);
      }
      return ok;
    };
    const podOptions = asRecord(pod.podSecurityContext?.seLinuxOptions);
    if (podOptions && !valid(podOptions, 'spec.securityContext')) badSetters.push('pod');
    const badContainers: string[] = [];
    for (const c of pod.containers) {
      const options = asRecord(securityContext(c)?.seLinuxOptions);
      if (options && !valid(options, `${c.path}.securityContext`)) badContainers.push(c.name);
    }
    if (badContainers.length > 0) badSetters.push(containerList(badContainers));
    if (badSetters.length === 0) return undefined;
    const badData: string[] = [];
    const types = sortedSet(badTypes);
    if (types.length > 0) badData.push(`${pluralize('type', 'types', types.length)} ${joinQuote(types)}`);
    if (setUser) badData.push('user may not be set');
    if (setRole) badData.push('role may not be set');
    return {
      reason: 'seLinuxOptions',
      detail: `${badSetters.join(' and ')} set forbidden securityContext.seLinuxOptions: ${badData.join('; ')}`,
      paths,
    };
  };
}

export const seLinuxOptions: PssCheck = {
  id: 'seLinuxOptions',
  level: 'baseline',
  title: 'SELinux',
  source: 'kubernetes/kubernetes staging/src/k8s.io/pod-security-admission/policy/check_seLinuxOptions.go',
  variants: [
    { minVersion: 0, evaluate: seLinuxOptionsCheck(valuesAt(ALLOWED_SELINUX_TYPES, 0)) },
    {
      minVersion: 31,
      evaluate: seLinuxOptionsCheck(valuesAt(ALLOWED_SELINUX_TYPES, 31)),
      note: 'allows container_engine_t',
    },
  ],
};
