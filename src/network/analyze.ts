// Metadata-API exposure of the model's workloads, computed once per model and shared by the check and the report.
import type { Model } from '../model/build.ts';
import type { KubeObject } from '../model/k8s.ts';
import type { ObjectRef, Provider } from '../model/types.ts';
import {
  generateMetadataBlockPolicy,
  metadataExposure,
  type MetadataExposureResult,
  type WorkloadExposure,
} from './metadata.ts';
import { buildNetworkIndex } from './policy.ts';

export interface NetworkAnalysis {
  metadata: MetadataExposureResult;
  /**
   * For each namespace with exposed pod-network workloads: the NetworkPolicy that blocks metadata egress, and the
   * existing policies that allow the endpoints today. NetworkPolicies are additive, so those must be narrowed too:
   * the generated policy alone does not close a namespace another policy opens.
   */
  suggestedPolicies: { namespace: string; policy: KubeObject; alsoNarrow: ObjectRef[] }[];
  /** Policy kinds present but not evaluated (Cilium, Calico), and index issues. */
  notes: string[];
}

/** CNI policy kinds kubeseam does not evaluate; saying so beats pretending they are not there. */
const UNEVALUATED_POLICY_KINDS = ['CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy', 'GlobalNetworkPolicy'];

const cache = new WeakMap<Model, NetworkAnalysis>();

function providerOf(model: Model): Provider | 'unknown' {
  const p = model.cluster.provider;
  return p === 'eks' || p === 'aks' || p === 'gke' ? p : 'unknown';
}

/** Labels every node shares: protections keyed on node labels apply only when all nodes carry them. */
function commonNodeLabels(model: Model): Record<string, string> | undefined {
  if (model.nodes.length === 0) return undefined;
  let common: Map<string, string> | undefined;
  for (const n of model.nodes) {
    const labels = n.object.metadata.labels ?? {};
    if (!common) common = new Map(Object.entries(labels));
    else for (const [k, v] of common) if (labels[k] !== v) common.delete(k);
  }
  return common ? Object.fromEntries(common) : undefined;
}

export function networkAnalysis(model: Model): NetworkAnalysis {
  const hit = cache.get(model);
  if (hit) return hit;
  const provider = providerOf(model);
  const index = buildNetworkIndex({
    policies: (model.byKind.get('NetworkPolicy') ?? []).map((s) => s.object),
    namespaces: [...model.namespaces.values()].map((n) => ({ name: n.name, labels: n.labels })),
  });
  const nodeLabels = commonNodeLabels(model);
  const metadata = metadataExposure({
    provider,
    index,
    workloads: model.workloads.map((w) => ({
      ref: w.ref,
      namespace: w.namespace,
      labels: w.podMeta.labels ?? {},
      hostNetwork: w.podSpec.hostNetwork === true,
      ...(nodeLabels ? { nodeLabels } : {}),
    })),
  });
  const exposedNs = new Set(
    metadata.workloads
      .filter((w) => !w.hostNetwork && w.endpoints.some((e) => e.exposed !== 'no'))
      .map((w) => w.namespace),
  );
  const notes: string[] = [];
  for (const kind of UNEVALUATED_POLICY_KINDS) {
    const n = model.byKind.get(kind)?.length ?? 0;
    if (n > 0)
      notes.push(`${n} ${kind} object(s) present: kubeseam evaluates Kubernetes NetworkPolicy only, not these`);
  }
  for (const issue of index.issues) notes.push(`NetworkPolicy: ${issue.message}`);
  // Grouped once: asking every exposed namespace to scan all workloads is quadratic on a large cluster.
  const byNamespace = new Map<string, WorkloadExposure[]>();
  for (const w of metadata.workloads) {
    const list = byNamespace.get(w.namespace);
    if (list) list.push(w);
    else byNamespace.set(w.namespace, [w]);
  }
  const result: NetworkAnalysis = {
    metadata,
    suggestedPolicies: [...exposedNs].sort().map((namespace) => ({
      namespace,
      policy: generateMetadataBlockPolicy(namespace, provider),
      alsoNarrow: allowingPolicies(byNamespace.get(namespace) ?? []),
    })),
    notes,
  };
  cache.set(model, result);
  return result;
}

/** Policies that let pod-network workloads of the namespace (`workloads`: all of its) reach a metadata endpoint today. */
function allowingPolicies(workloads: readonly WorkloadExposure[]): ObjectRef[] {
  const seen = new Map<string, ObjectRef>();
  for (const w of workloads) {
    if (w.hostNetwork || !w.egressIsolated) continue;
    for (const e of w.endpoints) {
      if (!e.reachable) continue;
      for (const p of e.policies) seen.set(`${p.namespace ?? ''}/${p.name}`, p);
    }
  }
  return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export function exposedRefs(analysis: NetworkAnalysis, namespace: string): ObjectRef[] {
  return analysis.metadata.workloads
    .filter((w) => w.namespace === namespace && w.endpoints.some((e) => e.exposed === 'yes'))
    .map((w) => w.ref);
}
