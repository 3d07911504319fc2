// An incremental splitter for JSON documents too large to parse at once. It scans bytes (JSON's structural
// characters are ASCII, and UTF-8 continuation bytes never equal them), tracks depth and strings, and hands out the
// text of each complete record value so that memory stays bounded by one record, not the file:
// - a top-level array: each element (gcloud logging read --format=json, Log Analytics query output);
// - a top-level object with an `items`, `events` or `records` array (EventList, CloudWatch filter-log-events,
//   Azure `{"records": […]}`): each element of that array, the wrapper's other fields skipped;
// - any other top-level value, including several concatenated (`{…}{…}` as Firehose writes them): each whole.

const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const NEWLINE = 0x0a;

const STREAMED_KEYS = new Set(['items', 'events', 'records']);
const MAX_KEY_BYTES = 64;

export type ValueHandler = (text: string, line: number) => void;
export type GarbageHandler = (line: number, reason: string) => void;

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

export class JsonSplitter {
  private depth = 0;
  private inString = false;
  private escaped = false;
  private line = 1;
  /** Depth inside which each value is a record (1: elements of a top-level array); -1 when none. */
  private recordDepth = -1;
  /** Capturing a value: its bytes so far (earlier chunks) and its start in the current chunk. */
  private capturing = false;
  private captureDepth = 0;
  private captureLine = 0;
  private parts: Buffer[] = [];
  private start = 0;
  /** Top-level object being read: keys of its members, to find a streamed array. */
  private topIsObject = false;
  private keyBytes: number[] | undefined;
  private lastString = '';
  private currentKey = '';
  /** Line of non-JSON text at the top level, reported once per run. */
  private garbageLine = 0;

  constructor(
    private readonly onValue: ValueHandler,
    private readonly onGarbage: GarbageHandler,
  ) {}

  push(chunk: Buffer): void {
    this.start = 0;
    const n = chunk.length;
    for (let i = 0; i < n; i++) {
      const b = chunk[i]!;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (b === BACKSLASH) this.escaped = true;
        else if (b === QUOTE) this.endString();
        else if (this.keyBytes !== undefined && this.keyBytes.length < MAX_KEY_BYTES) this.keyBytes.push(b);
        continue;
      }
      if (b === NEWLINE) {
        this.line++;
        continue;
      }
      if (isSpace(b)) continue;
      if (this.depth === 0 && b !== OPEN_OBJECT && b !== OPEN_ARRAY) {
        this.garbage('text outside any JSON object or array');
        continue;
      }
      switch (b) {
        case QUOTE:
          this.inString = true;
          this.keyBytes = this.depth === 1 && this.topIsObject && this.recordDepth < 0 ? [] : undefined;
          if (this.depth === this.recordDepth && !this.capturing) this.notRecord();
          break;
        case COLON:
          if (this.depth === 1 && this.topIsObject) this.currentKey = this.lastString;
          break;
        case COMMA:
          if (this.depth === 1 && this.topIsObject) this.currentKey = '';
          break;
        case OPEN_OBJECT:
        case OPEN_ARRAY:
          this.open(b, i);
          break;
        case CLOSE_OBJECT:
        case CLOSE_ARRAY:
          this.close(chunk, i);
          break;
        default:
          // A number, true, false or null directly in a record array: not a record.
          if (this.depth === this.recordDepth && !this.capturing) this.notRecord();
      }
    }
    if (this.capturing) {
      this.parts.push(chunk.subarray(this.start));
      this.start = 0;
    }
  }

  /** Call at end of input: an unterminated value is reported, never silently dropped. */
  end(): void {
    if (this.depth > 0 || this.inString || this.capturing) {
      this.onGarbage(this.captureLine || this.line, 'JSON value not terminated at end of input');
    }
    this.parts = [];
    this.capturing = false;
  }

  private endString(): void {
    this.inString = false;
    if (this.keyBytes !== undefined) {
      this.lastString = Buffer.from(this.keyBytes).toString('utf8');
      this.keyBytes = undefined;
    }
  }

  private open(b: number, i: number): void {
    if (this.depth === 0) {
      this.topIsObject = b === OPEN_OBJECT;
      this.currentKey = '';
      this.recordDepth = b === OPEN_ARRAY ? 1 : -1;
      if (b === OPEN_OBJECT) this.beginCapture(i);
    } else if (
      b === OPEN_ARRAY &&
      this.depth === 1 &&
      this.topIsObject &&
      this.recordDepth < 0 &&
      STREAMED_KEYS.has(this.currentKey)
    ) {
      // The wrapper holds the records: stop capturing it whole and cut out its array's elements instead.
      this.capturing = false;
      this.parts = [];
      this.recordDepth = 2;
      this.topIsObject = false;
    } else if (this.depth === this.recordDepth && !this.capturing) {
      this.beginCapture(i);
    }
    this.depth++;
  }

  private close(chunk: Buffer, i: number): void {
    this.depth--;
    if (this.depth < 0) {
      this.depth = 0;
      this.onGarbage(this.line, 'unbalanced closing bracket');
      return;
    }
    if (this.capturing && this.depth === this.captureDepth) this.endCapture(chunk, i);
    if (this.recordDepth > 0 && this.depth === this.recordDepth - 1) this.recordDepth = -1;
    if (this.depth === 0) this.topIsObject = false;
  }

  private notRecord(): void {
    this.garbage('array element is not a JSON object');
  }

  /** Reported once per line, not once per byte. */
  private garbage(reason: string): void {
    if (this.garbageLine === this.line) return;
    this.garbageLine = this.line;
    this.onGarbage(this.line, reason);
  }

  private beginCapture(i: number): void {
    this.capturing = true;
    this.captureDepth = this.depth;
    this.captureLine = this.line;
    this.parts = [];
    this.start = i;
  }

  private endCapture(chunk: Buffer, i: number): void {
    const tail = chunk.subarray(this.start, i + 1);
    const text =
      this.parts.length === 0 ? tail.toString('utf8') : Buffer.concat([...this.parts, tail]).toString('utf8');
    this.capturing = false;
    this.parts = [];
    this.onValue(text, this.captureLine);
    this.captureLine = 0;
  }
}
