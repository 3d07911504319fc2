import { defineCheck } from '../types.ts';
import { isPlatformNamespace } from '../util/context.ts';
import { countInNamespace, couldList } from '../util/namespaces.ts';

export default defineCheck({
  id: 'namespace-without-resource-quota',
  title: 'Namespace with workloads has no ResourceQuota',
  severity: 'low',
  category: 'hygiene',
  target: 'namespace',
  references: ['k8s:multi-tenancy', 'k8s:resource-limits', 'nist-800-53:CM-6'],
  rationale:
    'A ResourceQuota bounds what a namespace can consume in total: CPU, memory, pods, Services of type ' +
    'LoadBalancer, persistent volume claims. Without it, a compromised deployment pipeline or a runaway controller ' +
    'in one namespace can scale until the cluster (and the cloud bill) is exhausted. Platform namespaces are ' +
    'informational.',
  remediation:
    'Add a ResourceQuota to every application namespace, with `requests.cpu`, `requests.memory`, `limits.memory`, ' +
    '`pods` and `services.loadbalancers` set from the team’s expected size.',
  evaluate({ namespace, workloads }, { model, report }) {
    if (workloads.length === 0 || !couldList(model, '', 'resourcequotas')) return;
    if (countInNamespace(model, 'ResourceQuota', namespace.name) > 0) return;
    const message = `namespace ${namespace.name} runs ${workloads.length} workload(s) and has no ResourceQuota`;
    if (isPlatformNamespace(namespace.name)) {
      report({ path: '', message, severity: 'info', severityReason: 'platform namespace: sized by the provider' });
    } else {
      report({ path: '', message });
    }
  },
});
