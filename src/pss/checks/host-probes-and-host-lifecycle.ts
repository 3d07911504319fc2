import { asRecord, asString, containerList, joinQuote, pluralize, sortedSet } from '../pod-view.ts';
import type { PssCheck } from '../types.ts';

// Upstream: kubernetes/kubernetes staging/src/k8s.io/pod-security-admission/policy/check_hostProbesAndhostLifecycle.go
// (check id hostProbesAndHostLifecycle, policy v1.34+). TCPSocket lifecycle handlers are deprecated but still checked.
const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const HANDLERS = ['postStart', 'preStop'] as const;
const ACTIONS = ['httpGet', 'tcpSocket'] as const;

export const hostProbesAndHostLifecycle: PssCheck = {
  id: 'hostProbesAndHostLifecycle',
  level: 'baseline',
  title: 'Host in probes and lifecycle handlers',
  source: 'kubernetes/kubernetes staging/src/k8s.io/pod-security-admission/policy/check_hostProbesAndhostLifecycle.go',
  variants: [
    {
      minVersion: 34,
      evaluate: (pod) => {
        const badContainers: string[] = [];
        const hosts: string[] = [];
        const paths: string[] = [];
        const inspect = (handler: unknown, path: string): boolean => {
          const h = asRecord(handler);
          let bad = false;
          for (const action of ACTIONS) {
            const host = asString(asRecord(h?.[action])?.host);
            if (host === '') continue;
            bad = true;
            hosts.push(host);
            paths.push(`${path}.${action}.host`);
          }
          return bad;
        };
        for (const c of pod.containers) {
          let bad = false;
          for (const probe of PROBES) bad = inspect(c.container[probe], `${c.path}.${probe}`) || bad;
          const lifecycle = asRecord(c.container.lifecycle);
          for (const handler of HANDLERS) bad = inspect(lifecycle?.[handler], `${c.path}.lifecycle.${handler}`) || bad;
          if (bad) badContainers.push(c.name);
        }
        if (badContainers.length === 0) return undefined;
        // Upstream collects both containers and hosts in sets, so both lists come out sorted.
        const names = sortedSet(badContainers);
        const forbidden = sortedSet(hosts);
        return {
          reason: 'probe or lifecycle host',
          detail: `${containerList(names)} ${pluralize('uses', 'use', names.length)} ${pluralize('probe or lifecycle host', 'probe or lifecycle hosts', forbidden.length)} ${joinQuote(forbidden)}`,
          paths,
        };
      },
    },
  ],
};
