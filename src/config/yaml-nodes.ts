// Reading a YAML document as nodes, so every value keeps its position for error messages.
import { isMap, isScalar, isSeq, type LineCounter, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { KubeseamError } from '../errors.ts';

export interface Position {
  line: number;
  column: number;
}

/** Where config errors are raised: the file, its line counter, and a prefix such as `waiver #3`. */
export class ConfigContext {
  constructor(
    readonly file: string,
    readonly lines: LineCounter,
    readonly prefix = '',
    /** The whole file, so sections can point inside scalars (a CEL error at its character). */
    readonly text = '',
  ) {}

  /** A context whose messages start with `label: ` (nested: `waiver #3: match: `). */
  within(label: string): ConfigContext {
    return new ConfigContext(this.file, this.lines, this.prefix ? `${this.prefix}: ${label}` : label, this.text);
  }

  positionOf(node: unknown): Position | undefined {
    const range = (node as { range?: unknown } | null | undefined)?.range;
    if (!Array.isArray(range) || typeof range[0] !== 'number') return undefined;
    const { line, col } = this.lines.linePos(range[0]);
    return { line, column: col };
  }

  /** A config error at a node (or at `fallback` when the node has no position), as `file:line:col: prefix: message`. */
  error(node: unknown, message: string, fallback?: unknown): KubeseamError {
    const pos = this.positionOf(node) ?? this.positionOf(fallback);
    const text = this.prefix ? `${this.prefix}: ${message}` : message;
    return new KubeseamError(
      'config',
      text,
      pos ? { file: this.file, line: pos.line, column: pos.column } : { file: this.file },
    );
  }
}

export interface Entry {
  key: string;
  keyNode: unknown;
  value: unknown;
  pair: Pair;
}

export function expectMap(node: unknown, ctx: ConfigContext, what: string, fallback?: unknown): YAMLMap {
  if (!isMap(node)) throw ctx.error(node, `${what} must be a mapping`, fallback);
  return node;
}

export function expectSeq(node: unknown, ctx: ConfigContext, what: string, fallback?: unknown): YAMLSeq {
  if (!isSeq(node)) throw ctx.error(node, `${what} must be a list`, fallback);
  return node;
}

/** The entries of a mapping, with keys as strings; non-scalar keys are an error. */
export function entries(map: YAMLMap, ctx: ConfigContext): Entry[] {
  return map.items.map((pair) => {
    const k = pair.key;
    const key = isScalar(k) ? k.value : undefined;
    if (typeof key !== 'string' && typeof key !== 'number') throw ctx.error(k, 'keys must be plain names', map);
    return { key: String(key), keyNode: k, value: pair.value, pair };
  });
}

/** Rejects keys outside `allowed`, naming the closest allowed one (a typo such as `expire` for `expires`). */
export function rejectUnknownKeys(list: Entry[], allowed: readonly string[], ctx: ConfigContext): void {
  for (const e of list) {
    if (allowed.includes(e.key)) continue;
    const near = closest(e.key, allowed);
    throw ctx.error(
      e.keyNode,
      `unknown field "${e.key}"${near ? ` (did you mean "${near}"?)` : ''}; allowed: ${allowed.join(', ')}`,
    );
  }
}

/** A scalar string value; numbers, booleans and dates written without quotes are rejected as not text. */
export function stringValue(e: Entry, ctx: ConfigContext): string {
  const v = e.value;
  if (!isScalar(v) || typeof v.value !== 'string') throw ctx.error(v, `${e.key} must be text`, e.keyNode);
  return v.value;
}

/** Edit distance, for "did you mean" hints. */
export function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = distance(word, c);
    if (d < bestD) [best, bestD] = [c, d];
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 4)) ? best : undefined;
}
