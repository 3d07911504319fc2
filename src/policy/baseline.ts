// Baselines: accept today's findings so a CI gate fails only on new ones. A finding is identified by its fingerprint
// (check, resource, field path; see fingerprintOf in src/checks/run.ts), which survives moving a document within a
// file or between files, reformatting, and line changes.
import { SEVERITIES, type Finding, type Severity } from '../checks/types.ts';
import { KubeseamError } from '../errors.ts';
import { formatRef } from '../model/refs.ts';
import type { ScanResult, ScanSummary } from '../result.ts';

export const BASELINE_KIND = 'KubeseamBaseline';
export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  fingerprint: string;
  /** Context for humans reviewing the file; only the fingerprint is matched. */
  checkId: string;
  resource: string;
  path: string;
}

export interface Baseline {
  kind: typeof BASELINE_KIND;
  schemaVersion: typeof BASELINE_VERSION;
  createdAt: string;
  tool: { name: string; version: string };
  findings: BaselineEntry[];
}

export interface BaselineApplied {
  /** The result without the baselined findings, summary recomputed. */
  result: ScanResult;
  /** Findings hidden because the baseline lists them. */
  suppressed: number;
  /** Baseline entries no finding matched any more (fixed or gone): the baseline can be rewritten smaller. */
  stale: number;
}

/**
 * The baseline for a result: every finding that is not waived (a waiver already accepts it, and an expired waiver
 * should resurface), one entry per fingerprint, sorted so the file diffs well.
 */
export function writeBaseline(result: ScanResult): string {
  const byFp = new Map<string, BaselineEntry>();
  for (const f of result.findings) {
    if (f.status === 'waived' || byFp.has(f.fingerprint)) continue;
    byFp.set(f.fingerprint, {
      fingerprint: f.fingerprint,
      checkId: f.checkId,
      resource: formatRef(f.resource),
      path: f.path,
    });
  }
  const findings = [...byFp.values()].sort(
    (a, b) =>
      a.checkId.localeCompare(b.checkId) || a.resource.localeCompare(b.resource) || a.path.localeCompare(b.path),
  );
  const baseline: Baseline = {
    kind: BASELINE_KIND,
    schemaVersion: BASELINE_VERSION,
    createdAt: result.scannedAt,
    tool: result.tool,
    findings,
  };
  return JSON.stringify(baseline, null, 2) + '\n';
}

const FINGERPRINT = /^[0-9a-f]{32}$/;

/** Reads a baseline file; anything malformed is an input error naming the file (and line, for JSON syntax). */
export function parseBaseline(text: string, file: string): Baseline {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new KubeseamError('input', `baseline is not valid JSON: ${message.split('\n')[0]!}`, {
      file,
      ...jsonErrorPosition(text, message),
    });
  }
  const bad = (what: string): never => {
    throw new KubeseamError('input', `not a kubeseam baseline: ${what}`, { file });
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return bad('expected a JSON object');
  const v = value as Record<string, unknown>;
  if (v.kind !== BASELINE_KIND) return bad(`kind must be "${BASELINE_KIND}" (write one with --write-baseline)`);
  if (v.schemaVersion !== BASELINE_VERSION) {
    return bad(`schemaVersion ${JSON.stringify(v.schemaVersion)} is not supported (expected ${BASELINE_VERSION})`);
  }
  if (!Array.isArray(v.findings)) return bad('findings must be a list');
  const findings: BaselineEntry[] = v.findings.map((e: unknown, i: number): BaselineEntry => {
    const r = (typeof e === 'object' && e !== null ? e : {}) as Record<string, unknown>;
    if (typeof r.fingerprint !== 'string' || !FINGERPRINT.test(r.fingerprint)) {
      return bad(`findings[${i}].fingerprint must be 32 lowercase hex digits`);
    }
    const str = (x: unknown): string => (typeof x === 'string' ? x : '');
    return { fingerprint: r.fingerprint, checkId: str(r.checkId), resource: str(r.resource), path: str(r.path) };
  });
  const tool = (typeof v.tool === 'object' && v.tool !== null ? v.tool : {}) as Record<string, unknown>;
  return {
    kind: BASELINE_KIND,
    schemaVersion: BASELINE_VERSION,
    createdAt: typeof v.createdAt === 'string' ? v.createdAt : '',
    tool: {
      name: typeof tool.name === 'string' ? tool.name : 'kubeseam',
      version: typeof tool.version === 'string' ? tool.version : '',
    },
    findings,
  };
}

/** Position of a JSON.parse error, from "at position N" (Node 20) or "(line L column C)" (Node 22+). */
function jsonErrorPosition(text: string, message: string): { line?: number; column?: number } {
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]) };
  const pos = /at position (\d+)/.exec(message);
  if (!pos) return {};
  const before = text.slice(0, Number(pos[1]));
  const lines = before.split('\n');
  return { line: lines.length, column: lines.at(-1)!.length + 1 };
}

/** The summary's finding counts for a list of findings (the other counts describe the scanned objects). */
export function summarizeFindings(findings: readonly Finding[], base: ScanSummary): ScanSummary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const byStatus = { open: 0, waived: 0, 'waiver-expired': 0 };
  for (const f of findings) {
    if (f.status !== 'waived') bySeverity[f.severity]++;
    byStatus[f.status]++;
  }
  return { ...base, bySeverity, byStatus };
}

/** Hides findings the baseline lists. Pure: the caller reads the file and reports the counts. */
export function applyBaseline(result: ScanResult, baselineText: string, file: string): BaselineApplied {
  const baseline = parseBaseline(baselineText, file);
  const known = new Set(baseline.findings.map((e) => e.fingerprint));
  const seen = new Set<string>();
  const kept: Finding[] = [];
  let suppressed = 0;
  for (const f of result.findings) {
    if (known.has(f.fingerprint)) {
      suppressed++;
      seen.add(f.fingerprint);
    } else kept.push(f);
  }
  return {
    result: { ...result, findings: kept, summary: summarizeFindings(kept, result.summary) },
    suppressed,
    stale: [...known].filter((fp) => !seen.has(fp)).length,
  };
}
