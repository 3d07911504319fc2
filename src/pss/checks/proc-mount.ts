import { asString, containerList, inUserNamespace, isSet, joinQuote, securityContext, sortedSet } from '../pod-view.ts';
import type { CheckPodFn, PssCheck } from '../types.ts';

// Upstream: kubernetes/kubernetes staging/src/k8s.io/pod-security-admission/policy/check_procMount_baseline.go
// (check id procMount). v1.0 forbids any procMount but Default; v1.35 allows any value for user-namespace pods
// (hostUsers: false). Before v1.35 that relaxation was behind a perma-alpha feature gate, now dropped.

/** Upstream procMount_1_0: unconditional; shared with procMount_restricted. */
export const procMountUnconditional: CheckPodFn = (pod) => {
  const badContainers: string[] = [];
  const types: string[] = [];
  const paths: string[] = [];
  for (const c of pod.containers) {
    const value = securityContext(c)?.procMount;
    if (!isSet(value)) continue;
    const type = asString(value);
    if (type === 'Default') continue;
    badContainers.push(c.name);
    types.push(type);
    paths.push(`${c.path}.securityContext.procMount`);
  }
  if (badContainers.length === 0) return undefined;
  return {
    reason: 'procMount',
    detail: `${containerList(badContainers)} must not set securityContext.procMount to ${joinQuote(sortedSet(types))}`,
    paths,
  };
};

export const procMount: PssCheck = {
  id: 'procMount',
  level: 'baseline',
  title: '/proc mount type',
  source: 'kubernetes/kubernetes staging/src/k8s.io/pod-security-admission/policy/check_procMount_baseline.go',
  variants: [
    { minVersion: 0, evaluate: procMountUnconditional },
    {
      minVersion: 35,
      evaluate: (pod) => (inUserNamespace(pod) ? undefined : procMountUnconditional(pod)),
      note: 'any value allowed when hostUsers is false',
    },
  ],
};
