// Which workloads can reach their node's cloud metadata and credential endpoints, and why; and a
// NetworkPolicy that takes the endpoints away from one namespace without cutting anything else.
//
// Reachability is NetworkPolicy egress (policy.ts) plus the provider protections documented in
// knowledge/metadata-endpoints.ts. Neither covers hostNetwork pods: they use the node's network stack.

import {
  endpointsFor,
  protectionsFor,
  type EndpointSensitivity,
  type MetadataEndpoint,
  type ProviderProtection,
} from '../knowledge/metadata-endpoints.ts';
import type { KubeObject } from '../model/k8s.ts';
import type { ObjectRef, Provider } from '../model/types.ts';
import { hostCidr, parseIp } from './cidr.ts';
import { egressVerdict, isolatingPolicies, type NetworkIndex, type Verdict } from './policy.ts';

export interface ExposureWorkload {
  ref: ObjectRef;
  namespace: string;
  /** Pod template labels. */
  labels: Record<string, string>;
  hostNetwork?: boolean;
  /** Labels of a node the workload runs on (or is pinned to), when known. */
  nodeLabels?: Record<string, string>;
}

export type ProtectionStatus = 'applies' | 'not-applied' | 'unknown';

export interface ProtectionAssessment {
  id: string;
  title: string;
  effect: ProviderProtection['effect'];
  status: ProtectionStatus;
  why: string;
}

export type Exposed = 'yes' | 'no' | 'conditional';

export interface EndpointExposure {
  endpoint: string;
  name: string;
  address: string;
  port: number;
  protocol: 'TCP';
  sensitivity: EndpointSensitivity;
  /** NetworkPolicy lets the pod open the connection (on at least one evaluation of the destination). */
  reachable: boolean;
  /** yes: reachable and no protection stops it; conditional: depends on node configuration we cannot see. */
  exposed: Exposed;
  /** Why, first the network answer, then the protections. */
  reasons: string[];
  /** Policies that allowed it (reachable) or that isolate the pod (not reachable). */
  policies: ObjectRef[];
  protections: ProtectionAssessment[];
}

export interface WorkloadExposure {
  ref: ObjectRef;
  namespace: string;
  hostNetwork: boolean;
  /** Some NetworkPolicy isolates the pod for egress. */
  egressIsolated: boolean;
  endpoints: EndpointExposure[];
}

export interface NamespaceExposure {
  namespace: string;
  workloads: number;
  hostNetworkWorkloads: number;
  egressIsolatedWorkloads: number;
  /** Workloads with a node-credential or node-provisioning endpoint exposed `yes`. */
  exposedWorkloads: number;
  /** Workloads with such an endpoint `conditional` and none `yes`. */
  conditionalWorkloads: number;
  byEndpoint: Record<string, Record<Exposed, number>>;
}

export interface MetadataExposureResult {
  provider: Provider | 'unknown';
  endpoints: MetadataEndpoint[];
  workloads: WorkloadExposure[];
  namespaces: NamespaceExposure[];
}

const NODE_SENSITIVE: ReadonlySet<EndpointSensitivity> = new Set(['node-credentials', 'node-provisioning']);

function assessProtection(p: ProviderProtection, w: ExposureWorkload): ProtectionAssessment {
  const base = { id: p.id, title: p.title, effect: p.effect };
  if (w.hostNetwork === true && !p.coversHostNetwork) {
    return { ...base, status: 'not-applied', why: `${p.title} does not cover hostNetwork pods` };
  }
  const c = p.applies;
  switch (c.kind) {
    case 'always':
      return { ...base, status: 'applies', why: `${p.title} applies on the provider's default nodes` };
    case 'nodeLabel': {
      if (!w.nodeLabels)
        return { ...base, status: 'unknown', why: `${p.title}: node labels unknown (needs ${c.key}=${c.value})` };
      return w.nodeLabels[c.key] === c.value
        ? { ...base, status: 'applies', why: `${p.title} applies: node has ${c.key}=${c.value}` }
        : { ...base, status: 'not-applied', why: `${p.title} is off: node lacks ${c.key}=${c.value}` };
    }
    case 'nodeImageOnOrAfter': {
      const version = w.nodeLabels?.[c.label];
      const m = typeof version === 'string' ? /(\d{4})(\d{2})\.\d{2}\.\d+$/.exec(version) : null;
      if (!m)
        return {
          ...base,
          status: 'unknown',
          why: `${p.title}: node image version unknown (needs ${c.month} or later)`,
        };
      const month = `${m[1]!}-${m[2]!}`;
      return month >= c.month
        ? { ...base, status: 'applies', why: `${p.title} applies: node image ${version!} is ${c.month} or later` }
        : { ...base, status: 'not-applied', why: `${p.title} is missing: node image ${version!} predates ${c.month}` };
    }
    case 'nodeConfig': {
      const dflt =
        c.default === 'on' ? 'on by default' : c.default === 'off' ? 'off by default' : 'default disputed in the docs';
      return {
        ...base,
        status: 'unknown',
        why: `${p.title}: depends on ${c.setting} (${dflt}), not visible in the Kubernetes API`,
      };
    }
  }
}

function networkWhy(v: Verdict, target: string): string {
  switch (v.basis) {
    case 'host-network':
      return `host network bypasses NetworkPolicy: the pod reaches ${target} from the node's network stack`;
    case 'not-isolated':
      return `no egress NetworkPolicy selects the pod, so ${target} is reachable`;
    case 'allowed-by-policy':
      return `${target} allowed by ${v.matches.map((m) => m.description).join(' | ')}`;
    case 'denied':
      return `${target} denied: egress is isolated by ${v.policies
        .map((p) => `${p.namespace ?? ''}/${p.name}`)
        .join(', ')} and no rule allows it`;
    case 'local-node':
      return v.reason;
  }
}

function exposeEndpoint(
  index: NetworkIndex,
  w: ExposureWorkload,
  e: MetadataEndpoint,
  protections: ProviderProtection[],
): EndpointExposure {
  const src = { namespace: w.namespace, labels: w.labels, hostNetwork: w.hostNetwork === true };
  const targets = [{ address: e.address, port: e.port, when: '' }, ...(e.alsoEvaluatedAs ?? [])];
  const verdicts = targets.map((t) => ({
    t,
    v: egressVerdict(index, src, { ip: t.address, port: t.port, protocol: e.protocol }),
  }));
  const reachable = verdicts.some(({ v }) => v.allowed);
  const reasons = verdicts.map(({ t, v }) => {
    const why = networkWhy(v, `${t.address}:${t.port}`);
    return t.when ? `${why} (evaluated as ${t.address}:${t.port} when ${t.when})` : why;
  });
  const policyRefs = new Map<string, ObjectRef>();
  for (const { v } of verdicts) {
    if (v.allowed !== reachable) continue;
    for (const r of v.policies) policyRefs.set(`${r.namespace ?? ''}/${r.name}`, r);
  }
  const assessed = protections.filter((p) => p.endpoints.includes(e.id)).map((p) => assessProtection(p, w));
  let exposed: Exposed;
  if (!reachable) exposed = 'no';
  else if (assessed.some((a) => a.status === 'applies')) {
    exposed = 'no';
  } else {
    const likely = assessed.filter((a) => {
      if (a.status !== 'unknown') return false;
      const p = protections.find((x) => x.id === a.id)!;
      return p.applies.kind !== 'nodeConfig' || p.applies.default !== 'off';
    });
    exposed = likely.length > 0 ? 'conditional' : 'yes';
  }
  if (reachable)
    for (const a of assessed) reasons.push(a.status === 'applies' ? `provider protection ${a.why}` : a.why);
  return {
    endpoint: e.id,
    name: e.name,
    address: e.address,
    port: e.port,
    protocol: e.protocol,
    sensitivity: e.sensitivity,
    reachable,
    exposed,
    reasons,
    policies: [...policyRefs.values()],
    protections: assessed,
  };
}

/** Per workload and endpoint: reachable or not and why, with a per-namespace summary. */
export function metadataExposure(input: {
  provider: Provider | 'unknown';
  workloads: ExposureWorkload[];
  index: NetworkIndex;
}): MetadataExposureResult {
  const endpoints = endpointsFor(input.provider);
  const protections = protectionsFor(input.provider);
  const workloads: WorkloadExposure[] = input.workloads.map((w) => ({
    ref: w.ref,
    namespace: w.namespace,
    hostNetwork: w.hostNetwork === true,
    egressIsolated:
      isolatingPolicies(input.index, { namespace: w.namespace, labels: w.labels, hostNetwork: w.hostNetwork }, 'egress')
        .length > 0,
    endpoints: endpoints.map((e) => exposeEndpoint(input.index, w, e, protections)),
  }));
  const summaries = new Map<string, NamespaceExposure>();
  for (const w of workloads) {
    let s = summaries.get(w.namespace);
    if (!s) {
      s = {
        namespace: w.namespace,
        workloads: 0,
        hostNetworkWorkloads: 0,
        egressIsolatedWorkloads: 0,
        exposedWorkloads: 0,
        conditionalWorkloads: 0,
        byEndpoint: Object.fromEntries(endpoints.map((e) => [e.id, { yes: 0, no: 0, conditional: 0 }])),
      };
      summaries.set(w.namespace, s);
    }
    s.workloads++;
    if (w.hostNetwork) s.hostNetworkWorkloads++;
    if (w.egressIsolated) s.egressIsolatedWorkloads++;
    const sensitive = w.endpoints.filter((e) => NODE_SENSITIVE.has(e.sensitivity));
    if (sensitive.some((e) => e.exposed === 'yes')) s.exposedWorkloads++;
    else if (sensitive.some((e) => e.exposed === 'conditional')) s.conditionalWorkloads++;
    for (const e of w.endpoints) s.byEndpoint[e.endpoint]![e.exposed]++;
  }
  return {
    provider: input.provider,
    endpoints,
    workloads,
    namespaces: [...summaries.values()].sort((a, b) =>
      a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : 0,
    ),
  };
}

export const METADATA_BLOCK_POLICY_NAME = 'kubeseam-deny-cloud-metadata';

/**
 * A NetworkPolicy that isolates every pod of `namespace` for egress and allows everything except the
 * provider's metadata endpoints: all IPv4 and IPv6 addresses except the endpoints' /32 and /128, all
 * pods in all namespaces (pod-to-pod traffic and cluster DNS do not depend on how the plugin treats pod
 * IPs in ipBlock), and the other services that share an endpoint's address (Azure DNS on 168.63.129.16).
 * `allowEndpoints` leaves endpoints reachable by id (for example `eks-pod-identity-agent`, which pods
 * using EKS Pod Identity need).
 */
export function generateMetadataBlockPolicy(
  namespace: string,
  provider: Provider | 'unknown',
  options: { allowEndpoints?: string[]; name?: string } = {},
): KubeObject {
  const allowed = new Set(options.allowEndpoints ?? []);
  const all = endpointsFor(provider);
  const keep = new Set(all.filter((e) => allowed.has(e.id)).map((e) => e.address));
  const blocked = all.filter((e) => !allowed.has(e.id));
  const byCidr = new Map<string, { family: 4 | 6; labels: string[] }>();
  const add = (address: string, label: string): void => {
    if (keep.has(address)) return;
    const ip = parseIp(address);
    if (!ip) return;
    const cidr = hostCidr(ip);
    const entry = byCidr.get(cidr) ?? { family: ip.family, labels: [] };
    if (!entry.labels.includes(label)) entry.labels.push(label);
    byCidr.set(cidr, entry);
  };
  for (const e of blocked) {
    add(e.address, `${e.id}:${e.port}`);
    for (const alt of e.alsoEvaluatedAs ?? []) add(alt.address, `${e.id} after DNAT to ${alt.address}:${alt.port}`);
  }
  const except4 = [...byCidr].filter(([, v]) => v.family === 4).map(([c]) => c);
  const except6 = [...byCidr].filter(([, v]) => v.family === 6).map(([c]) => c);
  const ipv4: Record<string, unknown> = { cidr: '0.0.0.0/0' };
  if (except4.length > 0) ipv4.except = except4;
  const ipv6: Record<string, unknown> = { cidr: '::/0' };
  if (except6.length > 0) ipv6.except = except6;

  const egress: Record<string, unknown>[] = [{ to: [{ ipBlock: ipv4 }, { ipBlock: ipv6 }, { namespaceSelector: {} }] }];
  // Services sharing a blocked address, re-allowed on their own ports only.
  const shared = new Map<string, { protocol: string; port: number }[]>();
  for (const e of blocked) {
    const ip = parseIp(e.address);
    if (!ip || keep.has(e.address)) continue;
    for (const s of e.sharedWith ?? []) {
      const cidr = hostCidr(ip);
      const list = shared.get(cidr) ?? [];
      if (!list.some((x) => x.protocol === s.protocol && x.port === s.port))
        list.push({ protocol: s.protocol, port: s.port });
      shared.set(cidr, list);
    }
  }
  for (const [cidr, ports] of shared) egress.push({ to: [{ ipBlock: { cidr } }], ports });

  const blockedText = [...byCidr].map(([cidr, v]) => `${cidr} (${v.labels.join(', ')})`).join('; ');
  const sharedText = [...shared].map(
    ([cidr, ports]) => `${cidr} ${ports.map((p) => `${p.protocol}/${p.port}`).join(',')}`,
  );
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: {
      name: options.name ?? METADATA_BLOCK_POLICY_NAME,
      namespace,
      labels: { 'app.kubernetes.io/managed-by': 'kubeseam' },
      annotations: {
        'kubeseam.io/purpose': `Stops pods in ${namespace} from reaching the ${provider === 'unknown' ? 'cloud' : provider.toUpperCase()} metadata and credential endpoints, which hand out the node's cloud identity or provisioning secrets. All other egress stays allowed.`,
        'kubeseam.io/blocked': blockedText,
        ...(sharedText.length > 0 ? { 'kubeseam.io/still-allowed': `shared services: ${sharedText.join('; ')}` } : {}),
        'kubeseam.io/caveats':
          'NetworkPolicies are additive: another policy selecting these pods that allows these addresses keeps them reachable. hostNetwork pods are not affected by NetworkPolicy. Pods that use a blocked credential endpoint by design (EKS Pod Identity, GKE Workload Identity) lose it; regenerate with those endpoints allowed if needed.',
      },
    },
    spec: {
      podSelector: {},
      policyTypes: ['Egress'],
      egress,
    },
  };
}
