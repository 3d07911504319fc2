// Second pass over config maps: after every kind is listed (config maps as metadata), fetch in full only the
// ones middleware and DaemonSets reference (configmap-refs.ts).
import type { KubeObject } from '../../model/k8s.ts';
import type { ConfigMapKey } from './configmap-refs.ts';
import type { ApiClient } from './http.ts';
import type { ListOutcome } from './list.ts';
import { configMapsToFetch } from './configmap-refs.ts';
import { TransportError } from './errors.ts';
import { collectionPath, toSnapshotObject } from './list.ts';
import { runPool } from './pool.ts';

interface Fetched {
  full: Map<string, KubeObject>;
  forbidden: number;
  failed: number;
  firstError?: string;
}

function keyOf(namespace: string | undefined, name: string | undefined): string {
  return `${namespace ?? ''}/${name ?? ''}`;
}

/** GETs each config map in full (bounded concurrency); missing ones (404) are skipped. */
async function fetchConfigMaps(
  client: ApiClient,
  keys: readonly ConfigMapKey[],
  options: { concurrency: number; signal: AbortSignal; keepManagedFields: boolean },
): Promise<Fetched> {
  const result: Fetched = { full: new Map(), forbidden: 0, failed: 0 };
  const note = (message: string): void => {
    result.failed++;
    result.firstError ??= message;
  };
  await runPool(keys, options.concurrency, options.signal, async (key) => {
    const path = `${collectionPath('', 'v1', 'configmaps', key.namespace)}/${encodeURIComponent(key.name)}`;
    try {
      const response = await client.get(path, {}, 'application/json');
      if (response.status === 200) {
        const object = toSnapshotObject(response.json, 'v1', 'ConfigMap', false, options.keepManagedFields);
        if (object !== undefined) result.full.set(keyOf(key.namespace, key.name), object);
        else note(`${key.namespace}/${key.name}: response is not an object`);
      } else if (response.status === 403) {
        result.forbidden++;
      } else if (response.status !== 404) {
        note(`${key.namespace}/${key.name}: ${response.status}`);
      }
    } catch (error) {
      if (!(error instanceof TransportError)) throw error;
      note(`${key.namespace}/${key.name}: ${error.message}`);
    }
  });
  return result;
}

/**
 * Replaces the metadata-only config maps that workloads in middleware namespaces or DaemonSets reference (and
 * the well-known ones) with their full objects, in place. Returns a note for the coverage entry.
 */
export async function completeConfigMaps(
  client: ApiClient,
  configMaps: ListOutcome,
  collected: Iterable<KubeObject>,
  options: { concurrency: number; signal: AbortSignal; keepManagedFields: boolean },
): Promise<string> {
  if (configMaps.transport === true) return 'config map data not fetched: the server could not be reached';
  const wanted = configMapsToFetch(collected);
  const existing = new Set(configMaps.items.map((o) => keyOf(o.metadata.namespace, o.metadata.name)));
  // When the list worked, fetch only what exists; otherwise try anyway (RBAC may grant get without list).
  const keys = configMaps.status === 'listed' ? wanted.filter((k) => existing.has(keyOf(k.namespace, k.name))) : wanted;
  const fetched = await fetchConfigMaps(client, keys, options);
  const merged: KubeObject[] = [];
  for (const object of configMaps.items)
    merged.push(fetched.full.get(keyOf(object.metadata.namespace, object.metadata.name)) ?? object);
  for (const [key, object] of fetched.full) if (!existing.has(key)) merged.push(object);
  configMaps.items = merged;
  const notes = [
    `full data for ${fetched.full.size} config maps referenced by middleware namespaces or DaemonSets; others metadata only`,
  ];
  if (fetched.forbidden > 0) notes.push(`${fetched.forbidden} referenced config maps forbidden (get)`);
  if (fetched.failed > 0) notes.push(`${fetched.failed} failed (${fetched.firstError ?? 'error'})`);
  return notes.join('; ');
}
