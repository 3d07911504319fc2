// The state shared while the attack graph is built: the builder, the model's indexes, and vertex factories that
// give every identity, workload and hub one stable id.
import type { Model } from '../model/build.ts';
import { formatRef } from '../model/refs.ts';
import type { Provider, Workload } from '../model/types.ts';
import type { RbacIndex } from '../rbac/rbac-index.ts';
import {
  ALL_AUTHENTICATED,
  ALL_UNAUTHENTICATED,
  ANONYMOUS_USER,
  SERVICE_ACCOUNT_USERNAME_PREFIX,
} from '../rbac/subjects.ts';
import type { Subject } from '../rbac/types.ts';
import type { GraphBuilder } from './graph.ts';
import type { Vertex } from './types.ts';

/** Fan-out points; `scope` is a namespace or `*` for every namespace. */
export type HubKind = 'pod-create' | 'exec' | 'act-as' | 'ns-admin';

export const ALL_SCOPE = '*';

export interface BuildContext {
  g: GraphBuilder;
  model: Model;
  index: RbacIndex;
  provider: Provider | 'unknown';
  nodeRoot: number;
  clusterAdmin: number;
  cloudIdentity: number;
  /** Service accounts known per namespace: ServiceAccount objects, `default`, those workloads run as, binding subjects. */
  serviceAccounts: Map<string, Set<string>>;
  workloadsByNs: Map<string, Workload[]>;
  workloadIds: Map<Workload, string>;
  /** Hubs created so far, finalized (given their out-edges) at the end. */
  hubs: Map<string, { kind: HubKind; scope: string }>;
  /** Subjects (who-can subjectKey) holding `*` on `*` cluster-wide: their other grants add nothing. */
  clusterAdminSubjects: Set<string>;
  /** Namespaces where Pod Security admission enforces baseline or restricted. */
  enforced: (namespace: string) => boolean;
}

export function saId(namespace: string, name: string): string {
  return `sa:${namespace}:${name}`;
}

export function saVertex(ctx: BuildContext, namespace: string, name: string): number {
  return ctx.g.vertex(saId(namespace, name), () => ({
    kind: 'serviceaccount',
    label: `ServiceAccount ${namespace}/${name}`,
    namespace,
    ref: { apiVersion: 'v1', kind: 'ServiceAccount', namespace, name },
  }));
}

export function authenticatedVertex(ctx: BuildContext): number {
  return ctx.g.vertex('authenticated', () => ({
    kind: 'authenticated',
    label: 'any authenticated user (group system:authenticated)',
  }));
}

export function anonymousVertex(ctx: BuildContext): number {
  return ctx.g.vertex('anonymous', () => ({
    kind: 'anonymous',
    label: 'anonymous requests (user system:anonymous, group system:unauthenticated)',
  }));
}

/** The vertex acting as a binding subject: implicit groups map to the population vertices. */
export function subjectVertex(ctx: BuildContext, s: Subject): number {
  if (s.kind === 'ServiceAccount') return saVertex(ctx, s.namespace ?? '', s.name);
  if (s.kind === 'Group') {
    if (s.name === ALL_AUTHENTICATED) return authenticatedVertex(ctx);
    if (s.name === ALL_UNAUTHENTICATED) return anonymousVertex(ctx);
    return ctx.g.vertex(`group:${s.name}`, () => ({ kind: 'group', label: `Group ${s.name}` }));
  }
  if (s.name === ANONYMOUS_USER) return anonymousVertex(ctx);
  // A User subject named like a service account's username matches that service account's requests.
  if (s.name.startsWith(SERVICE_ACCOUNT_USERNAME_PREFIX)) {
    const rest = s.name.slice(SERVICE_ACCOUNT_USERNAME_PREFIX.length);
    const i = rest.indexOf(':');
    if (i > 0 && i < rest.length - 1) return saVertex(ctx, rest.slice(0, i), rest.slice(i + 1));
  }
  return ctx.g.vertex(`user:${s.name}`, () => ({ kind: 'user', label: `User ${s.name}` }));
}

export function workloadVertex(ctx: BuildContext, w: Workload): number {
  const id = ctx.workloadIds.get(w) ?? `workload:${w.namespace}/${w.name}`;
  return ctx.g.vertex(id, () => {
    const v: Omit<Vertex, 'id'> = {
      kind: 'workload',
      label: `${w.kind} ${w.namespace}/${w.name}`,
      namespace: w.namespace,
      ref: w.ref,
    };
    if (w.classification) {
      v.class = w.classification.class;
      if (w.classification.component !== undefined) v.component = w.classification.component;
    }
    return v;
  });
}

/** Workload ids `workload:ns/name`; two kinds sharing a name in one namespace get `@Kind` suffixes. */
export function assignWorkloadIds(workloads: readonly Workload[]): Map<Workload, string> {
  const count = new Map<string, number>();
  for (const w of workloads) {
    const k = `${w.namespace}/${w.name}`;
    count.set(k, (count.get(k) ?? 0) + 1);
  }
  const out = new Map<Workload, string>();
  for (const w of workloads) {
    const k = `${w.namespace}/${w.name}`;
    out.set(w, (count.get(k) ?? 0) > 1 ? `workload:${k}@${w.kind}` : `workload:${k}`);
  }
  return out;
}

const HUB_LABELS: Record<HubKind, (scope: string) => string> = {
  'pod-create': (s) =>
    s === ALL_SCOPE ? 'a pod of one’s choosing in any namespace' : `a pod of one’s choosing in namespace ${s}`,
  exec: (s) =>
    s === ALL_SCOPE ? 'code execution in any running pod' : `code execution in running pods of namespace ${s}`,
  'act-as': (s) => (s === ALL_SCOPE ? 'any service account' : `any service account of namespace ${s}`),
  'ns-admin': (s) => (s === ALL_SCOPE ? 'admin of every namespace' : `admin of namespace ${s}`),
};

export function hubVertex(ctx: BuildContext, kind: HubKind, scope: string): number {
  const id = `hub:${kind}:${scope}`;
  if (!ctx.hubs.has(id)) ctx.hubs.set(id, { kind, scope });
  return ctx.g.vertex(id, () => {
    const v: Omit<Vertex, 'id'> = { kind: 'hub', label: HUB_LABELS[kind](scope), virtual: true };
    if (scope !== ALL_SCOPE) v.namespace = scope;
    return v;
  });
}

export function nodeTokensVertex(ctx: BuildContext): number {
  return ctx.g.vertex('hub:node-tokens', () => ({
    kind: 'hub',
    label: 'service-account tokens of the pods on the node',
    virtual: true,
  }));
}

export function secretsVertex(ctx: BuildContext, scope: string): number {
  return ctx.g.vertex(`secrets:${scope}`, () => {
    const v: Omit<Vertex, 'id'> = {
      kind: 'secrets',
      label: scope === ALL_SCOPE ? 'every Secret in the cluster' : `every Secret in namespace ${scope}`,
    };
    if (scope !== ALL_SCOPE) v.namespace = scope;
    return v;
  });
}

export function configVertex(ctx: BuildContext, kind: 'ConfigMap' | 'Secret', namespace: string, name: string): number {
  const prefix = kind === 'ConfigMap' ? 'configmap' : 'secret';
  return ctx.g.vertex(`${prefix}:${namespace}/${name}`, () => ({
    kind: kind === 'ConfigMap' ? 'configmap' : 'secret',
    label: formatRef({ kind, namespace, name }).replace('/', ' '),
    namespace,
    ref: { apiVersion: 'v1', kind, namespace, name },
  }));
}

export function addServiceAccount(ctx: BuildContext, namespace: string, name: string): void {
  let set = ctx.serviceAccounts.get(namespace);
  if (!set) ctx.serviceAccounts.set(namespace, (set = new Set()));
  set.add(name);
}

/** Namespaces a scope covers. */
export function namespacesOf(ctx: BuildContext, scope: string): string[] {
  return scope === ALL_SCOPE ? [...ctx.serviceAccounts.keys()] : [scope];
}
