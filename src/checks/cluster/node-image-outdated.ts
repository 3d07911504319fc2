import { nodeFacts, type NodeFacts } from '../../inventory/nodes.ts';
import type { Model } from '../../model/build.ts';
import { joinPath } from '../../model/paths.ts';
import { defineCheck } from '../types.ts';

/** Age thresholds in days: providers publish node images weekly to monthly, with the month's OS security fixes. */
const MEDIUM_DAYS = 60;
const HIGH_DAYS = 120;

// nodeFacts walks every node; computed once per model and evaluation date, not once per node.
const cache = new WeakMap<Model, { at: number; byName: Map<string, NodeFacts> }>();

function factsFor(model: Model, asOf: Date): Map<string, NodeFacts> {
  const hit = cache.get(model);
  if (hit && hit.at === asOf.getTime()) return hit.byName;
  const byName = new Map(nodeFacts(model, asOf).map((f) => [f.name, f]));
  cache.set(model, { at: asOf.getTime(), byName });
  return byName;
}

const ROLL_OUT: Record<string, string> = {
  aks: '`az aks nodepool upgrade --node-image-only` or the NodeImage auto-upgrade channel',
  eks: 'a managed node group update to the latest AMI release (or Karpenter drift)',
  gke: 'node auto-upgrade or `gcloud container clusters upgrade --node-pool`',
};

export default defineCheck({
  id: 'node-image-outdated',
  title: 'Node runs an old provider node image',
  severity: 'medium',
  category: 'hygiene',
  target: 'node',
  references: ['nist-800-53:SI-2', 'nist-800-53:RA-5', 'k8s:security-checklist'],
  rationale:
    'Kernel, container runtime, kubelet and provider-agent fixes reach managed nodes only through new node images ' +
    '(AKS node image versions, EKS AMI releases, GKE node versions). The provider publishes them; the customer must ' +
    'roll them out, and nodes that are never replaced keep every vulnerability found since their image was built. ' +
    `An image older than ${MEDIUM_DAYS} days has missed at least one monthly OS patch cycle; older than ${HIGH_DAYS} ` +
    'days, several.',
  remediation:
    'Roll node pools to the latest node image regularly: AKS `az aks nodepool upgrade --node-image-only` or the ' +
    '`NodeImage` auto-upgrade channel; EKS managed node group updates to the latest AMI release, or Karpenter drift ' +
    'and expiry; GKE node auto-upgrade. Give node pools a maintenance window rather than pinning images.',
  evaluate(node, ctx) {
    const { asOf } = ctx;
    const facts = factsFor(ctx.model, asOf).get(node.object.metadata.name ?? '');
    if (!facts) return;
    const image = facts.nodeImage;
    const age = facts.imageAgeDays;
    if (!image?.date || age === undefined || age <= MEDIUM_DAYS) return;
    const path =
      image.source === 'status.nodeInfo.osImage'
        ? 'status.nodeInfo.osImage'
        : joinPath('metadata.labels', image.source);
    const how = facts.provider ? ROLL_OUT[facts.provider] : undefined;
    ctx.report({
      path,
      ...(age > HIGH_DAYS
        ? { severity: 'high' as const, severityReason: `node image older than ${HIGH_DAYS} days` }
        : {}),
      message:
        `node ${facts.name} runs node image ${image.version}, built ${image.date} (${age} days before ${asOf.toISOString().slice(0, 10)}); ` +
        `the provider's fixes since then reach it only when the customer rolls the node pool${how ? ` (${how})` : ''}`,
    });
  },
});
