// Streams a generated cluster to a snapshot file (`.json.gz` or `.json`), one object per line as the collector lays
// them out. Objects are never all in memory: each is written as it is generated, compression runs on the thread
// pool while the next objects are generated. Written to a temporary name, then renamed.
import { once } from 'node:events';
import { createWriteStream, mkdirSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Writable } from 'node:stream';
import { createGzip } from 'node:zlib';
import type { GeneratedCluster } from './cluster.ts';

export interface WriteResult {
  objects: number;
  /** Uncompressed JSON bytes. */
  bytes: number;
}

export async function writeSnapshot(file: string, g: GeneratedCluster): Promise<WriteResult> {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  const out = createWriteStream(tmp);
  // Level 1: the text is repetitive enough that it still compresses ~10×, at several times the speed of level 6.
  const sink: Writable = file.endsWith('.gz') ? createGzip({ level: 1, memLevel: 9, chunkSize: 1 << 20 }) : out;
  if (sink !== out) sink.pipe(out);
  let bytes = 0;
  let pending: string[] = [];
  let pendingLength = 0;
  const flush = async (): Promise<void> => {
    const buf = Buffer.from(pending.join(''));
    pending = [];
    pendingLength = 0;
    bytes += buf.length;
    if (!sink.write(buf)) await once(sink, 'drain');
  };
  const write = async (text: string): Promise<void> => {
    pending.push(text);
    pendingLength += text.length;
    if (pendingLength >= 4 << 20) await flush();
  };

  const header = {
    kind: 'KubeseamSnapshot',
    schemaVersion: 1,
    collectedAt: g.collectedAt,
    tool: g.tool,
    cluster: g.cluster,
  };
  await write(JSON.stringify(header).slice(0, -1) + ',"objects":[\n');
  let objects = 0;
  for (const o of g.objects) {
    await write(objects === 0 ? o.json : ',\n' + o.json);
    objects++;
  }
  // Coverage after the objects: its counts are known only now, and key order does not matter to a reader.
  await write(`\n],"coverage":${JSON.stringify(g.coverage())}}\n`);
  await flush();
  sink.end();
  await once(out, 'close');
  renameSync(tmp, file);
  return { objects, bytes };
}
