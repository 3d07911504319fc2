// The measured steps of bench/run.ts. Each runs in a fresh child process (bench/lib/step.ts) so that its memory peak
// and its JIT and GC state are its own. Every step returns plain figures; the caller adds the process's peak RSS.
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { classify } from '../../src/analyze.ts';
import { buildModel, type Model } from '../../src/model/build.ts';
import { attackGraph, blastRadius, findPaths } from '../../src/paths/index.ts';
import { evaluatePod } from '../../src/pss/evaluate.ts';
import { pssVersionFor } from '../../src/pss/coverage.ts';
import { rbacIndexFor } from '../../src/rbac/analyze.ts';
import { ALL_NAMESPACES, can, whoCan, type AccessRequest } from '../../src/rbac/index.ts';
import { scanSource } from '../../src/run.ts';
import { readSnapshotFile, snapshotObjects } from '../../src/sources/snapshot.ts';
import { createRng } from './prng.ts';
import { scanPhases, type Phase } from './phases.ts';

/** Prefix of the line a step process prints its figures on (JSON). */
export const RESULT_MARK = 'BENCH-RESULT ';

/** Evaluation date of every measured scan, so runs compare. */
export const AS_OF = new Date('2026-11-20T00:00:00Z');

export interface Timed {
  wallMs: number;
  cpuMs: number;
}

export function timed<T>(fn: () => T): [T, Timed] {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = fn();
  const c = process.cpuUsage(c0);
  return [r, { wallMs: performance.now() - t0, cpuMs: (c.user + c.system) / 1000 }];
}

export async function timedAsync<T>(fn: () => Promise<T>): Promise<[T, Timed]> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await fn();
  const c = process.cpuUsage(c0);
  return [r, { wallMs: performance.now() - t0, cpuMs: (c.user + c.system) / 1000 }];
}

/** The floor: read the file, gunzip it, JSON.parse it; nothing a scan could skip. */
export async function floorStep(file: string): Promise<Timed & { method: string; objects: number; bytes: number }> {
  const [r, t] = await timedAsync(async () => {
    const buf = await readFile(file);
    const raw = buf[0] === 0x1f && buf[1] === 0x8b ? gunzipSync(buf) : buf;
    // Above the longest string V8 can hold (512 MiB) the text cannot be parsed in one call; the same bytes are
    // then parsed a line (an object) at a time, which is the least any reader must do.
    if (raw.length < 2 ** 29 - 24) {
      const doc = JSON.parse(raw.toString('utf8')) as { objects: unknown[] };
      return { method: 'JSON.parse of the whole text', objects: doc.objects.length, bytes: raw.length };
    }
    const objects: unknown[] = [];
    let start = 0;
    for (;;) {
      const nl = raw.indexOf(0x0a, start);
      const end = nl < 0 ? raw.length : nl;
      let e = end;
      if (raw[e - 1] === 0x0d) e--;
      if (raw[e - 1] === 0x2c) e--;
      if (raw[start] === 0x7b && start > 0 && e > start) objects.push(JSON.parse(raw.toString('utf8', start, e)));
      if (nl < 0) break;
      start = nl + 1;
    }
    return {
      method: 'JSON.parse of each line (the text exceeds the longest string)',
      objects: objects.length,
      bytes: raw.length,
    };
  });
  return { ...t, ...r };
}

/** The real path: scanSource({ snapshot }), reading and gunzip included. */
export async function scanStep(file: string): Promise<Timed & { findings: number; workloads: number; pods: number }> {
  const [r, t] = await timedAsync(() => scanSource({ snapshot: file }, { asOf: AS_OF }));
  return { ...t, findings: r.findings.length, workloads: r.summary.workloads, pods: r.summary.pods };
}

export async function phasesStep(file: string): Promise<{ phases: Phase[] }> {
  return { phases: await scanPhases(file, AS_OF) };
}

async function loadModel(file: string): Promise<Model> {
  const snap = await readSnapshotFile(file);
  const model = buildModel({
    objects: snapshotObjects(snap, { file }),
    cluster: snap.cluster,
    coverage: snap.coverage,
    sourceKind: 'snapshot',
  });
  classify(model);
  return model;
}

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** A customer namespace of the generated cluster (`<team>-NNNN`), for namespaced questions. */
function customerNamespace(model: Model): string {
  return [...model.namespaces.keys()].find((n) => /^[a-z]+-\d{4}$/.test(n)) ?? 'default';
}

export interface WhoCanFigures {
  bindings: number;
  indexMs: number;
  questions: { question: string; answers: number; p50Ms: number; p99Ms: number }[];
  p50Ms: number;
  p99Ms: number;
  canP50Ms: number;
  canP99Ms: number;
}

/** who-can latency on the cluster: the questions of bench/rbac-who-can.ts, 30 runs each; `can` for 2,000 accounts. */
export async function whoCanStep(file: string, rounds = 30): Promise<WhoCanFigures> {
  const model = await loadModel(file);
  const [index, t] = timed(() => rbacIndexFor(model));
  const ns = customerNamespace(model);
  const figures = whoCanQuestions(index, ns, rounds);
  const accounts = (model.byKind.get('ServiceAccount') ?? []).map((s) => s.object.metadata);
  const rng = createRng(42);
  const canSamples: number[] = [];
  for (let i = 0; i < 2000 && accounts.length > 0; i++) {
    const md = rng.pick(accounts);
    const principal = { kind: 'ServiceAccount' as const, name: md.name ?? '', namespace: md.namespace ?? 'default' };
    const request = { verb: 'get', resource: 'configmaps', name: 'app-config', namespace: principal.namespace };
    canSamples.push(timed(() => can(index, principal, request))[1].wallMs);
  }
  canSamples.sort((a, b) => a - b);
  return {
    bindings: index.bindings.length,
    indexMs: t.wallMs,
    ...figures,
    canP50Ms: percentile(canSamples, 50),
    canP99Ms: percentile(canSamples, 99),
  };
}

export function whoCanQuestions(
  index: ReturnType<typeof rbacIndexFor>,
  ns: string,
  rounds: number,
): Pick<WhoCanFigures, 'questions' | 'p50Ms' | 'p99Ms'> {
  const questions: [string, AccessRequest][] = [
    ['create pods/exec -A', { verb: 'create', resource: 'pods', subresource: 'exec', namespace: ALL_NAMESPACES }],
    [`get secrets -n ${ns}`, { verb: 'get', resource: 'secrets', namespace: ns }],
    ['get secrets -A', { verb: 'get', resource: 'secrets', namespace: ALL_NAMESPACES }],
    [
      `update configmaps app-config -n ${ns}`,
      { verb: 'update', resource: 'configmaps', name: 'app-config', namespace: ns },
    ],
    [`patch daemonsets.apps -n ${ns}`, { verb: 'patch', apiGroup: 'apps', resource: 'daemonsets', namespace: ns }],
    [
      `update deployments/scale -n ${ns}`,
      { verb: 'update', apiGroup: 'apps', resource: 'deployments', subresource: 'scale', namespace: ns },
    ],
    ['list nodes', { verb: 'list', resource: 'nodes' }],
    ['get /metrics', { verb: 'get', nonResourceURL: '/metrics' }],
    ['escalate clusterroles', { verb: 'escalate', apiGroup: 'rbac.authorization.k8s.io', resource: 'clusterroles' }],
    ['impersonate users', { verb: 'impersonate', resource: 'users' }],
  ];
  const all: number[] = [];
  const out: WhoCanFigures['questions'] = [];
  for (const [question, request] of questions) {
    const samples: number[] = [];
    let answers = 0;
    for (let i = 0; i < rounds; i++) {
      const [r, t] = timed(() => whoCan(index, request));
      samples.push(t.wallMs);
      answers = r.length;
    }
    samples.sort((a, b) => a - b);
    all.push(...samples);
    out.push({ question, answers, p50Ms: percentile(samples, 50), p99Ms: percentile(samples, 99) });
  }
  all.sort((a, b) => a - b);
  return { questions: out, p50Ms: percentile(all, 50), p99Ms: percentile(all, 99) };
}

export interface PathsFigures {
  graphMs: number;
  pathsMs: number;
  blastMs: number;
  vertices: number;
  edges: number;
  paths: number;
}

/** Attack graph construction, all paths from all entries to all targets, blast radius of provider components. */
export async function pathsStep(file: string): Promise<PathsFigures> {
  const model = await loadModel(file);
  return measurePaths(model);
}

export function measurePaths(model: Model): PathsFigures {
  const [graph, g] = timed(() => attackGraph(model));
  const [found, p] = timed(() => findPaths(model, { limit: 20 }));
  const [, b] = timed(() => blastRadius(model));
  return {
    graphMs: g.wallMs,
    pathsMs: p.wallMs,
    blastMs: b.wallMs,
    vertices: graph.vertices.length,
    edges: graph.edges.length,
    paths: found.summary.paths,
  };
}

export interface PssFigures {
  templates: number;
  pods: number;
  evaluations: number;
  wallMs: number;
  templatesPerSecond: number;
  podsPerSecond: number;
}

/**
 * Pod Security evaluation throughput: each workload's template at baseline and restricted, as the scan does. A
 * template stands for all the pods of its workload, hence the pods/s equivalent.
 */
export async function pssStep(file: string): Promise<PssFigures> {
  const model = await loadModel(file);
  const version = pssVersionFor(model);
  const [, t] = timed(() => {
    for (const w of model.workloads) {
      evaluatePod({ metadata: w.podMeta, spec: w.podSpec }, 'baseline', version);
      evaluatePod({ metadata: w.podMeta, spec: w.podSpec }, 'restricted', version);
    }
  });
  const pods = model.workloads.reduce((n, w) => n + Math.max(1, w.podCount), 0);
  return {
    templates: model.workloads.length,
    pods,
    evaluations: model.workloads.length * 2,
    wallMs: t.wallMs,
    templatesPerSecond: (model.workloads.length / t.wallMs) * 1000,
    podsPerSecond: (pods / t.wallMs) * 1000,
  };
}
