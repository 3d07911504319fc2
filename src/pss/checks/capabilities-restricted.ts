import { asArray, asRecord, containerList, isWindowsPod, joinQuote, securityContext, sortedSet } from '../pod-view.ts';
import type { CheckPodFn, PssCheck } from '../types.ts';

// Upstream: kubernetes/kubernetes staging/src/k8s.io/pod-security-admission/policy/check_capabilities_restricted.go
// v1.22: drop must include ALL, add may only hold NET_BIND_SERVICE. v1.25: Windows pods exempt.
// Both variants replace capabilities_baseline at the restricted level.
const dropAllAddNetBind: CheckPodFn = (pod) => {
  const missingDropAll: string[] = [];
  const addingForbidden: string[] = [];
  const forbiddenCapabilities: string[] = [];
  const paths: string[] = [];
  for (const c of pod.containers) {
    const capabilities = asRecord(securityContext(c)?.capabilities);
    if (!capabilities) {
      missingDropAll.push(c.name);
      paths.push(`${c.path}.securityContext.capabilities.drop`);
      continue;
    }
    if (!asArray(capabilities.drop).includes('ALL')) {
      missingDropAll.push(c.name);
      paths.push(`${c.path}.securityContext.capabilities.drop`);
    }
    let forbidden = false;
    asArray(capabilities.add).forEach((cap, i) => {
      const name = typeof cap === 'string' ? cap : '';
      if (name === 'NET_BIND_SERVICE') return;
      forbidden = true;
      forbiddenCapabilities.push(name);
      paths.push(`${c.path}.securityContext.capabilities.add[${i}]`);
    });
    if (forbidden) addingForbidden.push(c.name);
  }
  const details: string[] = [];
  if (missingDropAll.length > 0) {
    details.push(`${containerList(missingDropAll)} must set securityContext.capabilities.drop=["ALL"]`);
  }
  if (addingForbidden.length > 0) {
    details.push(
      `${containerList(addingForbidden)} must not include ${joinQuote(sortedSet(forbiddenCapabilities))} in securityContext.capabilities.add`,
    );
  }
  if (details.length === 0) return undefined;
  return { reason: 'unrestricted capabilities', detail: details.join('; '), paths };
};

export const capabilitiesRestricted: PssCheck = {
  id: 'capabilities_restricted',
  level: 'restricted',
  title: 'Capabilities (restricted)',
  source: 'kubernetes/kubernetes staging/src/k8s.io/pod-security-admission/policy/check_capabilities_restricted.go',
  variants: [
    { minVersion: 22, evaluate: dropAllAddNetBind, overrides: ['capabilities_baseline'] },
    {
      minVersion: 25,
      evaluate: (pod) => (isWindowsPod(pod) ? undefined : dropAllAddNetBind(pod)),
      overrides: ['capabilities_baseline'],
      note: 'Windows pods exempt',
    },
  ],
};
