// attackGraph(model): identities, workloads, configuration and targets joined by typed attack steps. Built once per
// model (cached like the network analysis) in time linear in objects plus RBAC queries: pods are never visited, a
// workload stands for all of its pods, and fan-outs ("any service account of namespace N") go through hub vertices.
import { ensureClassified } from '../inventory/classify.ts';
import { detectProvider } from '../inventory/provider.ts';
import type { Model } from '../model/build.ts';
import type { Provider, Workload } from '../model/types.ts';
import { parseNamespacePolicy } from '../pss/namespace.ts';
import { rbacIndexFor } from '../rbac/analyze.ts';
import {
  ALL_SCOPE,
  addServiceAccount,
  anonymousVertex,
  assignWorkloadIds,
  authenticatedVertex,
  hubVertex,
  saId,
  saVertex,
  secretsVertex,
  workloadVertex,
  type BuildContext,
} from './context.ts';
import { GraphBuilder } from './graph.ts';
import { newPodExposure, workloadExposures } from './metadata.ts';
import { addRbacEdges, legacyTokenEdges, scopeText } from './rbac-edges.ts';
import type { AttackGraph, Evidence, TargetKind } from './types.ts';
import { addNodeEdges, addWorkloadEdges, metadataStep } from './workload-edges.ts';

const CLOUD_IDENTITY_LABEL: Record<Provider | 'unknown', string> = {
  eks: 'node IAM role (EC2 instance profile, via IMDS)',
  aks: 'node managed identity (kubelet identity, via Azure IMDS)',
  gke: 'node service account (via the GCE metadata server)',
  unknown: 'node cloud identity (via the metadata API)',
};

/** Namespaces that hold the control plane's and the provider's own service accounts, never customer entries. */
const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

const cache = new WeakMap<Model, AttackGraph>();

function providerOf(model: Model): Provider | 'unknown' {
  const p = model.cluster.provider;
  if (p === 'eks' || p === 'aks' || p === 'gke') return p;
  return detectProvider(model).provider;
}

export function attackGraph(model: Model): AttackGraph {
  const hit = cache.get(model);
  if (hit) return hit;
  // Blast radius and entry breadth need the classes; the scan classifies first, a bare model is classified here.
  if (model.workloads.some((w) => w.classification === undefined)) ensureClassified(model);
  const provider = providerOf(model);
  const g = new GraphBuilder();
  const nodeRoot = g.vertex('node-root', () => ({ kind: 'node-root', label: 'root on a node' }));
  const clusterAdmin = g.vertex('cluster-admin', () => ({ kind: 'cluster-admin', label: 'cluster-admin' }));
  const cloudIdentity = g.vertex('cloud-identity', () => ({
    kind: 'cloud-identity',
    label: CLOUD_IDENTITY_LABEL[provider],
  }));

  const enforcedNs = new Map<string, boolean>();
  for (const ns of model.namespaces.values()) {
    enforcedNs.set(ns.name, parseNamespacePolicy(ns.labels).enforce.level !== 'privileged');
  }
  const workloadsByNs = new Map<string, Workload[]>();
  for (const w of model.workloads) {
    const list = workloadsByNs.get(w.namespace);
    if (list) list.push(w);
    else workloadsByNs.set(w.namespace, [w]);
  }

  const ctx: BuildContext = {
    g,
    model,
    index: rbacIndexFor(model),
    provider,
    nodeRoot,
    clusterAdmin,
    cloudIdentity,
    serviceAccounts: new Map(),
    workloadsByNs,
    workloadIds: assignWorkloadIds(model.workloads),
    hubs: new Map(),
    clusterAdminSubjects: new Set(),
    enforced: (ns) => enforcedNs.get(ns) === true,
  };
  collectServiceAccounts(ctx);

  const entries: number[] = [anonymousVertex(ctx), authenticatedVertex(ctx)];
  for (const w of model.workloads) entries.push(workloadVertex(ctx, w));

  addRbacEdges(ctx);
  addWorkloadEdges(ctx, workloadExposures(model, provider));
  addNodeEdges(ctx);
  finalizeHubs(ctx);
  legacyTokenEdges(ctx);
  for (const id of customerServiceAccounts(ctx)) entries.push(g.byId.get(id)!);
  addMembership(ctx);

  g.notes.push(
    'Nodes are not modelled one by one: root on any node reaches the tokens of DaemonSet pods (on every node) and, as an over-approximation, of any other pod that may be scheduled there.',
    'Pod Security admission is read from namespace labels; other admission controllers (Kyverno, Gatekeeper, ValidatingAdmissionPolicy) that would block privileged pods are not evaluated.',
  );
  if (provider === 'unknown') g.notes.push('Provider unknown: cloud-identity steps from the node are conditional.');
  const undeclared = [...model.namespaces.values()].filter((n) => !n.declared).length;
  if (undeclared > 0) {
    g.notes.push(
      `${undeclared} namespace(s) without a Namespace object: their Pod Security labels are unknown and taken as not enforced.`,
    );
  }

  const targets: Record<TargetKind, number> = {
    'node-root': nodeRoot,
    'cluster-admin': clusterAdmin,
    'cloud-identity': cloudIdentity,
  };
  const graph = g.freeze(targets, entries, provider);
  cache.set(model, graph);
  return graph;
}

function collectServiceAccounts(ctx: BuildContext): void {
  for (const ns of ctx.model.namespaces.keys()) addServiceAccount(ctx, ns, 'default');
  for (const so of ctx.model.byKind.get('ServiceAccount') ?? []) {
    const name = so.object.metadata.name;
    if (typeof name === 'string' && name !== '')
      addServiceAccount(ctx, so.object.metadata.namespace ?? 'default', name);
  }
  for (const w of ctx.model.workloads) addServiceAccount(ctx, w.namespace, w.serviceAccountName);
  for (const b of ctx.index.bindings) {
    for (const { subject } of b.subjects) {
      if (subject.kind === 'ServiceAccount' && subject.namespace)
        addServiceAccount(ctx, subject.namespace, subject.name);
    }
  }
}

/** Service accounts that stand for the customer: not in system namespaces and not run by provider components. */
function customerServiceAccounts(ctx: BuildContext): string[] {
  const provider = new Set<string>();
  const customerNs = new Set<string>();
  for (const w of ctx.model.workloads) {
    const cls = w.classification?.class ?? 'workload';
    if (cls === 'workload') customerNs.add(w.namespace);
    else provider.add(saId(w.namespace, w.serviceAccountName));
  }
  const out: string[] = [];
  for (const [ns, names] of [...ctx.serviceAccounts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (SYSTEM_NAMESPACES.has(ns)) continue;
    // A namespace that only runs provider components (amazon-cloudwatch, gke-managed-*) is the provider's.
    if (!customerNs.has(ns) && (ctx.workloadsByNs.get(ns)?.length ?? 0) > 0) continue;
    for (const name of [...names].sort()) {
      const id = saId(ns, name);
      if (!provider.has(id)) {
        saVertex(ctx, ns, name);
        out.push(id);
      }
    }
  }
  return out;
}

function pssEvidence(ctx: BuildContext, ns: string): Evidence {
  const info = ctx.model.namespaces.get(ns);
  const label = 'pod-security.kubernetes.io/enforce';
  const ev: Evidence = {
    type: 'pss',
    text: info?.declared
      ? `Namespace ${ns} has no ${label} label at baseline or restricted`
      : `Namespace ${ns} is not in the source: its labels are unknown`,
  };
  if (info?.declared) ev.ref = { apiVersion: 'v1', kind: 'Namespace', name: ns };
  if (info?.declared) ev.path = `metadata.labels["${label}"]`;
  return ev;
}

/** Gives every hub its out-edges. ns-admin hubs first: they lead to the other hubs. */
function finalizeHubs(ctx: BuildContext): void {
  const order = ['ns-admin', 'pod-create', 'exec', 'act-as'] as const;
  const podCreateNs: string[] = [];
  for (const kind of order) {
    for (const [id, hub] of [...ctx.hubs]) {
      if (hub.kind !== kind) continue;
      const from = ctx.g.byId.get(id)!;
      const scope = hub.scope;
      const namespaces = scope === ALL_SCOPE ? [...ctx.serviceAccounts.keys()].sort() : [scope];
      switch (kind) {
        case 'ns-admin':
          for (const [to, what, edge] of [
            [hubVertex(ctx, 'pod-create', scope), 'create pods', 'pod-create'],
            [hubVertex(ctx, 'exec', scope), 'exec into pods', 'pod-exec'],
            [hubVertex(ctx, 'act-as', scope), 'mint service-account tokens', 'token-create'],
            [secretsVertex(ctx, scope), 'read secrets', 'secrets-read'],
          ] as const) {
            ctx.g.edge(from, to, { kind: edge, weight: 0, explanation: `as admin, ${what} ${scopeText(scope)}` });
          }
          break;
        case 'pod-create': {
          for (const ns of namespaces) {
            for (const name of [...(ctx.serviceAccounts.get(ns) ?? [])].sort()) {
              ctx.g.edge(from, saVertex(ctx, ns, name), {
                kind: 'run-as',
                weight: 0,
                explanation: `a pod in ${ns} may name service account ${name} and mount its token`,
              });
            }
          }
          const open = scope === ALL_SCOPE ? openNamespace(ctx, namespaces) : ctx.enforced(scope) ? undefined : scope;
          if (open !== undefined) {
            const pss = pssEvidence(ctx, open);
            ctx.g.edge(from, ctx.nodeRoot, {
              kind: 'privileged-pod',
              weight: 0,
              explanation: `namespace ${open} does not enforce Pod Security baseline: run a privileged pod with the host's PID namespace and disk (POD_CREATE)`,
              evidence: [pss],
            });
            const unknown = ctx.provider === 'unknown';
            ctx.g.edge(from, ctx.cloudIdentity, {
              kind: 'metadata-api',
              weight: unknown ? 1 : 0,
              explanation: `namespace ${open} does not enforce Pod Security baseline: a host-network pod reaches the metadata API as the node${unknown ? ' (if the nodes run in a cloud; provider unknown)' : ''}`,
              evidence: [pss],
              ...(unknown ? { conditional: true } : {}),
            });
          } else {
            podCreateNs.push(...(scope === ALL_SCOPE ? namespaces : [scope]).map((ns) => `${id}\0${ns}`));
          }
          break;
        }
        case 'exec':
          for (const ns of scope === ALL_SCOPE ? [...ctx.workloadsByNs.keys()].sort() : [scope]) {
            for (const w of ctx.workloadsByNs.get(ns) ?? []) {
              ctx.g.edge(from, workloadVertex(ctx, w), {
                kind: 'exec-into',
                weight: 0,
                explanation: `into ${w.kind} ${w.namespace}/${w.name}`,
              });
            }
          }
          break;
        case 'act-as':
          for (const ns of namespaces) {
            for (const name of [...(ctx.serviceAccounts.get(ns) ?? [])].sort()) {
              ctx.g.edge(from, saVertex(ctx, ns, name), {
                kind: 'run-as',
                weight: 0,
                explanation: `as service account ${ns}/${name}`,
              });
            }
          }
          break;
      }
    }
  }
  // Where Pod Security keeps new pods off the host network, a new pod still reaches what NetworkPolicy allows.
  const pairs = podCreateNs.map((p) => p.split('\0') as [string, string]);
  const exposure = newPodExposure(ctx.model, ctx.provider, [...new Set(pairs.map(([, ns]) => ns))]);
  const done = new Set<string>();
  for (const [id, ns] of pairs) {
    if (done.has(id)) continue;
    const e = exposure.get(ns);
    if (!e) continue;
    done.add(id);
    metadataStep(ctx, ctx.g.byId.get(id)!, e, `a new pod in ${ns}`);
  }
}

/** The namespace to show for "some namespace without Pod Security": kube-system if open, else the first. */
function openNamespace(ctx: BuildContext, namespaces: readonly string[]): string | undefined {
  if (namespaces.includes('kube-system') && !ctx.enforced('kube-system')) return 'kube-system';
  return namespaces.find((ns) => !ctx.enforced(ns));
}

/**
 * Implicit groups: every service account is in system:serviceaccounts, system:serviceaccounts:<ns> and
 * system:authenticated; every user and group (other than system:unauthenticated) is authenticated.
 */
function addMembership(ctx: BuildContext): void {
  const g = ctx.g;
  const authenticated = authenticatedVertex(ctx);
  const allSa = g.byId.get('group:system:serviceaccounts');
  const member = (from: number, to: number, group: string): void =>
    g.edge(from, to, { kind: 'member-of', weight: 0, explanation: `is a member of ${group}` });
  for (let i = 0; i < g.vertices.length; i++) {
    const v = g.vertices[i]!;
    if (v.kind === 'serviceaccount') {
      member(i, authenticated, 'system:authenticated');
      if (allSa !== undefined) member(i, allSa, 'system:serviceaccounts');
      const nsGroup = g.byId.get(`group:system:serviceaccounts:${v.namespace ?? ''}`);
      if (nsGroup !== undefined) member(i, nsGroup, `system:serviceaccounts:${v.namespace ?? ''}`);
    } else if (v.kind === 'user' || v.kind === 'group') {
      member(i, authenticated, 'system:authenticated');
    }
  }
}
