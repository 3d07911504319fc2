import { asArray, asRecord, containerList, pluralize, sortedSet } from '../pod-view.ts';
import type { PssCheck } from '../types.ts';

// Upstream: kubernetes/kubernetes staging/src/k8s.io/pod-security-admission/policy/check_hostPorts.go

/** Go's int32 hostPort: set when non-zero. A numeric string is accepted too, as the API server would reject it anyway. */
function hostPortOf(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) && n !== 0 ? n : undefined;
}

export const hostPorts: PssCheck = {
  id: 'hostPorts',
  level: 'baseline',
  title: 'Host ports',
  source: 'kubernetes/kubernetes staging/src/k8s.io/pod-security-admission/policy/check_hostPorts.go',
  variants: [
    {
      minVersion: 0,
      evaluate: (pod) => {
        const badContainers: string[] = [];
        const ports: string[] = [];
        const paths: string[] = [];
        for (const c of pod.containers) {
          let valid = true;
          asArray(c.container.ports).forEach((item, i) => {
            const port = hostPortOf(asRecord(item)?.hostPort);
            if (port === undefined) return;
            valid = false;
            ports.push(String(port));
            paths.push(`${c.path}.ports[${i}].hostPort`);
          });
          if (!valid) badContainers.push(c.name);
        }
        if (badContainers.length === 0) return undefined;
        // Upstream sorts the ports as strings (sets.String), so "10" comes before "8080".
        const list = sortedSet(ports);
        return {
          reason: 'hostPort',
          detail: `${containerList(badContainers)} ${pluralize('uses', 'use', badContainers.length)} ${pluralize('hostPort', 'hostPorts', list.length)} ${list.join(', ')}`,
          paths,
        };
      },
    },
  ],
};
