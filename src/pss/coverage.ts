// Namespace coverage of Pod Security: the labels each namespace carries, what enforcing each level would break,
// and the `kubectl label` plan that tightens every namespace as far as it can go today.
import type { Model } from '../model/build.ts';
import type { ObjectRef, Workload } from '../model/types.ts';
import { evaluatePod, resolvePssVersion, violationMessage } from './evaluate.ts';
import { parseNamespacePolicy, PSS_LABEL_PREFIX, type NamespacePolicy } from './namespace.ts';
import type { PssLevel } from './types.ts';

export interface PssWorkloadVerdict {
  resource: ObjectRef;
  /** Failed upstream check ids per level; empty when allowed. */
  baseline: string[];
  restricted: string[];
  /** Upstream-style message for the strictest failing level, for humans. */
  message?: string;
}

export interface PssNamespaceCoverage {
  namespace: string;
  /** False when the Namespace object is not in the source: its labels are unknown. */
  declared: boolean;
  policy: NamespacePolicy;
  /** Enforce is set to baseline or restricted. */
  enforced: boolean;
  /** kube-system, or a namespace running provider middleware or core components. */
  middleware: boolean;
  workloads: number;
  wouldBreak: { baseline: PssBrokenWorkload[]; restricted: PssBrokenWorkload[] };
  /** The strictest level every current workload is allowed at. */
  strictestAllowed: PssLevel;
  plan: PssLabelPlan;
}

export interface PssBrokenWorkload {
  resource: ObjectRef;
  checks: string[];
  message: string;
}

export interface PssLabelPlan {
  /** The level the plan moves enforce to (never looser than today's). */
  target: PssLevel;
  /** Commands in order: audit and warn first, then enforce. Empty when nothing changes. */
  commands: string[];
  note?: string;
}

export interface PssCoverage {
  /** The policy version evaluated (`v1.N`): the cluster's minor when known, else the newest. */
  version: string;
  namespaces: PssNamespaceCoverage[];
  workloads: PssWorkloadVerdict[];
}

const RANK: Record<PssLevel, number> = { privileged: 0, baseline: 1, restricted: 2 };

const cache = new WeakMap<Model, Map<string, PssCoverage>>();

/** The version to evaluate and pin labels to: the cluster's minor when known (labels pin it), else latest. */
export function pssVersionFor(model: Model, requested?: string): string {
  if (requested) return resolvePssVersion(requested);
  const minor = Number.parseInt(model.cluster.version?.minor ?? '', 10);
  return Number.isFinite(minor) && minor > 0 ? resolvePssVersion(`v1.${minor}`) : resolvePssVersion('latest');
}

/** Evaluates each workload's pod template once per level (not each pod), and summarises each namespace. */
export function pssCoverage(model: Model, requestedVersion?: string): PssCoverage {
  const version = pssVersionFor(model, requestedVersion);
  let byVersion = cache.get(model);
  if (!byVersion) cache.set(model, (byVersion = new Map<string, PssCoverage>()));
  const hit = byVersion.get(version);
  if (hit) return hit;

  const verdicts = new Map<Workload, PssWorkloadVerdict>();
  const brokenAt = (w: Workload, level: 'baseline' | 'restricted'): PssBrokenWorkload | undefined => {
    const r = evaluatePod({ metadata: w.podMeta, spec: w.podSpec }, level, version);
    if (r.allowed) return undefined;
    return {
      resource: w.ref,
      checks: r.violations.map((v) => v.check),
      message: violationMessage(level, version, r.violations),
    };
  };
  const byNs = new Map<string, { baseline: PssBrokenWorkload[]; restricted: PssBrokenWorkload[]; list: Workload[] }>();
  for (const w of model.workloads) {
    const b = brokenAt(w, 'baseline');
    const r = brokenAt(w, 'restricted');
    const verdict: PssWorkloadVerdict = { resource: w.ref, baseline: b?.checks ?? [], restricted: r?.checks ?? [] };
    const msg = b?.message ?? r?.message;
    if (msg) verdict.message = msg;
    verdicts.set(w, verdict);
    let entry = byNs.get(w.namespace);
    if (!entry) byNs.set(w.namespace, (entry = { baseline: [], restricted: [], list: [] }));
    entry.list.push(w);
    if (b) entry.baseline.push(b);
    if (r) entry.restricted.push(r);
  }

  const namespaces: PssNamespaceCoverage[] = [];
  for (const ns of model.namespaces.values()) {
    const entry = byNs.get(ns.name) ?? { baseline: [], restricted: [], list: [] };
    const policy = parseNamespacePolicy(ns.labels);
    const strictestAllowed: PssLevel =
      entry.restricted.length === 0 ? 'restricted' : entry.baseline.length === 0 ? 'baseline' : 'privileged';
    const middleware =
      ns.name === 'kube-system' ||
      entry.list.some((w) => w.classification?.class === 'middleware' || w.classification?.class === 'core');
    namespaces.push({
      namespace: ns.name,
      declared: ns.declared,
      policy,
      enforced: policy.enforce.level !== 'privileged',
      middleware,
      workloads: entry.list.length,
      wouldBreak: { baseline: entry.baseline, restricted: entry.restricted },
      strictestAllowed,
      plan: labelPlan(ns.name, policy, strictestAllowed, version, entry.baseline.length),
    });
  }
  namespaces.sort((a, b) => a.namespace.localeCompare(b.namespace));
  const result: PssCoverage = { version, namespaces, workloads: [...verdicts.values()] };
  byVersion.set(version, result);
  return result;
}

function labelCmd(ns: string, pairs: [string, string][]): string {
  const shellSafe = /^[A-Za-z0-9._-]+$/.test(ns) ? ns : `'${ns.replace(/'/g, `'\\''`)}'`;
  return `kubectl label --overwrite ns ${shellSafe} ${pairs.map(([k, v]) => `${PSS_LABEL_PREFIX}${k}=${v}`).join(' ')}`;
}

/**
 * Audit and warn go first at the strictest level the namespace can take, so violations show up without rejecting
 * anything; enforce follows at that level, pinned to the evaluated version. A namespace that cannot take baseline
 * today still gets audit/warn at baseline, and a note that its exceptions need an admission policy.
 */
function labelPlan(
  ns: string,
  policy: NamespacePolicy,
  strictest: PssLevel,
  version: string,
  baselineBreaks: number,
): PssLabelPlan {
  const current = policy.enforce.level;
  const target: PssLevel = RANK[strictest] > RANK[current] ? strictest : current;
  const observe: PssLevel = strictest === 'privileged' ? 'baseline' : strictest;
  const commands: string[] = [];
  const needsObserve = (['audit', 'warn'] as const).some(
    (m) => RANK[policy[m].level] < RANK[observe] || (policy[m].level === observe && policy[m].version !== version),
  );
  if (needsObserve && RANK[observe] > RANK[current]) {
    commands.push(
      labelCmd(ns, [
        ['audit', observe],
        ['audit-version', version],
        ['warn', observe],
        ['warn-version', version],
      ]),
    );
  }
  if (RANK[target] > RANK[current]) {
    commands.push(
      labelCmd(ns, [
        ['enforce', target],
        ['enforce-version', version],
      ]),
    );
  }
  const plan: PssLabelPlan = { target, commands };
  if (strictest === 'privileged') {
    plan.note =
      `${baselineBreaks} workload(s) would be rejected at baseline: keep enforce as is, watch audit/warn, and ` +
      'grant the exact exceptions through an admission policy (kubeseam policy) before enforcing baseline.';
  }
  return plan;
}
