import { defineCheck } from '../types.ts';
import { isPlatformNamespace } from '../util/context.ts';
import { anyOfKinds, countInNamespace, couldList } from '../util/namespaces.ts';

// CNI policy kinds that apply to a namespace without a Kubernetes NetworkPolicy in it.
const NAMESPACED_POLICY_KINDS = ['NetworkPolicy', 'CiliumNetworkPolicy'];
const CLUSTER_POLICY_KINDS = [
  'AdminNetworkPolicy',
  'BaselineAdminNetworkPolicy',
  'ClusterNetworkPolicy',
  'CiliumClusterwideNetworkPolicy',
  'GlobalNetworkPolicy',
];

export default defineCheck({
  id: 'namespace-without-network-policy',
  title: 'Namespace with workloads has no NetworkPolicy',
  severity: 'medium',
  category: 'network',
  target: 'namespace',
  references: [
    'cis-k8s:5.3.2',
    'cis-eks:4.3.2',
    'cis-aks:4.4.2',
    'cis-gke:4.3.2',
    'k8s:network-policies',
    'nist-800-53:SC-7',
    'nist-800-53:AC-4',
    'mitre:T1046',
  ],
  rationale:
    'Pod networking is flat: without a NetworkPolicy selecting them, pods accept connections from every pod of the ' +
    'cluster and may connect anywhere, including the cloud metadata API and node-local services. One compromised ' +
    'pod can then scan and reach every other. Severity is low where cluster-wide CNI policies exist (which kubeseam ' +
    'does not evaluate here) and in platform namespaces, whose policies the provider owns. Namespaces are skipped ' +
    'when NetworkPolicies could not be listed.',
  remediation:
    'Add a default-deny NetworkPolicy (`podSelector: {}` with `policyTypes: [Ingress, Egress]`) to the namespace, ' +
    'then allow the flows each workload needs, including DNS. This needs a CNI that enforces policies (Calico, ' +
    'Cilium, Azure NPM, VPC CNI network policy agent, GKE Dataplane V2).',
  evaluate({ namespace, workloads }, { model, report }) {
    if (workloads.length === 0 || !couldList(model, 'networking.k8s.io', 'networkpolicies')) return;
    if (NAMESPACED_POLICY_KINDS.some((k) => countInNamespace(model, k, namespace.name) > 0)) return;
    const message = `namespace ${namespace.name} runs ${workloads.length} workload(s) and has no NetworkPolicy`;
    const clusterWide = anyOfKinds(model, CLUSTER_POLICY_KINDS);
    if (clusterWide) {
      report({
        path: '',
        message,
        severity: 'low',
        severityReason: `cluster-wide ${clusterWide} objects exist and may restrict this namespace`,
      });
    } else if (isPlatformNamespace(namespace.name)) {
      report({
        path: '',
        message,
        severity: 'low',
        severityReason: 'platform namespace: its policies are the provider’s to set',
      });
    } else {
      report({ path: '', message });
    }
  },
});
