/**
 * Matches a workload against catalog components. A component is claimed by the workload's name or labels, but
 * recognised only when every container image comes from the component's image repositories: names alone are
 * never trusted (a look-alike with a foreign image is reported as impersonation, the pattern behind the GKE
 * Autopilot allowlist masquerade, wiz-sec/open-cvdb:vulnerabilities/gke-autopilot-allowlist.yaml).
 */
import type { CatalogComponent } from '../knowledge/catalog/types.ts';
import { imagePatternRegExp, registryOf } from '../knowledge/registries.ts';
import type { Container } from '../model/k8s.ts';
import type { Workload } from '../model/types.ts';
import { isUnresolvedImage, parseImageRef } from './images.ts';

/**
 * - `trusted`: one of the component's catalogued repositories;
 * - `provider-registry`: another repository of a registry only the component's provider (or the Kubernetes
 *   project) publishes to: the provider's code, in a container the catalog does not list;
 * - `local`: a catalogued node-preloaded image or upstream placeholder;
 * - `unresolved`: a template placeholder that never runs;
 * - `foreign`: anything else, which no provider vouches for.
 */
export type ImageStatus = 'trusted' | 'provider-registry' | 'local' | 'unresolved' | 'foreign';

export interface ImageVerdict {
  container: string;
  image: string;
  status: ImageStatus;
}

export type ClaimKind = 'labels' | 'name';

export type MatchResult =
  /**
   * Claimed and every image is the component's. `outsideNamespaces`: the object names a namespace the provider
   * does not install the component in (a self-managed install, or an upstream example).
   */
  | {
      kind: 'recognised';
      component: CatalogComponent;
      claim: ClaimKind;
      images: ImageVerdict[];
      outsideNamespaces: boolean;
    }
  /** Claimed in one of the component's namespaces, but some image comes from elsewhere. */
  | { kind: 'impersonation'; component: CatalogComponent; claim: ClaimKind; images: ImageVerdict[] }
  /** Named like a component, foreign images, outside its namespaces: a customer's own copy, not a disguise. */
  | { kind: 'lookalike'; component: CatalogComponent; claim: ClaimKind; images: ImageVerdict[] }
  | { kind: 'none' };

function labelsMatch(w: Workload, sets: Record<string, string>[] | undefined): boolean {
  if (!sets) return false;
  const pod = w.podMeta.labels ?? {};
  return sets.some((set) => {
    const entries = Object.entries(set);
    return (
      entries.length > 0 && (entries.every(([k, v]) => w.labels[k] === v) || entries.every(([k, v]) => pod[k] === v))
    );
  });
}

// Every workload is matched against every catalog component: compile each name pattern once, not per workload.
const namePatterns = new Map<string, RegExp>();

function nameMatches(name: string, patterns: string[]): boolean {
  return patterns.some((p) => {
    let re = namePatterns.get(p);
    if (!re) namePatterns.set(p, (re = new RegExp(`^(?:${p})$`)));
    return re.test(name);
  });
}

/** Containers whose images identify the workload; ephemeral (debug) containers are left out. */
function identifyingContainers(w: Workload): Container[] {
  const out: Container[] = [];
  for (const t of ['initContainers', 'containers'] as const) {
    const list = w.podSpec[t];
    if (Array.isArray(list)) for (const c of list) if (typeof c === 'object' && c !== null) out.push(c);
  }
  return out;
}

export function imageVerdicts(w: Workload, component: CatalogComponent): ImageVerdict[] {
  return identifyingContainers(w).map((c) => {
    const image = typeof c.image === 'string' ? c.image : '';
    const container = typeof c.name === 'string' ? c.name : '';
    if (image === '' || isUnresolvedImage(image)) return { container, image, status: 'unresolved' };
    if (component.recognize.localImages?.some((l) => l.image === image)) return { container, image, status: 'local' };
    const ref = parseImageRef(image);
    if (!ref) return { container, image, status: 'foreign' };
    if (component.recognize.images.some((p) => imagePatternRegExp(p).test(ref.repository)))
      return { container, image, status: 'trusted' };
    const owner = registryOf(ref.repository)?.owner;
    const ours = owner === component.provider || owner === 'kubernetes';
    return { container, image, status: ours ? 'provider-registry' : 'foreign' };
  });
}

/** True when the object itself names a namespace (a manifest without one can be applied anywhere). */
export function namespaceDeclared(w: Workload): boolean {
  const ns = w.source.object.metadata.namespace;
  return typeof ns === 'string' && ns !== '';
}

export function matchWorkload(w: Workload, candidates: readonly CatalogComponent[]): MatchResult {
  const claims: { component: CatalogComponent; claim: ClaimKind }[] = [];
  for (const component of candidates) {
    if (!component.recognize.kinds.includes(w.kind)) continue;
    if (labelsMatch(w, component.recognize.labels)) claims.push({ component, claim: 'labels' });
    else if (nameMatches(w.name, component.recognize.names)) claims.push({ component, claim: 'name' });
  }
  if (claims.length === 0) return { kind: 'none' };
  // Labels are the more specific claim (several providers share names like kube-proxy or coredns).
  claims.sort((a, b) => (a.claim === b.claim ? 0 : a.claim === 'labels' ? -1 : 1));

  const declared = namespaceDeclared(w);
  const judged = claims.map((c) => {
    const images = imageVerdicts(w, c.component);
    const inNamespace = !declared || c.component.recognize.namespaces.includes(w.namespace);
    const foreign = images.some((i) => i.status === 'foreign');
    return { ...c, images, inNamespace, foreign };
  });

  // Genuine images decide; the namespace only says whether the provider or the customer installed it.
  const recognised = judged.find((j) => !j.foreign && j.inNamespace) ?? judged.find((j) => !j.foreign);
  if (recognised) {
    return {
      kind: 'recognised',
      component: recognised.component,
      claim: recognised.claim,
      images: recognised.images,
      outsideNamespaces: !recognised.inNamespace,
    };
  }
  const impersonated = judged.find((j) => declared && j.inNamespace && j.foreign);
  if (impersonated) {
    return {
      kind: 'impersonation',
      component: impersonated.component,
      claim: impersonated.claim,
      images: impersonated.images,
    };
  }
  const first = judged[0]!;
  return { kind: 'lookalike', component: first.component, claim: first.claim, images: first.images };
}
