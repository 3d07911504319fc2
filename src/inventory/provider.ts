/**
 * Which managed Kubernetes provider runs the cluster, from what the objects say: node provider IDs, reserved
 * node labels, server and kubelet version suffixes. Every conclusion carries its evidence; sources that disagree,
 * or no source at all, give `unknown`. Recognised catalog components add weak evidence only.
 *
 * Signals: kubernetes-sigs/cloud-provider-azure:pkg/provider/azure_wrap.go (azure:// provider IDs),
 * MicrosoftDocs/azure-aks-docs:articles/aks/use-labels.md (kubernetes.azure.com/ labels),
 * aws/amazon-vpc-cni-k8s:config/master/aws-k8s-cni.yaml (eks.amazonaws.com/ labels),
 * awsdocs/amazon-eks-user-guide (v1.x.y-eks-<hash> versions); research notes mcm-catalog.md §7.
 */
import type { Model } from '../model/build.ts';
import type { Provider } from '../model/types.ts';
import { CATALOG } from '../knowledge/catalog/index.ts';
import { matchWorkload } from './recognize.ts';

export type EvidenceSource =
  'node-provider-id' | 'node-labels' | 'server-version' | 'kubelet-version' | 'catalog-images';

export interface ProviderEvidence {
  source: EvidenceSource;
  provider: Provider;
  detail: string;
}

export interface ProviderDetection {
  provider: Provider | 'unknown';
  /** `strong` from nodes or versions; `weak` when only recognised catalog components point to the provider. */
  confidence?: 'strong' | 'weak';
  evidence: ProviderEvidence[];
  /** One line for reports: the conclusion and why. */
  summary: string;
}

const PROVIDER_ID: readonly [Provider, RegExp, string][] = [
  ['eks', /^aws:\/\//, 'aws://'],
  ['aks', /^azure:\/\//, 'azure://'],
  ['gke', /^gce:\/\//, 'gce://'],
];

const LABEL_PREFIX: readonly [Provider, (key: string) => boolean, string][] = [
  ['eks', (k) => k.startsWith('eks.amazonaws.com/'), 'eks.amazonaws.com/*'],
  ['aks', (k) => k.startsWith('kubernetes.azure.com/'), 'kubernetes.azure.com/*'],
  ['gke', (k) => k.startsWith('cloud.google.com/gke-'), 'cloud.google.com/gke-*'],
];

/** Version suffixes: `v1.30.4-eks-a1b2c3d`, `v1.29.5-gke.1091000`. AKS builds carry no suffix. */
export function providerOfVersion(gitVersion: string): Provider | undefined {
  if (/^v?\d+\.\d+\.\d+-eks-[0-9a-f]+/.test(gitVersion)) return 'eks';
  if (/^v?\d+\.\d+\.\d+-gke\.\d+/.test(gitVersion)) return 'gke';
  return undefined;
}

const NAMES: Record<Provider, string> = { eks: 'EKS', aks: 'AKS', gke: 'GKE' };

function record(x: unknown): Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : {};
}

function nodeSignals(model: Model): ProviderEvidence[] {
  const out: ProviderEvidence[] = [];
  const tally = (source: EvidenceSource, provider: Provider, what: string, example: string, count: number): void => {
    if (count === 0) return;
    out.push({
      source,
      provider,
      detail: `${count} of ${model.nodes.length} node(s) ${what} (e.g. ${example})`,
    });
  };
  for (const [provider, re, prefix] of PROVIDER_ID) {
    const hits = model.nodes
      .map((n) => record(n.object.spec).providerID)
      .filter((id): id is string => typeof id === 'string' && re.test(id));
    if (hits.length > 0) tally('node-provider-id', provider, `have a ${prefix} providerID`, hits[0]!, hits.length);
  }
  for (const [provider, test, pattern] of LABEL_PREFIX) {
    const hits = model.nodes
      .map((n) => Object.keys(record(n.object.metadata.labels)).find(test))
      .filter((k): k is string => k !== undefined);
    if (hits.length > 0) tally('node-labels', provider, `carry ${pattern} labels`, hits[0]!, hits.length);
  }
  const kubelets = new Map<Provider, string[]>();
  for (const n of model.nodes) {
    const v = record(record(record(n.object.status).nodeInfo)).kubeletVersion;
    const p = typeof v === 'string' ? providerOfVersion(v) : undefined;
    if (p && typeof v === 'string') {
      const list = kubelets.get(p);
      if (list) list.push(v);
      else kubelets.set(p, [v]);
    }
  }
  for (const [provider, versions] of kubelets)
    tally('kubelet-version', provider, `run a ${NAMES[provider]} kubelet build`, versions[0]!, versions.length);
  return out;
}

/** Distinct catalog components recognised by name and provider image registry, per provider. */
function catalogSignals(model: Model): ProviderEvidence[] {
  const seen = new Map<Provider, Set<string>>();
  for (const w of model.workloads) {
    const m = matchWorkload(w, CATALOG);
    if (m.kind !== 'recognised' || !m.images.some((i) => i.status === 'trusted' || i.status === 'provider-registry'))
      continue;
    const set = seen.get(m.component.provider) ?? new Set<string>();
    set.add(m.component.id);
    seen.set(m.component.provider, set);
  }
  const out: ProviderEvidence[] = [];
  for (const [provider, ids] of seen) {
    if (ids.size < 3) continue;
    const list = [...ids].sort();
    out.push({
      source: 'catalog-images',
      provider,
      detail: `${ids.size} catalogued ${NAMES[provider]} components recognised by name and image registry (${list.slice(0, 5).join(', ')}${list.length > 5 ? ', …' : ''})`,
    });
  }
  return out;
}

export function detectProvider(model: Model): ProviderDetection {
  const strong = nodeSignals(model);
  const gv = model.cluster.version?.gitVersion;
  if (typeof gv === 'string') {
    const p = providerOfVersion(gv);
    if (p) strong.push({ source: 'server-version', provider: p, detail: `API server version ${gv}` });
  }
  const weak = catalogSignals(model);
  const strongProviders = [...new Set(strong.map((e) => e.provider))];
  if (strongProviders.length > 1) {
    return {
      provider: 'unknown',
      evidence: [...strong, ...weak],
      summary: `sources disagree (${strongProviders.map((p) => NAMES[p]).join(' vs ')}): ${strong.map((e) => e.detail).join('; ')}`,
    };
  }
  const only = strongProviders[0];
  if (only) {
    const support = weak.filter((e) => e.provider === only);
    const against = weak.filter((e) => e.provider !== only);
    return {
      provider: only,
      confidence: 'strong',
      evidence: [...strong, ...support, ...against],
      summary: `${NAMES[only]}: ${strong.map((e) => e.detail).join('; ')}`,
    };
  }
  const weakProviders = [...new Set(weak.map((e) => e.provider))];
  if (weakProviders.length === 1) {
    const p = weakProviders[0]!;
    return {
      provider: p,
      confidence: 'weak',
      evidence: weak,
      summary: `probably ${NAMES[p]} (weak: no node or version evidence): ${weak.map((e) => e.detail).join('; ')}`,
    };
  }
  return {
    provider: 'unknown',
    evidence: weak,
    summary:
      weak.length > 0
        ? `catalog matches point to several providers: ${weak.map((e) => e.detail).join('; ')}`
        : 'no node, version or catalog evidence of a managed provider',
  };
}
