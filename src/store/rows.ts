import { gunzipSync, gzipSync } from 'node:zlib';
import type { ScanResult, ScanSummary } from '../result.ts';
import type { SqlValue } from './driver.ts';

// Pure mapping between a ScanResult and the rows of the indexed tables. Results may come from files written by
// other versions, so every field is read defensively.

export const SCAN_COLUMNS = [
  'id',
  'cluster_key',
  'provider',
  'k8s_version',
  'scanned_at',
  'saved_at',
  'tool_version',
  'schema_version',
  'summary',
  'finding_count',
  'component_count',
  'result_encoding',
  'result',
] as const;

export const FINDING_COLUMNS = [
  'scan_id',
  'ordinal',
  'fingerprint',
  'check_id',
  'severity',
  'status',
  'resource_kind',
  'resource_namespace',
  'resource_name',
  'path',
  'message',
] as const;

export const COMPONENT_COLUMNS = [
  'scan_id',
  'ordinal',
  'resource_api_version',
  'resource_kind',
  'resource_namespace',
  'resource_name',
  'class',
  'provider',
  'component',
  'service_account',
  'pod_count',
  'node_count',
  'images',
  'privileges',
] as const;

/** gzip: about 10x smaller than the JSON for real scans, a few milliseconds each way (see docs/history.md). */
export const RESULT_ENCODING = 'gzip-json';

export function encodeResult(result: ScanResult): Buffer {
  return gzipSync(JSON.stringify(result));
}

export function decodeResult(data: unknown, encoding: unknown): ScanResult {
  const buf = Buffer.isBuffer(data) ? data : data instanceof Uint8Array ? Buffer.from(data) : undefined;
  if (buf === undefined) throw new Error('stored scan result is not binary data');
  if (encoding === RESULT_ENCODING) return JSON.parse(gunzipSync(buf).toString('utf8')) as ScanResult;
  if (encoding === 'json') return JSON.parse(buf.toString('utf8')) as ScanResult;
  throw new Error(`stored scan result has an unknown encoding: ${String(encoding)}`);
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const optStr = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : 0);
const obj = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The Kubernetes version as `gitVersion`, else `major.minor`. */
export function k8sVersionOf(result: ScanResult): string | null {
  const v = obj(obj(result.cluster).version);
  if (typeof v.gitVersion === 'string' && v.gitVersion !== '') return v.gitVersion;
  if (typeof v.major === 'string' && typeof v.minor === 'string') return `${v.major}.${v.minor}`;
  return null;
}

/** Normalised ISO-8601 UTC time, or undefined when `s` is not a date. */
export function isoTime(s: unknown): string | undefined {
  if (typeof s !== 'string' && !(s instanceof Date)) return undefined;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

export function scanRow(
  result: ScanResult,
  meta: { id: string; clusterKey: string; scannedAt: string; savedAt: string },
): SqlValue[] {
  const cluster = obj(result.cluster);
  return [
    meta.id,
    meta.clusterKey,
    optStr(cluster.provider),
    k8sVersionOf(result),
    meta.scannedAt,
    meta.savedAt,
    str(obj(result.tool).version),
    num(result.schemaVersion),
    JSON.stringify(result.summary ?? {}),
    arr(result.findings).length,
    arr(result.inventory).length,
    RESULT_ENCODING,
    encodeResult(result),
  ];
}

export function findingRows(result: ScanResult, scanId: string): SqlValue[][] {
  return arr(result.findings).map((x, i) => {
    const f = obj(x);
    const r = obj(f.resource);
    return [
      scanId,
      i,
      str(f.fingerprint),
      str(f.checkId),
      str(f.severity),
      str(f.status),
      str(r.kind),
      optStr(r.namespace),
      str(r.name),
      str(f.path),
      str(f.message),
    ];
  });
}

export function componentRows(result: ScanResult, scanId: string): SqlValue[][] {
  return arr(result.inventory).map((x, i) => {
    const c = obj(x);
    const r = obj(c.resource);
    const cl = obj(c.classification);
    return [
      scanId,
      i,
      str(r.apiVersion),
      str(r.kind),
      optStr(r.namespace),
      str(r.name),
      str(cl.class),
      optStr(cl.provider),
      optStr(cl.component),
      optStr(c.serviceAccount),
      num(c.podCount),
      num(c.nodeCount),
      JSON.stringify(arr(c.images).filter((i) => typeof i === 'string')),
      JSON.stringify(obj(c.privileges)),
    ];
  });
}

/** One row of `listScans`. */
export interface ScanRow {
  id: string;
  clusterKey: string;
  provider?: string;
  k8sVersion?: string;
  scannedAt: string;
  savedAt: string;
  toolVersion: string;
  schemaVersion: number;
  summary: ScanSummary;
  findingCount: number;
  componentCount: number;
}

/** Maps a `scans` row (without the result blob) from either backend: PG gives Dates and parsed JSON, SQLite text. */
export function toScanRow(row: Record<string, unknown>): ScanRow {
  const summary = typeof row.summary === 'string' ? (JSON.parse(row.summary) as unknown) : row.summary;
  const out: ScanRow = {
    id: str(row.id),
    clusterKey: str(row.cluster_key),
    scannedAt: isoTime(row.scanned_at) ?? '',
    savedAt: isoTime(row.saved_at) ?? '',
    toolVersion: str(row.tool_version),
    schemaVersion: Number(row.schema_version),
    summary: obj(summary) as unknown as ScanSummary,
    findingCount: Number(row.finding_count),
    componentCount: Number(row.component_count),
  };
  if (typeof row.provider === 'string') out.provider = row.provider;
  if (typeof row.k8s_version === 'string') out.k8sVersion = row.k8s_version;
  return out;
}
