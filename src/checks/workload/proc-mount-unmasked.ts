import { defineCheck } from '../types.ts';

export default defineCheck({
  id: 'proc-mount-unmasked',
  title: 'Container has an unmasked /proc',
  severity: 'high',
  category: 'workload-isolation',
  target: 'container',
  references: [
    'pss:baseline',
    'cis-k8s:5.7.3',
    'k8s:linux-kernel-security-constraints',
    'nist-800-53:SC-39',
    'mitre:T1611',
  ],
  rationale:
    '`procMount: Unmasked` removes the runtime’s masking of /proc: /proc/sys, /proc/sysrq-trigger, /proc/kcore and ' +
    'friends become visible and, as root without user namespaces, writable. Kernel parameters such as ' +
    '`kernel.core_pattern` then run commands on the node. It is meant for nested containers inside a user namespace; ' +
    'with `hostUsers: false` the impact is contained and severity is lower.',
  remediation:
    'Remove `securityContext.procMount` (or set `Default`). Nested-container builders should run with `hostUsers: false`.',
  evaluate({ container, spec }, { report }) {
    if (container.securityContext?.procMount !== 'Unmasked') return;
    const message = `container "${container.name ?? '?'}" sets procMount: Unmasked`;
    if (spec.hostUsers === false) {
      report({
        path: 'securityContext.procMount',
        message,
        severity: 'medium',
        severityReason:
          'the pod runs in a user namespace (hostUsers: false): root in the container is not root on the node',
      });
    } else {
      report({ path: 'securityContext.procMount', message });
    }
  },
});
