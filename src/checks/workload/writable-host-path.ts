import { exposureOf, worstExposure } from '../../knowledge/host-paths.ts';
import { defineCheck } from '../types.ts';
import { hostMounts } from '../util/host-mounts.ts';

export default defineCheck({
  id: 'writable-host-path',
  title: 'Container mounts a host path writable',
  severity: 'medium',
  category: 'host-access',
  target: 'podTemplate',
  references: ['cis-k8s:5.2.12', 'pss:baseline', 'nist-800-53:AC-6', 'nist-800-53:SI-7', 'mitre:T1611', 'mitre:T1543'],
  rationale:
    'A hostPath mount is writable unless the volumeMount says `readOnly: true`. What the container writes lands on ' +
    'the node, outlives the pod and is seen by the node’s daemons and other pods. Where the mount covers a path the ' +
    'node trusts (kubelet state, CNI or agent plugin folders, /etc, /usr, /var/log for the kubelet symlink escape) ' +
    'severity is that path’s write severity from kubeseam’s host-path knowledge; elsewhere it is medium.',
  remediation:
    'Add `readOnly: true` to the volumeMount (and `recursiveReadOnly: Enabled` on Kubernetes 1.33+ so sub-mounts are ' +
    'read-only too). If the agent must write, give it a dedicated folder (for example `/var/lib/<agent>`) instead of ' +
    'a shared system path.',
  evaluate({ spec }, { report }) {
    for (const m of hostMounts(spec)) {
      if (m.readOnly) continue;
      const where = `container "${m.container.name}" mounts host ${m.exposedPath ?? m.volume.hostPath} writable at ${m.mountPath || '?'}`;
      const exp = m.exposedPath !== undefined ? exposureOf(m.exposedPath) : undefined;
      const worst = exp && worstExposure(exp, true);
      if (worst && worst.severity !== 'info') {
        const how = worst.covered ? `covers ${worst.entry.path}` : worst.entry.path;
        report({
          path: `${m.fieldPath}.readOnly`,
          message: where,
          severity: worst.severity,
          severityReason: `writable ${how}: ${worst.entry.why}`,
        });
      } else {
        report({ path: `${m.fieldPath}.readOnly`, message: where });
      }
    }
  },
});
