import { SAFE_SYSCTLS, valuesAt } from '../facts.ts';
import { asArray, asRecord, asString } from '../pod-view.ts';
import type { CheckPodFn, PssCheck } from '../types.ts';

// Upstream: kubernetes/kubernetes staging/src/k8s.io/pod-security-admission/policy/check_sysctls.go
// The safe list grows at v1.27, v1.29, v1.32 and v1.37 (see facts.ts).

function sysctlsCheck(minor: number): CheckPodFn {
  const allowed = valuesAt(SAFE_SYSCTLS, minor);
  return (pod) => {
    const forbidden: string[] = [];
    const paths: string[] = [];
    asArray(pod.podSecurityContext?.sysctls).forEach((item, i) => {
      const name = asString(asRecord(item)?.name);
      if (allowed.has(name)) return;
      forbidden.push(name);
      paths.push(`spec.securityContext.sysctls[${i}].name`);
    });
    if (forbidden.length === 0) return undefined;
    return { reason: 'forbidden sysctls', detail: forbidden.join(', '), paths };
  };
}

export const sysctls: PssCheck = {
  id: 'sysctls',
  level: 'baseline',
  title: 'Sysctls',
  source: 'kubernetes/kubernetes staging/src/k8s.io/pod-security-admission/policy/check_sysctls.go',
  variants: [...new Set(SAFE_SYSCTLS.map((f) => f.since))]
    .sort((a, b) => a - b)
    .map((minVersion) => ({ minVersion, evaluate: sysctlsCheck(minVersion) })),
};
