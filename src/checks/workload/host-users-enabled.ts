import { defineCheck } from '../types.ts';
import { isWindowsPod } from '../util/pod.ts';

export default defineCheck({
  id: 'host-users-enabled',
  title: 'Pod does not use a user namespace',
  severity: 'info',
  category: 'workload-isolation',
  target: 'podTemplate',
  references: ['k8s:linux-kernel-security-constraints', 'k8s:security-checklist', 'nist-800-53:SC-39', 'mitre:T1611'],
  rationale:
    'With `hostUsers: false` (user namespaces; beta since Kubernetes 1.30, on by default since 1.33, where the ' +
    'node supports it) UID 0 in the container maps to an unprivileged UID on the node, so a process that escapes the container is ' +
    'not root there and capabilities apply only inside the pod. It blunts most escapes at no cost to ordinary ' +
    'workloads. Informational: node support (kernel 6.3+, containerd 2.0 or CRI-O 1.25+, idmap mounts) varies by ' +
    'node image, and pods using host namespaces cannot use it.',
  remediation:
    'Set `hostUsers: false` in the pod spec on clusters and node images that support user namespaces, starting with ' +
    'workloads that run as root or build images.',
  evaluate({ spec }, { report }) {
    if (isWindowsPod(spec) || spec.hostUsers === false) return;
    // User namespaces cannot be combined with host namespaces; those pods are reported by the host-* checks.
    if (spec.hostNetwork === true || spec.hostPID === true || spec.hostIPC === true) return;
    report({ path: 'spec.hostUsers', message: 'the pod shares the node’s user namespace (hostUsers is not false)' });
  },
});
