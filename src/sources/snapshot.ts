import { constants as bufferConstants } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip, gunzipSync, gzipSync } from 'node:zlib';
import { KubeseamError } from '../errors.ts';
import type { KubeObject } from '../model/k8s.ts';
import type { Snapshot, SourcedObject } from '../model/types.ts';

/** Reads a snapshot (`.json` or `.json.gz`, detected by content, not name) and checks its shape. */
export async function readSnapshotFile(file: string): Promise<Snapshot> {
  // The usual layout (one object per line) is streamed: decompression overlaps parsing and the text is never
  // held whole. Anything else, or any error, goes the whole-buffer way, which gives the same result or error.
  const streamed = await streamSnapshot(file).catch(() => undefined);
  if (streamed !== undefined) return validateSnapshot(streamed, file);
  let buf: Buffer;
  try {
    buf = await readFile(file);
  } catch {
    throw new KubeseamError('input', 'no such snapshot file', { file });
  }
  return parseSnapshot(buf, file);
}

export function parseSnapshot(buf: Buffer, file: string): Snapshot {
  let raw: Buffer;
  if (buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b) {
    try {
      raw = gunzipSync(buf);
    } catch (e) {
      throw new KubeseamError('input', `corrupt or truncated gzip snapshot (${(e as Error).message})`, { file });
    }
  } else {
    raw = buf;
  }
  const lines = new LineLayoutParser();
  if (lines.push(raw)) {
    const data = lines.finish();
    if (data !== undefined) return validateSnapshot(data, file);
  }
  if (raw.length > bufferConstants.MAX_STRING_LENGTH) {
    throw new KubeseamError(
      'input',
      `snapshot of ${Math.round(raw.length / 2 ** 20)} MiB is too large to parse as one JSON text; ` +
        'kubeseam reads larger snapshots laid out one object per line, as `kubeseam collect` writes them',
      { file },
    );
  }
  const text = raw.toString('utf8');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg);
    const where: { file: string; line?: number; column?: number } = { file };
    const offset = pos ? Number(pos[1]) : -1;
    // A parse error at the very end means the file was cut short (interrupted collect or copy).
    const truncated = /Unexpected end/.test(msg) || offset >= text.trimEnd().length - 1;
    if (pos) {
      const before = text.slice(0, offset);
      where.line = before.split('\n').length;
      where.column = offset - before.lastIndexOf('\n');
    }
    throw new KubeseamError(
      'input',
      truncated ? 'snapshot is truncated (JSON ends early)' : `invalid JSON: ${msg}`,
      where,
    );
  }
  return validateSnapshot(data, file);
}

function validateSnapshot(data: unknown, file: string): Snapshot {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new KubeseamError('input', 'not a kubeseam snapshot (expected a JSON object)', { file });
  }
  const d = data as Record<string, unknown>;
  if (d.kind !== 'KubeseamSnapshot') {
    throw new KubeseamError('input', 'not a kubeseam snapshot (kind is not KubeseamSnapshot)', { file });
  }
  if (d.schemaVersion !== 1) {
    throw new KubeseamError('input', `unsupported snapshot schemaVersion ${JSON.stringify(d.schemaVersion)}`, { file });
  }
  if (!Array.isArray(d.objects)) throw new KubeseamError('input', 'snapshot has no objects array', { file });
  d.objects.forEach((o: unknown, i: number) => {
    const obj = o as Partial<KubeObject> | null;
    if (
      typeof obj !== 'object' ||
      obj === null ||
      typeof obj.apiVersion !== 'string' ||
      typeof obj.kind !== 'string' ||
      typeof obj.metadata !== 'object'
    ) {
      throw new KubeseamError('input', `snapshot object #${i} is not a Kubernetes object`, { file });
    }
  });
  return {
    kind: 'KubeseamSnapshot',
    schemaVersion: 1,
    collectedAt: typeof d.collectedAt === 'string' ? d.collectedAt : '',
    ...(typeof d.tool === 'object' && d.tool !== null ? { tool: d.tool as Snapshot['tool'] } : {}),
    cluster: typeof d.cluster === 'object' && d.cluster !== null ? d.cluster : {},
    coverage: Array.isArray(d.coverage) ? (d.coverage as Snapshot['coverage']) : [],
    objects: d.objects as KubeObject[],
  };
}

/**
 * Serialises a snapshot; gzip when the target name ends in .gz. One object per line: a large cluster's snapshot
 * exceeds the longest string JavaScript can hold, so it is written, and read back, in pieces.
 */
export function serializeSnapshot(snapshot: Snapshot, gzip: boolean): Buffer {
  const { objects, ...rest } = snapshot;
  const head = JSON.stringify(rest);
  // Strings of about 4 MiB each, copied into one buffer at the end: growing many buffers along the way makes V8
  // collect the whole heap again and again (external memory pressure), which doubles the time on a large cluster.
  const pieces: string[] = [`${head.length > 2 ? `${head.slice(0, -1)},` : '{'}"objects":[`];
  let pending: string[] = [];
  let pendingLength = 0;
  const flush = (): void => {
    pieces.push(`${pieces.length > 1 ? ',' : ''}\n${pending.join(',\n')}`);
    pending = [];
    pendingLength = 0;
  };
  for (const o of objects) {
    const text = (JSON.stringify(o) as string | undefined) ?? 'null';
    pending.push(text);
    pendingLength += text.length;
    if (pendingLength > 1 << 22) flush();
  }
  if (pending.length > 0) flush();
  pieces.push('\n]}');
  const json = Buffer.allocUnsafe(pieces.reduce((n, p) => n + Buffer.byteLength(p), 0));
  let at = 0;
  for (const p of pieces) at += json.write(p, at);
  return gzip ? gzipSync(json) : json;
}

const MAX_LINE = 64 * 2 ** 20;
const OPENS_OBJECTS = /"objects"\s*:\s*\[$/;
/** Stands in for the objects array while the rest of the document is parsed; its position proves the layout. */
const OBJECTS_MARK = '\u0000kubeseam:objects';

/**
 * Parses the layout kubeseam writes: the document up to a line that ends by opening the objects array
 * (`{…,"objects":[`), one array element per line, and the rest of the document from a line that starts with `]`.
 * Each element is parsed on its own, so no string ever holds the whole text. Gives up (undefined) on any other
 * layout or any error, so that the caller can parse the whole text instead and get the very same result or error:
 * the pieces are accepted only when they join into exactly the JSON that parsing the whole would read.
 */
class LineLayoutParser {
  private head: string | undefined;
  private readonly headParts: string[] = [];
  private headLength = 0;
  private readonly objects: unknown[] = [];
  private tail: Buffer[] | undefined;
  private tailLength = 0;
  private carry: Buffer[] = [];
  private carryLength = 0;
  /** Whether the last element ended with a comma (another element must follow it). */
  private open = false;
  private failed = false;

  /** Feeds the next bytes; false once the layout is not this one. */
  push(chunk: Buffer): boolean {
    if (this.failed) return false;
    if (this.tail) return this.addTail(chunk);
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      if (nl < 0) break;
      let line = chunk.subarray(start, nl);
      if (this.carry.length > 0) {
        line = Buffer.concat([...this.carry, line]);
        this.carry = [];
        this.carryLength = 0;
      }
      start = nl + 1;
      if (!this.line(line)) return this.fail();
      if (this.tail) return this.addTail(chunk.subarray(start));
    }
    if (start < chunk.length) {
      this.carry.push(chunk.subarray(start));
      this.carryLength += chunk.length - start;
      if (this.carryLength > MAX_LINE) return this.fail();
    }
    return true;
  }

  /** The whole document, or undefined when it is not in this layout. */
  finish(): unknown {
    if (this.failed) return undefined;
    if (!this.tail && this.carry.length > 0) {
      const line = Buffer.concat(this.carry);
      this.carry = [];
      if (!this.line(line)) return undefined;
    }
    if (this.head === undefined || this.tail === undefined || this.open) return undefined;
    let doc: unknown;
    try {
      doc = JSON.parse(this.head + JSON.stringify(OBJECTS_MARK) + Buffer.concat(this.tail).toString('utf8'));
    } catch {
      return undefined;
    }
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return undefined;
    const marked = (doc as { objects?: unknown }).objects;
    if (!Array.isArray(marked) || marked.length !== 1 || marked[0] !== OBJECTS_MARK) return undefined;
    (doc as { objects: unknown[] }).objects = this.objects;
    return doc;
  }

  private line(line: Buffer): boolean {
    let s = 0;
    let e = line.length;
    while (s < e && isSpace(line[s]!)) s++;
    while (e > s && isSpace(line[e - 1]!)) e--;
    if (this.head === undefined) {
      // The document up to the line that opens the objects array (one line, or pretty-printed as the demos are).
      this.headParts.push(line.toString('utf8', 0, e));
      this.headLength += e;
      if (e > 0 && line[e - 1] === 0x5b /* [ */ && OPENS_OBJECTS.test(line.toString('latin1', Math.max(0, e - 64), e)))
        this.head = this.headParts.join('\n');
      return this.headLength <= MAX_LINE;
    }
    if (s === e) return true;
    if (line[s] === 0x5d /* ] */) {
      this.tail = [line.subarray(s)];
      this.tailLength = e - s;
      return true;
    }
    if (this.objects.length > 0 && !this.open) return false; // two elements without a comma between them
    this.open = line[e - 1] === 0x2c; /* , */
    if (this.open) e--;
    try {
      this.objects.push(JSON.parse(line.toString('utf8', s, e)));
    } catch {
      return false;
    }
    return true;
  }

  private addTail(chunk: Buffer): boolean {
    this.tail!.push(Buffer.from('\n'), chunk);
    this.tailLength += chunk.length + 1;
    return this.tailLength <= MAX_LINE || this.fail();
  }

  private fail(): false {
    this.failed = true;
    this.objects.length = 0;
    return false;
  }
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0d;

/** Streams a snapshot file through the line-layout parser; undefined when it is not in that layout. */
async function streamSnapshot(file: string): Promise<unknown> {
  const fh = await open(file);
  let gzip: boolean;
  try {
    const magic = Buffer.alloc(2);
    const { bytesRead } = await fh.read(magic, 0, 2, 0);
    gzip = bytesRead === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
  } finally {
    await fh.close();
  }
  const input = createReadStream(file, { highWaterMark: 1 << 20 });
  const source: Readable = gzip ? input.pipe(createGunzip({ chunkSize: 1 << 18 })) : input;
  if (gzip) input.once('error', (e) => source.destroy(e));
  const lines = new LineLayoutParser();
  try {
    for await (const chunk of source) if (!lines.push(chunk as Buffer)) return undefined;
  } finally {
    input.destroy();
    source.destroy();
  }
  return lines.finish();
}

export function snapshotObjects(snapshot: Snapshot, origin: { file?: string; cluster?: string }): SourcedObject[] {
  const base = {
    ...(origin.file !== undefined ? { file: origin.file } : {}),
    ...(snapshot.cluster.name !== undefined ? { cluster: snapshot.cluster.name } : {}),
    ...(snapshot.cluster.context !== undefined ? { context: snapshot.cluster.context } : {}),
  };
  return snapshot.objects.map((object) => ({ object, origin: base }));
}
