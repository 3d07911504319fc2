// Paginated list of one resource, as client-go's pager does (k8s.io/client-go/tools/pager/pager.go): `limit` and
// `continue`; an expired continue token (410) restarts the list so the result stays one consistent snapshot.
import type { KubeObject, ObjectMeta } from '../../model/k8s.ts';
import type { CoverageStatus } from '../../model/types.ts';
import type { ResolvedTarget } from './discovery.ts';
import type { ApiClient, ApiResponse } from './http.ts';
import { TransportError } from './errors.ts';
import { statusMessage } from './http.ts';

/** Media type of metadata-only lists (k8s.io/client-go/metadata). No plain-JSON fallback: a server that cannot
 * answer with metadata only must refuse (406) rather than send full objects. */
export const PARTIAL_LIST_ACCEPT = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1';

/** Annotation `kubectl apply` writes with the whole applied object, values included. */
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export interface ListOutcome {
  status: CoverageStatus;
  items: KubeObject[];
  message?: string;
  /** The failure was that the server could not be reached (no HTTP response). */
  transport?: boolean;
  restarts: number;
}

export interface ListOptions {
  pageSize: number;
  maxRestarts: number;
  keepManagedFields: boolean;
  onPage: (count: number) => void;
  /** Extra query parameters for every page (a fieldSelector). */
  query?: Record<string, string>;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

export function apiVersionOf(group: string, version: string): string {
  return group === '' ? version : `${group}/${version}`;
}

export function collectionPath(group: string, version: string, resource: string, namespace?: string): string {
  const root = group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
  const ns = namespace === undefined ? '' : `/namespaces/${encodeURIComponent(namespace)}`;
  return `${root}${ns}/${resource}`;
}

/** Metadata as stored: without managedFields (bulky bookkeeping) unless asked, and for metadata-only objects
 * without the last-applied annotation, which would carry the values metadata-only collection leaves out. */
function cleanMetadata(
  metadata: Record<string, unknown>,
  metadataOnly: boolean,
  keepManagedFields: boolean,
): ObjectMeta {
  const out: Record<string, unknown> = { ...metadata };
  if (!keepManagedFields) delete out.managedFields;
  const annotations = record(out.annotations);
  if (metadataOnly && annotations !== undefined && LAST_APPLIED in annotations) {
    out.annotations = Object.fromEntries(Object.entries(annotations).filter(([key]) => key !== LAST_APPLIED));
  }
  return out;
}

/**
 * One list item as a snapshot object: plain JSON as the API returned it, with the resource's apiVersion and kind
 * (list items omit them, and metadata-only items carry meta.k8s.io's). Metadata-only items keep nothing but
 * metadata, whatever the server sent. Returns undefined for items without metadata.
 */
export function toSnapshotObject(
  raw: unknown,
  apiVersion: string,
  kind: string,
  metadataOnly: boolean,
  keepManagedFields: boolean,
): KubeObject | undefined {
  const item = record(raw);
  const metadata = record(item?.metadata);
  if (item === undefined || metadata === undefined) return undefined;
  const cleaned = cleanMetadata(metadata, metadataOnly, keepManagedFields);
  if (metadataOnly) return { apiVersion, kind, metadata: cleaned };
  const object: KubeObject = { apiVersion, kind, metadata: cleaned };
  for (const [key, value] of Object.entries(item)) {
    if (key !== 'apiVersion' && key !== 'kind' && key !== 'metadata') object[key] = value;
  }
  return object;
}

/** Secrets are metadata only whatever a target says: values are never requested nor stored. */
export function isMetadataOnly(resolved: ResolvedTarget): boolean {
  return resolved.target.metadataOnly || (resolved.group === '' && resolved.resource === 'secrets');
}

function failure(items: KubeObject[], restarts: number, message: string, transport = false): ListOutcome {
  const outcome: ListOutcome = { status: items.length > 0 ? 'partial' : 'failed', items, message, restarts };
  if (transport) outcome.transport = true;
  return outcome;
}

function describe(response: ApiResponse): string {
  return `${response.status}: ${statusMessage(response)}`;
}

/** Lists every object of one resource across all namespaces. Never throws for per-resource failures. */
export async function listResource(
  client: ApiClient,
  resolved: ResolvedTarget,
  options: ListOptions,
): Promise<ListOutcome> {
  const metadataOnly = isMetadataOnly(resolved);
  const path = collectionPath(resolved.group, resolved.version, resolved.resource);
  const accept = metadataOnly ? PARTIAL_LIST_ACCEPT : 'application/json';
  const apiVersion = apiVersionOf(resolved.group, resolved.version);
  let items: KubeObject[] = [];
  let token: string | undefined;
  let restarts = 0;
  for (;;) {
    const query: Record<string, string> = { ...options.query, limit: String(options.pageSize) };
    if (token !== undefined) query.continue = token;
    let response: ApiResponse;
    try {
      response = await client.get(path, query, accept);
    } catch (error) {
      if (error instanceof TransportError) {
        const after = items.length > 0 ? ` after ${items.length} objects` : '';
        return failure(items, restarts, `list interrupted${after}: ${error.message}`, true);
      }
      throw error;
    }
    if (response.status === 410 && token !== undefined) {
      if (restarts >= options.maxRestarts) {
        return failure(
          [],
          restarts,
          `continue token expired ${restarts + 1} times (410); list abandoned: ${statusMessage(response)}`,
        );
      }
      restarts++;
      items = [];
      token = undefined;
      options.onPage(0);
      continue;
    }
    if (response.status === 403 && items.length === 0) {
      return { status: 'forbidden', items, message: statusMessage(response), restarts };
    }
    if (response.status === 404 && items.length === 0) {
      return { status: 'not-served', items, message: statusMessage(response), restarts };
    }
    if (response.status === 406 && metadataOnly) {
      return failure(
        [],
        restarts,
        `server cannot list metadata only (406); values are never requested, so ${resolved.resource} are not collected`,
      );
    }
    const body = record(response.json);
    // An empty list may come as `items: null`; anything without list metadata is not a list.
    const rawItems = body?.items ?? (record(body?.metadata) !== undefined ? [] : undefined);
    if (response.status !== 200 || !Array.isArray(rawItems)) {
      const detail = response.status === 200 ? 'response is not a list' : describe(response);
      return failure(items, restarts, `list failed (${detail})`);
    }
    for (const raw of rawItems) {
      const object = toSnapshotObject(raw, apiVersion, resolved.kind, metadataOnly, options.keepManagedFields);
      if (object !== undefined) items.push(object);
    }
    options.onPage(items.length);
    const next = record(body?.metadata)?.continue;
    if (typeof next !== 'string' || next === '') return { status: 'listed', items, restarts };
    if (next === token)
      return failure(items, restarts, 'server returned the same continue token twice; list abandoned');
    token = next;
  }
}
