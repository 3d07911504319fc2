import { normalizeCapabilityName } from '../../knowledge/capabilities.ts';
import { defineCheck } from '../types.ts';
import { containersAt } from '../util/pod.ts';

export default defineCheck({
  id: 'share-process-namespace',
  title: 'Containers of the pod share one process namespace',
  severity: 'low',
  category: 'workload-isolation',
  target: 'podTemplate',
  references: ['cis-k8s:5.7.3', 'k8s:security-checklist', 'nist-800-53:SC-39', 'mitre:T1613'],
  rationale:
    '`shareProcessNamespace: true` puts all containers of the pod in one PID namespace: each sees and can signal the ' +
    'others’ processes and, as the same user or with SYS_PTRACE, read their environment and memory and reach their ' +
    'filesystems through /proc/<pid>/root, including a sidecar’s credentials. Severity is medium when a container of ' +
    'the pod has SYS_PTRACE (or ALL) or runs privileged.',
  remediation:
    'Remove `shareProcessNamespace` unless a debugging or process-manager sidecar needs it; for debugging, prefer ' +
    '`kubectl debug` with an ephemeral container targeting one container.',
  evaluate({ spec }, { report }) {
    if (spec.shareProcessNamespace !== true) return;
    const strong = containersAt(spec).find((c) => {
      const sc = c.container.securityContext;
      const add = Array.isArray(sc?.capabilities?.add) ? sc.capabilities.add : [];
      return (
        sc?.privileged === true ||
        add.some((a) => typeof a === 'string' && ['SYS_PTRACE', 'ALL'].includes(normalizeCapabilityName(a)))
      );
    });
    const message = 'containers of the pod share one process namespace';
    if (strong) {
      report({
        path: 'spec.shareProcessNamespace',
        message,
        severity: 'medium',
        severityReason: `container "${strong.name}" can ptrace the other containers’ processes`,
      });
    } else {
      report({ path: 'spec.shareProcessNamespace', message });
    }
  },
});
