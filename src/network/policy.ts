// NetworkPolicy (networking.k8s.io/v1) semantics, evaluated offline.
//
// Followed:
// - kubernetes/website content/en/docs/concepts/services-networking/network-policies.md
//   (isolation per direction, additive union, to/from selector behaviour, ipBlock, endPort,
//   "NetworkPolicy and hostNetwork pods", the node exception for ingress)
// - API reference https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/
// - kubernetes/kubernetes pkg/apis/networking/v1/defaults.go (SetDefaults_NetworkPolicy: empty
//   policyTypes → Ingress, plus Egress when len(egress) != 0; port protocol defaults to TCP)
// - kubernetes/kubernetes pkg/apis/networking/validation/validation.go (peer must name exactly one
//   of ipBlock or selectors; except ⊂ cidr; endPort needs a numeric port ≤ endPort; named ports are
//   IANA service names). Objects that would fail validation are evaluated conservatively: the invalid
//   part allows nothing, and an issue says so.
//
// hostNetwork pods: the docs leave their behaviour undefined and name the most common implementation:
// they are ignored when matching podSelector/namespaceSelector and their traffic is node traffic. We
// follow that: a hostNetwork pod is never isolated, and selector peers never match it.

import type { KubeObject } from '../model/k8s.ts';
import type { ObjectRef } from '../model/types.ts';
import { cidrContains, cidrWithin, formatIp, parseCidr, parseIp, type Cidr, type IpAddress } from './cidr.ts';
import { compiledMatches, compileSelector, describeSelector, type CompiledSelector } from '../model/selectors.ts';

export type Direction = 'ingress' | 'egress';

export interface PolicyIssue {
  policy?: ObjectRef;
  /** Field path inside the policy, e.g. `spec.egress[0].to[1].ipBlock.except[0]`. */
  path: string;
  message: string;
}

export interface ContainerPortRef {
  name?: string;
  containerPort?: number;
  protocol?: string;
}

/** A pod as NetworkPolicy sees it: namespace, labels, host networking, and named ports. */
export interface PodEndpoint {
  namespace: string;
  labels: Record<string, string>;
  hostNetwork?: boolean;
  /** Container ports, for resolving named ports in policy rules. */
  ports?: ContainerPortRef[];
}

interface Traffic {
  port: number;
  /** TCP (default), UDP or SCTP. */
  protocol?: string;
}

/** An egress destination: an IP address (outside the pod network), or a pod (optionally with its IP). */
export type EgressDestination = (Traffic & { ip: string }) | (Traffic & { pod: PodEndpoint; ip?: string });

/** An ingress source: an IP address, or a pod. `port` is the destination pod's port. */
export type IngressSource =
  | (Traffic & { ip: string; fromLocalNode?: boolean })
  | (Traffic & { pod: PodEndpoint; ip?: string; fromLocalNode?: boolean });

type PortSpec =
  | { kind: 'all'; protocol: string }
  | { kind: 'range'; protocol: string; from: number; to: number }
  | { kind: 'named'; protocol: string; name: string }
  | { kind: 'invalid' };

type PeerSpec =
  | { kind: 'ipBlock'; cidr: Cidr; except: Cidr[] }
  | {
      kind: 'selector';
      /** undefined: the policy's own namespace. */
      namespaceSelector?: CompiledSelector;
      /** undefined: all pods of the selected namespaces. */
      podSelector?: CompiledSelector;
    }
  | { kind: 'invalid' };

interface RuleSpec {
  index: number;
  /** 'all': the rule has no to/from, so it matches every peer. */
  peers: PeerSpec[] | 'all';
  /** 'all': the rule has no ports, so it matches every port and protocol. */
  ports: PortSpec[] | 'all';
}

export interface IndexedPolicy {
  ref: ObjectRef;
  namespace: string;
  podSelector: CompiledSelector;
  /** Effective policyTypes after defaulting. */
  types: { ingress: boolean; egress: boolean };
  ingress: RuleSpec[];
  egress: RuleSpec[];
}

export interface NetworkIndex {
  policies: IndexedPolicy[];
  byNamespace: Map<string, IndexedPolicy[]>;
  /** Namespace labels, with `kubernetes.io/metadata.name` filled in as the control plane does. */
  namespaces: Map<string, Record<string, string>>;
  issues: PolicyIssue[];
}

export interface RuleMatch {
  policy: ObjectRef;
  direction: Direction;
  rule: number;
  /** Index in to/from, or null when the rule has none (all peers). */
  peer: number | null;
  /** Index in ports, or null when the rule has none (all ports). */
  port: number | null;
  description: string;
}

export type VerdictBasis = 'host-network' | 'local-node' | 'not-isolated' | 'allowed-by-policy' | 'denied';

export interface Verdict {
  allowed: boolean;
  reason: string;
  /** Allowed by policy: the policies whose rules allow it. Denied: the policies that isolate the pod. */
  policies: ObjectRef[];
  basis: VerdictBasis;
  /** Whether some policy applies to the pod in this direction. */
  isolated: boolean;
  matches: RuleMatch[];
  /** Implementation-defined aspects that affected the answer. */
  notes: string[];
}

const PROTOCOLS = new Set(['TCP', 'UDP', 'SCTP']);
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringRecord(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isRecord(v)) for (const [k, val] of Object.entries(v)) if (typeof val === 'string') out[k] = val;
  return out;
}

/** validation.IsValidPortName (IANA_SVC_NAME). */
function portNameValid(name: string): boolean {
  return (
    name.length >= 1 &&
    name.length <= 15 &&
    /^[-a-z0-9]+$/.test(name) &&
    /[a-z]/.test(name) &&
    !name.startsWith('-') &&
    !name.endsWith('-') &&
    !name.includes('--')
  );
}

function isPortNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 65535;
}

class IndexBuilder {
  readonly issues: PolicyIssue[] = [];
  private ref: ObjectRef | undefined;

  issue(path: string, message: string): void {
    this.issues.push(this.ref ? { policy: this.ref, path, message } : { path, message });
  }

  selector(raw: unknown, path: string): CompiledSelector {
    const compiled = compileSelector(raw);
    for (const e of compiled.errors) this.issue(path, `${e}; the selector selects nothing`);
    return compiled;
  }

  port(raw: unknown, path: string): PortSpec {
    if (!isRecord(raw)) {
      this.issue(path, 'port entry must be an object; it matches nothing');
      return { kind: 'invalid' };
    }
    const protocol = raw.protocol === undefined || raw.protocol === null ? 'TCP' : raw.protocol;
    if (typeof protocol !== 'string' || !PROTOCOLS.has(protocol)) {
      this.issue(
        `${path}.protocol`,
        `unsupported protocol ${JSON.stringify(protocol)} (TCP, UDP, SCTP); matches nothing`,
      );
      return { kind: 'invalid' };
    }
    const { port, endPort } = raw;
    const hasEnd = endPort !== undefined && endPort !== null;
    if (port === undefined || port === null) {
      if (hasEnd) {
        this.issue(`${path}.endPort`, 'must not specify endPort without port; matches nothing');
        return { kind: 'invalid' };
      }
      return { kind: 'all', protocol };
    }
    if (typeof port === 'string') {
      if (hasEnd) {
        this.issue(`${path}.endPort`, 'endPort requires a numeric port; matches nothing');
        return { kind: 'invalid' };
      }
      if (!portNameValid(port)) {
        this.issue(`${path}.port`, `${JSON.stringify(port)} is not a valid port name; matches nothing`);
        return { kind: 'invalid' };
      }
      return { kind: 'named', protocol, name: port };
    }
    if (!isPortNumber(port)) {
      this.issue(`${path}.port`, `${JSON.stringify(port)} is not a port number 1-65535; matches nothing`);
      return { kind: 'invalid' };
    }
    if (!hasEnd) return { kind: 'range', protocol, from: port, to: port };
    if (!isPortNumber(endPort) || endPort < port) {
      this.issue(
        `${path}.endPort`,
        `endPort ${JSON.stringify(endPort)} must be a port number ≥ port ${port}; matches nothing`,
      );
      return { kind: 'invalid' };
    }
    return { kind: 'range', protocol, from: port, to: endPort };
  }

  peer(raw: unknown, path: string): PeerSpec {
    if (!isRecord(raw)) {
      this.issue(path, 'peer must be an object; it matches nothing');
      return { kind: 'invalid' };
    }
    const present = (v: unknown): boolean => v !== undefined && v !== null;
    const { ipBlock, namespaceSelector, podSelector } = raw;
    if (present(ipBlock)) {
      if (present(namespaceSelector) || present(podSelector)) {
        this.issue(path, 'may not specify both ipBlock and another peer; matches nothing');
        return { kind: 'invalid' };
      }
      return this.ipBlock(ipBlock, `${path}.ipBlock`);
    }
    if (!present(namespaceSelector) && !present(podSelector)) {
      this.issue(path, 'must specify a peer; matches nothing');
      return { kind: 'invalid' };
    }
    const spec: PeerSpec = { kind: 'selector' };
    if (present(namespaceSelector))
      spec.namespaceSelector = this.selector(namespaceSelector, `${path}.namespaceSelector`);
    if (present(podSelector)) spec.podSelector = this.selector(podSelector, `${path}.podSelector`);
    return spec;
  }

  ipBlock(raw: unknown, path: string): PeerSpec {
    if (!isRecord(raw) || typeof raw.cidr !== 'string') {
      this.issue(path, 'ipBlock.cidr is required; matches nothing');
      return { kind: 'invalid' };
    }
    const cidr = parseCidr(raw.cidr);
    if (!cidr) {
      this.issue(`${path}.cidr`, `${JSON.stringify(raw.cidr)} is not a valid CIDR; matches nothing`);
      return { kind: 'invalid' };
    }
    const except: Cidr[] = [];
    if (raw.except !== undefined && raw.except !== null) {
      if (!Array.isArray(raw.except)) {
        this.issue(`${path}.except`, 'except must be a list of CIDRs; the ipBlock matches nothing');
        return { kind: 'invalid' };
      }
      let bad = false;
      (raw.except as unknown[]).forEach((e, i) => {
        const ex = typeof e === 'string' ? parseCidr(e) : undefined;
        if (!ex) {
          this.issue(`${path}.except[${i}]`, `${JSON.stringify(e)} is not a valid CIDR`);
          bad = true;
        } else if (!cidrWithin(ex, cidr) || ex.prefix <= cidr.prefix) {
          this.issue(`${path}.except[${i}]`, `${ex.text} must be a strict subset of cidr ${cidr.text}`);
          bad = true;
        } else except.push(ex);
      });
      if (bad) {
        this.issue(path, 'invalid except entries make the ipBlock invalid; it matches nothing');
        return { kind: 'invalid' };
      }
    }
    return { kind: 'ipBlock', cidr, except };
  }

  rules(raw: unknown, direction: Direction, path: string): RuleSpec[] {
    if (raw === undefined || raw === null) return [];
    if (!Array.isArray(raw)) {
      this.issue(path, `${direction} must be a list of rules; none are read`);
      return [];
    }
    const peerField = direction === 'egress' ? 'to' : 'from';
    return (raw as unknown[]).map((rule, index): RuleSpec => {
      const at = `${path}[${index}]`;
      if (!isRecord(rule)) {
        this.issue(at, 'rule must be an object; it allows nothing');
        return { index, peers: [], ports: [] };
      }
      const rawPeers = rule[peerField];
      let peers: PeerSpec[] | 'all';
      if (rawPeers === undefined || rawPeers === null || (Array.isArray(rawPeers) && rawPeers.length === 0))
        peers = 'all';
      else if (!Array.isArray(rawPeers)) {
        this.issue(`${at}.${peerField}`, `${peerField} must be a list; the rule allows nothing`);
        peers = [];
      } else peers = (rawPeers as unknown[]).map((p, i) => this.peer(p, `${at}.${peerField}[${i}]`));
      const rawPorts = rule.ports;
      let ports: PortSpec[] | 'all';
      if (rawPorts === undefined || rawPorts === null || (Array.isArray(rawPorts) && rawPorts.length === 0))
        ports = 'all';
      else if (!Array.isArray(rawPorts)) {
        this.issue(`${at}.ports`, 'ports must be a list; the rule allows nothing');
        ports = [];
      } else ports = (rawPorts as unknown[]).map((p, i) => this.port(p, `${at}.ports[${i}]`));
      return { index, peers, ports };
    });
  }

  policy(obj: KubeObject, defaultNamespace: string): IndexedPolicy | undefined {
    this.ref = undefined;
    const meta = isRecord(obj.metadata) ? obj.metadata : {};
    const name = typeof meta.name === 'string' && meta.name !== '' ? meta.name : '<unnamed>';
    const hasNamespace = typeof meta.namespace === 'string' && meta.namespace !== '';
    const namespace = hasNamespace ? (meta.namespace as string) : defaultNamespace;
    this.ref = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', namespace, name };
    if (!hasNamespace)
      this.issue('metadata.namespace', `no namespace; evaluated in ${JSON.stringify(defaultNamespace)}`);
    const spec = isRecord(obj.spec) ? obj.spec : {};
    if (obj.spec !== undefined && !isRecord(obj.spec)) this.issue('spec', 'spec must be an object; read as empty');
    // spec.podSelector is a struct, not a pointer, upstream: absent means empty, which selects every pod.
    const podSelector = this.selector(spec.podSelector ?? {}, 'spec.podSelector');
    const ingress = this.rules(spec.ingress, 'ingress', 'spec.ingress');
    const egress = this.rules(spec.egress, 'egress', 'spec.egress');
    const types = { ingress: false, egress: false };
    if (Array.isArray(spec.policyTypes) && spec.policyTypes.length > 0) {
      (spec.policyTypes as unknown[]).forEach((t, i) => {
        if (t === 'Ingress') types.ingress = true;
        else if (t === 'Egress') types.egress = true;
        else
          this.issue(
            `spec.policyTypes[${i}]`,
            `unsupported policy type ${JSON.stringify(t)} (Ingress, Egress); ignored`,
          );
      });
    } else {
      if (spec.policyTypes !== undefined && spec.policyTypes !== null && !Array.isArray(spec.policyTypes)) {
        this.issue('spec.policyTypes', 'policyTypes must be a list; defaulted');
      }
      types.ingress = true;
      types.egress = Array.isArray(spec.egress) && spec.egress.length > 0;
    }
    return { ref: this.ref, namespace, podSelector, types, ingress, egress };
  }
}

export interface NetworkIndexInput {
  /** Objects of any kind; NetworkPolicies (networking.k8s.io/v1) are read, the rest ignored. */
  policies: KubeObject[];
  namespaces: { name: string; labels?: Record<string, string> }[];
  /** Namespace assumed for a policy without one (a file applied with kubectl). Default `default`. */
  defaultNamespace?: string;
}

export function buildNetworkIndex(input: NetworkIndexInput): NetworkIndex {
  const builder = new IndexBuilder();
  const defaultNamespace = input.defaultNamespace ?? 'default';
  const policies: IndexedPolicy[] = [];
  for (const obj of Array.isArray(input.policies) ? input.policies : []) {
    if (!isRecord(obj) || obj.kind !== 'NetworkPolicy') continue;
    if (obj.apiVersion !== 'networking.k8s.io/v1') {
      builder.issue(
        'apiVersion',
        `NetworkPolicy apiVersion ${JSON.stringify(obj.apiVersion)} is not networking.k8s.io/v1; ignored`,
      );
      continue;
    }
    const p = builder.policy(obj, defaultNamespace);
    if (p) policies.push(p);
  }
  const byNamespace = new Map<string, IndexedPolicy[]>();
  for (const p of policies) {
    const list = byNamespace.get(p.namespace);
    if (list) list.push(p);
    else byNamespace.set(p.namespace, [p]);
  }
  const namespaces = new Map<string, Record<string, string>>();
  for (const ns of Array.isArray(input.namespaces) ? input.namespaces : []) {
    if (!isRecord(ns) || typeof ns.name !== 'string') continue;
    // The control plane sets this immutable label on every namespace (NamespaceDefaultLabelName, GA 1.22).
    namespaces.set(ns.name, { ...stringRecord(ns.labels), [NAMESPACE_NAME_LABEL]: ns.name });
  }
  return { policies, byNamespace, namespaces, issues: builder.issues };
}

function namespaceLabels(index: NetworkIndex, name: string): Record<string, string> {
  return index.namespaces.get(name) ?? { [NAMESPACE_NAME_LABEL]: name };
}

function refText(ref: ObjectRef): string {
  return `${ref.namespace ?? ''}/${ref.name}`;
}

function describePorts(ports: PortSpec[] | 'all'): string {
  if (ports === 'all') return 'all ports';
  return ports
    .map((p) => {
      switch (p.kind) {
        case 'all':
          return `${p.protocol}/*`;
        case 'range':
          return p.from === p.to ? `${p.protocol}/${p.from}` : `${p.protocol}/${p.from}-${p.to}`;
        case 'named':
          return `${p.protocol}/${p.name}`;
        case 'invalid':
          return '<invalid>';
      }
    })
    .join(', ');
}

function describePeer(peer: PeerSpec, policyNamespace: string): string {
  switch (peer.kind) {
    case 'invalid':
      return '<invalid peer>';
    case 'ipBlock':
      return peer.except.length === 0
        ? `ipBlock ${peer.cidr.text} (no except)`
        : `ipBlock ${peer.cidr.text} except [${peer.except.map((e) => e.text).join(', ')}]`;
    case 'selector': {
      const ns = peer.namespaceSelector
        ? `namespaces ${describeSelector(peer.namespaceSelector)}`
        : `namespace ${policyNamespace}`;
      const pods = peer.podSelector ? `pods ${describeSelector(peer.podSelector)}` : 'all pods';
      return `${pods} in ${ns}`;
    }
  }
}

interface PeerTarget {
  ip?: IpAddress;
  pod?: PodEndpoint;
}

function peerMatches(
  index: NetworkIndex,
  policy: IndexedPolicy,
  peer: PeerSpec,
  target: PeerTarget,
  notes: Set<string>,
): boolean {
  switch (peer.kind) {
    case 'invalid':
      return false;
    case 'ipBlock':
      if (!target.ip) return false;
      return cidrContains(peer.cidr, target.ip) && !peer.except.some((e) => cidrContains(e, target.ip!));
    case 'selector': {
      const pod = target.pod;
      if (!pod) return false;
      const nsOk = peer.namespaceSelector
        ? compiledMatches(peer.namespaceSelector, namespaceLabels(index, pod.namespace))
        : pod.namespace === policy.namespace;
      const podOk = peer.podSelector ? compiledMatches(peer.podSelector, stringRecord(pod.labels)) : true;
      if (nsOk && podOk && pod.hostNetwork === true) {
        notes.add(
          'the peer is a hostNetwork pod: selector peers ignore it in the most common implementation (its traffic is node traffic)',
        );
        return false;
      }
      return nsOk && podOk;
    }
  }
}

function portMatches(
  spec: PortSpec,
  port: number,
  protocol: string,
  namedPortPod: PodEndpoint | undefined,
  notes: Set<string>,
): boolean {
  switch (spec.kind) {
    case 'invalid':
      return false;
    case 'all':
      return spec.protocol === protocol;
    case 'range':
      return spec.protocol === protocol && port >= spec.from && port <= spec.to;
    case 'named': {
      if (spec.protocol !== protocol) return false;
      if (!namedPortPod) {
        notes.add(`named port ${JSON.stringify(spec.name)} resolves only against a destination pod's container ports`);
        return false;
      }
      return (namedPortPod.ports ?? []).some(
        (p) =>
          isRecord(p) &&
          p.name === spec.name &&
          p.containerPort === port &&
          (typeof p.protocol === 'string' ? p.protocol.toUpperCase() : 'TCP') === protocol,
      );
    }
  }
}

function applicable(index: NetworkIndex, pod: PodEndpoint, direction: Direction): IndexedPolicy[] {
  const labels = stringRecord(pod.labels);
  return (index.byNamespace.get(pod.namespace) ?? []).filter(
    (p) => p.types[direction] && compiledMatches(p.podSelector, labels),
  );
}

function evaluate(
  index: NetworkIndex,
  direction: Direction,
  subject: PodEndpoint,
  target: PeerTarget,
  port: number,
  protocolIn: string | undefined,
  namedPortPod: PodEndpoint | undefined,
  targetText: string,
): Verdict {
  const protocol = (protocolIn ?? 'TCP').toUpperCase();
  const notes = new Set<string>();
  const what = `${direction} ${direction === 'egress' ? 'to' : 'from'} ${targetText} ${protocol}/${port}`;
  if (subject.hostNetwork === true) {
    return {
      allowed: true,
      reason: `${what}: the pod uses the host network; NetworkPolicy does not apply to it (most common implementation)`,
      policies: [],
      basis: 'host-network',
      isolated: false,
      matches: [],
      notes: [
        'NetworkPolicy behaviour for hostNetwork pods is undefined; most plugins treat their traffic as node traffic',
      ],
    };
  }
  const policies = applicable(index, subject, direction);
  if (policies.length === 0) {
    return {
      allowed: true,
      reason: `${what}: no NetworkPolicy in namespace ${subject.namespace} selects the pod for ${direction}, so it is not isolated`,
      policies: [],
      basis: 'not-isolated',
      isolated: false,
      matches: [],
      notes: [],
    };
  }
  const matches: RuleMatch[] = [];
  for (const policy of policies) {
    for (const rule of policy[direction]) {
      const peerIdx: (number | null)[] = [];
      if (rule.peers === 'all') peerIdx.push(null);
      else rule.peers.forEach((peer, i) => peerMatches(index, policy, peer, target, notes) && peerIdx.push(i));
      if (peerIdx.length === 0) continue;
      const portIdx: (number | null)[] = [];
      if (rule.ports === 'all') portIdx.push(null);
      else rule.ports.forEach((spec, i) => portMatches(spec, port, protocol, namedPortPod, notes) && portIdx.push(i));
      if (portIdx.length === 0) continue;
      const peerField = direction === 'egress' ? 'to' : 'from';
      const peerText =
        rule.peers === 'all'
          ? `has no '${peerField}' (all ${direction === 'egress' ? 'destinations' : 'sources'})`
          : peerIdx
              .map((i) => {
                const peer = (rule.peers as PeerSpec[])[i!]!;
                const text = `${peerField}[${i!}] ${describePeer(peer, policy.namespace)}`;
                return peer.kind === 'ipBlock' && peer.except.length > 0 && target.ip
                  ? `${text}, which does not except ${formatIp(target.ip)}`
                  : text;
              })
              .join('; ');
      matches.push({
        policy: policy.ref,
        direction,
        rule: rule.index,
        peer: peerIdx[0]!,
        port: portIdx[0]!,
        description: `NetworkPolicy ${refText(policy.ref)} ${direction}[${rule.index}] ${peerText}, ${describePorts(rule.ports)}`,
      });
    }
  }
  if (matches.length > 0) {
    const refs = uniqueRefs(matches.map((m) => m.policy));
    return {
      allowed: true,
      reason: `${what}: allowed by ${matches.map((m) => m.description).join(' | ')}`,
      policies: refs,
      basis: 'allowed-by-policy',
      isolated: true,
      matches,
      notes: [...notes],
    };
  }
  return {
    allowed: false,
    reason: `${what}: denied; the pod is isolated for ${direction} by ${policies
      .map((p) => refText(p.ref))
      .join(', ')} and no rule allows it`,
    policies: policies.map((p) => p.ref),
    basis: 'denied',
    isolated: true,
    matches: [],
    notes: [...notes],
  };
}

function uniqueRefs(refs: ObjectRef[]): ObjectRef[] {
  const seen = new Set<string>();
  return refs.filter((r) => {
    const k = `${r.namespace ?? ''}/${r.name}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function targetOf(dst: { ip?: string; pod?: PodEndpoint }, notes: string[]): { target: PeerTarget; text: string } {
  const target: PeerTarget = {};
  let text = '';
  if (dst.pod) {
    target.pod = dst.pod;
    text = `pod in ${dst.pod.namespace}`;
  }
  if (typeof dst.ip === 'string') {
    const ip = parseIp(dst.ip);
    if (ip) target.ip = ip;
    else notes.push(`${JSON.stringify(dst.ip)} is not an IP address; ipBlock peers cannot match it`);
    text = text ? `${text} (${dst.ip})` : dst.ip;
  }
  return { target, text };
}

/**
 * Whether `src` may open a connection to `dst` as far as NetworkPolicy egress on `src` decides.
 * An IP destination is matched by ipBlock peers only (it is not a known pod); a pod destination by
 * selector peers, and by ipBlock peers too when its IP is given (pod IPs in ipBlock are implementation-defined).
 */
export function egressVerdict(
  index: NetworkIndex,
  src: { namespace: string; labels: Record<string, string>; hostNetwork?: boolean },
  dst: EgressDestination,
): Verdict {
  const pre: string[] = [];
  const { target, text } = targetOf(dst, pre);
  const pod = 'pod' in dst ? dst.pod : undefined;
  const v = evaluate(index, 'egress', src, target, dst.port, dst.protocol, pod, text);
  v.notes.unshift(...pre);
  return v;
}

/**
 * Whether `src` may open a connection to the pod `dst` as far as NetworkPolicy ingress on `dst`
 * decides. Named ports resolve against `dst`'s container ports. Connections from the pod's own node
 * are always allowed.
 */
export function ingressVerdict(index: NetworkIndex, dst: PodEndpoint, src: IngressSource): Verdict {
  const protocol = (src.protocol ?? 'TCP').toUpperCase();
  if (src.fromLocalNode === true && dst.hostNetwork !== true) {
    return {
      allowed: true,
      reason: `ingress from the pod's own node ${protocol}/${src.port}: always allowed`,
      policies: [],
      basis: 'local-node',
      isolated: applicable(index, dst, 'ingress').length > 0,
      matches: [],
      notes: [],
    };
  }
  const pre: string[] = [];
  const { target, text } = targetOf(src, pre);
  const v = evaluate(index, 'ingress', dst, target, src.port, src.protocol, dst, text);
  v.notes.unshift(...pre);
  return v;
}

/** A pod-to-pod connection needs both the source's egress and the destination's ingress to allow it. */
export function connectionVerdict(
  index: NetworkIndex,
  src: PodEndpoint,
  dst: PodEndpoint,
  traffic: { port: number; protocol?: string },
): { allowed: boolean; egress: Verdict; ingress: Verdict } {
  const egress = egressVerdict(index, src, { pod: dst, ...traffic });
  const ingress = ingressVerdict(index, dst, { pod: src, ...traffic });
  return { allowed: egress.allowed && ingress.allowed, egress, ingress };
}

/** Policies in a namespace that isolate the pod for a direction (select it and declare that type). */
export function isolatingPolicies(index: NetworkIndex, pod: PodEndpoint, direction: Direction): ObjectRef[] {
  if (pod.hostNetwork === true) return [];
  return applicable(index, pod, direction).map((p) => p.ref);
}
