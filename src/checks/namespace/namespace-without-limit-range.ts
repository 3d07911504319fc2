import { defineCheck } from '../types.ts';
import { isPlatformNamespace } from '../util/context.ts';
import { countInNamespace, couldList } from '../util/namespaces.ts';

export default defineCheck({
  id: 'namespace-without-limit-range',
  title: 'Namespace with workloads has no LimitRange',
  severity: 'low',
  category: 'hygiene',
  target: 'namespace',
  references: ['k8s:resource-limits', 'k8s:multi-tenancy', 'nist-800-53:CM-6', 'nist-800-53:CM-7'],
  rationale:
    'A LimitRange gives containers that omit them default requests and limits, and caps what one container may ask ' +
    'for. Without one, every pod author must remember limits, and a single container without a memory limit can ' +
    'exhaust a node. Platform namespaces are informational: their sizing is the provider’s.',
  remediation:
    'Add a LimitRange of `type: Container` with `default` and `defaultRequest` (and `max` where teams share the ' +
    'namespace) to every application namespace.',
  evaluate({ namespace, workloads }, { model, report }) {
    if (workloads.length === 0 || !couldList(model, '', 'limitranges')) return;
    if (countInNamespace(model, 'LimitRange', namespace.name) > 0) return;
    const message = `namespace ${namespace.name} runs ${workloads.length} workload(s) and has no LimitRange`;
    if (isPlatformNamespace(namespace.name)) {
      report({ path: '', message, severity: 'info', severityReason: 'platform namespace: sized by the provider' });
    } else {
      report({ path: '', message });
    }
  },
});
