import { defineCheck } from '../types.ts';

export default defineCheck({
  id: 'workload-in-default-namespace',
  title: 'Workload runs in the default namespace',
  severity: 'low',
  category: 'hygiene',
  target: 'podTemplate',
  references: [
    'cis-k8s:5.7.4',
    'cis-k8s:5.7.1',
    'cis-eks:4.5.2',
    'cis-aks:4.6.3',
    'cis-gke:4.6.4',
    'k8s:multi-tenancy',
    'nist-800-53:AC-4',
  ],
  rationale:
    'The `default` namespace is where everything without a home lands. Workloads there share their service ' +
    'accounts’ bindings, NetworkPolicies, quotas and Pod Security level with whatever else is deployed carelessly, ' +
    'and RBAC granted "in default" is granted to all of them. Only workloads whose manifest or live object names ' +
    '`default` are reported: a manifest without a namespace is placed by whoever applies it.',
  remediation:
    'Move the workload to a namespace of its own (or its team’s), with its own service accounts, NetworkPolicies, ' +
    'LimitRange, ResourceQuota and Pod Security labels.',
  evaluate({ workload }, { report }) {
    if (workload.source.object.metadata.namespace !== 'default') return;
    report({
      path: 'metadata.namespace',
      message: `${workload.kind} ${workload.name} runs in the default namespace`,
      resource: workload.ref,
      source: workload.source,
    });
  },
});
