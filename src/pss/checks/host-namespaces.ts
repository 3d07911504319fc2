import type { PssCheck } from '../types.ts';

// Upstream: kubernetes/kubernetes staging/src/k8s.io/pod-security-admission/policy/check_hostNamespaces.go
const NAMESPACES = ['hostNetwork', 'hostPID', 'hostIPC'] as const;

export const hostNamespaces: PssCheck = {
  id: 'hostNamespaces',
  level: 'baseline',
  title: 'Host namespaces',
  source: 'kubernetes/kubernetes staging/src/k8s.io/pod-security-admission/policy/check_hostNamespaces.go',
  variants: [
    {
      minVersion: 0,
      evaluate: (pod) => {
        const set = NAMESPACES.filter((field) => pod.spec[field] === true);
        if (set.length === 0) return undefined;
        return {
          reason: 'host namespaces',
          detail: set.map((field) => `${field}=true`).join(', '),
          paths: set.map((field) => `spec.${field}`),
        };
      },
    },
  ],
};
