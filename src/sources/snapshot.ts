import { readFile } from 'node:fs/promises';
import { gunzipSync, gzipSync } from 'node:zlib';
import { KubeseamError } from '../errors.ts';
import type { KubeObject } from '../model/k8s.ts';
import type { Snapshot, SourcedObject } from '../model/types.ts';

/** Reads a snapshot (`.json` or `.json.gz`, detected by content, not name) and checks its shape. */
export async function readSnapshotFile(file: string): Promise<Snapshot> {
  let buf: Buffer;
  try {
    buf = await readFile(file);
  } catch {
    throw new KubeseamError('input', 'no such snapshot file', { file });
  }
  return parseSnapshot(buf, file);
}

export function parseSnapshot(buf: Buffer, file: string): Snapshot {
  let text: string;
  if (buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b) {
    try {
      text = gunzipSync(buf).toString('utf8');
    } catch (e) {
      throw new KubeseamError('input', `corrupt or truncated gzip snapshot (${(e as Error).message})`, { file });
    }
  } else {
    text = buf.toString('utf8');
  }
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

/** Serialises a snapshot; gzip when the target name ends in .gz. */
export function serializeSnapshot(snapshot: Snapshot, gzip: boolean): Buffer {
  const json = Buffer.from(JSON.stringify(snapshot));
  return gzip ? gzipSync(json) : json;
}

export function snapshotObjects(snapshot: Snapshot, origin: { file?: string; cluster?: string }): SourcedObject[] {
  const base = {
    ...(origin.file !== undefined ? { file: origin.file } : {}),
    ...(snapshot.cluster.name !== undefined ? { cluster: snapshot.cluster.name } : {}),
    ...(snapshot.cluster.context !== undefined ? { context: snapshot.cluster.context } : {}),
  };
  return snapshot.objects.map((object) => ({ object, origin: base }));
}
