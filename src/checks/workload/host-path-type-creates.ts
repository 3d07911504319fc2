import { exposureOf } from '../../knowledge/host-paths.ts';
import { defineCheck } from '../types.ts';
import { hostVolumes } from '../util/host-mounts.ts';

const CREATING_TYPES = new Set(['DirectoryOrCreate', 'FileOrCreate']);

export default defineCheck({
  id: 'host-path-type-creates',
  title: 'hostPath volume creates its path on the node',
  severity: 'low',
  category: 'host-access',
  target: 'podTemplate',
  references: ['cis-k8s:5.2.12', 'nist-800-53:CM-6', 'nist-800-53:SI-7'],
  rationale:
    'With `type: DirectoryOrCreate` or `FileOrCreate` the kubelet creates the host path as root (0755 folder or ' +
    '0644 file) when it is missing, instead of failing. A pod can thus create entries in node folders that daemons ' +
    'read (a new drop-in or plugin folder), and a typo in the path goes unnoticed. Severity rises to medium inside a ' +
    'path the node trusts.',
  remediation:
    'Use `type: Directory`, `File` or `Socket` so the mount fails when the path is not what the node provides; let ' +
    'the node image, not a pod, create host folders.',
  evaluate({ spec }, { report }) {
    for (const v of hostVolumes(spec)) {
      if (v.type === undefined || !CREATING_TYPES.has(v.type)) continue;
      const within = v.canonical !== undefined ? exposureOf(v.canonical)?.within : undefined;
      const path = `spec.volumes[${v.index}].hostPath.type`;
      const message = `hostPath volume "${v.name}" creates ${v.hostPath} on the node if missing (${v.type})`;
      if (within && within.writeSeverity !== 'low' && within.writeSeverity !== 'info') {
        report({
          path,
          message,
          severity: 'medium',
          severityReason: `the path is inside ${within.path}: ${within.why}`,
        });
      } else {
        report({ path, message });
      }
    }
  },
});
