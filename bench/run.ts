// Figures for the scan of large managed clusters (issue 16). Not a test: prints figures.
//   npx tsx bench/run.ts [--sizes 1500,15000,75000,150000] [--provider eks] [--runs 3]
//                        [--steps floor,scan,phases,whocan,paths,pss,collect] [--collect-size 150000]
//                        [--node-flags=--max-semi-space-size=64] [--regenerate]
// For each size, a snapshot from bench/generate.ts (generated into bench/out when missing). Every measured step runs
// in a fresh child process (bench/lib/step.ts) so memory peaks and JIT/GC state do not mix; this process samples
// the child's RSS from /proc every 100 ms, and the child reports resourceUsage().maxRSS. floor and scan are repeated
// (--runs, alternating) and reported as medians; the rest run once per size. Results also go to bench/out/.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { CollectFigures } from './lib/collect.ts';
import type { Phase } from './lib/phases.ts';
import { RESULT_MARK, type PathsFigures, type PssFigures, type Timed, type WhoCanFigures } from './lib/steps.ts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1500,15000,75000,150000' },
    provider: { type: 'string', default: 'eks' },
    runs: { type: 'string', default: '3' },
    steps: { type: 'string', default: 'floor,scan,phases,whocan,paths,pss,collect' },
    'collect-size': { type: 'string' },
    /** Extra node flags for the floor, scan and phases processes, e.g. --max-semi-space-size=64. */
    'node-flags': { type: 'string', default: '' },
    regenerate: { type: 'boolean', default: false },
  },
});
const nodeFlags = values['node-flags'].split(' ').filter(Boolean);
const sizes = values.sizes.split(',').map(Number);
const runs = Number(values.runs);
const steps = new Set(values.steps.split(','));
const collectSize = Number(values['collect-size'] ?? sizes[sizes.length - 1]);
const outDir = fileURLToPath(new URL('./out/', import.meta.url));
const stepScript = fileURLToPath(new URL('./lib/step.ts', import.meta.url));
const generateScript = fileURLToPath(new URL('./generate.ts', import.meta.url));

interface Measured {
  /** Peak RSS of the step's process: the kernel's count, and the highest /proc sample. */
  maxRssMiB: number;
  sampledPeakMiB: number;
}

function vmRssMiB(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

async function child(args: string[]): Promise<string> {
  const p = spawn(process.execPath, ['--import', 'tsx', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  p.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((resolve) => p.once('exit', resolve));
  if (code !== 0) throw new Error(`${args.join(' ')} exited with ${code}`);
  return out;
}

async function step<T>(name: string, file: string, options?: object): Promise<T & Measured> {
  const flags = ['floor', 'scan', 'phases'].includes(name) ? nodeFlags : [];
  const args = [...flags, '--import', 'tsx', stepScript, name, file, ...(options ? [JSON.stringify(options)] : [])];
  const p = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let sampledPeakMiB = 0;
  const sampler = setInterval(() => {
    const rss = p.pid === undefined ? undefined : vmRssMiB(p.pid);
    if (rss !== undefined && rss > sampledPeakMiB) sampledPeakMiB = rss;
  }, 100);
  let out = '';
  p.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((resolve) => p.once('exit', resolve));
  clearInterval(sampler);
  const line = out.split('\n').find((l) => l.startsWith(RESULT_MARK));
  if (code !== 0 || !line) throw new Error(`step ${name} ${file} failed (exit ${code})`);
  const r = JSON.parse(line.slice(RESULT_MARK.length)) as T & { maxRssMiB: number };
  return { ...r, sampledPeakMiB };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const sec = (ms: number): string => (ms / 1000).toFixed(1);
const mib = (x: number): string => x.toFixed(0);
const pad = (s: string | number, n: number): string => String(s).padStart(n);
const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

console.log(
  `node ${process.version}${nodeFlags.length ? ` ${nodeFlags.join(' ')}` : ''}, ${cpus().length} cores; ` +
    `load average ${load()}; provider ${values.provider}`,
);

type FloorFigures = Timed & Measured & { method: string; objects: number; bytes: number };
type ScanFigures = Timed & Measured & { findings: number; workloads: number; pods: number };
interface SizeResult {
  pods: number;
  file: string;
  floor: FloorFigures[];
  scan: ScanFigures[];
  phases?: Phase[];
  whocan?: WhoCanFigures & Measured;
  paths?: PathsFigures & Measured;
  pss?: PssFigures & Measured;
  collect?: CollectFigures & Measured;
  loadBefore: string;
  loadAfter?: string;
}
const results: SizeResult[] = [];

for (const pods of sizes) {
  const file = `${outDir}${values.provider}-${pods}.snapshot.json.gz`;
  if (values.regenerate || !existsSync(file)) {
    process.stdout.write(`generating ${file} … `);
    const out = await child([generateScript, '--pods', String(pods), '--provider', values.provider, '--out', file]);
    console.log(out.trim().split('\n').pop());
  }
  const r: SizeResult = { pods, file, floor: [], scan: [], loadBefore: load() };
  results.push(r);
  for (let i = 0; i < runs; i++) {
    if (steps.has('floor')) r.floor.push(await step<FloorFigures>('floor', file));
    if (steps.has('scan')) r.scan.push(await step<ScanFigures>('scan', file));
    const f = r.floor[r.floor.length - 1];
    const s = r.scan[r.scan.length - 1];
    console.log(
      `${pad(pods, 7)} pods run ${i + 1}: ` +
        (f ? `floor ${sec(f.wallMs)} s (cpu ${sec(f.cpuMs)}, peak ${mib(f.maxRssMiB)} MiB) ` : '') +
        (s
          ? `scan ${sec(s.wallMs)} s (cpu ${sec(s.cpuMs)}, peak ${mib(s.maxRssMiB)} MiB, ${s.findings} findings)`
          : '') +
        `; load ${load()}`,
    );
  }
  if (steps.has('phases') && pods === sizes[sizes.length - 1])
    r.phases = (await step<{ phases: Phase[] }>('phases', file)).phases;
  if (steps.has('whocan')) r.whocan = await step<WhoCanFigures>('whocan', file);
  if (steps.has('paths')) r.paths = await step<PathsFigures>('paths', file);
  if (steps.has('pss')) r.pss = await step<PssFigures>('pss', file);
  if (steps.has('collect') && pods === collectSize) r.collect = await step<CollectFigures>('collect', file);
  r.loadAfter = load();
}

console.log(`\nfull scan from snapshot (scanSource, reading and gunzip included); medians of ${runs} run(s)`);
console.log(
  '   pods  objects  JSON MiB   floor s   scan s  scan/floor  scan cpu s  peak RSS MiB  s per 10k pods  growth w/cpu',
);
let prev: { pods: number; scan: number; cpu: number } | undefined;
for (const r of results) {
  const floor = median(r.floor.map((f) => f.wallMs));
  const scan = median(r.scan.map((s) => s.wallMs));
  const cpu = median(r.scan.map((s) => s.cpuMs));
  const growth = prev
    ? `${(scan / prev.scan / (r.pods / prev.pods)).toFixed(2)} / ${(cpu / prev.cpu / (r.pods / prev.pods)).toFixed(2)}`
    : '-';
  console.log(
    `${pad(r.pods, 7)} ${pad(r.floor[0]?.objects ?? '-', 8)} ${pad(mib((r.floor[0]?.bytes ?? 0) / 2 ** 20), 9)} ` +
      `${pad(sec(floor), 9)} ${pad(sec(scan), 8)} ${pad((scan / floor).toFixed(2), 11)} ` +
      `${pad(sec(cpu), 11)} ${pad(mib(Math.max(...r.scan.map((s) => s.maxRssMiB))), 13)} ` +
      `${pad(((scan / r.pods) * 10).toFixed(2), 15)} ${pad(growth, 12)}`,
  );
  prev = { pods: r.pods, scan, cpu };
}
console.log(
  'growth: (scan time ratio) / (pod count ratio) against the previous size, wall / cpu; at most 1 is linear or better',
);

const last = results[results.length - 1];
if (last?.phases) {
  console.log(`\nwhere the time goes at ${last.pods} pods (one run)`);
  for (const p of last.phases)
    console.log(`  ${p.name.padEnd(18)} ${pad(sec(p.wallMs), 6)} s  cpu ${pad(sec(p.cpuMs), 6)} s`);
}
console.log(
  '\nper size: who-can p50/p99 (ms) · attack graph + all paths + blast radius (s) · PSS templates/s (pods/s)',
);
for (const r of results) {
  const w = r.whocan;
  const p = r.paths;
  const s = r.pss;
  console.log(
    `${pad(r.pods, 7)} pods: ` +
      (w
        ? `who-can ${w.p50Ms.toFixed(2)}/${w.p99Ms.toFixed(2)} over ${w.bindings} bindings, can ${w.canP50Ms.toFixed(3)}/${w.canP99Ms.toFixed(3)}; `
        : '') +
      (p
        ? `paths ${sec(p.graphMs)} + ${sec(p.pathsMs)} + ${sec(p.blastMs)} s (${p.vertices} vertices, ${p.edges} edges); `
        : '') +
      (s
        ? `PSS ${Math.round(s.templatesPerSecond)} templates/s (${Math.round(s.podsPerSecond)} pods/s) over ${s.templates} templates`
        : ''),
  );
}
const big = results.find((r) => r.whocan)?.whocan && results[results.length - 1]?.whocan;
if (big) {
  console.log(`\nwho-can on the ${last?.pods}-pod cluster (30 runs each):`);
  for (const q of big.questions)
    console.log(
      `  ${q.question.padEnd(44)} ${pad(q.answers, 6)} answers  p50 ${q.p50Ms.toFixed(2)} ms  p99 ${q.p99Ms.toFixed(2)} ms`,
    );
}
const c = results.find((r) => r.collect)?.collect;
if (c) {
  console.log(
    `\ncollection from the fake API server: ${c.collected} of ${c.served} objects (${c.pods} pods, ${c.nodes} nodes) in ` +
      `${sec(c.wallMs)} s = ${Math.round(c.objectsPerSecond)} objects/s (collector cpu ${sec(c.cpuMs)} s, peak ${mib(c.maxRssMiB)} MiB); ` +
      `serialised to ${mib(c.serializedMiB)} MiB gzip in ${sec(c.serializeMs)} s` +
      (c.notListed.length ? `; not fully listed: ${c.notListed.join(', ')}` : ''),
  );
}
if (last && last.scan.length > 0 && last.floor.length > 0) {
  const scan = median(last.scan.map((s) => s.wallMs));
  const floor = median(last.floor.map((f) => f.wallMs));
  const peak = Math.max(...last.scan.map((s) => s.maxRssMiB));
  console.log(
    `\ntargets at ${last.pods} pods: scan/floor ${(scan / floor).toFixed(2)} (≤ 2.5: ${scan / floor <= 2.5 ? 'met' : 'missed'}), ` +
      `scan ${sec(scan)} s (< 30 s: ${scan < 30_000 ? 'met' : 'missed'}), peak RSS ${mib(peak)} MiB (< 3072: ${peak < 3072 ? 'met' : 'missed'})`,
  );
}
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const resultsFile = `${outDir}results-${values.provider}-${stamp}.json`;
writeFileSync(
  resultsFile,
  JSON.stringify({ node: process.version, nodeFlags, cores: cpus().length, results }, null, 1),
);
console.log(`load average now ${load()}; figures in ${resultsFile}`);
