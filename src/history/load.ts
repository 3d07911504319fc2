import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { KubeseamError } from '../errors.ts';
import type { ScanResult } from '../result.ts';
import { parseScanRef } from '../store/ref.ts';
import type { Store } from '../store/sql-store.ts';

/** Parses a result JSON (`kubeseam scan --format json`) and checks it is one, so a diff never runs on garbage. */
export function parseScanResultJson(text: string, file: string): ScanResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new KubeseamError('input', `not JSON: ${(e as Error).message}`, { file });
  }
  const o = typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  if (typeof o.schemaVersion !== 'number' || !Array.isArray(o.findings) || !Array.isArray(o.inventory)) {
    throw new KubeseamError('input', 'not a kubeseam scan result (expected schemaVersion, inventory, findings)', {
      file,
    });
  }
  return data as ScanResult;
}

export async function readScanResultFile(file: string): Promise<ScanResult> {
  let buf: Buffer;
  try {
    buf = await readFile(file);
  } catch (e) {
    throw new KubeseamError('input', `cannot read: ${(e as Error).message}`, { file });
  }
  // gzip magic bytes: results kept compressed are accepted as they are.
  const text = buf[0] === 0x1f && buf[1] === 0x8b ? gunzipSync(buf).toString('utf8') : buf.toString('utf8');
  return parseScanResultJson(text, file);
}

/**
 * A scan for `kubeseam diff`: `last` and `last~N` always name saved scans; an id prefix names a saved scan unless
 * a file of that name exists; anything else is a result JSON file. The store is opened only when needed.
 */
export async function loadScanRef(
  ref: string,
  options: { store: () => Promise<Store>; cluster?: string },
): Promise<ScanResult> {
  const parsed = parseScanRef(ref);
  if (parsed !== undefined && (parsed.kind === 'last' || !existsSync(ref))) {
    const store = await options.store();
    return store.getScan(ref, options.cluster !== undefined ? { cluster: options.cluster } : {});
  }
  return readScanResultFile(ref);
}
