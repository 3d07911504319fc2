// Benchmark of the audit-log reader and aggregator: writes a native JSON-lines log of 1,000,000 events (streamed, with
// a RequestReceived stage for a tenth of them, as log backends write) to a temporary file, then reads and aggregates
// it, printing events per second and the peak resident memory at 250k, 500k and 1M events. Memory should stay flat:
// the aggregate grows with distinct identities and request kinds, not with events.
// Run: npx tsx bench/audit.ts [events=1000000]
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { AuditAggregator } from '../src/audit/aggregate.ts';
import { readAuditFile } from '../src/audit/read/reader.ts';

const EVENTS = Number(process.argv[2] ?? 1_000_000);
const CHECKPOINTS = [0.25, 0.5, 1].map((f) => Math.round(EVENTS * f));

// Deterministic pseudo-random numbers, so every run measures the same log.
let seed = 7;
function rand(n: number): number {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return Math.floor((seed / 2147483648) * n);
}

const NAMESPACES = Array.from({ length: 40 }, (_, i) => `team-${i}`);
const ACCOUNTS = [
  ...['aws-node', 'kube-proxy', 'coredns', 'ebs-csi-node-sa', 'metrics-server'].map((n) => ['kube-system', n]),
  ...['fluent-bit', 'cloudwatch-agent'].map((n) => ['amazon-cloudwatch', n]),
  ...NAMESPACES.map((ns) => [ns, 'default']),
] as const;
const RESOURCES = [
  ['', 'pods'],
  ['', 'configmaps'],
  ['', 'secrets'],
  ['', 'services'],
  ['', 'events'],
  ['apps', 'deployments'],
  ['apps', 'replicasets'],
  ['coordination.k8s.io', 'leases'],
] as const;
const VERBS = ['get', 'get', 'get', 'list', 'watch', 'update', 'patch', 'create'];

function event(i: number, stage: string): string {
  const [saNs, sa] = ACCOUNTS[rand(ACCOUNTS.length)]!;
  const [group, resource] = RESOURCES[rand(RESOURCES.length)]!;
  const verb = VERBS[rand(VERBS.length)]!;
  const ns = NAMESPACES[rand(NAMESPACES.length)]!;
  const name = verb === 'list' || verb === 'watch' ? '' : `${resource}-${rand(5000)}`;
  const t = new Date(Date.UTC(2026, 10, 17, 7) + i * 5).toISOString();
  const forbid = rand(100) === 0;
  const objectRef: Record<string, string> = { resource, namespace: ns, apiVersion: 'v1' };
  if (group) objectRef.apiGroup = group;
  if (name) objectRef.name = name;
  const prefix = group ? `/apis/${group}/v1` : '/api/v1';
  const e: Record<string, unknown> = {
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: 'Metadata',
    auditID: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    stage,
    requestURI: `${prefix}/namespaces/${ns}/${resource}${name ? `/${name}` : ''}`,
    verb,
    user: {
      username: `system:serviceaccount:${saNs}:${sa}`,
      uid: 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e',
      groups: ['system:serviceaccounts', `system:serviceaccounts:${saNs}`, 'system:authenticated'],
      extra: { 'authentication.kubernetes.io/pod-name': [`${sa}-${rand(20)}`] },
    },
    sourceIPs: [`10.42.${rand(64)}.${rand(250)}`],
    userAgent: `${sa}/v1.2.3 (linux/amd64) kubernetes/$Format`,
    objectRef,
    requestReceivedTimestamp: t,
    stageTimestamp: t,
  };
  if (stage !== 'RequestReceived') {
    e.responseStatus = { metadata: {}, code: forbid ? 403 : 200 };
    e.annotations = { 'authorization.k8s.io/decision': forbid ? 'forbid' : 'allow', 'authorization.k8s.io/reason': '' };
  }
  return JSON.stringify(e);
}

async function writeLog(file: string): Promise<void> {
  const out = createWriteStream(file);
  for (let i = 0; i < EVENTS; i++) {
    const lines =
      i % 10 === 0
        ? `${event(i, 'RequestReceived')}\n${event(i, 'ResponseComplete')}\n`
        : `${event(i, 'ResponseComplete')}\n`;
    if (!out.write(lines)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

const dir = await mkdtemp(join(tmpdir(), 'kubeseam-audit-bench-'));
const file = join(dir, 'audit.jsonl');
try {
  let t = performance.now();
  await writeLog(file);
  const size = (await stat(file)).size;
  process.stdout.write(
    `wrote ${EVENTS.toLocaleString()} events (${mb(size)}) in ${((performance.now() - t) / 1000).toFixed(1)} s\n`,
  );

  global.gc?.();
  const aggregator = new AuditAggregator();
  let n = 0;
  let peak = process.memoryUsage.rss();
  const baseline = peak;
  t = performance.now();
  const cpu0 = process.cpuUsage();
  let last = t;
  let lastN = 0;
  let lastCpu = cpu0;
  const stats = await readAuditFile(file, (r) => {
    aggregator.add(r);
    n++;
    if ((n & 0x3fff) === 0) peak = Math.max(peak, process.memoryUsage.rss());
    if (CHECKPOINTS.includes(n)) {
      const now = performance.now();
      const cpu = process.cpuUsage(lastCpu);
      peak = Math.max(peak, process.memoryUsage.rss());
      const rate = ((n - lastN) / (now - last)) * 1000;
      const perCpu = ((n - lastN) / (cpu.user + cpu.system)) * 1e6;
      process.stdout.write(
        `  ${n.toLocaleString().padStart(9)} events: ${Math.round(rate).toLocaleString()} events/s ` +
          `(${Math.round(perCpu).toLocaleString()} per CPU-second), peak RSS ${mb(peak)} (start ${mb(baseline)})\n`,
      );
      last = now;
      lastN = n;
      lastCpu = process.cpuUsage();
    }
  });
  const seconds = (performance.now() - t) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const result = aggregator.finish();
  process.stdout.write(
    `read + aggregated ${stats.events.toLocaleString()} requests (${stats.skippedStages.toLocaleString()} other-stage events skipped) ` +
      `in ${seconds.toFixed(1)} s (${cpuSeconds.toFixed(1)} CPU-seconds): ${Math.round(stats.events / seconds).toLocaleString()} events/s, ` +
      `${Math.round(stats.events / cpuSeconds).toLocaleString()} per CPU-second; ` +
      `${result.principals.length} principals, ${result.principals.reduce((k, p) => k + p.access.length, 0).toLocaleString()} access entries, ` +
      `${result.anomalies.length} anomalies; peak RSS ${mb(peak)}\n`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
