// Metadata-API exposure as the attack graph needs it: per existing workload (network/analyze.ts, shared with the
// metadata check) and for a pod an attacker would create in a namespace (same evaluation, on a pod with no labels).
import type { Model } from '../model/build.ts';
import type { Provider, Workload } from '../model/types.ts';
import { networkAnalysis } from '../network/analyze.ts';
import { metadataExposure, type EndpointExposure, type WorkloadExposure } from '../network/metadata.ts';
import { buildNetworkIndex, type NetworkIndex } from '../network/policy.ts';

/** The node-credentials endpoint a workload reaches best (`yes` before `conditional`), if any. */
export function bestCredentialEndpoint(w: WorkloadExposure | undefined): EndpointExposure | undefined {
  if (!w) return undefined;
  const sensitive = w.endpoints.filter((e) => e.sensitivity === 'node-credentials');
  return sensitive.find((e) => e.exposed === 'yes') ?? sensitive.find((e) => e.exposed === 'conditional');
}

const shadows = new WeakMap<Model, Map<string, Model>>();

/**
 * networkAnalysis reads the provider from the cluster facts; from files those are often empty while the nodes
 * say which provider it is. Evaluate with the detected provider then, on a shallow copy (cached, so the network
 * analysis cache still works).
 */
function modelWithProvider(model: Model, provider: Provider | 'unknown'): Model {
  const current = model.cluster.provider;
  if (provider === 'unknown' || current === provider) return model;
  let byProvider = shadows.get(model);
  if (!byProvider) shadows.set(model, (byProvider = new Map<string, Model>()));
  let shadow = byProvider.get(provider);
  if (!shadow) {
    shadow = { ...model, cluster: { ...model.cluster, provider } };
    byProvider.set(provider, shadow);
  }
  return shadow;
}

/** Exposure of each workload, keyed by the workload object. */
export function workloadExposures(model: Model, provider: Provider | 'unknown'): Map<Workload, WorkloadExposure> {
  const analysis = networkAnalysis(modelWithProvider(model, provider));
  const out = new Map<Workload, WorkloadExposure>();
  const list = analysis.metadata.workloads;
  model.workloads.forEach((w, i) => {
    const e = list[i];
    // networkAnalysis maps model.workloads in order; check rather than trust it.
    if (e && e.ref.kind === w.ref.kind && e.ref.name === w.ref.name && e.namespace === w.namespace) out.set(w, e);
  });
  return out;
}

const indexes = new WeakMap<Model, NetworkIndex>();

function networkIndexOf(model: Model): NetworkIndex {
  let index = indexes.get(model);
  if (!index) {
    index = buildNetworkIndex({
      policies: (model.byKind.get('NetworkPolicy') ?? []).map((s) => s.object),
      namespaces: [...model.namespaces.values()].map((n) => ({ name: n.name, labels: n.labels })),
    });
    indexes.set(model, index);
  }
  return index;
}

function commonNodeLabels(model: Model): Record<string, string> | undefined {
  if (model.nodes.length === 0) return undefined;
  let common: Map<string, string> | undefined;
  for (const n of model.nodes) {
    const raw: unknown = n.object.metadata.labels;
    const labels =
      typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, string>) : {};
    if (!common) common = new Map(Object.entries(labels));
    else for (const [k, v] of common) if (labels[k] !== v) common.delete(k);
  }
  return common ? Object.fromEntries(common) : undefined;
}

/**
 * The best node-credentials endpoint a new pod-network pod without labels reaches in each namespace: what an
 * attacker who can create pods there, but not host-network ones, gets. Policies that select pods by labels the
 * attacker would avoid do not isolate it; policies selecting every pod (`podSelector: {}`) do.
 */
export function newPodExposure(
  model: Model,
  provider: Provider | 'unknown',
  namespaces: readonly string[],
): Map<string, EndpointExposure | undefined> {
  const out = new Map<string, EndpointExposure | undefined>();
  if (namespaces.length === 0) return out;
  const nodeLabels = commonNodeLabels(model);
  const result = metadataExposure({
    provider,
    index: networkIndexOf(model),
    workloads: namespaces.map((namespace) => ({
      ref: { apiVersion: 'v1', kind: 'Pod', namespace, name: '(new pod)' },
      namespace,
      labels: {},
      hostNetwork: false,
      ...(nodeLabels ? { nodeLabels } : {}),
    })),
  });
  result.workloads.forEach((w) => out.set(w.namespace, bestCredentialEndpoint(w)));
  return out;
}
