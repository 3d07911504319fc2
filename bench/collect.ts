// Collection throughput against the fake API server with 150,000 pods and 5,000 nodes (plus a small cluster's
// worth of other kinds). The server runs in a child process so it does not share the collector's event loop.
// Not a test: prints figures. Run with `npx tsx bench/collect.ts [--pods N] [--nodes N] [--page-size N] [--concurrency N]`.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { collectSnapshot } from '../src/sources/cluster.ts';
import { loadClientNode } from '../src/sources/cluster/client-node.ts';
import { writeKubeconfig } from '../test/fake-apiserver/kubeconfig.ts';

const { values } = parseArgs({
  options: {
    pods: { type: 'string', default: '150000' },
    nodes: { type: 'string', default: '5000' },
    'page-size': { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '4' },
  },
});

const serverMain = fileURLToPath(new URL('../test/fake-apiserver/main.ts', import.meta.url));
const child = spawn(process.execPath, ['--import', 'tsx', serverMain, '--pods', values.pods, '--nodes', values.nodes], {
  stdio: ['pipe', 'pipe', 'inherit'],
});
const ready = await new Promise<{ url: string; ca: string; token: string; objects: number }>((resolve, reject) => {
  const lines = createInterface({ input: child.stdout });
  lines.once('line', (line) =>
    resolve(JSON.parse(line) as { url: string; ca: string; token: string; objects: number }),
  );
  child.once('exit', (code) => reject(new Error(`fake API server exited (${code})`)));
});

const dir = mkdtempSync(join(tmpdir(), 'kubeseam-bench-'));
try {
  const kubeconfig = writeKubeconfig(dir, 'kubeconfig', { server: ready.url, caPem: ready.ca, token: ready.token });
  // Load the client once before timing: its import cost is paid once per process, not per collection.
  await loadClientNode();
  const started = process.hrtime.bigint();
  const snapshot = await collectSnapshot({
    kubeconfig,
    pageSize: Number(values['page-size']),
    concurrency: Number(values.concurrency),
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const pods = snapshot.objects.filter((o) => o.kind === 'Pod').length;
  const nodes = snapshot.objects.filter((o) => o.kind === 'Node').length;
  const notListed = snapshot.coverage.filter((c) => c.status !== 'listed' && c.status !== 'not-served');
  const heapMb = process.memoryUsage().heapUsed / 1024 / 1024;
  console.log(`served objects:   ${ready.objects}`);
  console.log(`collected:        ${snapshot.objects.length} objects (${pods} pods, ${nodes} nodes)`);
  console.log(
    `wall time:        ${seconds.toFixed(2)} s (page size ${values['page-size']}, concurrency ${values.concurrency})`,
  );
  console.log(`throughput:       ${Math.round(snapshot.objects.length / seconds)} objects/s`);
  console.log(`heap after:       ${heapMb.toFixed(0)} MB`);
  if (notListed.length > 0)
    console.log(`not fully listed: ${notListed.map((c) => `${c.resource} (${c.status})`).join(', ')}`);
} finally {
  child.stdin.end();
  rmSync(dir, { recursive: true, force: true });
}
