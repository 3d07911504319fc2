// Documented exceptions: a waiver names a check (or `*`), which resources it covers, why, who owns it and until when.
// Applying waivers never hides a finding: it stays in the result with status `waived` (and the waiver), or becomes
// `waiver-expired` once the waiver is past its date, which counts again like an open finding.
import type { Finding } from '../checks/types.ts';

export interface WaiverMatch {
  /** Glob (`*`, `?`) on the finding's namespace; a cluster-scoped resource never matches a namespace. */
  namespace?: string;
  /** Exact resource kind (`DaemonSet`, `ClusterRoleBinding`). */
  kind?: string;
  /** Glob on the resource name. */
  name?: string;
  /** Glob on the catalog component: `aws-node`, or `eks/aws-node` to name the provider too. */
  component?: string;
}

export interface WaiverOrigin {
  file: string;
  line?: number;
  column?: number;
}

export interface Waiver {
  /** A check id, or `*` for every check. */
  check: string;
  match: WaiverMatch;
  justification: string;
  owner: string;
  /** ISO date, inclusive: the waiver holds through the end of that day (UTC). */
  expires: string;
  /** 1-based position in the config's waiver list, for messages. */
  index: number;
  origin: WaiverOrigin;
}

export interface StaleWaiver {
  waiver: Waiver;
  /** Why it is reported: it matched no finding (a fixed issue, or a match that is wrong). */
  reason: string;
}

export interface WaiverResult {
  findings: Finding[];
  /** Waivers that matched no finding at all: remove them or fix their match. */
  stale: StaleWaiver[];
  /** Waivers past their date that still match findings: renew with a new justification, or fix the findings. */
  expired: Waiver[];
}

/** A date string `YYYY-MM-DD` that names a real calendar day. */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** Expired once the UTC date of `asOf` is after `expires`: a waiver expiring 2027-03-31 holds all of that day. */
export function isExpired(w: Pick<Waiver, 'expires'>, asOf: Date): boolean {
  return asOf.toISOString().slice(0, 10) > w.expires;
}

/** `*` any run of characters, `?` one character; everything else literal; the whole string must match. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (const ch of glob) {
    if (ch === '*') re += '.*';
    else if (ch === '?') re += '.';
    else re += ch.replace(/[.+^${}()|[\]\\/-]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 's');
}

const globCache = new Map<string, RegExp>();
function globMatches(glob: string, value: string): boolean {
  let re = globCache.get(glob);
  if (!re) globCache.set(glob, (re = globToRegExp(glob)));
  return re.test(value);
}

function componentMatches(glob: string, f: Finding): boolean {
  const c = f.component;
  if (!c?.component) return false;
  // `eks/aws-node` names the provider; `aws-node` matches the component of any provider.
  const value = glob.includes('/') ? `${c.provider ?? ''}/${c.component}` : c.component;
  return globMatches(glob, value);
}

export function waiverMatches(w: Waiver, f: Finding): boolean {
  if (w.check !== '*' && w.check !== f.checkId) return false;
  const m = w.match;
  if (m.kind !== undefined && m.kind !== f.resource.kind) return false;
  if (
    m.namespace !== undefined &&
    (f.resource.namespace === undefined || !globMatches(m.namespace, f.resource.namespace))
  )
    return false;
  if (m.name !== undefined && !globMatches(m.name, f.resource.name)) return false;
  if (m.component !== undefined && !componentMatches(m.component, f)) return false;
  return true;
}

/**
 * Marks findings covered by waivers. The first matching waiver that is in force waives a finding; when only expired
 * waivers match, the finding is `waiver-expired` and carries the first of them, so reports can say which lapsed.
 * Input findings are not modified.
 */
export function applyWaivers(
  findings: readonly Finding[],
  waivers: readonly Waiver[],
  options: { asOf: Date },
): WaiverResult {
  if (Number.isNaN(options.asOf.getTime())) throw new RangeError('applyWaivers: asOf is not a valid date');
  const used = new Set<Waiver>();
  const expiredUsed = new Set<Waiver>();
  const active = waivers.filter((w) => !isExpired(w, options.asOf));
  const lapsed = waivers.filter((w) => isExpired(w, options.asOf));
  const out = findings.map((f): Finding => {
    const hit = active.find((w) => waiverMatches(w, f));
    // Every expired waiver that matches is "used": it is not stale, it is expired.
    const old = lapsed.filter((w) => waiverMatches(w, f));
    for (const w of old) {
      used.add(w);
      expiredUsed.add(w);
    }
    if (hit) {
      used.add(hit);
      return {
        ...f,
        status: 'waived',
        waiver: { justification: hit.justification, owner: hit.owner, expires: hit.expires },
      };
    }
    const first = old[0];
    if (first) {
      return {
        ...f,
        status: 'waiver-expired',
        waiver: { justification: first.justification, owner: first.owner, expires: first.expires },
      };
    }
    return f;
  });
  // A finding already waived by an earlier waiver still "uses" later active ones that match it: they are redundant,
  // not stale, and removing one must not turn findings open unexpectedly.
  for (const w of active) {
    if (!used.has(w) && findings.some((f) => waiverMatches(w, f))) used.add(w);
  }
  return {
    findings: out,
    stale: waivers.filter((w) => !used.has(w)).map((waiver) => ({ waiver, reason: 'matched no finding' })),
    expired: waivers.filter((w) => expiredUsed.has(w)),
  };
}

/** `kubeseam.yaml:12:5` for messages about a waiver. */
export function formatWaiverOrigin(o: WaiverOrigin): string {
  return o.line === undefined
    ? o.file
    : o.column === undefined
      ? `${o.file}:${o.line}`
      : `${o.file}:${o.line}:${o.column}`;
}
