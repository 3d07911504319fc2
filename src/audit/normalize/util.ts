// Small readers for untrusted JSON: every field may be missing or of the wrong type.

export type Json = Record<string, unknown>;

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

export function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** Log Analytics exports may carry `dynamic` columns as JSON text rather than as objects. */
export function dynamic(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const t = v.trimStart();
  if (!t.startsWith('{') && !t.startsWith('[')) return v;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return v;
  }
}

function digits(s: string, from: number, n: number): number {
  let v = 0;
  for (let i = from; i < from + n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    v = v * 10 + d;
  }
  return v;
}

/**
 * `YYYY-MM-DDTHH:MM:SS[.fraction]Z`, the form every audit timestamp takes, read directly (Date.parse is a large share
 * of the time per event); anything else goes to Date.parse.
 */
function utcTimestamp(s: string): number {
  const at = (i: number, c: string): boolean => s.charCodeAt(i) === c.charCodeAt(0);
  if (
    s.length < 20 ||
    !at(4, '-') ||
    !at(7, '-') ||
    !at(10, 'T') ||
    !at(13, ':') ||
    !at(16, ':') ||
    !at(s.length - 1, 'Z')
  ) {
    return NaN;
  }
  const ms = at(19, '.') && s.length >= 24 ? digits(s, 20, 3) : s.length === 20 ? 0 : NaN;
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const second = digits(s, 17, 2);
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 59)) return NaN;
  return Date.UTC(digits(s, 0, 4), month - 1, day, hour, minute, second, ms);
}

/** Epoch milliseconds of an RFC 3339 timestamp or of epoch milliseconds; NaN when neither. */
export function timeMsOf(v: unknown): number {
  if (typeof v === 'number') return Number.isFinite(v) ? v : NaN;
  if (typeof v !== 'string' || v === '') return NaN;
  const fast = utcTimestamp(v);
  return Number.isNaN(fast) ? Date.parse(v) : fast;
}

/** ISO text for a time given as text or epoch milliseconds. */
export function timeText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return new Date(v).toISOString();
  return '';
}

/** A short, single-line reason for a JSON.parse failure. */
export function parseError(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.length > 120 ? `${msg.slice(0, 117)}...` : msg;
}
