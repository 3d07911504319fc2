import { defineCheck } from '../types.ts';
import { isWindowsPod } from '../util/pod.ts';

export default defineCheck({
  id: 'read-only-root-filesystem',
  title: 'Container root filesystem is writable',
  severity: 'low',
  category: 'pod-security',
  target: 'container',
  references: ['cis-k8s:5.7.3', 'nist-800-53:SI-7', 'nist-800-53:CM-7', 'mitre:T1525', 'k8s:security-checklist'],
  rationale:
    'A writable root filesystem lets an intruder drop tools and payloads, replace binaries and libraries the process ' +
    'loads later, and persist across process restarts within the container. With `readOnlyRootFilesystem: true` the ' +
    'image stays as built; the process writes only to volumes declared for it.',
  remediation:
    'Set `securityContext.readOnlyRootFilesystem: true` and mount `emptyDir` volumes at the paths the process writes ' +
    '(`/tmp`, caches, PID files).',
  evaluate({ container, spec }, { report }) {
    if (isWindowsPod(spec) || container.securityContext?.readOnlyRootFilesystem === true) return;
    report({
      path: 'securityContext.readOnlyRootFilesystem',
      message: `container "${container.name ?? '?'}" can write to its root filesystem`,
    });
  },
});
