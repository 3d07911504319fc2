import { defineCheck } from '../types.ts';
import { hasLimit, limitRangeDefault, type ResourceName } from '../util/resources.ts';

export default defineCheck({
  id: 'resource-limits-missing',
  title: 'Container has no memory or CPU limit',
  severity: 'medium',
  category: 'hygiene',
  target: 'container',
  references: ['k8s:resource-limits', 'k8s:multi-tenancy', 'nist-800-53:CM-6'],
  rationale:
    'Without a memory limit a container can take the node’s memory until the kernel OOM-kills other pods or node ' +
    'agents; a compromised or buggy pod becomes a node-wide denial of service (and cryptominers run unbounded without ' +
    'a CPU limit). A missing memory limit is medium. A missing CPU limit is low: CPU is compressible and some teams ' +
    'omit CPU limits on purpose to avoid throttling. A LimitRange `default` in the namespace counts as a limit.',
  remediation:
    'Set `resources.limits.memory` (and usually `cpu`) on every container, or give the namespace a LimitRange with ' +
    '`default` limits so pods that omit them get one at admission.',
  evaluate({ container, containerType, workload }, { model, report }) {
    if (containerType === 'ephemeralContainers') return; // the API does not allow resources on them
    for (const r of ['memory', 'cpu'] as ResourceName[]) {
      if (hasLimit(container, r) || limitRangeDefault(model, workload.namespace, r, 'default')) continue;
      const message = `container "${container.name ?? '?'}" has no ${r} limit`;
      if (r === 'cpu') {
        report({
          path: `resources.limits.cpu`,
          message,
          severity: 'low',
          severityReason:
            'CPU is compressible: without a limit the pod competes for CPU but cannot starve the node of memory',
        });
      } else {
        report({ path: `resources.limits.memory`, message });
      }
    }
  },
});
