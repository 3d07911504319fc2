// Reads one audit log file (or stream) into AuditRecords without holding the file: gzip is recognised by its magic
// bytes and inflated as a stream (node:zlib, concatenated members included, as Firehose writes them); the layout is
// decided from the first bytes: one JSON value per line is read line by line, anything else (a JSON array, an
// EventList, a CloudWatch export, pretty-printed or concatenated documents) goes through the incremental splitter.
// Malformed records are counted and sampled with their line numbers; they never stop the read.
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { normalizeValue, type RecordSink } from '../normalize/detect.ts';
import { parseError } from '../normalize/util.ts';
import { emptyStats, type AuditRecord, type ReadStats } from '../types.ts';
import { JsonSplitter } from './json-splitter.ts';

export interface ReadOptions {
  /** How many malformed records to keep as samples (all are counted). Default 5. */
  malformedSamples?: number;
  /** Bytes to look at before deciding the layout. Default 1 MiB. */
  peekBytes?: number;
}

const NEWLINE = 0x0a;
const DEFAULT_PEEK = 1 << 20;

async function* prepend(head: Buffer[], rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  yield* head;
  for (;;) {
    const next = await rest.next();
    if (next.done === true) return;
    yield next.value;
  }
}

function asBuffer(chunk: unknown): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
}

async function* buffers(stream: AsyncIterable<unknown>): AsyncGenerator<Buffer> {
  for await (const chunk of stream) yield asBuffer(chunk);
}

/** Inflates when the data starts with the gzip magic bytes, whatever the file is called. */
async function decoded(source: Readable, stats: ReadStats): Promise<AsyncIterator<Buffer>> {
  const it = buffers(source);
  const head: Buffer[] = [];
  let size = 0;
  while (size < 2) {
    const next = await it.next();
    if (next.done === true) break;
    head.push(next.value);
    size += next.value.length;
  }
  const first = Buffer.concat(head);
  if (first.length >= 2 && first[0] === 0x1f && first[1] === 0x8b) {
    stats.compressed = true;
    const gunzip = createGunzip();
    const input = Readable.from(prepend([first], it));
    input.on('error', (e) => gunzip.destroy(e));
    input.pipe(gunzip);
    return buffers(gunzip);
  }
  return prepend([first], it);
}

interface Peek {
  chunks: Buffer[];
  layout: ReadStats['layout'];
  /** The data broke off while peeking (corrupt gzip): raised after the chunks before it are read. */
  error?: Error;
}

/**
 * JSON lines when one of the first few content lines is a whole JSON object (so a malformed first line does not
 * change the layout); a document for the splitter when the data starts with `[` or its lines are fragments.
 */
async function peekLayout(it: AsyncIterator<Buffer>, peekBytes: number): Promise<Peek> {
  const chunks: Buffer[] = [];
  let size = 0;
  let done = false;
  for (;;) {
    const { lines, complete } = contentLines(Buffer.concat(chunks), 3);
    const first = lines[0]?.trim();
    if (first?.startsWith('[') === true) return { chunks, layout: 'json-document' };
    if (lines.some(isJsonObject)) return { chunks, layout: 'json-lines' };
    if (complete || done || size >= peekBytes) {
      if (first === undefined) return { chunks, layout: done ? 'empty' : 'json-document' };
      return { chunks, layout: 'json-document' };
    }
    let next: IteratorResult<Buffer>;
    try {
      next = await it.next();
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      const { lines } = contentLines(Buffer.concat(chunks), 3);
      const layout = lines.length === 0 ? 'empty' : lines.some(isJsonObject) ? 'json-lines' : 'json-document';
      return { chunks, layout, error };
    }
    if (next.done === true) done = true;
    else {
      chunks.push(next.value);
      size += next.value.length;
    }
  }
}

async function* body(peek: Peek, rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  yield* peek.chunks;
  if (peek.error !== undefined) throw peek.error;
  yield* prepend([], rest);
}

function isJsonObject(line: string): boolean {
  const t = line.trim();
  if (!t.startsWith('{')) return false;
  try {
    const v: unknown = JSON.parse(t);
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}

/** Up to `max` lines with content; `complete` when that many were found, each ended by a newline. */
function contentLines(buf: Buffer, max: number): { lines: string[]; complete: boolean } {
  const lines: string[] = [];
  let from = 0;
  while (lines.length < max) {
    const nl = buf.indexOf(NEWLINE, from);
    const line = buf.toString('utf8', from, nl < 0 ? buf.length : nl).replace(/^\uFEFF/, '');
    if (line.trim() !== '') lines.push(line);
    if (nl < 0) return { lines, complete: false };
    from = nl + 1;
  }
  return { lines, complete: true };
}

function statsSink(stats: ReadStats, samples: number, onRecord: (r: AuditRecord) => void): RecordSink {
  return {
    record(r) {
      stats.events++;
      stats.formats[r.format] = (stats.formats[r.format] ?? 0) + 1;
      stats.format ??= r.format;
      onRecord(r);
    },
    skippedStage() {
      stats.skippedStages++;
    },
    other() {
      stats.skippedOther++;
    },
    malformed(line, reason) {
      stats.malformed++;
      if (stats.malformedSamples.length < samples) stats.malformedSamples.push({ file: stats.file, line, reason });
    },
  };
}

function handleText(text: string, file: string, line: number, sink: RecordSink): void {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    sink.malformed(line, `not JSON: ${parseError(e)}`);
    return;
  }
  normalizeValue(value, { file, line }, sink);
}

/** Where reading is, for a message when the data breaks off. */
interface Position {
  line: number;
}

const EVENT_PREFIX = Buffer.from('{"kind":"Event",');
const STAGE_KEY = Buffer.from('"stage":"');
const EARLY_STAGES = [Buffer.from('RequestReceived"'), Buffer.from('ResponseStarted"')];
/** The log backend writes kind, apiVersion, level, auditID, then stage: all within the first bytes of a line. */
const STAGE_WINDOW = 200;

/**
 * A native Event line of a stage that is never counted, recognised without parsing it: half the lines of a log
 * that records RequestReceived. Only the log backend's own layout qualifies (it starts with kind Event, stage near the
 * front, a closing brace at the end), so a stage text inside an embedded object is never mistaken for the event's.
 */
function isEarlyStage(buf: Buffer, start: number, end: number): boolean {
  if (end - start < STAGE_WINDOW / 4 || buf[end - 1] !== 0x7d) return false; // cut short: left to the parser
  if (buf.compare(EVENT_PREFIX, 0, EVENT_PREFIX.length, start, start + EVENT_PREFIX.length) !== 0) return false;
  const at = buf.indexOf(STAGE_KEY, start);
  if (at < 0 || at > start + STAGE_WINDOW) return false;
  const value = at + STAGE_KEY.length;
  const early = EARLY_STAGES.some((s) => buf.compare(s, 0, s.length, value, value + s.length) === 0);
  // Nothing that could hold an embedded object may come before the stage.
  const brace = buf.indexOf(0x7b, start + 1);
  return early && (brace < 0 || brace > value);
}

async function readLines(it: AsyncIterable<Buffer>, file: string, sink: RecordSink, pos: Position): Promise<void> {
  let carry: Buffer | undefined;
  const handle = (buf: Buffer, from: number, to: number): void => {
    const line = ++pos.line;
    let end = to;
    if (end > from && buf[end - 1] === 0x0d) end--;
    // Skip blank lines without decoding them.
    let start = from;
    while (start < end && (buf[start] === 0x20 || buf[start] === 0x09)) start++;
    if (start === end) return;
    if (isEarlyStage(buf, start, end)) {
      sink.skippedStage();
      return;
    }
    let text = buf.toString('utf8', start, end);
    if (line === 1) text = text.replace(/^\uFEFF/, '');
    handleText(text, file, line, sink);
  };
  for await (const chunk of it) {
    let from = 0;
    let nl = chunk.indexOf(NEWLINE);
    if (nl >= 0 && carry !== undefined) {
      const joined = Buffer.concat([carry, chunk.subarray(0, nl)]);
      handle(joined, 0, joined.length);
      carry = undefined;
      from = nl + 1;
      nl = chunk.indexOf(NEWLINE, from);
    }
    while (nl >= 0) {
      handle(chunk, from, nl);
      from = nl + 1;
      nl = chunk.indexOf(NEWLINE, from);
    }
    if (from < chunk.length) {
      carry = carry === undefined ? chunk.subarray(from) : Buffer.concat([carry, chunk.subarray(from)]);
    }
  }
  if (carry !== undefined) handle(carry, 0, carry.length);
}

async function readDocument(it: AsyncIterable<Buffer>, file: string, sink: RecordSink, pos: Position): Promise<void> {
  const splitter = new JsonSplitter(
    (text, line) => {
      pos.line = line;
      handleText(text, file, line, sink);
    },
    (line, reason) => sink.malformed(line, reason),
  );
  for await (const chunk of it) splitter.push(chunk);
  splitter.end();
}

/** zlib failures: the data is corrupt or cut short (an interrupted download), which ends the file, not the run. */
function isZlibError(e: unknown): e is Error {
  const code = (e as { code?: unknown } | null)?.code;
  return e instanceof Error && typeof code === 'string' && code.startsWith('Z_');
}

/**
 * Reads audit records from a stream; `name` labels records and malformed samples. Records are handed to `onRecord`
 * in file order as they are read. Read errors (a missing file, corrupt gzip) reject; bad records do not.
 */
export async function readAuditStream(
  source: Readable,
  name: string,
  onRecord: (r: AuditRecord) => void,
  options: ReadOptions = {},
): Promise<ReadStats> {
  const stats = emptyStats(name);
  const sink = statsSink(stats, options.malformedSamples ?? 5, onRecord);
  const pos: Position = { line: 0 };
  try {
    const it = await decoded(source, stats);
    const peek = await peekLayout(it, options.peekBytes ?? DEFAULT_PEEK);
    stats.layout = peek.layout;
    const data = { [Symbol.asyncIterator]: () => body(peek, it) };
    if (peek.layout === 'json-lines') await readLines(data, name, sink, pos);
    else if (peek.layout === 'json-document') await readDocument(data, name, sink, pos);
    else if (peek.error !== undefined) throw peek.error;
  } catch (e) {
    if (!isZlibError(e)) throw e;
    sink.malformed(pos.line + 1, `gzip data corrupt or truncated (${e.message}); the rest of the file is not read`);
  }
  return stats;
}

/** Reads one file (plain or gzip). */
export async function readAuditFile(
  file: string,
  onRecord: (r: AuditRecord) => void,
  options: ReadOptions = {},
): Promise<ReadStats> {
  return readAuditStream(createReadStream(file, { highWaterMark: 1 << 20 }), file, onRecord, options);
}
