// Builds the demo snapshots examples/<provider>.snapshot.json from the declarative sources in examples/src/.
//
//   npx tsx scripts/gen-examples.ts            write every snapshot
//   npx tsx scripts/gen-examples.ts --check    exit 1 when a committed snapshot differs from what the sources give
//   npx tsx scripts/gen-examples.ts eks gke    only these providers
//
// The sources hold what a person or a provider applied: namespaces, controllers, RBAC, config. This script adds
// what the cluster itself would have added, the way `kubectl get -o json` shows it: API defaults, uids and
// timestamps, ReplicaSets, Jobs and Pods created by their controllers (names, labels, owner references and
// scheduling as the controllers do it), the service account token volume of the ServiceAccount admission plugin,
// provider identity webhooks, aggregated ClusterRoles, and statuses. Everything is derived from hashes of names,
// so the output is byte-identical on every run.
//
// Besides Kubernetes objects, the sources hold one `ExampleCluster` document per provider (cluster facts, collection
// time, service CIDR) and `ExampleNodePool` documents (labels, capacity and node info shared by a pool's nodes).
// Generator-only directives are annotations prefixed `examples.kubeseam.dev/`; they never reach the output:
//   age: <n>d|h|m      creationTimestamp = collectedAt - age (default: cluster creation + a few minutes)
//   node: <name>       pin a bare pod to a node
//   revision: <n>      deployment revision (default 1)
//   previous-image: <container>=<image>   also emit the previous, scaled-down ReplicaSet with that image
//   restarts: <n>      restartCount of the first container of every pod of the workload
//
// Upstream behaviour followed: kubernetes/kubernetes pkg/controller/{deployment,daemon,statefulset,job,cronjob},
// pkg/controller/controller_utils.go (ComputeHash), staging/src/k8s.io/apimachinery/pkg/util/rand (SafeEncodeString),
// pkg/apis/core/v1/defaults.go, plugin/pkg/admission/serviceaccount/admission.go,
// pkg/controller/clusterroleaggregation, pkg/controller/daemon/util/daemonset_util.go (tolerations, node affinity),
// aws/amazon-eks-pod-identity-webhook (IRSA), Azure/azure-workload-identity pkg/webhook.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../src/model/k8s.ts';
import type { CoverageEntry, Provider, Snapshot } from '../src/model/types.ts';

export const PROVIDERS: readonly Provider[] = ['eks', 'aks', 'gke'];
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const EXAMPLES_DIR = join(ROOT, 'examples');
const SOURCES_DIR = join(EXAMPLES_DIR, 'src');
const DIRECTIVE = 'examples.kubeseam.dev/';
const TOOL = { name: 'kubeseam', version: '0.1.0' };

type Obj = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------------------------
// Kinds: the resources a collector lists, in the order the snapshot keeps them.

export interface KindInfo {
  group: string;
  version: string;
  resource: string;
  namespaced: boolean;
}

/** The kinds a collector lists, with their resource and scope; a source object of any other kind is an error. */
export const KINDS: Readonly<Record<string, KindInfo>> = {
  Namespace: { group: '', version: 'v1', resource: 'namespaces', namespaced: false },
  Node: { group: '', version: 'v1', resource: 'nodes', namespaced: false },
  PriorityClass: { group: 'scheduling.k8s.io', version: 'v1', resource: 'priorityclasses', namespaced: false },
  ServiceAccount: { group: '', version: 'v1', resource: 'serviceaccounts', namespaced: true },
  Secret: { group: '', version: 'v1', resource: 'secrets', namespaced: true },
  ConfigMap: { group: '', version: 'v1', resource: 'configmaps', namespaced: true },
  Service: { group: '', version: 'v1', resource: 'services', namespaced: true },
  PersistentVolumeClaim: { group: '', version: 'v1', resource: 'persistentvolumeclaims', namespaced: true },
  LimitRange: { group: '', version: 'v1', resource: 'limitranges', namespaced: true },
  ResourceQuota: { group: '', version: 'v1', resource: 'resourcequotas', namespaced: true },
  ReplicationController: { group: '', version: 'v1', resource: 'replicationcontrollers', namespaced: true },
  Deployment: { group: 'apps', version: 'v1', resource: 'deployments', namespaced: true },
  ReplicaSet: { group: 'apps', version: 'v1', resource: 'replicasets', namespaced: true },
  DaemonSet: { group: 'apps', version: 'v1', resource: 'daemonsets', namespaced: true },
  StatefulSet: { group: 'apps', version: 'v1', resource: 'statefulsets', namespaced: true },
  CronJob: { group: 'batch', version: 'v1', resource: 'cronjobs', namespaced: true },
  Job: { group: 'batch', version: 'v1', resource: 'jobs', namespaced: true },
  Pod: { group: '', version: 'v1', resource: 'pods', namespaced: true },
  ClusterRole: { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterroles', namespaced: false },
  ClusterRoleBinding: {
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    resource: 'clusterrolebindings',
    namespaced: false,
  },
  Role: { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'roles', namespaced: true },
  RoleBinding: { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'rolebindings', namespaced: true },
  NetworkPolicy: { group: 'networking.k8s.io', version: 'v1', resource: 'networkpolicies', namespaced: true },
  Ingress: { group: 'networking.k8s.io', version: 'v1', resource: 'ingresses', namespaced: true },
  MutatingWebhookConfiguration: {
    group: 'admissionregistration.k8s.io',
    version: 'v1',
    resource: 'mutatingwebhookconfigurations',
    namespaced: false,
  },
  ValidatingWebhookConfiguration: {
    group: 'admissionregistration.k8s.io',
    version: 'v1',
    resource: 'validatingwebhookconfigurations',
    namespaced: false,
  },
  ValidatingAdmissionPolicy: {
    group: 'admissionregistration.k8s.io',
    version: 'v1',
    resource: 'validatingadmissionpolicies',
    namespaced: false,
  },
  ValidatingAdmissionPolicyBinding: {
    group: 'admissionregistration.k8s.io',
    version: 'v1',
    resource: 'validatingadmissionpolicybindings',
    namespaced: false,
  },
};
const KIND_ORDER = Object.keys(KINDS);

function apiVersionOf(kind: string): string {
  const k = KINDS[kind];
  if (k === undefined) throw new Error(`unknown kind ${kind}`);
  return k.group === '' ? k.version : `${k.group}/${k.version}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Small helpers for loose JSON.

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function objAt(o: Obj, key: string): Obj {
  const v = o[key];
  if (isObj(v)) return v;
  const created: Obj = {};
  o[key] = created;
  return created;
}
function arrAt(o: Obj, key: string): unknown[] {
  const v = o[key];
  if (Array.isArray(v)) return v;
  const created: unknown[] = [];
  o[key] = created;
  return created;
}
function objs(v: unknown): Obj[] {
  return Array.isArray(v) ? v.filter(isObj) : [];
}
function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
function strMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isObj(v)) for (const [k, val] of Object.entries(v)) if (typeof val === 'string') out[k] = val;
  return out;
}
function clone<T>(v: T): T {
  return structuredClone(v);
}
function meta(o: Obj): Obj {
  return objAt(o, 'metadata');
}
function nameOf(o: Obj): string {
  return str(meta(o).name) ?? '';
}
function nsOf(o: Obj): string {
  return str(meta(o).namespace) ?? '';
}
function keyOf(kind: string, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}
function objKey(o: Obj): string {
  return keyOf(str(o.kind) ?? '', nsOf(o), nameOf(o));
}

/** JSON with object keys sorted at every level, as Go's encoding of unstructured objects (kubectl -o json) prints them. */
export function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (isObj(v)) {
    const out: Obj = {};
    for (const k of Object.keys(v).sort()) {
      const val = v[k];
      if (val !== undefined) out[k] = sortKeys(val);
    }
    return out;
  }
  return v;
}
function stableJson(v: unknown): string {
  return JSON.stringify(sortKeys(v));
}

// ---------------------------------------------------------------------------------------------------------------
// Deterministic identities.

function sha256Hex(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

/** FNV-1a 32-bit, the hash the apps controllers use for pod-template-hash and controller-revision-hash. */
export function fnv32a(s: string): number {
  let h = 0x811c9dc5;
  for (const b of Buffer.from(s, 'utf8')) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

// apimachinery/pkg/util/rand: consonants and digits that cannot spell words.
const ALNUM = 'bcdfghjklmnpqrstvwxz2456789';
function safeEncode(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += ALNUM.charAt(s.charCodeAt(i) % ALNUM.length);
  return out;
}

/** `pod-template-hash`: SafeEncodeString of the decimal FNV-32a of the template (up to 10 characters). */
export function templateHash(template: unknown): string {
  return safeEncode(String(fnv32a(stableJson(template))));
}

/** The random suffix of generateName (5 characters from the same alphabet), derived from a seed. */
export function suffix(seed: string, n = 5): string {
  const hex = sha256Hex(seed);
  let out = '';
  for (let i = 0; i < n; i++) out += ALNUM.charAt(parseInt(hex.slice(i * 2, i * 2 + 2), 16) % ALNUM.length);
  return out;
}

/** A version-4-shaped UUID derived from the object's identity. */
export function uidFor(kind: string, namespace: string, name: string): string {
  const h = sha256Hex(`uid:${kind}/${namespace}/${name}`);
  const variant = ((parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function hashInt(seed: string, mod: number): number {
  return parseInt(sha256Hex(seed).slice(0, 12), 16) % mod;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function parseAge(v: string): number {
  const m = /^(\d+)([dhm])$/.exec(v);
  if (m === null) throw new Error(`bad age ${v}`);
  const n = Number(m[1]);
  return n * (m[2] === 'd' ? 86_400_000 : m[2] === 'h' ? 3_600_000 : 60_000);
}

// ---------------------------------------------------------------------------------------------------------------
// Cron: the last scheduled time at or before a moment (five-field cron, UTC), as the CronJob controller computes it.

function cronField(expr: string, min: number, max: number): Set<number> {
  const out = new Set<number>();
  for (const part of expr.split(',')) {
    const [range = '*', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    let lo = min;
    let hi = max;
    if (range !== '*') {
      const [a, b] = range.split('-');
      lo = Number(a);
      hi = b === undefined ? (stepText === undefined ? lo : max) : Number(b);
    }
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || !Number.isInteger(step) || step < 1) {
      throw new Error(`bad cron field ${expr}`);
    }
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return out;
}

export function cronLastRun(schedule: string, atMs: number): number {
  const fields = schedule.trim().split(/\s+/);
  if (fields.length !== 5) throw new Error(`bad cron schedule ${schedule}`);
  const [mi, ho, dm, mo, dw] = fields as [string, string, string, string, string];
  const minutes = cronField(mi, 0, 59);
  const hours = cronField(ho, 0, 23);
  const doms = cronField(dm, 1, 31);
  const months = cronField(mo, 1, 12);
  const dows = cronField(dw, 0, 7);
  if (dows.has(7)) dows.add(0);
  const domStar = dm === '*';
  const dowStar = dw === '*';
  let t = Math.floor(atMs / 60_000) * 60_000;
  for (let i = 0; i < 60 * 24 * 400; i++, t -= 60_000) {
    const d = new Date(t);
    if (!minutes.has(d.getUTCMinutes()) || !hours.has(d.getUTCHours()) || !months.has(d.getUTCMonth() + 1)) continue;
    const domOk = doms.has(d.getUTCDate());
    const dowOk = dows.has(d.getUTCDay());
    // Vixie cron: when both day fields are restricted, either may match.
    const dayOk = domStar || dowStar ? domOk && dowOk : domOk || dowOk;
    if (dayOk) return t;
  }
  throw new Error(`cron schedule ${schedule} never ran in the last 400 days`);
}

// ---------------------------------------------------------------------------------------------------------------
// Scheduling predicates: node selector, required node affinity, taints and tolerations.

function matchExpression(expr: Obj, value: string | undefined): boolean {
  const values = Array.isArray(expr.values) ? expr.values.map(String) : [];
  switch (expr.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
      return value !== undefined && Number(value) > Number(values[0]);
    case 'Lt':
      return value !== undefined && Number(value) < Number(values[0]);
    default:
      throw new Error(`unsupported node selector operator ${String(expr.operator)}`);
  }
}

function toleratesTaint(tolerations: Obj[], taint: Obj): boolean {
  return tolerations.some((t) => {
    if (t.effect !== undefined && t.effect !== '' && t.effect !== taint.effect) return false;
    if (t.operator === 'Exists') return t.key === undefined || t.key === '' || t.key === taint.key;
    return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
  });
}

/** Whether the scheduler (or the DaemonSet controller) would place a pod with this spec on the node. */
export function nodeEligible(spec: Obj, node: Obj): boolean {
  const labels = strMap(meta(node).labels);
  for (const [k, v] of Object.entries(strMap(spec.nodeSelector))) if (labels[k] !== v) return false;
  const affinity = isObj(spec.affinity) ? spec.affinity : {};
  const nodeAffinity = isObj(affinity.nodeAffinity) ? affinity.nodeAffinity : {};
  const required = nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution;
  if (isObj(required)) {
    const terms = objs(required.nodeSelectorTerms);
    const termOk = (term: Obj): boolean =>
      objs(term.matchExpressions).every((e) => matchExpression(e, labels[String(e.key)])) &&
      objs(term.matchFields).every((e) => e.key === 'metadata.name' && matchExpression(e, nameOf(node)));
    if (terms.length > 0 && !terms.some(termOk)) return false;
  }
  const nodeSpec = isObj(node.spec) ? node.spec : {};
  const tolerations = objs(spec.tolerations);
  for (const taint of objs(nodeSpec.taints)) {
    if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') continue;
    if (!toleratesTaint(tolerations, taint)) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------------------------
// Sources.

interface NodeEntry {
  name: string;
  providerID: string;
  zone: string;
  addresses: { type: string; address: string }[];
  createdAt: string;
  podCIDR?: string;
  podIPStart?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface ClusterSpec {
  provider: Provider;
  name: string;
  context: string;
  server: string;
  collectedAt: string;
  createdAt: string;
  region: string;
  version: { major: string; minor: string; gitVersion: string; platform: string };
  apiGroupVersions: string[];
  serviceCIDR: string;
  defaultStorageClass: string;
  azureTenantId?: string;
}

interface Sources {
  cluster: ClusterSpec;
  pools: Obj[];
  objects: Obj[];
  origin: Map<Obj, string>;
}

function requireStr(o: Obj, key: string, where: string): string {
  const v = o[key];
  if (typeof v !== 'string' || v === '') throw new Error(`${where}: ${key} must be a non-empty string`);
  return v;
}

function parseCluster(doc: Obj, provider: Provider, where: string): ClusterSpec {
  const spec = isObj(doc.spec) ? doc.spec : {};
  const version = isObj(spec.version) ? spec.version : {};
  const groups = Array.isArray(spec.apiGroupVersions) ? spec.apiGroupVersions.map(String) : [];
  if (groups.length === 0) throw new Error(`${where}: apiGroupVersions is empty`);
  const tenant = str(spec.azureTenantId);
  return {
    provider,
    name: requireStr(meta(doc), 'name', where),
    context: requireStr(spec, 'context', where),
    server: requireStr(spec, 'server', where),
    collectedAt: requireStr(spec, 'collectedAt', where),
    createdAt: requireStr(spec, 'createdAt', where),
    region: requireStr(spec, 'region', where),
    version: {
      major: requireStr(version, 'major', where),
      minor: requireStr(version, 'minor', where),
      gitVersion: requireStr(version, 'gitVersion', where),
      platform: requireStr(version, 'platform', where),
    },
    apiGroupVersions: groups,
    serviceCIDR: requireStr(spec, 'serviceCIDR', where),
    defaultStorageClass: requireStr(spec, 'defaultStorageClass', where),
    ...(tenant === undefined ? {} : { azureTenantId: tenant }),
  };
}

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort()
    .map((f) => join(dir, f));
}

// Parsed documents by file, reused while the file's text is unchanged (YAML parsing dominates a build); callers get
// clones because building mutates the source objects.
const parsedFiles = new Map<string, { text: string; values: unknown[] }>();

function parseFile(file: string, rel: string): unknown[] {
  const text = readFileSync(file, 'utf8');
  const cached = parsedFiles.get(file);
  if (cached?.text === text) return clone(cached.values);
  const values: unknown[] = [];
  // `<<` merge keys let node pools share label sets.
  for (const doc of parseAllDocuments(text, { merge: true })) {
    if (doc.errors.length > 0) throw new Error(`${rel}: ${doc.errors[0]?.message ?? 'YAML error'}`);
    values.push(doc.toJS());
  }
  parsedFiles.set(file, { text, values });
  return clone(values);
}

export function loadSources(provider: Provider): Sources {
  const objects: Obj[] = [];
  const pools: Obj[] = [];
  const origin = new Map<Obj, string>();
  let cluster: ClusterSpec | undefined;
  const files = [...yamlFiles(join(SOURCES_DIR, 'common')), ...yamlFiles(join(SOURCES_DIR, provider))];
  for (const file of files) {
    const rel = file.slice(ROOT.length + 1);
    for (const value of parseFile(file, rel)) {
      if (value === null || value === undefined) continue;
      if (!isObj(value)) throw new Error(`${rel}: a document is not a mapping`);
      const items = value.kind === 'List' ? objs(value.items) : [value];
      for (const item of items) {
        if (item.kind === 'ExampleCluster') {
          if (cluster !== undefined) throw new Error(`${rel}: second ExampleCluster`);
          cluster = parseCluster(item, provider, rel);
        } else if (item.kind === 'ExampleNodePool') {
          pools.push(item);
        } else {
          origin.set(item, rel);
          objects.push(item);
        }
      }
    }
  }
  if (cluster === undefined) throw new Error(`examples/src/${provider}: no ExampleCluster document`);
  return { cluster, pools, objects, origin };
}

// ---------------------------------------------------------------------------------------------------------------
// Address arithmetic for cluster IPs and pod IPs.

function ipToInt(ip: string): number {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255))
    throw new Error(`bad IP ${ip}`);
  return parts.reduce((acc, p) => acc * 256 + p, 0);
}
function intToIp(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}
function cidrRange(cidr: string): { base: number; size: number } {
  const [ip = '', bits = ''] = cidr.split('/');
  const size = 2 ** (32 - Number(bits));
  return { base: Math.floor(ipToInt(ip) / size) * size, size };
}

// ---------------------------------------------------------------------------------------------------------------
// API defaults (pkg/apis/core/v1/defaults.go and friends), applied to templates and pods alike.

function defaultProbe(p: unknown): void {
  if (!isObj(p)) return;
  p.timeoutSeconds ??= 1;
  p.periodSeconds ??= 10;
  p.successThreshold ??= 1;
  p.failureThreshold ??= 3;
  if (isObj(p.httpGet)) p.httpGet.scheme ??= 'HTTP';
}

function defaultEnv(env: unknown): void {
  for (const e of objs(env)) {
    const from = isObj(e.valueFrom) ? e.valueFrom : undefined;
    if (from !== undefined && isObj(from.fieldRef)) from.fieldRef.apiVersion ??= 'v1';
  }
}

function imageHasDigestOrTag(image: string): { tag: string | undefined } {
  if (image.includes('@')) return { tag: 'digest' };
  const last = image.split('/').pop() ?? '';
  const i = last.indexOf(':');
  return { tag: i >= 0 ? last.slice(i + 1) : undefined };
}

function defaultContainer(c: Obj, hostNetwork: boolean): void {
  const image = str(c.image) ?? '';
  const { tag } = imageHasDigestOrTag(image);
  c.imagePullPolicy ??= tag === undefined || tag === 'latest' ? 'Always' : 'IfNotPresent';
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  c.resources ??= {};
  for (const port of objs(c.ports)) {
    port.protocol ??= 'TCP';
    if (hostNetwork) port.hostPort ??= port.containerPort;
  }
  defaultEnv(c.env);
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
}

function defaultVolume(v: Obj): void {
  if (isObj(v.hostPath)) v.hostPath.type ??= '';
  if (isObj(v.configMap)) v.configMap.defaultMode ??= 420;
  if (isObj(v.secret)) v.secret.defaultMode ??= 420;
  if (isObj(v.projected)) v.projected.defaultMode ??= 420;
  if (isObj(v.downwardAPI)) {
    v.downwardAPI.defaultMode ??= 420;
    for (const item of objs(v.downwardAPI.items)) if (isObj(item.fieldRef)) item.fieldRef.apiVersion ??= 'v1';
  }
}

function defaultPodSpec(spec: Obj): void {
  const hostNetwork = spec.hostNetwork === true;
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.restartPolicy ??= 'Always';
  spec.schedulerName ??= 'default-scheduler';
  spec.securityContext ??= {};
  spec.terminationGracePeriodSeconds ??= 30;
  // serviceAccount is the deprecated alias of serviceAccountName; the API server keeps the two equal.
  if (typeof spec.serviceAccountName !== 'string' && typeof spec.serviceAccount === 'string') {
    spec.serviceAccountName = spec.serviceAccount;
  }
  if (typeof spec.serviceAccountName === 'string') spec.serviceAccount = spec.serviceAccountName;
  for (const c of [...objs(spec.initContainers), ...objs(spec.containers)]) defaultContainer(c, hostNetwork);
  for (const v of objs(spec.volumes)) defaultVolume(v);
}

function defaultTemplate(template: Obj): void {
  const tmeta = objAt(template, 'metadata');
  tmeta.creationTimestamp = null;
  defaultPodSpec(objAt(template, 'spec'));
}

const PRIORITY: Record<string, number> = { 'system-node-critical': 2000001000, 'system-cluster-critical': 2000000000 };

// ---------------------------------------------------------------------------------------------------------------
// The cluster under construction.

interface PodInput {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  owner?: Obj;
  template: Obj;
  nodeName?: string;
  createdMs: number;
  restarts: number;
  finalizers?: string[];
  daemon: boolean;
}

class ClusterBuilder {
  readonly objects = new Map<string, Obj>();
  readonly nodes: Obj[] = [];
  private readonly podsPerNode = new Map<string, number>();
  private readonly nextPodIp = new Map<string, number>();
  private readonly usedClusterIps = new Set<number>();
  private readonly usedNodePorts = new Set<number>();
  readonly collectedMs: number;
  readonly createdMs: number;

  constructor(
    readonly cluster: ClusterSpec,
    private readonly origin: Map<Obj, string>,
  ) {
    this.collectedMs = Date.parse(cluster.collectedAt);
    this.createdMs = Date.parse(cluster.createdAt);
    if (Number.isNaN(this.collectedMs) || Number.isNaN(this.createdMs)) throw new Error('bad cluster timestamps');
  }

  where(o: Obj): string {
    return this.origin.get(o) ?? 'generated';
  }

  add(o: Obj): Obj {
    const kind = str(o.kind) ?? '';
    const info = KINDS[kind];
    const where = this.where(o);
    if (info === undefined) throw new Error(`${where}: kind ${kind} is not in the generator's kind table`);
    if (o.apiVersion !== apiVersionOf(kind))
      throw new Error(`${where}: ${kind} must have apiVersion ${apiVersionOf(kind)}`);
    const name = nameOf(o);
    if (name === '') throw new Error(`${where}: ${kind} without metadata.name`);
    if (info.namespaced && nsOf(o) === '') throw new Error(`${where}: ${kind} ${name} needs metadata.namespace`);
    // The API server drops a namespace given to a cluster-scoped object (some upstream manifests set one).
    if (!info.namespaced) Reflect.deleteProperty(meta(o), 'namespace');
    const key = objKey(o);
    if (this.objects.has(key)) throw new Error(`${where}: duplicate ${key}`);
    this.objects.set(key, o);
    return o;
  }

  get(kind: string, namespace: string, name: string): Obj | undefined {
    return this.objects.get(keyOf(kind, namespace, name));
  }

  ofKind(kind: string): Obj[] {
    return [...this.objects.values()].filter((o) => o.kind === kind).sort((a, b) => objKey(a).localeCompare(objKey(b)));
  }

  uid(o: Obj): string {
    return uidFor(str(o.kind) ?? '', nsOf(o), nameOf(o));
  }

  /** creationTimestamp in ms: explicit, from an age directive, or cluster creation plus a few minutes. */
  createdOf(o: Obj): number {
    const m = meta(o);
    const explicit = str(m.creationTimestamp);
    if (explicit !== undefined) return Date.parse(explicit);
    const age = strMap(m.annotations)[`${DIRECTIVE}age`];
    if (age !== undefined) {
      const ms = this.collectedMs - parseAge(age);
      const ns = nsOf(o) === '' ? undefined : this.get('Namespace', '', nsOf(o));
      const floor = ns === undefined ? this.createdMs : this.createdOf(ns);
      if (ms < floor) throw new Error(`${this.where(o)}: ${objKey(o)} would be older than its cluster or namespace`);
      return ms;
    }
    const clusterDefault = this.createdMs + hashInt(`created:${objKey(o)}`, 900) * 1000;
    // Nothing in a namespace predates the namespace.
    const ns = nsOf(o) === '' ? undefined : this.get('Namespace', '', nsOf(o));
    if (ns === undefined) return clusterDefault;
    return Math.max(clusterDefault, this.createdOf(ns) + hashInt(`created-in-ns:${objKey(o)}`, 3600) * 1000);
  }

  directive(o: Obj, name: string): string | undefined {
    return strMap(meta(o).annotations)[`${DIRECTIVE}${name}`];
  }

  ownerRef(owner: Obj): Obj {
    return {
      apiVersion: owner.apiVersion,
      kind: owner.kind,
      name: nameOf(owner),
      uid: this.uid(owner),
      controller: true,
      blockOwnerDeletion: true,
    };
  }

  // --- nodes ---------------------------------------------------------------------------------------------------

  expandPool(pool: Obj): void {
    const where = `node pool ${nameOf(pool)}`;
    const spec = isObj(pool.spec) ? pool.spec : {};
    const nodeInfo = isObj(spec.nodeInfo) ? spec.nodeInfo : {};
    for (const entry of objs(spec.nodes)) {
      const n: NodeEntry = {
        name: requireStr(entry, 'name', where),
        providerID: requireStr(entry, 'providerID', where),
        zone: requireStr(entry, 'zone', where),
        addresses: objs(entry.addresses).map((a) => ({ type: String(a.type), address: String(a.address) })),
        createdAt: requireStr(entry, 'createdAt', where),
        labels: strMap(entry.labels),
        annotations: strMap(entry.annotations),
        ...(typeof entry.podCIDR === 'string' ? { podCIDR: entry.podCIDR } : {}),
        ...(typeof entry.podIPStart === 'string' ? { podIPStart: entry.podIPStart } : {}),
      };
      const internalIP = n.addresses.find((a) => a.type === 'InternalIP')?.address;
      if (internalIP === undefined) throw new Error(`${where}: node ${n.name} has no InternalIP`);
      const instanceId = n.providerID.split('/').pop() ?? '';
      const subst = (v: string): string =>
        v
          .replaceAll('{{name}}', n.name)
          .replaceAll('{{zone}}', n.zone)
          .replaceAll('{{internalIP}}', internalIP)
          .replaceAll('{{instanceId}}', instanceId);
      const labels: Record<string, string> = {};
      for (const [k, v] of Object.entries(strMap(spec.labels))) labels[k] = subst(v);
      Object.assign(labels, n.labels, {
        'kubernetes.io/hostname': n.labels['kubernetes.io/hostname'] ?? n.name,
        'topology.kubernetes.io/zone': n.zone,
      });
      const annotations: Record<string, string> = {
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      };
      for (const [k, v] of Object.entries(strMap(spec.annotations))) annotations[k] = subst(v);
      Object.assign(annotations, n.annotations);
      const createdMs = Date.parse(n.createdAt);
      const heartbeat = iso(this.collectedMs - hashInt(`hb:${n.name}`, 40) * 1000);
      const since = iso(createdMs + 45_000);
      const condition = (type: string, status: string, reason: string, message: string): Obj => ({
        type,
        status,
        reason,
        message,
        lastHeartbeatTime: heartbeat,
        lastTransitionTime: since,
      });
      const conditions: Obj[] = objs(spec.extraConditions).map((c) =>
        condition(String(c.type), 'False', String(c.reason), String(c.message)),
      );
      conditions.push(
        condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      );
      const nodeSpec: Obj = { providerID: n.providerID };
      if (n.podCIDR !== undefined) {
        nodeSpec.podCIDR = n.podCIDR;
        nodeSpec.podCIDRs = [n.podCIDR];
      }
      const taints = objs(spec.taints);
      if (taints.length > 0) nodeSpec.taints = clone(taints);
      const idHex = sha256Hex(`machine:${n.name}`);
      const node: Obj = {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name: n.name, labels, annotations, creationTimestamp: n.createdAt },
        spec: nodeSpec,
        status: {
          addresses: n.addresses,
          capacity: clone(spec.capacity ?? {}),
          allocatable: clone(spec.allocatable ?? {}),
          conditions,
          daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
          nodeInfo: {
            ...clone(nodeInfo),
            operatingSystem: 'linux',
            machineID: idHex.slice(0, 32),
            systemUUID: uidFor('Node', 'system', n.name),
            bootID: uidFor('Node', 'boot', n.name),
          },
        },
      };
      this.add(node);
      this.nodes.push(node);
      this.podsPerNode.set(n.name, 0);
      const start =
        n.podCIDR !== undefined
          ? cidrRange(n.podCIDR).base + 2
          : n.podIPStart !== undefined
            ? ipToInt(n.podIPStart)
            : undefined;
      if (start === undefined) throw new Error(`${where}: node ${n.name} needs podCIDR or podIPStart`);
      this.nextPodIp.set(n.name, start);
    }
  }

  node(name: string): Obj {
    const node = this.get('Node', '', name);
    if (node === undefined) throw new Error(`unknown node ${name}`);
    return node;
  }

  internalIP(node: Obj): string {
    const status = isObj(node.status) ? node.status : {};
    const ip = objs(status.addresses).find((a) => a.type === 'InternalIP')?.address;
    return String(ip);
  }

  /** The least-loaded eligible node, ties broken by node order: a deterministic stand-in for the scheduler. */
  schedule(spec: Obj, what: string): string {
    let best: string | undefined;
    let bestLoad = Infinity;
    for (const node of this.nodes) {
      if (!nodeEligible(spec, node)) continue;
      const load = this.podsPerNode.get(nameOf(node)) ?? 0;
      if (load < bestLoad) {
        best = nameOf(node);
        bestLoad = load;
      }
    }
    if (best === undefined) throw new Error(`no node can run ${what}`);
    return best;
  }

  // --- implicit objects ------------------------------------------------------------------------------------------

  addImplicitObjects(): void {
    for (const name of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
      if (this.get('Namespace', '', name) === undefined) {
        this.add({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
      }
    }
    for (const [name, value] of Object.entries(PRIORITY)) {
      if (this.get('PriorityClass', '', name) === undefined) {
        this.add({
          apiVersion: 'scheduling.k8s.io/v1',
          kind: 'PriorityClass',
          metadata: { name },
          value,
          preemptionPolicy: 'PreemptLowerPriority',
          description: 'Used for system critical pods that must not be moved from their current node.',
        });
      }
    }
    // kube-controller-manager runs each controller under its own service account, bound to its bootstrap role.
    for (const role of [...this.ofKind('ClusterRole'), ...this.ofKind('Role')]) {
      const roleName = nameOf(role);
      if (!roleName.startsWith('system:controller:')) continue;
      const sa = roleName.slice('system:controller:'.length);
      if (role.kind === 'ClusterRole' && this.get('ClusterRoleBinding', '', roleName) === undefined) {
        this.add({
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'ClusterRoleBinding',
          metadata: {
            name: roleName,
            labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' },
            annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' },
          },
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleName },
          subjects: [{ kind: 'ServiceAccount', name: sa, namespace: 'kube-system' }],
        });
      }
      if (this.get('ServiceAccount', 'kube-system', sa) === undefined) {
        this.add({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: sa, namespace: 'kube-system' } });
      }
    }
    // The service account controller and the root CA publisher act on every namespace.
    for (const ns of this.ofKind('Namespace')) {
      const name = nameOf(ns);
      if (this.get('ServiceAccount', name, 'default') === undefined) {
        this.add({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: name } });
      }
      if (this.get('ConfigMap', name, 'kube-root-ca.crt') === undefined) {
        this.add({
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: {
            name: 'kube-root-ca.crt',
            namespace: name,
            annotations: { 'kubernetes.io/description': KUBE_ROOT_CA_DESCRIPTION },
          },
        });
      }
    }
  }

  // --- pods ------------------------------------------------------------------------------------------------------

  private podIp(nodeName: string, hostNetwork: boolean): string {
    const node = this.node(nodeName);
    if (hostNetwork) return this.internalIP(node);
    const next = this.nextPodIp.get(nodeName) ?? 0;
    this.nextPodIp.set(nodeName, next + 1);
    return intToIp(next);
  }

  private serviceAccountOf(namespace: string, name: string, what: string): Obj {
    const sa = this.get('ServiceAccount', namespace, name);
    // The ServiceAccount admission plugin rejects pods whose service account does not exist.
    if (sa === undefined) throw new Error(`${what}: service account ${namespace}/${name} does not exist`);
    return sa;
  }

  private injectIdentity(spec: Obj, labels: Record<string, string>, sa: Obj): void {
    const saAnn = strMap(meta(sa).annotations);
    const containers = [...objs(spec.initContainers), ...objs(spec.containers)];
    const addEnvAndMount = (env: Obj[], volume: Obj, mountPath: string): void => {
      arrAt(spec, 'volumes').push(volume);
      for (const c of containers) {
        const cEnv = arrAt(c, 'env');
        for (const e of env) if (!objs(cEnv).some((x) => x.name === e.name)) cEnv.push(clone(e));
        arrAt(c, 'volumeMounts').push({ name: volume.name, mountPath, readOnly: true });
      }
    };
    const roleArn = saAnn['eks.amazonaws.com/role-arn'];
    if (this.cluster.provider === 'eks' && roleArn !== undefined) {
      // amazon-eks-pod-identity-webhook (IRSA)
      const region = this.cluster.region;
      addEnvAndMount(
        [
          { name: 'AWS_STS_REGIONAL_ENDPOINTS', value: 'regional' },
          { name: 'AWS_DEFAULT_REGION', value: region },
          { name: 'AWS_REGION', value: region },
          { name: 'AWS_ROLE_ARN', value: roleArn },
          { name: 'AWS_WEB_IDENTITY_TOKEN_FILE', value: '/var/run/secrets/eks.amazonaws.com/serviceaccount/token' },
        ],
        {
          name: 'aws-iam-token',
          projected: {
            defaultMode: 420,
            sources: [
              { serviceAccountToken: { audience: 'sts.amazonaws.com', expirationSeconds: 86400, path: 'token' } },
            ],
          },
        },
        '/var/run/secrets/eks.amazonaws.com/serviceaccount',
      );
    }
    const clientId = saAnn['azure.workload.identity/client-id'];
    if (this.cluster.provider === 'aks' && clientId !== undefined && labels['azure.workload.identity/use'] === 'true') {
      // azure-workload-identity mutating webhook
      addEnvAndMount(
        [
          { name: 'AZURE_CLIENT_ID', value: clientId },
          {
            name: 'AZURE_TENANT_ID',
            value: saAnn['azure.workload.identity/tenant-id'] ?? this.cluster.azureTenantId ?? '',
          },
          { name: 'AZURE_FEDERATED_TOKEN_FILE', value: '/var/run/secrets/azure/tokens/azure-identity-token' },
          { name: 'AZURE_AUTHORITY_HOST', value: 'https://login.microsoftonline.com/' },
        ],
        {
          name: 'azure-identity-token',
          projected: {
            defaultMode: 420,
            sources: [
              {
                serviceAccountToken: {
                  audience: 'api://AzureADTokenExchange',
                  expirationSeconds: 3600,
                  path: 'azure-identity-token',
                },
              },
            ],
          },
        },
        '/var/run/secrets/azure/tokens',
      );
    }
  }

  makePod(input: PodInput): Obj {
    const what = `pod ${input.namespace}/${input.name}`;
    const spec = clone(isObj(input.template.spec) ? input.template.spec : {});
    const tmeta = isObj(input.template.metadata) ? input.template.metadata : {};
    defaultPodSpec(spec);
    const saName = str(spec.serviceAccountName) ?? 'default';
    spec.serviceAccountName = saName;
    spec.serviceAccount = saName;
    const sa = this.serviceAccountOf(input.namespace, saName, what);
    const hostNetwork = spec.hostNetwork === true;

    // Scheduling, with the tolerations and node affinity the DaemonSet controller adds to its pods.
    let nodeName = input.nodeName ?? str(spec.nodeName);
    if (input.daemon) {
      if (nodeName === undefined) throw new Error(`${what}: daemon pod without node`);
      const tolerations = arrAt(spec, 'tolerations');
      const daemonTolerations: [string, string][] = [
        ['node.kubernetes.io/not-ready', 'NoExecute'],
        ['node.kubernetes.io/unreachable', 'NoExecute'],
        ['node.kubernetes.io/disk-pressure', 'NoSchedule'],
        ['node.kubernetes.io/memory-pressure', 'NoSchedule'],
        ['node.kubernetes.io/pid-pressure', 'NoSchedule'],
        ['node.kubernetes.io/unschedulable', 'NoSchedule'],
      ];
      if (hostNetwork) daemonTolerations.push(['node.kubernetes.io/network-unavailable', 'NoSchedule']);
      for (const [key, effect] of daemonTolerations) {
        if (!objs(tolerations).some((t) => t.key === key && t.effect === effect)) {
          tolerations.push({ key, operator: 'Exists', effect });
        }
      }
      const affinity = objAt(spec, 'affinity');
      const nodeAffinity = objAt(affinity, 'nodeAffinity');
      const required = objAt(nodeAffinity, 'requiredDuringSchedulingIgnoredDuringExecution');
      const field = { key: 'metadata.name', operator: 'In', values: [nodeName] };
      const terms = objs(required.nodeSelectorTerms);
      required.nodeSelectorTerms =
        terms.length === 0 ? [{ matchFields: [field] }] : terms.map((t) => ({ ...t, matchFields: [field] }));
    } else {
      // DefaultTolerationSeconds admission plugin.
      const tolerations = arrAt(spec, 'tolerations');
      for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
        if (!objs(tolerations).some((t) => t.key === key || (t.operator === 'Exists' && t.key === undefined))) {
          tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
        }
      }
    }
    nodeName ??= this.schedule(spec, what);
    const node = this.node(nodeName);
    if (!nodeEligible(spec, node)) throw new Error(`${what}: node ${nodeName} does not admit it`);
    spec.nodeName = nodeName;
    this.podsPerNode.set(nodeName, (this.podsPerNode.get(nodeName) ?? 0) + 1);

    // ServiceAccount admission plugin (mountServiceAccountToken): every container that does not already mount
    // something at the token path gets the token volume, which is added unless one named kube-api-access-* exists.
    const automount =
      typeof spec.automountServiceAccountToken === 'boolean'
        ? spec.automountServiceAccountToken
        : sa.automountServiceAccountToken !== false;
    if (automount) {
      const tokenPath = '/var/run/secrets/kubernetes.io/serviceaccount';
      const existing = objs(spec.volumes).find((v) => str(v.name)?.startsWith('kube-api-access-') === true);
      const volName = str(existing?.name) ?? `kube-api-access-${suffix(`token:${input.namespace}/${input.name}`)}`;
      let needsVolume = false;
      for (const c of [...objs(spec.initContainers), ...objs(spec.containers)]) {
        const mounts = arrAt(c, 'volumeMounts');
        if (!objs(mounts).some((m) => m.mountPath === tokenPath)) {
          mounts.push({ name: volName, mountPath: tokenPath, readOnly: true });
          needsVolume = true;
        }
      }
      if (existing === undefined && needsVolume) {
        arrAt(spec, 'volumes').push({
          name: volName,
          projected: {
            defaultMode: 420,
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
              { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
              {
                downwardAPI: {
                  items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }],
                },
              },
            ],
          },
        });
      }
    }
    this.injectIdentity(spec, { ...strMap(tmeta.labels), ...input.labels }, sa);

    spec.enableServiceLinks ??= true;
    spec.preemptionPolicy ??= 'PreemptLowerPriority';
    const pcName = str(spec.priorityClassName);
    const pc = pcName === undefined ? undefined : this.get('PriorityClass', '', pcName);
    if (pcName !== undefined && pc === undefined) throw new Error(`${what}: unknown priority class ${pcName}`);
    spec.priority = pc === undefined ? 0 : Number(pc.value);

    // Status of a running pod.
    const hostIP = this.internalIP(node);
    const podIP = this.podIp(nodeName, hostNetwork);
    const created = Math.max(input.createdMs, Date.parse(String(meta(node).creationTimestamp)) + 60_000);
    const t = (offsetSec: number): string => iso(created + offsetSec * 1000);
    const initStatuses = objs(spec.initContainers).map((c, i) => ({
      name: c.name,
      image: fullImage(str(c.image) ?? ''),
      imageID: imageId(str(c.image) ?? ''),
      containerID: `containerd://${sha256Hex(`cid:${input.namespace}/${input.name}/${String(c.name)}`)}`,
      ready: true,
      restartCount: 0,
      started: false,
      lastState: {},
      state: {
        terminated: {
          exitCode: 0,
          reason: 'Completed',
          startedAt: t(3 + i * 2),
          finishedAt: t(4 + i * 2),
          containerID: `containerd://${sha256Hex(`cid:${input.namespace}/${input.name}/${String(c.name)}`)}`,
        },
      },
    }));
    const startOffset = 4 + objs(spec.initContainers).length * 2;
    const statuses = objs(spec.containers).map((c, i) => {
      const restarts = i === 0 ? input.restarts : 0;
      const cid = `containerd://${sha256Hex(`cid:${input.namespace}/${input.name}/${String(c.name)}/${restarts}`)}`;
      return {
        name: c.name,
        image: fullImage(str(c.image) ?? ''),
        imageID: imageId(str(c.image) ?? ''),
        containerID: cid,
        ready: true,
        restartCount: restarts,
        started: true,
        lastState:
          restarts > 0
            ? {
                terminated: {
                  exitCode: 137,
                  reason: 'OOMKilled',
                  startedAt: t(startOffset),
                  finishedAt: t(startOffset + 3600),
                  containerID: `containerd://${sha256Hex(`cid:${input.namespace}/${input.name}/${String(c.name)}/${restarts - 1}`)}`,
                },
              }
            : {},
        state: { running: { startedAt: restarts > 0 ? t(startOffset + 3605) : t(startOffset + 1) } },
      };
    });
    const ready = t(startOffset + 8);
    const status: Obj = {
      phase: 'Running',
      conditions: [
        { type: 'PodReadyToStartContainers', status: 'True', lastProbeTime: null, lastTransitionTime: t(2) },
        { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: t(startOffset) },
        { type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: ready },
        { type: 'ContainersReady', status: 'True', lastProbeTime: null, lastTransitionTime: ready },
        { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: t(0) },
      ],
      hostIP,
      hostIPs: [{ ip: hostIP }],
      podIP,
      podIPs: [{ ip: podIP }],
      startTime: t(0),
      containerStatuses: statuses,
      qosClass: qosClass(spec),
    };
    if (initStatuses.length > 0) status.initContainerStatuses = initStatuses;

    const labels = { ...strMap(tmeta.labels), ...input.labels };
    const annotations = { ...strMap(tmeta.annotations), ...input.annotations };
    const podMeta: Obj = {
      name: input.name,
      namespace: input.namespace,
      labels,
      creationTimestamp: t(0),
    };
    if (Object.keys(annotations).length > 0) podMeta.annotations = annotations;
    if (input.owner !== undefined) {
      podMeta.ownerReferences = [this.ownerRef(input.owner)];
      // StatefulSet pods have fixed names; the other controllers create pods from generateName.
      if (input.owner.kind !== 'StatefulSet') podMeta.generateName = `${nameOf(input.owner)}-`;
    }
    if (input.finalizers !== undefined) podMeta.finalizers = input.finalizers;
    const pod: Obj = { apiVersion: 'v1', kind: 'Pod', metadata: podMeta, spec, status };
    return this.add(pod);
  }

  // --- controllers -----------------------------------------------------------------------------------------------

  private templateOf(o: Obj, path: string[]): Obj {
    let cur: unknown = o;
    for (const p of path) cur = isObj(cur) ? cur[p] : undefined;
    if (!isObj(cur)) throw new Error(`${this.where(o)}: ${str(o.kind) ?? ''} ${nameOf(o)} has no ${path.join('.')}`);
    return cur;
  }

  private restarts(o: Obj): number {
    return Number(this.directive(o, 'restarts') ?? '0');
  }

  expandDeployment(d: Obj): void {
    const spec = objAt(d, 'spec');
    const replicas = typeof spec.replicas === 'number' ? spec.replicas : 1;
    spec.replicas = replicas;
    spec.progressDeadlineSeconds ??= 600;
    spec.revisionHistoryLimit ??= 10;
    spec.strategy ??= { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } };
    const template = this.templateOf(d, ['spec', 'template']);
    defaultTemplate(template);
    const revision = Number(this.directive(d, 'revision') ?? '1');
    const generation = revision + hashInt(`gen:${objKey(d)}`, 3);
    const dMeta = meta(d);
    dMeta.generation = generation;
    objAt(dMeta, 'annotations')['deployment.kubernetes.io/revision'] = String(revision);
    const maxSurge = Math.ceil(replicas * 0.25);
    const deployCreated = this.createdOf(d);
    const rsCreated =
      revision > 1 ? Math.max(deployCreated, this.collectedMs - revision * 9 * 86_400_000) : deployCreated;

    const makeRs = (tmpl: Obj, rev: number, rsReplicas: number, created: number): Obj => {
      const hash = templateHash(tmpl);
      const rsTemplate = clone(tmpl);
      objAt(objAt(rsTemplate, 'metadata'), 'labels')['pod-template-hash'] = hash;
      const selector = clone(isObj(spec.selector) ? spec.selector : {});
      objAt(selector, 'matchLabels')['pod-template-hash'] = hash;
      const rsName = `${nameOf(d)}-${hash}`;
      const rs: Obj = {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name: rsName,
          namespace: nsOf(d),
          labels: { ...strMap(objAt(rsTemplate, 'metadata').labels) },
          annotations: {
            'deployment.kubernetes.io/desired-replicas': String(replicas),
            'deployment.kubernetes.io/max-replicas': String(replicas + maxSurge),
            'deployment.kubernetes.io/revision': String(rev),
          },
          ownerReferences: [this.ownerRef(d)],
          creationTimestamp: iso(created),
          generation: rsReplicas === 0 ? 2 : 1,
        },
        spec: { replicas: rsReplicas, selector, template: rsTemplate },
        status:
          rsReplicas === 0
            ? { observedGeneration: 2, replicas: 0 }
            : {
                availableReplicas: rsReplicas,
                fullyLabeledReplicas: rsReplicas,
                observedGeneration: 1,
                readyReplicas: rsReplicas,
                replicas: rsReplicas,
              },
      };
      return this.add(rs);
    };

    const previous = this.directive(d, 'previous-image');
    if (previous !== undefined && revision > 1) {
      const [container, image] = previous.split('=');
      const old = clone(template);
      const c = objs(objAt(old, 'spec').containers).find((x) => x.name === container);
      if (c === undefined || image === undefined) throw new Error(`${this.where(d)}: bad previous-image ${previous}`);
      c.image = image;
      makeRs(old, revision - 1, 0, Math.max(deployCreated, rsCreated - 21 * 86_400_000));
    }
    const rs = makeRs(template, revision, replicas, rsCreated);
    const rsTemplate = this.templateOf(rs, ['spec', 'template']);
    for (let i = 0; i < replicas; i++) {
      this.makePod({
        name: `${nameOf(rs)}-${suffix(`pod:${objKey(rs)}/${i}`)}`,
        namespace: nsOf(d),
        labels: {},
        annotations: {},
        owner: rs,
        template: rsTemplate,
        createdMs: rsCreated + 5_000 + i * 1_000,
        restarts: i === 0 ? this.restarts(d) : 0,
        daemon: false,
      });
    }
    d.status = {
      availableReplicas: replicas,
      conditions: [
        {
          type: 'Available',
          status: 'True',
          reason: 'MinimumReplicasAvailable',
          message: 'Deployment has minimum availability.',
          lastTransitionTime: iso(rsCreated + 40_000),
          lastUpdateTime: iso(rsCreated + 40_000),
        },
        {
          type: 'Progressing',
          status: 'True',
          reason: 'NewReplicaSetAvailable',
          message: `ReplicaSet "${nameOf(rs)}" has successfully progressed.`,
          lastTransitionTime: iso(deployCreated),
          lastUpdateTime: iso(rsCreated + 40_000),
        },
      ],
      observedGeneration: generation,
      readyReplicas: replicas,
      replicas,
      updatedReplicas: replicas,
    };
  }

  expandDaemonSet(ds: Obj): void {
    const spec = objAt(ds, 'spec');
    spec.revisionHistoryLimit ??= 10;
    spec.updateStrategy ??= { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } };
    const template = this.templateOf(ds, ['spec', 'template']);
    defaultTemplate(template);
    const generation = 1 + hashInt(`gen:${objKey(ds)}`, 4);
    meta(ds).generation = generation;
    const hash = templateHash(template);
    const created = this.createdOf(ds);
    const eligible = this.nodes.filter((n) => nodeEligible(isObj(template.spec) ? template.spec : {}, n));
    for (const node of eligible) {
      this.makePod({
        name: `${nameOf(ds)}-${suffix(`pod:${objKey(ds)}/${nameOf(node)}`)}`,
        namespace: nsOf(ds),
        labels: { 'controller-revision-hash': hash, 'pod-template-generation': String(generation) },
        annotations: {},
        owner: ds,
        template,
        nodeName: nameOf(node),
        createdMs: created + 10_000,
        restarts: this.restarts(ds),
        daemon: true,
      });
    }
    const n = eligible.length;
    ds.status = {
      currentNumberScheduled: n,
      desiredNumberScheduled: n,
      numberAvailable: n,
      numberMisscheduled: 0,
      numberReady: n,
      observedGeneration: generation,
      updatedNumberScheduled: n,
    };
  }

  expandStatefulSet(sts: Obj): void {
    const spec = objAt(sts, 'spec');
    const replicas = typeof spec.replicas === 'number' ? spec.replicas : 1;
    spec.replicas = replicas;
    spec.podManagementPolicy ??= 'OrderedReady';
    spec.revisionHistoryLimit ??= 10;
    spec.updateStrategy ??= { type: 'RollingUpdate', rollingUpdate: { partition: 0 } };
    spec.persistentVolumeClaimRetentionPolicy ??= { whenDeleted: 'Retain', whenScaled: 'Retain' };
    const serviceName = str(spec.serviceName);
    if (serviceName === undefined) throw new Error(`${this.where(sts)}: StatefulSet ${nameOf(sts)} needs serviceName`);
    const template = this.templateOf(sts, ['spec', 'template']);
    defaultTemplate(template);
    const claims = objs(spec.volumeClaimTemplates);
    for (const claim of claims) {
      const cs = objAt(claim, 'spec');
      cs.volumeMode ??= 'Filesystem';
      cs.storageClassName ??= this.cluster.defaultStorageClass;
      claim.apiVersion ??= 'v1';
      claim.kind ??= 'PersistentVolumeClaim';
      claim.status ??= { phase: 'Pending' };
    }
    meta(sts).generation = 1;
    const revision = `${nameOf(sts)}-${templateHash(template)}`;
    const created = this.createdOf(sts);
    const selectorLabels = strMap(isObj(spec.selector) ? spec.selector.matchLabels : undefined);
    for (let i = 0; i < replicas; i++) {
      const podName = `${nameOf(sts)}-${i}`;
      const podTemplate = clone(template);
      const podSpec = objAt(podTemplate, 'spec');
      podSpec.hostname = podName;
      podSpec.subdomain = serviceName;
      for (const claim of claims) {
        const claimName = `${nameOf(claim)}-${podName}`;
        arrAt(podSpec, 'volumes').push({ name: nameOf(claim), persistentVolumeClaim: { claimName } });
        const cs = objAt(claim, 'spec');
        this.add({
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          metadata: {
            name: claimName,
            namespace: nsOf(sts),
            labels: { ...selectorLabels },
            annotations: {
              'pv.kubernetes.io/bind-completed': 'yes',
              'pv.kubernetes.io/bound-by-controller': 'yes',
              'volume.beta.kubernetes.io/storage-provisioner': STORAGE_PROVISIONER[this.cluster.provider],
              'volume.kubernetes.io/storage-provisioner': STORAGE_PROVISIONER[this.cluster.provider],
            },
            finalizers: ['kubernetes.io/pvc-protection'],
            creationTimestamp: iso(created + i * 60_000),
          },
          spec: { ...clone(cs), volumeName: `pvc-${uidFor('PersistentVolume', nsOf(sts), claimName)}` },
          status: {
            phase: 'Bound',
            accessModes: clone(cs.accessModes ?? ['ReadWriteOnce']),
            capacity: clone(isObj(cs.resources) ? (cs.resources.requests ?? {}) : {}),
          },
        });
      }
      this.makePod({
        name: podName,
        namespace: nsOf(sts),
        labels: {
          'controller-revision-hash': revision,
          'statefulset.kubernetes.io/pod-name': podName,
          'apps.kubernetes.io/pod-index': String(i),
        },
        annotations: {},
        owner: sts,
        template: podTemplate,
        createdMs: created + i * 60_000 + 5_000,
        restarts: i === 0 ? this.restarts(sts) : 0,
        daemon: false,
      });
    }
    sts.status = {
      availableReplicas: replicas,
      collisionCount: 0,
      currentReplicas: replicas,
      currentRevision: revision,
      observedGeneration: 1,
      readyReplicas: replicas,
      replicas,
      updateRevision: revision,
      updatedReplicas: replicas,
    };
  }

  private defaultJobSpec(spec: Obj): void {
    spec.backoffLimit ??= 6;
    spec.completionMode ??= 'NonIndexed';
    spec.completions ??= 1;
    spec.parallelism ??= 1;
    spec.suspend ??= false;
    spec.podReplacementPolicy ??= 'TerminatingOrFailed';
  }

  /** A running Job and its pod; `owner` is the CronJob when there is one. */
  private runJob(job: Obj, owner: Obj | undefined, startedMs: number): void {
    const spec = objAt(job, 'spec');
    this.defaultJobSpec(spec);
    const template = this.templateOf(job, ['spec', 'template']);
    defaultTemplate(template);
    const jobUid = this.uid(job);
    const jobLabels = {
      'batch.kubernetes.io/controller-uid': jobUid,
      'batch.kubernetes.io/job-name': nameOf(job),
      'controller-uid': jobUid,
      'job-name': nameOf(job),
    };
    Object.assign(objAt(objAt(template, 'metadata'), 'labels'), jobLabels);
    spec.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': jobUid } };
    const jMeta = meta(job);
    jMeta.labels = { ...strMap(jMeta.labels), ...jobLabels };
    jMeta.generation = 1;
    if (owner !== undefined) jMeta.ownerReferences = [this.ownerRef(owner)];
    jMeta.creationTimestamp = iso(startedMs);
    this.makePod({
      name: `${nameOf(job)}-${suffix(`pod:${objKey(job)}`)}`,
      namespace: nsOf(job),
      labels: {},
      annotations: {},
      owner: job,
      template,
      createdMs: startedMs + 1_000,
      restarts: 0,
      finalizers: ['batch.kubernetes.io/job-tracking'],
      daemon: false,
    });
    job.status = { active: 1, ready: 1, startTime: iso(startedMs), terminating: 0, uncountedTerminatedPods: {} };
  }

  expandCronJob(cj: Obj): void {
    const spec = objAt(cj, 'spec');
    spec.concurrencyPolicy ??= 'Allow';
    spec.failedJobsHistoryLimit ??= 1;
    spec.successfulJobsHistoryLimit ??= 3;
    spec.suspend ??= false;
    const schedule = str(spec.schedule);
    if (schedule === undefined) throw new Error(`${this.where(cj)}: CronJob ${nameOf(cj)} needs a schedule`);
    const jobTemplate = this.templateOf(cj, ['spec', 'jobTemplate']);
    this.defaultJobSpec(objAt(jobTemplate, 'spec'));
    const tmpl = this.templateOf(cj, ['spec', 'jobTemplate', 'spec', 'template']);
    defaultTemplate(tmpl);
    jobTemplate.metadata ??= { creationTimestamp: null };
    meta(cj).generation = 1;
    const last = cronLastRun(schedule, this.collectedMs);
    const previous = cronLastRun(schedule, last - 60_000);
    // The CronJob controller names jobs after the scheduled time in minutes since the epoch.
    const jobName = `${nameOf(cj)}-${Math.floor(last / 60_000)}`;
    const jm = isObj(jobTemplate.metadata) ? jobTemplate.metadata : {};
    const job: Obj = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name: jobName,
        namespace: nsOf(cj),
        labels: { ...strMap(jm.labels) },
        annotations: { ...strMap(jm.annotations), 'batch.kubernetes.io/cronjob-scheduled-timestamp': iso(last) },
      },
      spec: clone(objAt(jobTemplate, 'spec')),
    };
    this.add(job);
    this.runJob(job, cj, last + 1_000);
    const jobCreated = Date.parse(String(meta(job).creationTimestamp));
    cj.status = {
      active: [
        {
          apiVersion: 'batch/v1',
          kind: 'Job',
          name: jobName,
          namespace: nsOf(cj),
          resourceVersion: resourceVersion(this.createdMs, jobCreated, objKey(job)),
          uid: this.uid(job),
        },
      ],
      lastScheduleTime: iso(last),
      lastSuccessfulTime: iso(Math.min(previous + 4 * 60_000, last - 60_000)),
    };
  }

  expandJob(job: Obj): void {
    this.runJob(job, undefined, this.createdOf(job));
  }

  finishBarePod(pod: Obj): void {
    this.objects.delete(objKey(pod));
    const m = meta(pod);
    const node = this.directive(pod, 'node');
    this.makePod({
      name: nameOf(pod),
      namespace: nsOf(pod),
      labels: strMap(m.labels),
      annotations: strMap(m.annotations),
      template: { spec: isObj(pod.spec) ? pod.spec : {} },
      ...(node === undefined ? {} : { nodeName: node }),
      createdMs: this.createdOf(pod),
      restarts: this.restarts(pod),
      daemon: false,
    });
  }

  // --- other kinds -----------------------------------------------------------------------------------------------

  finishService(svc: Obj): void {
    const spec = objAt(svc, 'spec');
    spec.type ??= 'ClusterIP';
    spec.sessionAffinity ??= 'None';
    spec.internalTrafficPolicy ??= 'Cluster';
    spec.ipFamilies ??= ['IPv4'];
    spec.ipFamilyPolicy ??= 'SingleStack';
    if (spec.clusterIP === undefined) {
      const { base, size } = cidrRange(this.cluster.serviceCIDR);
      let n = base + 16 + hashInt(`svc:${objKey(svc)}`, size - 32);
      while (this.usedClusterIps.has(n)) n++;
      this.usedClusterIps.add(n);
      spec.clusterIP = intToIp(n);
    } else if (typeof spec.clusterIP === 'string' && spec.clusterIP !== 'None') {
      this.usedClusterIps.add(ipToInt(spec.clusterIP));
    }
    spec.clusterIPs = [spec.clusterIP];
    const external = spec.type === 'LoadBalancer' || spec.type === 'NodePort';
    for (const port of objs(spec.ports)) {
      port.protocol ??= 'TCP';
      port.targetPort ??= port.port;
      if (external && port.nodePort === undefined) {
        let n = 30000 + hashInt(`np:${objKey(svc)}/${String(port.port)}`, 2767);
        while (this.usedNodePorts.has(n)) n++;
        this.usedNodePorts.add(n);
        port.nodePort = n;
      }
    }
    if (external) spec.externalTrafficPolicy ??= 'Cluster';
    if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
    svc.status ??= { loadBalancer: {} };
  }

  aggregateClusterRoles(): void {
    const roles = this.ofKind('ClusterRole');
    const matches = (selector: Obj, role: Obj): boolean => {
      const labels = strMap(meta(role).labels);
      return Object.entries(strMap(selector.matchLabels)).every(([k, v]) => labels[k] === v);
    };
    // Aggregated roles may aggregate other aggregated roles (edit into admin), so iterate to a fixed point.
    for (let pass = 0; pass < 5; pass++) {
      let changed = false;
      for (const role of roles) {
        if (!isObj(role.aggregationRule)) continue;
        const selectors = objs(role.aggregationRule.clusterRoleSelectors);
        const rules: unknown[] = [];
        const seen = new Set<string>();
        for (const other of roles) {
          if (other === role || !selectors.some((s) => matches(s, other))) continue;
          for (const rule of objs(other.rules)) {
            const k = stableJson(rule);
            if (!seen.has(k)) {
              seen.add(k);
              rules.push(clone(rule));
            }
          }
        }
        if (stableJson(rules) !== stableJson(role.rules ?? null)) {
          role.rules = rules;
          changed = true;
        }
      }
      if (!changed) return;
    }
  }

  finishWebhooks(cfg: Obj, mutating: boolean): void {
    meta(cfg).generation = 1;
    for (const w of objs(cfg.webhooks)) {
      w.failurePolicy ??= 'Fail';
      w.matchPolicy ??= 'Equivalent';
      w.namespaceSelector ??= {};
      w.objectSelector ??= {};
      w.timeoutSeconds ??= 10;
      if (mutating) w.reinvocationPolicy ??= 'Never';
      for (const rule of objs(w.rules)) rule.scope ??= '*';
      const cc = isObj(w.clientConfig) ? w.clientConfig : {};
      if (isObj(cc.service)) cc.service.port ??= 443;
    }
  }

  finishNetworkPolicy(np: Obj): void {
    const spec = objAt(np, 'spec');
    meta(np).generation = 1;
    if (!Array.isArray(spec.policyTypes)) {
      spec.policyTypes = Array.isArray(spec.egress) ? ['Ingress', 'Egress'] : ['Ingress'];
    }
  }

  finishNamespace(ns: Obj): void {
    const m = meta(ns);
    m.labels = { ...strMap(m.labels), 'kubernetes.io/metadata.name': nameOf(ns) };
    ns.spec = { finalizers: ['kubernetes'] };
    ns.status = { phase: 'Active' };
  }

  /** uid, creationTimestamp, resourceVersion; directives and empty maps removed. */
  finishMeta(o: Obj): void {
    const m = meta(o);
    const created = this.createdOf(o);
    const annotations = strMap(m.annotations);
    for (const k of Object.keys(annotations)) if (k.startsWith(DIRECTIVE)) Reflect.deleteProperty(annotations, k);
    if (Object.keys(annotations).length > 0) m.annotations = annotations;
    else Reflect.deleteProperty(m, 'annotations');
    m.creationTimestamp = iso(created);
    m.uid = this.uid(o);
    m.resourceVersion = resourceVersion(this.createdMs, created, objKey(o));
  }
}

const KUBE_ROOT_CA_DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

const STORAGE_PROVISIONER: Record<Provider, string> = {
  eks: 'ebs.csi.aws.com',
  aks: 'disk.csi.azure.com',
  gke: 'pd.csi.storage.gke.io',
};

/** etcd revisions grow with time; derive one from the creation time so older objects have smaller versions. */
function resourceVersion(clusterCreatedMs: number, createdMs: number, key: string): string {
  const minutes = Math.max(0, Math.floor((createdMs - clusterCreatedMs) / 60_000));
  return String(250 + minutes * 37 + hashInt(`rv:${key}`, 37));
}

/** The image reference as the runtime reports it: registry and tag made explicit. */
export function fullImage(image: string): string {
  const first = image.split('/')[0] ?? '';
  const hasRegistry = image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  let out = hasRegistry ? image : `docker.io/${image.includes('/') ? image : `library/${image}`}`;
  if (imageHasDigestOrTag(out).tag === undefined) out += ':latest';
  return out;
}

function imageId(image: string): string {
  const full = fullImage(image);
  const at = full.indexOf('@');
  if (at >= 0) return full;
  const repo = full.slice(0, full.lastIndexOf(':'));
  return `${repo}@sha256:${sha256Hex(`image:${full}`)}`;
}

function quantities(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isObj(v)) for (const [k, q] of Object.entries(v)) out[k] = String(q);
  return out;
}

function qosClass(spec: Obj): string {
  const containers = [...objs(spec.initContainers), ...objs(spec.containers)];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const res = isObj(c.resources) ? c.resources : {};
    const limits = quantities(res.limits);
    const requests = quantities(res.requests);
    if (Object.keys(limits).length > 0 || Object.keys(requests).length > 0) any = true;
    for (const r of ['cpu', 'memory']) {
      const limit = limits[r];
      if (limit === undefined || (requests[r] !== undefined && requests[r] !== limit)) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

// ---------------------------------------------------------------------------------------------------------------
// The snapshot.

function coverageOf(objects: Obj[]): CoverageEntry[] {
  const counts = new Map<string, number>();
  for (const o of objects) counts.set(String(o.kind), (counts.get(String(o.kind)) ?? 0) + 1);
  const withData = objects.filter((o) => o.kind === 'ConfigMap' && isObj(o.data)).length;
  return KIND_ORDER.map((kind) => {
    const k = KINDS[kind];
    if (k === undefined) throw new Error(kind);
    const entry: CoverageEntry = {
      group: k.group,
      version: k.version,
      resource: k.resource,
      kind,
      status: 'listed',
      count: counts.get(kind) ?? 0,
    };
    if (kind === 'Secret') entry.metadataOnly = true;
    if (kind === 'ConfigMap') {
      entry.message = `data kept for the ${withData} config maps that middleware or the cluster consumes; others metadata only`;
    }
    return entry;
  });
}

/** Builds the snapshot of one provider's example cluster from examples/src/common and examples/src/<provider>. */
export function buildSnapshot(provider: Provider): Snapshot {
  const sources = loadSources(provider);
  const b = new ClusterBuilder(sources.cluster, sources.origin);
  for (const pool of sources.pools) b.expandPool(pool);
  for (const o of sources.objects) b.add(o);
  b.addImplicitObjects();
  for (const ns of b.ofKind('Namespace')) b.finishNamespace(ns);
  for (const secret of b.ofKind('Secret')) {
    // Snapshots never carry secret values.
    Reflect.deleteProperty(secret, 'data');
    Reflect.deleteProperty(secret, 'stringData');
    secret.type ??= 'Opaque';
  }
  for (const svc of b.ofKind('Service')) b.finishService(svc);
  for (const np of b.ofKind('NetworkPolicy')) b.finishNetworkPolicy(np);
  for (const w of b.ofKind('MutatingWebhookConfiguration')) b.finishWebhooks(w, true);
  for (const w of b.ofKind('ValidatingWebhookConfiguration')) b.finishWebhooks(w, false);
  b.aggregateClusterRoles();
  // Controllers in a fixed order so that scheduling and pod IPs are reproducible.
  for (const ds of b.ofKind('DaemonSet')) b.expandDaemonSet(ds);
  for (const d of b.ofKind('Deployment')) b.expandDeployment(d);
  for (const sts of b.ofKind('StatefulSet')) b.expandStatefulSet(sts);
  for (const cj of b.ofKind('CronJob')) b.expandCronJob(cj);
  for (const job of b.ofKind('Job')) if (meta(job).ownerReferences === undefined) b.expandJob(job);
  for (const pod of b.ofKind('Pod')) if (sources.origin.has(pod)) b.finishBarePod(pod);
  for (const o of b.objects.values()) b.finishMeta(o);

  const objects = [...b.objects.values()].sort((x, y) => {
    const kx = KIND_ORDER.indexOf(String(x.kind));
    const ky = KIND_ORDER.indexOf(String(y.kind));
    if (kx !== ky) return kx - ky;
    return nsOf(x) === nsOf(y) ? nameOf(x).localeCompare(nameOf(y)) : nsOf(x).localeCompare(nsOf(y));
  });
  const c = sources.cluster;
  return {
    kind: 'KubeseamSnapshot',
    schemaVersion: 1,
    collectedAt: c.collectedAt,
    tool: TOOL,
    cluster: {
      name: c.name,
      context: c.context,
      server: c.server,
      version: c.version,
      apiGroupVersions: c.apiGroupVersions,
    },
    coverage: coverageOf(objects),
    objects: objects.map((o) => sortKeys(o) as KubeObject),
  };
}

/**
 * Valid JSON laid out one object per line: small enough to commit (a pretty-printed file is about 50% larger) and
 * a change to one object is a one-line diff.
 */
export function renderSnapshot(snapshot: Snapshot): string {
  const entries = Object.entries(snapshot).map(([key, value]) => {
    if (!Array.isArray(value)) return ` ${JSON.stringify(key)}: ${JSON.stringify(value)}`;
    const items = value.map((item) => JSON.stringify(item)).join(',\n  ');
    return ` ${JSON.stringify(key)}: [\n  ${items}\n ]`;
  });
  return `{\n${entries.join(',\n')}\n}\n`;
}

export function snapshotPath(provider: Provider, dir = EXAMPLES_DIR): string {
  return join(dir, `${provider}.snapshot.json`);
}

/** Writes (or with check, compares) the snapshots; returns the providers whose committed file is stale. */
export function run(providers: readonly Provider[], check: boolean, dir = EXAMPLES_DIR): Provider[] {
  const stale: Provider[] = [];
  for (const provider of providers) {
    const text = renderSnapshot(buildSnapshot(provider));
    const path = snapshotPath(provider, dir);
    const current = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    if (current === text) continue;
    stale.push(provider);
    if (!check) {
      const tmp = `${path}.tmp-${process.pid}`;
      writeFileSync(tmp, text);
      renameSync(tmp, path);
    }
  }
  return stale;
}

function main(argv: string[]): number {
  const check = argv.includes('--check');
  const named = argv.filter((a) => !a.startsWith('--'));
  for (const p of named) {
    if (!(PROVIDERS as readonly string[]).includes(p)) {
      console.error(`gen-examples: unknown provider ${p} (expected ${PROVIDERS.join(', ')})`);
      return 2;
    }
  }
  const providers = named.length > 0 ? (named as Provider[]) : PROVIDERS;
  const stale = run(providers, check);
  if (check && stale.length > 0) {
    console.error(
      `gen-examples: ${stale.map((p) => `examples/${p}.snapshot.json`).join(', ')} out of date; run npx tsx scripts/gen-examples.ts`,
    );
    return 1;
  }
  for (const p of stale) console.log(`wrote examples/${p}.snapshot.json`);
  return 0;
}

const invoked = process.argv[1];
if (invoked !== undefined && import.meta.url === pathToFileURL(invoked).href) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (err) {
    console.error(`gen-examples: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 2;
  }
}
