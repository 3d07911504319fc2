import { defineCheck } from '../types.ts';
import { hasLimit, hasRequest, limitRangeDefault, type ResourceName } from '../util/resources.ts';

export default defineCheck({
  id: 'resource-requests-missing',
  title: 'Container has no CPU or memory request',
  severity: 'low',
  category: 'hygiene',
  target: 'container',
  references: ['k8s:resource-limits', 'nist-800-53:CM-6'],
  rationale:
    'Requests are what the scheduler reserves. A container without them is BestEffort (or Burstable with nothing ' +
    'reserved): it is placed on full nodes, evicted first under pressure, and lets the node be overcommitted so that ' +
    'node agents, including security agents, are starved. A request defaults to the limit when only the limit is set, ' +
    'and a LimitRange `defaultRequest` or `default` counts.',
  remediation:
    'Set `resources.requests.cpu` and `resources.requests.memory` from observed usage, or give the namespace a LimitRange with `defaultRequest`.',
  evaluate({ container, containerType, workload }, { model, report }) {
    if (containerType === 'ephemeralContainers') return;
    const missing = (['cpu', 'memory'] as ResourceName[]).filter(
      (r) =>
        !hasRequest(container, r) &&
        !hasLimit(container, r) &&
        !limitRangeDefault(model, workload.namespace, r, 'defaultRequest') &&
        !limitRangeDefault(model, workload.namespace, r, 'default'),
    );
    if (missing.length === 0) return;
    report({
      path: missing.length === 1 ? `resources.requests.${missing[0]!}` : 'resources.requests',
      message: `container "${container.name ?? '?'}" requests no ${missing.join(' and ')}`,
    });
  },
});
