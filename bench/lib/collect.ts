// Collection throughput: the live collector (src/sources/cluster.ts) against the fake API server
// (test/fake-apiserver) in a child process, then serialisation of the collected snapshot as `kubeseam collect`
// writes it. The server serves either a generated snapshot's objects or its own synthetic pods and nodes.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { collectSnapshot } from '../../src/sources/cluster.ts';
import { loadClientNode } from '../../src/sources/cluster/client-node.ts';
import { serializeSnapshot } from '../../src/sources/snapshot.ts';
import { writeKubeconfig } from '../../test/fake-apiserver/kubeconfig.ts';
import { timed, timedAsync } from './steps.ts';

export interface CollectOptions {
  /** Serve this snapshot's objects; otherwise the fake server's own `pods` and `nodes`. */
  snapshot?: string;
  pods?: number;
  nodes?: number;
  pageSize: number;
  concurrency: number;
}

export interface CollectFigures {
  served: number;
  collected: number;
  pods: number;
  nodes: number;
  wallMs: number;
  cpuMs: number;
  objectsPerSecond: number;
  notListed: string[];
  serializeMs: number;
  serializedMiB: number;
}

export async function measureCollection(options: CollectOptions): Promise<CollectFigures> {
  const args = options.snapshot
    ? [fileURLToPath(new URL('./apiserver.ts', import.meta.url)), options.snapshot]
    : [
        fileURLToPath(new URL('../../test/fake-apiserver/main.ts', import.meta.url)),
        '--pods',
        String(options.pods ?? 0),
        '--nodes',
        String(options.nodes ?? 0),
      ];
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  const dir = mkdtempSync(join(tmpdir(), 'kubeseam-bench-'));
  try {
    const ready = await new Promise<{ url: string; ca: string; token: string; objects: number }>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout });
      lines.once('line', (line) =>
        resolve(JSON.parse(line) as { url: string; ca: string; token: string; objects: number }),
      );
      child.once('exit', (code) => reject(new Error(`fake API server exited (${code})`)));
    });
    const kubeconfig = writeKubeconfig(dir, 'kubeconfig', { server: ready.url, caPem: ready.ca, token: ready.token });
    // The client library is loaded once per process, not per collection: not part of the figure.
    await loadClientNode();
    const [snapshot, t] = await timedAsync(() =>
      collectSnapshot({ kubeconfig, pageSize: options.pageSize, concurrency: options.concurrency }),
    );
    const [bytes, s] = timed(() => serializeSnapshot(snapshot, true));
    return {
      served: ready.objects,
      collected: snapshot.objects.length,
      pods: snapshot.objects.filter((o) => o.kind === 'Pod').length,
      nodes: snapshot.objects.filter((o) => o.kind === 'Node').length,
      wallMs: t.wallMs,
      cpuMs: t.cpuMs,
      objectsPerSecond: (snapshot.objects.length / t.wallMs) * 1000,
      notListed: snapshot.coverage
        .filter((c) => c.status !== 'listed' && c.status !== 'not-served')
        .map((c) => `${c.resource} (${c.status})`),
      serializeMs: s.wallMs,
      serializedMiB: bytes.length / 2 ** 20,
    };
  } finally {
    child.stdin.end();
    rmSync(dir, { recursive: true, force: true });
  }
}
