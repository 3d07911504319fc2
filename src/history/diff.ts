import { SEVERITIES } from '../checks/types.ts';
import type { ScanResult } from '../result.ts';

// What changed between two scans of one cluster. Pure: both results may come from files written by other
// versions, so every field is read defensively, and optional sections (nodes, attack paths) are used when present.

export interface ResourceKey {
  apiVersion?: string;
  kind: string;
  namespace?: string;
  name: string;
}

export type PrivilegeKind =
  | 'privileged'
  | 'hostPID'
  | 'hostIPC'
  | 'hostNetwork'
  | 'capability'
  | 'hostPath'
  | 'hostPort'
  | 'automountToken'
  | 'runsAsRoot';

export interface PrivilegeChange {
  kind: PrivilegeKind;
  /** `writable` and `read-only`: a host path mount that stayed but changed its readOnly flag. */
  change: 'added' | 'removed' | 'writable' | 'read-only';
  /** What changed: the container, capability, host path or port. */
  detail: string;
  container?: string;
  /** True when the change grants more than before. */
  escalation: boolean;
}

export interface ImageChange {
  added: string[];
  removed: string[];
  /** Same repository, another tag or digest. */
  updated: { from: string; to: string }[];
}

export interface ComponentSummary {
  key: string;
  resource: ResourceKey;
  class: string;
  provider?: string;
  component?: string;
  images: string[];
  /** For an added component, what it holds; for a removed one, what went away. */
  privileges: PrivilegeChange[];
}

export interface ComponentChange {
  key: string;
  resource: ResourceKey;
  classChange?: { from: string; to: string };
  images?: ImageChange;
  privileges: PrivilegeChange[];
}

export interface FindingSummary {
  fingerprint: string;
  checkId: string;
  severity: string;
  status: string;
  resource: ResourceKey;
  path: string;
  message: string;
}

export interface NodeFacts {
  name: string;
  kubeletVersion?: string;
  osImage?: string;
  nodeImage?: string;
  kernelVersion?: string;
  containerRuntimeVersion?: string;
}

export type NodeField = Exclude<keyof NodeFacts, 'name'>;

export interface NodeDiff {
  added: string[];
  removed: string[];
  changed: { name: string; field: NodeField; from?: string; to?: string }[];
  /** Count of nodes per kubelet version and per node image, before and after: the fleet-level view. */
  kubeletVersions: { from: Record<string, number>; to: Record<string, number> };
  nodeImages: { from: Record<string, number>; to: Record<string, number> };
}

export interface PathSummary {
  key: string;
  title?: string;
  severity?: string;
}

export interface ScanDiff {
  from: { scannedAt: string; toolVersion: string; cluster?: string };
  to: { scannedAt: string; toolVersion: string; cluster?: string };
  cluster: {
    version?: { from?: string; to?: string };
    provider?: { from?: string; to?: string };
  };
  /** Present when either scan lists nodes. */
  nodes?: NodeDiff;
  components: { added: ComponentSummary[]; removed: ComponentSummary[]; changed: ComponentChange[] };
  findings: {
    new: FindingSummary[];
    resolved: FindingSummary[];
    severityChanged: (FindingSummary & { fromSeverity: string })[];
    statusChanged: (FindingSummary & { fromStatus: string })[];
  };
  /** Present when either scan has attack paths. */
  paths?: { new: PathSummary[]; resolved: PathSummary[] };
  totals: {
    componentsAdded: number;
    componentsRemoved: number;
    componentsChanged: number;
    privilegeEscalations: number;
    findingsNew: number;
    findingsResolved: number;
    severityChanged: number;
    pathsNew: number;
  };
  /** True when nothing at all changed. */
  empty: boolean;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const optStr = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const strings = (v: unknown): string[] => arr(v).filter((x): x is string => typeof x === 'string');
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function resourceOf(v: unknown): ResourceKey {
  const r = obj(v);
  const out: ResourceKey = { kind: str(r.kind), name: str(r.name) };
  const apiVersion = optStr(r.apiVersion);
  const namespace = optStr(r.namespace);
  if (apiVersion !== undefined) out.apiVersion = apiVersion;
  if (namespace !== undefined) out.namespace = namespace;
  return out;
}

/** Components are matched by kind, namespace and name (not apiVersion: a move to a new API version is no change). */
export function componentKey(r: ResourceKey): string {
  return `${r.kind}/${r.namespace ?? ''}/${r.name}`;
}

// ---- privileges ----

interface Privileges {
  privileged: string[];
  hostPID: boolean;
  hostIPC: boolean;
  hostNetwork: boolean;
  capabilities: Map<string, string[]>;
  hostPaths: Map<string, { path: string; container?: string; mountPath?: string; readOnly: boolean }>;
  hostPorts: number[];
  automountToken: boolean;
  runsAsRoot: string[];
}

function privilegesOf(v: unknown): Privileges {
  const p = obj(v);
  const capabilities = new Map<string, string[]>();
  for (const c of arr(p.capabilities)) {
    const co = obj(c);
    const name = str(co.container);
    capabilities.set(name, [...(capabilities.get(name) ?? []), ...strings(co.add)]);
  }
  const hostPaths: Privileges['hostPaths'] = new Map();
  for (const h of arr(p.hostPaths)) {
    const ho = obj(h);
    const path = str(ho.path);
    const container = optStr(ho.container);
    const mountPath = optStr(ho.mountPath);
    // Identity of a mount: host path, container and mount point; the volume's name is incidental.
    const key = `${path}\0${container ?? ''}\0${mountPath ?? ''}`;
    const entry: { path: string; container?: string; mountPath?: string; readOnly: boolean } = {
      path,
      readOnly: ho.readOnly === true,
    };
    if (container !== undefined) entry.container = container;
    if (mountPath !== undefined) entry.mountPath = mountPath;
    const prev = hostPaths.get(key);
    // The same mount listed twice is writable if any listing is.
    hostPaths.set(key, prev ? { ...entry, readOnly: prev.readOnly && entry.readOnly } : entry);
  }
  return {
    privileged: strings(p.privileged),
    hostPID: p.hostPID === true,
    hostIPC: p.hostIPC === true,
    hostNetwork: p.hostNetwork === true,
    capabilities,
    hostPaths,
    hostPorts: arr(p.hostPorts).filter((x): x is number => typeof x === 'number'),
    // Absent means Kubernetes' default: the token is mounted.
    automountToken: p.automountToken !== false,
    runsAsRoot: strings(p.runsAsRoot),
  };
}

const NO_PRIVILEGES: Privileges = {
  privileged: [],
  hostPID: false,
  hostIPC: false,
  hostNetwork: false,
  capabilities: new Map(),
  hostPaths: new Map(),
  hostPorts: [],
  automountToken: false,
  runsAsRoot: [],
};

function setDiff<T>(a: readonly T[], b: readonly T[]): { added: T[]; removed: T[] } {
  const sa = new Set(a);
  const sb = new Set(b);
  return { added: [...sb].filter((x) => !sa.has(x)), removed: [...sa].filter((x) => !sb.has(x)) };
}

export function diffPrivileges(before: unknown, after: unknown): PrivilegeChange[] {
  return privilegeChanges(privilegesOf(before), privilegesOf(after));
}

function privilegeChanges(a: Privileges, b: Privileges): PrivilegeChange[] {
  const out: PrivilegeChange[] = [];
  const addRemove = (kind: PrivilegeKind, d: { added: string[]; removed: string[] }, container?: string): void => {
    for (const x of d.added.sort(byText))
      out.push(withContainer({ kind, change: 'added', detail: x, escalation: true }, container));
    for (const x of d.removed.sort(byText))
      out.push(withContainer({ kind, change: 'removed', detail: x, escalation: false }, container));
  };
  addRemove('privileged', setDiff(a.privileged, b.privileged));
  for (const ns of ['hostPID', 'hostIPC', 'hostNetwork'] as const) {
    if (a[ns] !== b[ns]) out.push({ kind: ns, change: b[ns] ? 'added' : 'removed', detail: ns, escalation: b[ns] });
  }
  const containers = [...new Set([...a.capabilities.keys(), ...b.capabilities.keys()])].sort(byText);
  for (const c of containers) {
    addRemove('capability', setDiff(a.capabilities.get(c) ?? [], b.capabilities.get(c) ?? []), c);
  }
  const mounts = [...new Set([...a.hostPaths.keys(), ...b.hostPaths.keys()])].sort(byText);
  for (const k of mounts) {
    const x = a.hostPaths.get(k);
    const y = b.hostPaths.get(k);
    const m = (y ?? x)!;
    const base = { kind: 'hostPath' as const, detail: m.path };
    if (!x && y) out.push(withContainer({ ...base, change: 'added', escalation: true }, y.container));
    else if (x && !y) out.push(withContainer({ ...base, change: 'removed', escalation: false }, x.container));
    else if (x && y && x.readOnly !== y.readOnly) {
      out.push(
        withContainer({ ...base, change: y.readOnly ? 'read-only' : 'writable', escalation: !y.readOnly }, y.container),
      );
    }
  }
  const ports = setDiff(a.hostPorts, b.hostPorts);
  for (const p of ports.added.sort((m, n) => m - n))
    out.push({ kind: 'hostPort', change: 'added', detail: String(p), escalation: true });
  for (const p of ports.removed.sort((m, n) => m - n))
    out.push({ kind: 'hostPort', change: 'removed', detail: String(p), escalation: false });
  if (a.automountToken !== b.automountToken) {
    out.push({
      kind: 'automountToken',
      change: b.automountToken ? 'added' : 'removed',
      detail: 'service account token',
      escalation: b.automountToken,
    });
  }
  addRemove('runsAsRoot', setDiff(a.runsAsRoot, b.runsAsRoot));
  return out;
}

function withContainer(c: PrivilegeChange, container: string | undefined): PrivilegeChange {
  // Per-container kinds name the container in `detail` already.
  if (container === undefined || c.kind === 'privileged' || c.kind === 'runsAsRoot') return c;
  return { ...c, container };
}

// ---- images ----

/** `registry/repo` of an image reference, without tag or digest. */
export function imageRepository(image: string): string {
  const noDigest = image.split('@')[0] ?? image;
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  return colon > slash ? noDigest.slice(0, colon) : noDigest;
}

export function diffImages(before: readonly string[], after: readonly string[]): ImageChange | undefined {
  const { added, removed } = setDiff(before, after);
  if (added.length === 0 && removed.length === 0) return undefined;
  const updated: { from: string; to: string }[] = [];
  const byRepo = (list: string[]): Map<string, string[]> => {
    const m = new Map<string, string[]>();
    for (const i of list) m.set(imageRepository(i), [...(m.get(imageRepository(i)) ?? []), i]);
    return m;
  };
  const addedBy = byRepo(added);
  const removedBy = byRepo(removed);
  // Pair an old and a new image only when the repository has exactly one of each: otherwise which replaced which
  // is a guess.
  for (const [repo, olds] of removedBy) {
    const news = addedBy.get(repo);
    if (olds.length === 1 && news?.length === 1) updated.push({ from: olds[0]!, to: news[0]! });
  }
  const paired = new Set(updated.flatMap((u) => [u.from, u.to]));
  return {
    added: added.filter((i) => !paired.has(i)).sort(byText),
    removed: removed.filter((i) => !paired.has(i)).sort(byText),
    updated: updated.sort((x, y) => byText(x.from, y.from)),
  };
}

// ---- components ----

interface Component {
  key: string;
  resource: ResourceKey;
  class: string;
  provider?: string;
  component?: string;
  images: string[];
  privileges: Privileges;
}

function componentsOf(result: ScanResult): Map<string, Component> {
  const out = new Map<string, Component>();
  for (const e of arr(obj(result).inventory)) {
    const eo = obj(e);
    const resource = resourceOf(eo.resource);
    const key = componentKey(resource);
    if (out.has(key)) continue;
    const cl = obj(eo.classification);
    const c: Component = {
      key,
      resource,
      class: str(cl.class),
      images: [...new Set(strings(eo.images))].sort(byText),
      privileges: privilegesOf(eo.privileges),
    };
    const provider = optStr(cl.provider);
    const component = optStr(cl.component);
    if (provider !== undefined) c.provider = provider;
    if (component !== undefined) c.component = component;
    out.set(key, c);
  }
  return out;
}

function summarizeComponent(c: Component, privileges: PrivilegeChange[]): ComponentSummary {
  const s: ComponentSummary = { key: c.key, resource: c.resource, class: c.class, images: c.images, privileges };
  if (c.provider !== undefined) s.provider = c.provider;
  if (c.component !== undefined) s.component = c.component;
  return s;
}

function classLabel(c: Component): string {
  return [c.class, c.provider, c.component].filter((x) => x !== undefined && x !== '').join('/');
}

// ---- findings ----

function findingsOf(result: ScanResult): Map<string, FindingSummary> {
  const out = new Map<string, FindingSummary>();
  for (const f of arr(obj(result).findings)) {
    const fo = obj(f);
    const fingerprint = str(fo.fingerprint);
    if (fingerprint === '' || out.has(fingerprint)) continue;
    out.set(fingerprint, {
      fingerprint,
      checkId: str(fo.checkId),
      severity: str(fo.severity),
      status: str(fo.status),
      resource: resourceOf(fo.resource),
      path: str(fo.path),
      message: str(fo.message),
    });
  }
  return out;
}

const severityIndex = (s: string): number => {
  const i = SEVERITIES.indexOf(s as never);
  return i < 0 ? SEVERITIES.length : i;
};

/** Worst first, then check, resource, path: the order a reader wants. */
function compareFindings(a: FindingSummary, b: FindingSummary): number {
  return (
    severityIndex(a.severity) - severityIndex(b.severity) ||
    byText(a.checkId, b.checkId) ||
    byText(componentKey(a.resource), componentKey(b.resource)) ||
    byText(a.path, b.path) ||
    byText(a.fingerprint, b.fingerprint)
  );
}

// ---- nodes ----

/** Nodes from an optional `nodes` section: flat facts, or Kubernetes' `status.nodeInfo` shape. */
function nodesOf(result: ScanResult): Map<string, NodeFacts> | undefined {
  const section = obj(result).nodes;
  if (!Array.isArray(section)) return undefined;
  const out = new Map<string, NodeFacts>();
  for (const n of section) {
    const no = obj(n);
    const meta = obj(no.metadata);
    const info = { ...obj(obj(no.status).nodeInfo), ...obj(no.nodeInfo) };
    const labels = obj(no.labels ?? meta.labels);
    const name = optStr(no.name) ?? optStr(meta.name);
    if (name === undefined || out.has(name)) continue;
    const facts: NodeFacts = { name };
    const set = (field: NodeField, ...candidates: unknown[]): void => {
      for (const c of candidates) {
        const v = optStr(c);
        if (v !== undefined) {
          facts[field] = v;
          return;
        }
      }
    };
    set('kubeletVersion', no.kubeletVersion, info.kubeletVersion);
    set('osImage', no.osImage, info.osImage);
    // Provider node image labels: AKS node-image-version; EKS managed node groups' AMI; GKE has no image label.
    set(
      'nodeImage',
      no.nodeImage,
      no.image,
      labels['kubernetes.azure.com/node-image-version'],
      labels['eks.amazonaws.com/nodegroup-image'],
    );
    set('kernelVersion', no.kernelVersion, info.kernelVersion);
    set('containerRuntimeVersion', no.containerRuntimeVersion, info.containerRuntimeVersion);
    out.set(name, facts);
  }
  return out;
}

const NODE_FIELDS: readonly NodeField[] = [
  'kubeletVersion',
  'nodeImage',
  'osImage',
  'kernelVersion',
  'containerRuntimeVersion',
];

function countBy(nodes: Iterable<NodeFacts>, field: NodeField): Record<string, number> {
  const out: Record<string, number> = {};
  for (const n of nodes) {
    const v = n[field];
    if (v !== undefined) out[v] = (out[v] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(out).sort(([x], [y]) => byText(x, y)));
}

function diffNodes(a: Map<string, NodeFacts>, b: Map<string, NodeFacts>): NodeDiff {
  const names = setDiff([...a.keys()], [...b.keys()]);
  const changed: NodeDiff['changed'] = [];
  for (const [name, x] of [...a].sort(([p], [q]) => byText(p, q))) {
    const y = b.get(name);
    if (!y) continue;
    for (const field of NODE_FIELDS) {
      if (x[field] === y[field]) continue;
      const c: NodeDiff['changed'][number] = { name, field };
      if (x[field] !== undefined) c.from = x[field];
      if (y[field] !== undefined) c.to = y[field];
      changed.push(c);
    }
  }
  return {
    added: names.added.sort(byText),
    removed: names.removed.sort(byText),
    changed,
    kubeletVersions: { from: countBy(a.values(), 'kubeletVersion'), to: countBy(b.values(), 'kubeletVersion') },
    nodeImages: { from: countBy(a.values(), 'nodeImage'), to: countBy(b.values(), 'nodeImage') },
  };
}

// ---- attack paths ----

/** Paths from an optional `paths` section (an array, or `{ paths: [...] }`), keyed by their stable key or id. */
function pathsOf(result: ScanResult): Map<string, PathSummary> | undefined {
  const section = obj(result).paths;
  const list = Array.isArray(section)
    ? section
    : Array.isArray(obj(section).paths)
      ? arr(obj(section).paths)
      : undefined;
  if (list === undefined) return undefined;
  const out = new Map<string, PathSummary>();
  for (const p of list) {
    const po = obj(p);
    // Without a key or id, the path's steps identify it.
    const key =
      optStr(po.key) ??
      optStr(po.id) ??
      (Array.isArray(po.steps) || Array.isArray(po.nodes) ? JSON.stringify(po.steps ?? po.nodes) : undefined);
    if (key === undefined || out.has(key)) continue;
    const s: PathSummary = { key };
    const title = optStr(po.title) ?? optStr(po.summary) ?? optStr(po.description);
    const severity = optStr(po.severity);
    if (title !== undefined) s.title = title;
    if (severity !== undefined) s.severity = severity;
    out.set(key, s);
  }
  return out;
}

function comparePaths(a: PathSummary, b: PathSummary): number {
  return severityIndex(a.severity ?? '') - severityIndex(b.severity ?? '') || byText(a.key, b.key);
}

// ---- the diff ----

function versionOf(result: ScanResult): string | undefined {
  const v = obj(obj(obj(result).cluster).version);
  return optStr(v.gitVersion) ?? (optStr(v.major) && optStr(v.minor) ? `${str(v.major)}.${str(v.minor)}` : undefined);
}

function endpoint(result: ScanResult): ScanDiff['from'] {
  const r = obj(result);
  const out: ScanDiff['from'] = { scannedAt: str(r.scannedAt), toolVersion: str(obj(r.tool).version) };
  const c = obj(r.cluster);
  const cluster = optStr(c.name) ?? optStr(c.context);
  if (cluster !== undefined) out.cluster = cluster;
  return out;
}

function change(from: string | undefined, to: string | undefined): { from?: string; to?: string } | undefined {
  if (from === to) return undefined;
  const out: { from?: string; to?: string } = {};
  if (from !== undefined) out.from = from;
  if (to !== undefined) out.to = to;
  return out;
}

/** What changed from scan `a` (older) to scan `b` (newer). Deterministic: every list is sorted. */
export function diffScans(a: ScanResult, b: ScanResult): ScanDiff {
  const ca = componentsOf(a);
  const cb = componentsOf(b);
  const added: ComponentSummary[] = [];
  const removed: ComponentSummary[] = [];
  const changed: ComponentChange[] = [];
  for (const key of [...new Set([...ca.keys(), ...cb.keys()])].sort(byText)) {
    const x = ca.get(key);
    const y = cb.get(key);
    if (!x && y) added.push(summarizeComponent(y, privilegeChanges(NO_PRIVILEGES, y.privileges)));
    else if (x && !y) removed.push(summarizeComponent(x, privilegeChanges(x.privileges, NO_PRIVILEGES)));
    else if (x && y) {
      const c: ComponentChange = {
        key,
        resource: y.resource,
        privileges: privilegeChanges(x.privileges, y.privileges),
      };
      if (classLabel(x) !== classLabel(y)) c.classChange = { from: classLabel(x), to: classLabel(y) };
      const images = diffImages(x.images, y.images);
      if (images) c.images = images;
      if (c.classChange || c.images || c.privileges.length > 0) changed.push(c);
    }
  }

  const fa = findingsOf(a);
  const fb = findingsOf(b);
  const fresh: FindingSummary[] = [];
  const resolved: FindingSummary[] = [];
  const severityChanged: ScanDiff['findings']['severityChanged'] = [];
  const statusChanged: ScanDiff['findings']['statusChanged'] = [];
  for (const [fp, y] of fb) {
    const x = fa.get(fp);
    if (!x) fresh.push(y);
    else {
      if (x.severity !== y.severity) severityChanged.push({ ...y, fromSeverity: x.severity });
      if (x.status !== y.status) statusChanged.push({ ...y, fromStatus: x.status });
    }
  }
  for (const [fp, x] of fa) if (!fb.has(fp)) resolved.push(x);

  const diff: ScanDiff = {
    from: endpoint(a),
    to: endpoint(b),
    cluster: {},
    components: { added, removed, changed },
    findings: {
      new: fresh.sort(compareFindings),
      resolved: resolved.sort(compareFindings),
      severityChanged: severityChanged.sort(compareFindings),
      statusChanged: statusChanged.sort(compareFindings),
    },
    totals: {
      componentsAdded: added.length,
      componentsRemoved: removed.length,
      componentsChanged: changed.length,
      privilegeEscalations:
        added.reduce((n, c) => n + c.privileges.filter((p) => p.escalation).length, 0) +
        changed.reduce((n, c) => n + c.privileges.filter((p) => p.escalation).length, 0),
      findingsNew: fresh.length,
      findingsResolved: resolved.length,
      severityChanged: severityChanged.length,
      pathsNew: 0,
    },
    empty: true,
  };
  const version = change(versionOf(a), versionOf(b));
  if (version) diff.cluster.version = version;
  const provider = change(optStr(obj(obj(a).cluster).provider), optStr(obj(obj(b).cluster).provider));
  if (provider) diff.cluster.provider = provider;

  const na = nodesOf(a);
  const nb = nodesOf(b);
  if (na || nb) diff.nodes = diffNodes(na ?? new Map<string, NodeFacts>(), nb ?? new Map<string, NodeFacts>());

  const pa = pathsOf(a);
  const pb = pathsOf(b);
  if (pa || pb) {
    const x = pa ?? new Map<string, PathSummary>();
    const y = pb ?? new Map<string, PathSummary>();
    diff.paths = {
      new: [...y.values()].filter((p) => !x.has(p.key)).sort(comparePaths),
      resolved: [...x.values()].filter((p) => !y.has(p.key)).sort(comparePaths),
    };
    diff.totals.pathsNew = diff.paths.new.length;
  }

  diff.empty =
    !diff.cluster.version &&
    !diff.cluster.provider &&
    added.length + removed.length + changed.length === 0 &&
    fresh.length + resolved.length + severityChanged.length + statusChanged.length === 0 &&
    (!diff.nodes || diff.nodes.added.length + diff.nodes.removed.length + diff.nodes.changed.length === 0) &&
    (!diff.paths || diff.paths.new.length + diff.paths.resolved.length === 0);
  return diff;
}
