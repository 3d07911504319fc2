import { BASELINE_ADDABLE_CAPABILITIES, valuesAt } from '../facts.ts';
import { asArray, asRecord, containerList, joinQuote, securityContext, sortedSet } from '../pod-view.ts';
import type { PssCheck } from '../types.ts';

// Upstream: kubernetes/kubernetes staging/src/k8s.io/pod-security-admission/policy/check_capabilities_baseline.go
const ALLOWED = valuesAt(BASELINE_ADDABLE_CAPABILITIES, 0);

export const capabilitiesBaseline: PssCheck = {
  id: 'capabilities_baseline',
  level: 'baseline',
  title: 'Capabilities (baseline)',
  source: 'kubernetes/kubernetes staging/src/k8s.io/pod-security-admission/policy/check_capabilities_baseline.go',
  variants: [
    {
      minVersion: 0,
      evaluate: (pod) => {
        const badContainers: string[] = [];
        const badCapabilities: string[] = [];
        const paths: string[] = [];
        for (const c of pod.containers) {
          const add = asArray(asRecord(securityContext(c)?.capabilities)?.add);
          let valid = true;
          add.forEach((cap, i) => {
            const name = typeof cap === 'string' ? cap : '';
            if (ALLOWED.has(name)) return;
            valid = false;
            badCapabilities.push(name);
            paths.push(`${c.path}.securityContext.capabilities.add[${i}]`);
          });
          if (!valid) badContainers.push(c.name);
        }
        if (badContainers.length === 0) return undefined;
        return {
          reason: 'non-default capabilities',
          detail: `${containerList(badContainers)} must not include ${joinQuote(sortedSet(badCapabilities))} in securityContext.capabilities.add`,
          paths,
        };
      },
    },
  ],
};
