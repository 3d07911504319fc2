import { defineCheck } from '../types.ts';
import { containersAt, effectiveField, isWindowsPod } from '../util/pod.ts';

export default defineCheck({
  id: 'run-as-root-user',
  title: 'Container is set to run as root (UID 0)',
  severity: 'high',
  category: 'pod-security',
  target: 'podTemplate',
  references: ['cis-k8s:5.2.7', 'cis-eks:4.2.6', 'cis-aks:4.2.6', 'pss:restricted', 'nist-800-53:AC-6', 'mitre:T1611'],
  rationale:
    '`runAsUser: 0` runs the process as root. Without user namespaces that is the same UID 0 as on the node: every ' +
    'file of a host mount is root’s to read and write, the runtime default capabilities are effective, and any kernel ' +
    'or runtime escape lands as root on the node. The finding points at the field that decides: the container’s own ' +
    '`runAsUser`, or the pod’s when the container inherits it.',
  remediation:
    'Set `runAsUser` to a non-zero UID (and `runAsNonRoot: true`) in the pod security context, and fix the image to ' +
    'run as that user (`USER 10001` in the Dockerfile). Files the process needs to write can be owned through `fsGroup`.',
  evaluate({ spec }, { report }) {
    if (isWindowsPod(spec)) return;
    const byPath = new Map<string, { names: string[]; blocked: boolean }>();
    for (const c of containersAt(spec)) {
      const user = effectiveField(spec, c, 'runAsUser');
      if (user?.value !== 0) continue;
      // The kubelet refuses to start a container with runAsNonRoot: true and runAsUser: 0 (kuberuntime_container_linux.go verifyRunAsNonRoot).
      const blocked = effectiveField(spec, c, 'runAsNonRoot')?.value === true;
      const entry = byPath.get(user.path) ?? { names: [], blocked: true };
      entry.names.push(c.name);
      entry.blocked &&= blocked;
      byPath.set(user.path, entry);
    }
    for (const [path, { names, blocked }] of byPath) {
      const message = `runAsUser is 0 for ${names.map((n) => `"${n}"`).join(', ')}`;
      if (blocked) {
        report({
          path,
          message,
          severity: 'low',
          severityReason:
            'runAsNonRoot is also true, so the kubelet refuses to start these containers: broken, not root',
        });
      } else {
        report({ path, message });
      }
    }
  },
});
