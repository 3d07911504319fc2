// What the cluster model tells the audit analysis: which workloads (and so which catalog components) run as each
// service account, which pod a bound token belongs to, the node and pod addresses a service-account token is
// expected to come from, and the config maps that middleware consumes. Built once, before reading the logs.
import { classify } from '../analyze.ts';
import { findComponent } from '../knowledge/catalog/index.ts';
import type { Model } from '../model/build.ts';
import type { KubeObject } from '../model/k8s.ts';
import { formatRef } from '../model/refs.ts';
import type { ComponentClass, Provider, Workload } from '../model/types.ts';
import { parseCidr, parseIp, type Cidr } from '../network/cidr.ts';
import { normalizeRule } from '../rbac/objects.ts';
import type { PolicyRule } from '../rbac/types.ts';
import { serviceAccountUsername } from '../rbac/subjects.ts';

export interface WorkloadInfo {
  /** `DaemonSet/kube-system/aws-node`. */
  ref: string;
  namespace: string;
  class: ComponentClass;
  /** Catalog component id (`eks/aws-node`) for middleware and core components the catalog knows. */
  component?: string;
}

export interface IdentityInfo {
  username: string;
  namespace: string;
  name: string;
  workloads: WorkloadInfo[];
  /** The first catalog component among the workloads, and its class: what the account is for. */
  component?: string;
  class?: ComponentClass;
  /** Every catalog component (not customer workload) that runs as this account. */
  components: string[];
}

export interface KnownNetworks {
  /** Node addresses and pod IPs seen in the model. */
  ips: Set<string>;
  /** Node pod CIDRs. */
  cidrs: Cidr[];
  /** False when nodes carry no pod CIDR (EKS VPC CNI): a private address outside the known ones proves nothing. */
  podCidrsKnown: boolean;
}

export interface ConfigMapConsumers {
  components: string[];
  workloads: string[];
}

export interface AuditContext {
  provider?: Provider;
  /** Service-account username → what runs as it. */
  identities: ReadonlyMap<string, IdentityInfo>;
  /** `<namespace>/<pod>` → its workload. */
  pods: ReadonlyMap<string, WorkloadInfo>;
  networks: KnownNetworks;
  /** `<namespace>/<name>` of config maps that middleware reads → the consuming components and their workloads. */
  middlewareConfigMaps: ReadonlyMap<string, ConfigMapConsumers>;
  /** The RBAC rules each catalog component ships with (its expected baseline). */
  shippedRules: ReadonlyMap<string, PolicyRule[]>;
}

export function emptyContext(): AuditContext {
  return {
    identities: new Map(),
    pods: new Map(),
    networks: { ips: new Set(), cidrs: [], podCidrsKnown: false },
    middlewareConfigMaps: new Map(),
    shippedRules: new Map(),
  };
}

function workloadInfo(w: Workload): WorkloadInfo {
  const info: WorkloadInfo = {
    ref: formatRef(w.ref),
    namespace: w.namespace,
    class: w.classification?.class ?? 'workload',
  };
  if (w.classification?.component !== undefined) info.component = w.classification.component;
  return info;
}

function record(x: unknown): Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : {};
}

function controllerOf(obj: KubeObject): { kind: string; name: string } | undefined {
  const refs = Array.isArray(obj.metadata.ownerReferences) ? obj.metadata.ownerReferences : [];
  const owner = refs.find((r) => r.controller === true) ?? refs[0];
  return owner?.kind !== undefined && owner.name !== undefined ? { kind: owner.kind, name: owner.name } : undefined;
}

/** Pods to their workload through owner references (Pod → ReplicaSet → Deployment, Pod → Job → CronJob). */
function podWorkloads(model: Model, byRef: Map<string, WorkloadInfo>): Map<string, WorkloadInfo> {
  const controllers = new Map<string, KubeObject>();
  for (const kind of ['ReplicaSet', 'Job', 'Deployment', 'CronJob', 'DaemonSet', 'StatefulSet']) {
    for (const so of model.byKind.get(kind) ?? []) {
      controllers.set(`${kind}/${so.object.metadata.namespace ?? ''}/${so.object.metadata.name ?? ''}`, so.object);
    }
  }
  const out = new Map<string, WorkloadInfo>();
  for (const so of model.byKind.get('Pod') ?? []) {
    const ns = so.object.metadata.namespace ?? 'default';
    const pod = so.object.metadata.name ?? '';
    let owner = controllerOf(so.object);
    let found = byRef.get(`Pod/${ns}/${pod}`);
    for (let depth = 0; depth < 4 && owner !== undefined && found === undefined; depth++) {
      found = byRef.get(`${owner.kind}/${ns}/${owner.name}`);
      const parent = controllers.get(`${owner.kind}/${ns}/${owner.name}`);
      owner = parent === undefined ? undefined : controllerOf(parent);
    }
    if (found === undefined) {
      // Owner absent from the model: a ReplicaSet named <deployment>-<hash> still names its Deployment.
      const first = controllerOf(so.object);
      const hash = so.object.metadata.labels?.['pod-template-hash'];
      if (first?.kind === 'ReplicaSet' && hash !== undefined && first.name.endsWith(`-${hash}`)) {
        found = byRef.get(`Deployment/${ns}/${first.name.slice(0, -hash.length - 1)}`);
      }
    }
    if (found !== undefined) out.set(`${ns}/${pod}`, found);
  }
  return out;
}

function knownNetworks(model: Model): KnownNetworks {
  const ips = new Set<string>();
  const cidrs: Cidr[] = [];
  let nodesWithCidr = 0;
  const addIp = (v: unknown): void => {
    if (typeof v === 'string' && parseIp(v) !== undefined) ips.add(v);
  };
  for (const so of model.nodes) {
    const spec = record(so.object.spec);
    const status = record(so.object.status);
    for (const a of Array.isArray(status.addresses) ? status.addresses : []) addIp(record(a).address);
    const ranges = new Set<string>();
    if (typeof spec.podCIDR === 'string') ranges.add(spec.podCIDR);
    for (const c of Array.isArray(spec.podCIDRs) ? spec.podCIDRs : []) if (typeof c === 'string') ranges.add(c);
    for (const c of ranges) {
      const cidr = parseCidr(c);
      if (cidr !== undefined) cidrs.push(cidr);
    }
    if (ranges.size > 0) nodesWithCidr++;
  }
  for (const so of model.byKind.get('Pod') ?? []) {
    const status = record(so.object.status);
    addIp(status.podIP);
    addIp(status.hostIP);
    for (const p of Array.isArray(status.podIPs) ? status.podIPs : []) addIp(record(p).ip);
  }
  return { ips, cidrs, podCidrsKnown: model.nodes.length > 0 && nodesWithCidr === model.nodes.length };
}

export function auditContextFor(model: Model): AuditContext {
  classify(model);
  const identities = new Map<string, IdentityInfo>();
  const byRef = new Map<string, WorkloadInfo>();
  const middlewareConfigMaps = new Map<string, ConfigMapConsumers>();
  const shippedRules = new Map<string, PolicyRule[]>();
  for (const w of model.workloads) {
    const info = workloadInfo(w);
    byRef.set(`${w.kind}/${w.namespace}/${w.name}`, info);
    const username = serviceAccountUsername(w.namespace, w.serviceAccountName || 'default');
    let id = identities.get(username);
    if (id === undefined) {
      id = { username, namespace: w.namespace, name: w.serviceAccountName || 'default', workloads: [], components: [] };
      identities.set(username, id);
    }
    id.workloads.push(info);
    if (info.component !== undefined && info.class !== 'workload') {
      if (!id.components.includes(info.component)) id.components.push(info.component);
      if (id.component === undefined) {
        id.component = info.component;
        id.class = info.class;
      }
    }
    const component = info.component === undefined ? undefined : findComponent(info.component);
    if (component !== undefined && info.class !== 'workload') {
      for (const cm of component.configMaps ?? []) {
        const key = `${w.namespace}/${cm.name}`;
        const consumers = middlewareConfigMaps.get(key) ?? { components: [], workloads: [] };
        if (!consumers.components.includes(component.id)) consumers.components.push(component.id);
        consumers.workloads.push(info.ref);
        middlewareConfigMaps.set(key, consumers);
      }
      if (component.rbac !== undefined && !shippedRules.has(component.id)) {
        shippedRules.set(
          component.id,
          component.rbac.flatMap((r) => r.rules.map((rule) => normalizeRule(rule))),
        );
      }
    }
  }
  for (const id of identities.values()) {
    if (id.class === undefined && id.workloads.length > 0) id.class = id.workloads[0]!.class;
  }
  const ctx: AuditContext = {
    identities,
    pods: podWorkloads(model, byRef),
    networks: knownNetworks(model),
    middlewareConfigMaps,
    shippedRules,
  };
  const provider = model.cluster.provider;
  if (provider !== undefined && provider !== 'unknown') ctx.provider = provider;
  return ctx;
}
