// Sysctls a pod may set. The kubelet allows the "safe" set by default: namespaced and isolated from other pods
// (kubernetes/kubernetes pkg/kubelet/sysctl/safe_sysctls.go); every other namespaced sysctl is "unsafe" and the
// kubelet rejects the pod unless the node allows it with --allowed-unsafe-sysctls; node-level sysctls cannot be set
// from a pod at all. The Pod Security Standards baseline uses the same set (check_sysctls.go).

import { SAFE_SYSCTLS } from '../pss/facts.ts';

export interface SafeSysctl {
  name: string;
  /** First Kubernetes minor (1.N) whose kubelet and Pod Security baseline treat it as safe. */
  since: number;
  sources: string[];
}

const KUBELET = 'kubernetes/kubernetes:pkg/kubelet/sysctl/safe_sysctls.go';
const PSA = 'kubernetes/kubernetes:staging/src/k8s.io/pod-security-admission/policy/check_sysctls.go';
const DOCS = 'https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/';

// One list: the Pod Security baseline's versioned safe set (src/pss/facts.ts) is the kubelet's safe set.
export const SAFE_SYSCTL_SET: readonly SafeSysctl[] = SAFE_SYSCTLS.map((f) => ({
  name: f.value,
  since: f.since,
  sources: [KUBELET, PSA, DOCS],
}));

export interface SysctlFamily {
  /** A name, or a prefix ending in `.` or `*` (`net.`, `kernel.msg*`). */
  pattern: string;
  /** Namespaced: the kubelet can allow it per node; otherwise it is node-level and cannot be set from a pod. */
  namespaced: boolean;
  why: string;
  sources: string[];
}

/** Namespaced families as the Kubernetes documentation lists them, with what setting them from a pod risks. */
export const NAMESPACED_SYSCTL_FAMILIES: readonly SysctlFamily[] = [
  {
    pattern: 'kernel.shm*',
    namespaced: true,
    why: 'System V shared memory limits: large values let one pod pin memory the node needs.',
    sources: [DOCS],
  },
  {
    pattern: 'kernel.msg*',
    namespaced: true,
    why: 'System V message queue limits: kernel memory consumption outside the pod’s memory limit.',
    sources: [DOCS],
  },
  {
    pattern: 'kernel.sem',
    namespaced: true,
    why: 'System V semaphore limits: kernel memory consumption outside the pod’s memory limit.',
    sources: [DOCS],
  },
  {
    pattern: 'fs.mqueue.*',
    namespaced: true,
    why: 'POSIX message queue limits: kernel memory consumption outside the pod’s memory limit.',
    sources: [DOCS],
  },
  {
    pattern: 'net.*',
    namespaced: true,
    why: 'Network stack settings of the pod’s network namespace (all of the node’s with hostNetwork): some, such as net.ipv4.conf.*.route_localnet, open attacks on node-local services (CVE-2020-8558).',
    sources: [DOCS, 'https://github.com/kubernetes/kubernetes/issues/92315'],
  },
];

/**
 * Sysctl names may use `/` as the separator (`net/ipv4/ip_local_port_range`); the kubelet converts them to dots
 * by swapping `.` and `/` when the first separator is a slash (ConvertSysctlVariableToDotsSeparator).
 */
export function normalizeSysctlName(name: string): string {
  const firstSep = name.search(/[./]/);
  if (firstSep < 0 || name[firstSep] !== '/') return name;
  return name.replace(/[./]/g, (c) => (c === '/' ? '.' : '/'));
}

/** The safe names at a Kubernetes minor; the newest set when the minor is unknown. */
export function safeSysctlsAt(minor?: number): Set<string> {
  return new Set(SAFE_SYSCTL_SET.filter((s) => minor === undefined || s.since <= minor).map((s) => s.name));
}

function matchesPattern(name: string, pattern: string): boolean {
  if (pattern.endsWith('*')) return name.startsWith(pattern.slice(0, -1));
  return name === pattern;
}

/** The namespaced family a sysctl belongs to; undefined for node-level sysctls, which a pod cannot set. */
export function sysctlFamily(name: string): SysctlFamily | undefined {
  const n = normalizeSysctlName(name);
  return NAMESPACED_SYSCTL_FAMILIES.find((f) => matchesPattern(n, f.pattern));
}
