/**
 * Classifies every workload: `core` (vanilla Kubernetes the provider runs), `middleware` (a catalogued provider
 * component), `agent` (catalogued middleware with no API access: no token mounted and no RBAC binding for its
 * service account), or `workload` (the customer's, including look-alikes of middleware with foreign images).
 *
 * The scan calls classifyWorkloads once before checks run; checks call ensureClassified so that they also work
 * on a model built on its own (the cases runner).
 */
import { CATALOG, componentsOf } from '../knowledge/catalog/index.ts';
import type { CatalogComponent } from '../knowledge/catalog/types.ts';
import type { Model } from '../model/build.ts';
import { findNamespaced } from '../model/lookup.ts';
import type { Classification, Workload } from '../model/types.ts';
import { detectProvider, type ProviderDetection } from './provider.ts';
import { matchWorkload, type ImageVerdict, type MatchResult } from './recognize.ts';

export interface ClassificationDetail {
  match: MatchResult;
  /** A service account token reaches the pod (automount, or a projected serviceAccountToken volume). */
  tokenMounted: boolean;
  /** RoleBindings and ClusterRoleBindings whose subjects include the workload's service account. */
  bindings: string[];
  /** Catalog id of the component the workload is named or labelled like while running foreign images. */
  impersonates?: string;
}

const details = new WeakMap<Workload, ClassificationDetail>();
const detections = new WeakMap<Model, ProviderDetection>();

function record(x: unknown): Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : {};
}

/** Whether the pod gets a token: pod field, else the ServiceAccount's, else Kubernetes' default (true). */
export function tokenMounted(model: Model, w: Workload): boolean {
  const spec = w.podSpec;
  const projected = (Array.isArray(spec.volumes) ? spec.volumes : []).some((v) =>
    (typeof v === 'object' && v !== null && Array.isArray(v.projected?.sources) ? v.projected.sources : []).some(
      (s) =>
        typeof s === 'object' &&
        s !== null &&
        typeof s.serviceAccountToken === 'object' &&
        s.serviceAccountToken !== null,
    ),
  );
  if (projected) return true;
  if (typeof spec.automountServiceAccountToken === 'boolean') return spec.automountServiceAccountToken;
  const sa = findNamespaced(model.byKind.get('ServiceAccount'), w.namespace, w.serviceAccountName, 'default');
  const saAutomount = sa?.object.automountServiceAccountToken;
  return typeof saAutomount === 'boolean' ? saAutomount : true;
}

interface BindingMatches {
  /** namespace → service account → labels of the bindings naming it. */
  byAccount: Map<string, Map<string, string[]>>;
  /** namespace → labels of bindings to `system:serviceaccounts[:namespace]` that cover it. */
  byNamespace: Map<string, string[]>;
  /** ClusterRoleBindings to `system:serviceaccounts`: every service account. */
  everyAccount: string[];
}

/**
 * Every binding, filed under what `bindingsFor` would match it by. Built once per binding lists: classification asks
 * for every workload, and scanning all bindings each time is quadratic on a large cluster.
 */
function bindingMatches(model: Model): BindingMatches {
  const m: BindingMatches = { byAccount: new Map(), byNamespace: new Map(), everyAccount: [] };
  const add = (list: string[] | undefined, label: string): string[] => {
    const l = list ?? [];
    l.push(label);
    return l;
  };
  for (const kind of ['RoleBinding', 'ClusterRoleBinding'] as const) {
    for (const so of model.byKind.get(kind) ?? []) {
      const bindingNs = so.object.metadata.namespace;
      // A RoleBinding matches only service accounts of its own namespace.
      const only = kind === 'RoleBinding' ? (bindingNs ?? 'default') : undefined;
      const label =
        kind === 'RoleBinding'
          ? `RoleBinding/${bindingNs ?? 'default'}/${so.object.metadata.name ?? ''}`
          : `ClusterRoleBinding/${so.object.metadata.name ?? ''}`;
      // Each binding is listed once per question, however many of its subjects match: collect its keys first.
      const accounts = new Map<string, Set<unknown>>();
      const namespaces = new Set<string>();
      let every = false;
      const subjects = Array.isArray(so.object.subjects) ? (so.object.subjects as unknown[]) : [];
      for (const raw of subjects) {
        const s = record(raw);
        if (s.kind === 'ServiceAccount') {
          const ns = typeof s.namespace === 'string' && s.namespace !== '' ? s.namespace : bindingNs;
          if (typeof ns !== 'string' || typeof s.name !== 'string' || (only !== undefined && ns !== only)) continue;
          let names = accounts.get(ns);
          if (!names) accounts.set(ns, (names = new Set()));
          names.add(s.name);
        } else if (s.kind === 'Group' && s.name === 'system:serviceaccounts') {
          if (only === undefined) every = true;
          else namespaces.add(only);
        } else if (s.kind === 'Group' && typeof s.name === 'string' && s.name.startsWith('system:serviceaccounts:')) {
          const ns = s.name.slice('system:serviceaccounts:'.length);
          if (only === undefined || ns === only) namespaces.add(ns);
        }
      }
      if (every) {
        m.everyAccount.push(label);
        continue;
      }
      for (const ns of namespaces) m.byNamespace.set(ns, add(m.byNamespace.get(ns), label));
      for (const [ns, names] of accounts) {
        let byName = m.byAccount.get(ns);
        if (!byName) m.byAccount.set(ns, (byName = new Map<string, string[]>()));
        for (const name of names) {
          if (namespaces.has(ns)) continue; // already listed for the whole namespace
          byName.set(name as string, add(byName.get(name as string), label));
        }
      }
    }
  }
  return m;
}

const matchIndexes = new WeakMap<object, { rb: unknown; size: number; matches: BindingMatches }>();

/** Bindings naming the service account directly or through the system:serviceaccounts groups. */
export function bindingsFor(model: Model, namespace: string, serviceAccount: string): string[] {
  const rb = model.byKind.get('RoleBinding');
  const crb = model.byKind.get('ClusterRoleBinding');
  const owner = crb ?? rb;
  if (!owner) return [];
  const size = (rb?.length ?? 0) + (crb?.length ?? 0);
  let cached = matchIndexes.get(owner);
  if (!cached || cached.rb !== rb || cached.size !== size) {
    cached = { rb, size, matches: bindingMatches(model) };
    matchIndexes.set(owner, cached);
  }
  const m = cached.matches;
  return [
    ...(m.byAccount.get(namespace)?.get(serviceAccount) ?? []),
    ...(m.byNamespace.get(namespace) ?? []),
    ...m.everyAccount,
  ].sort();
}

const PROVIDER_NAMES = { eks: 'EKS', aks: 'AKS', gke: 'GKE' } as const;

function foreignList(images: ImageVerdict[]): string {
  return images
    .filter((i) => i.status === 'foreign')
    .map((i) => `${i.container}: ${i.image}`)
    .join(', ');
}

function claimText(w: Workload, c: CatalogComponent, claim: 'labels' | 'name'): string {
  return claim === 'labels' ? `labelled like ${c.id}` : `named like ${c.id} (${w.kind} ${w.namespace}/${w.name})`;
}

function classificationOf(w: Workload, match: MatchResult, token: boolean, bindings: string[]): Classification {
  switch (match.kind) {
    case 'recognised': {
      const c = match.component;
      const others = match.images.filter((i) => i.status === 'provider-registry').map((i) => i.image);
      const how = match.images.every((i) => i.status === 'unresolved')
        ? 'images are unresolved templates, so only name and namespace identify it'
        : `images from ${PROVIDER_NAMES[c.provider]} repositories${others.length > 0 ? ` (not catalogued for it: ${others.join(', ')})` : ''}`;
      const where = match.outsideNamespaces
        ? `; runs in ${w.namespace}, not ${c.recognize.namespaces.join(' or ')} (self-managed install?)`
        : '';
      const base = `${match.claim === 'labels' ? 'labels' : 'name'} match ${c.id}; ${how}${where}`;
      if (c.class === 'middleware' && !token && bindings.length === 0) {
        return {
          class: 'agent',
          provider: c.provider,
          component: c.id,
          reason: `${base}; no service account token mounted and no RBAC binding for ${w.namespace}/${w.serviceAccountName}`,
        };
      }
      return { class: c.class, provider: c.provider, component: c.id, reason: base };
    }
    case 'impersonation':
      return {
        class: 'workload',
        reason: `${claimText(w, match.component, match.claim)} but image(s) from no ${PROVIDER_NAMES[match.component.provider]} registry (${foreignList(match.images)}): treated as a customer workload impersonating middleware`,
      };
    case 'lookalike':
      return {
        class: 'workload',
        reason: `${claimText(w, match.component, match.claim)} outside its namespaces, with other images (${foreignList(match.images)})`,
      };
    case 'none':
      return { class: 'workload', reason: 'matches no catalogued component' };
  }
}

/** Sets `classification` on every workload of the model. Idempotent. */
export function classifyWorkloads(model: Model): void {
  const detection = detectProvider(model);
  detections.set(model, detection);
  const candidates = detection.provider === 'unknown' ? CATALOG : componentsOf(detection.provider);
  for (const w of model.workloads) {
    const match = matchWorkload(w, candidates);
    const token = tokenMounted(model, w);
    const bindings = bindingsFor(model, w.namespace, w.serviceAccountName);
    const detail: ClassificationDetail = { match, tokenMounted: token, bindings };
    if (match.kind === 'impersonation') detail.impersonates = match.component.id;
    details.set(w, detail);
    w.classification = classificationOf(w, match, token, bindings);
  }
}

/** Classifies once per model; later calls are free. */
export function ensureClassified(model: Model): void {
  if (!detections.has(model)) classifyWorkloads(model);
}

export function classificationDetail(w: Workload): ClassificationDetail | undefined {
  return details.get(w);
}

/** The provider detection the classification used. */
export function providerDetection(model: Model): ProviderDetection {
  ensureClassified(model);
  return detections.get(model)!;
}

/** The catalog entry of a recognised workload. */
export function componentOf(w: Workload): CatalogComponent | undefined {
  const d = details.get(w);
  return d?.match.kind === 'recognised' ? d.match.component : undefined;
}
