// The versioned JSON of one node scan (`kubeseam host --format json`), and reading a folder of them back for
// `kubeseam scan --host-results DIR` (one file per node, as the DaemonSet's logs are saved).

import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { KubeseamError } from '../errors.ts';
import { VERSION } from '../version.ts';
import { analyzeHost, type AnalyzeOptions } from './analyze.ts';
import { readHostFacts, type ReadHostOptions } from './read.ts';
import type { HostAnalysis, HostFacts, HostScanResult, HostSeverity } from './types.ts';

export function summarize(analysis: Pick<HostAnalysis, 'findings'>): Record<HostSeverity, number> {
  const summary: Record<HostSeverity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of analysis.findings) summary[f.severity]++;
  return summary;
}

export function toHostScanResult(
  facts: HostFacts,
  analysis: HostAnalysis,
  options: { scannedAt?: string; node?: string } = {},
): HostScanResult {
  const result: HostScanResult = {
    kind: 'KubeseamHostScan',
    schemaVersion: 1,
    tool: { name: 'kubeseam', version: VERSION },
    scannedAt: options.scannedAt ?? new Date().toISOString(),
    root: facts.root,
    ...analysis,
    summary: summarize(analysis),
    facts,
  };
  const node = options.node ?? facts.hostname;
  if (node !== undefined) result.node = node;
  return result;
}

/** Read and analyse a node root in one call: what `kubeseam host` does. */
export async function scanHost(
  root: string,
  options: ReadHostOptions & AnalyzeOptions & { node?: string; scannedAt?: string } = {},
): Promise<HostScanResult> {
  const facts = await readHostFacts(root, options);
  const analysis = analyzeHost(facts, options);
  const wrap: { node?: string; scannedAt?: string } = {};
  if (options.node !== undefined) wrap.node = options.node;
  if (options.scannedAt !== undefined) wrap.scannedAt = options.scannedAt;
  return toHostScanResult(facts, analysis, wrap);
}

function isHostScanResult(v: unknown): v is HostScanResult {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return (
    o.kind === 'KubeseamHostScan' &&
    o.schemaVersion === 1 &&
    Array.isArray(o.findings) &&
    Array.isArray(o.sensitivePaths) &&
    typeof o.facts === 'object' &&
    o.facts !== null
  );
}

/**
 * Parse one saved output. `kubectl logs` of the DaemonSet gives the JSON document, possibly after other log lines:
 * the first line that starts a JSON object is where the document begins.
 */
export function parseHostScanText(text: string, file: string): HostScanResult {
  const start = text.search(/^\{/m);
  if (start < 0) throw new KubeseamError('input', 'no JSON document found', { file });
  let value: unknown;
  try {
    value = JSON.parse(text.slice(start));
  } catch (e) {
    throw new KubeseamError('input', `invalid JSON: ${e instanceof Error ? e.message : ''}`, { file });
  }
  if (!isHostScanResult(value))
    throw new KubeseamError('input', 'not a kubeseam host scan (kind KubeseamHostScan, schemaVersion 1)', { file });
  return value;
}

/** Every `*.json` or `*.log` file in a folder, parsed as a host scan; sorted by node name. */
export async function loadHostResults(dir: string): Promise<HostScanResult[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json') || n.endsWith('.log')).sort();
  } catch (e) {
    throw new KubeseamError('input', 'cannot read host results folder', { file: dir }, { cause: e });
  }
  const out: HostScanResult[] = [];
  for (const n of names) {
    const file = join(dir, n);
    out.push(parseHostScanText(await readFile(file, 'utf8'), file));
  }
  return out.sort((a, b) => (a.node ?? '').localeCompare(b.node ?? ''));
}
