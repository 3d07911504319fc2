import { formatRef } from '../../model/refs.ts';
import { networkAnalysis, type NetworkAnalysis } from '../../network/analyze.ts';
import type { WorkloadExposure } from '../../network/metadata.ts';
import { defineCheck } from '../types.ts';

const SHOWN = 4;

// The check runs once per namespace: group the analysis by namespace once, not filter all workloads every time.
const grouped = new WeakMap<NetworkAnalysis, Map<string, WorkloadExposure[]>>();

/** Workloads on the pod network (not hostNetwork), by namespace, in analysis order. */
function podNetworkWorkloads(analysis: NetworkAnalysis): Map<string, WorkloadExposure[]> {
  let byNs = grouped.get(analysis);
  if (!byNs) {
    byNs = new Map();
    for (const w of analysis.metadata.workloads) {
      if (w.hostNetwork) continue;
      const list = byNs.get(w.namespace);
      if (list) list.push(w);
      else byNs.set(w.namespace, [w]);
    }
    grouped.set(analysis, byNs);
  }
  return byNs;
}

export default defineCheck({
  id: 'metadata-api-reachable',
  title: 'Pods can reach the cloud metadata API',
  severity: 'high',
  category: 'network',
  target: 'namespace',
  references: ['cis-eks:4.3.2', 'cis-gke:5.4.1', 'nist-800-53:SC-7', 'nist-800-53:AC-4', 'mitre:T1552.005'],
  rationale:
    'The instance metadata service (IMDS `169.254.169.254`, Azure WireServer `168.63.129.16`, the GKE metadata ' +
    'server) hands out the node identity: the EC2 instance role, the VM managed identity, the node service account. ' +
    'A pod that reaches it can act in the cloud account as the node, and on AKS the WireServer once gave away the ' +
    'TLS bootstrap token of the node. Only an egress NetworkPolicy, or a provider protection, stops a pod on the pod ' +
    'network from reaching it.',
  remediation:
    'Apply an egress NetworkPolicy that excepts the metadata addresses in every namespace that does not need them ' +
    '(`kubeseam network --format yaml` writes one per namespace that keeps all other traffic). Also use the provider ' +
    'protection: IMDSv2 with hop limit 1 on EKS nodes, Workload Identity (GKE metadata server) on GKE, and current ' +
    'AKS node images that block WireServer port 32526.',
  evaluate({ namespace }, { model, report }) {
    const analysis = networkAnalysis(model);
    const sensitive = (s: string): boolean => s === 'node-credentials' || s === 'node-provisioning';
    const inNs = podNetworkWorkloads(analysis).get(namespace.name) ?? [];
    const exposed = inNs.filter((w) => w.endpoints.some((e) => sensitive(e.sensitivity) && e.exposed === 'yes'));
    const isExposed = new Set(exposed);
    const conditional = inNs.filter(
      (w) => !isExposed.has(w) && w.endpoints.some((e) => sensitive(e.sensitivity) && e.exposed === 'conditional'),
    );
    const list = exposed.length > 0 ? exposed : conditional;
    if (list.length === 0) return;
    const endpoints = new Map<string, string>();
    for (const w of list) {
      for (const e of w.endpoints) {
        if (sensitive(e.sensitivity) && e.exposed !== 'no')
          endpoints.set(e.endpoint, `${e.name} ${e.address}:${e.port}`);
      }
    }
    const why = list[0]?.endpoints.find((e) => e.exposed !== 'no')?.reasons[0] ?? '';
    const names = list.slice(0, SHOWN).map((w) => formatRef(w.ref));
    const more = list.length > SHOWN ? ` and ${list.length - SHOWN} more` : '';
    report({
      path: '',
      message:
        `${list.length} workload(s) ${exposed.length > 0 ? 'can' : 'may'} reach ${[...endpoints.values()].join(', ')}: ` +
        `${names.join(', ')}${more}${why ? ` (${why})` : ''}`,
      ...(exposed.length === 0
        ? { severity: 'medium', severityReason: 'reachable unless node configuration kubeseam cannot see blocks it' }
        : {}),
    });
  },
});
