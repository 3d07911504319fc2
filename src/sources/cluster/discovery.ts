// API discovery: /version, /api, /apis, then the resource lists of the groups the collector needs.
// Documents as in k8s.io/apimachinery/pkg/apis/meta/v1/types.go (APIVersions, APIGroupList, APIResourceList).
import type { ClusterVersion, CoverageEntry } from '../../model/types.ts';
import type { ApiClient, ApiResponse } from './http.ts';
import type { ResourceTarget } from './targets.ts';
import { CollectError, TransportError } from './errors.ts';
import { statusMessage } from './http.ts';
import { runPool } from './pool.ts';
import { qualifiedName } from './targets.ts';

/** A target bound to the version, kind and scope the cluster serves it with. */
export interface ResolvedTarget {
  target: ResourceTarget;
  group: string;
  version: string;
  resource: string;
  kind: string;
  namespaced: boolean;
}

export interface DiscoveryResult {
  version: ClusterVersion;
  /** Every served group version (`v1`, `apps/v1`, …), in discovery order. */
  groupVersions: string[];
  resolved: ResolvedTarget[];
  /** Coverage of the targets that cannot be listed (not served, or their group's discovery failed). */
  unresolved: CoverageEntry[];
}

interface ServedResource {
  name: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
}

const JSON_ACCEPT = 'application/json';

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A root discovery document; any failure means the cluster cannot be scanned. */
async function rootDocument(client: ApiClient, path: string): Promise<Record<string, unknown>> {
  const server = client.target.server;
  let response: ApiResponse;
  try {
    response = await client.get(path, {}, JSON_ACCEPT);
  } catch (error) {
    if (error instanceof TransportError) {
      throw new CollectError('network', `discovery failed: ${error.message}`, { resource: path, cause: error });
    }
    throw error;
  }
  if (response.status === 403) {
    throw new CollectError('access', `discovery of ${path} forbidden by ${server} (403): ${statusMessage(response)}`, {
      resource: path,
    });
  }
  const body = record(response.json);
  if (response.status !== 200 || body === undefined) {
    const detail =
      response.status === 200 ? 'response is not a JSON object' : `${response.status}: ${statusMessage(response)}`;
    throw new CollectError('network', `discovery of ${path} failed at ${server} (${detail})`, { resource: path });
  }
  return body;
}

function parseVersion(body: Record<string, unknown>): ClusterVersion {
  const version: ClusterVersion = {};
  for (const key of ['major', 'minor', 'gitVersion', 'platform'] as const) {
    const value = str(body[key]);
    if (value !== undefined) version[key] = value;
  }
  return version;
}

interface ServedGroup {
  name: string;
  /** Versions in the order to try: preferred first, then the server's order. */
  versions: string[];
}

function parseGroups(body: Record<string, unknown>): ServedGroup[] {
  const groups: ServedGroup[] = [];
  for (const entry of Array.isArray(body.groups) ? body.groups : []) {
    const group = record(entry);
    const name = str(group?.name);
    if (group === undefined || name === undefined) continue;
    const versions: string[] = [];
    const preferred = str(record(group.preferredVersion)?.version);
    if (preferred !== undefined) versions.push(preferred);
    for (const v of Array.isArray(group.versions) ? group.versions : []) {
      const version = str(record(v)?.version);
      if (version !== undefined && !versions.includes(version)) versions.push(version);
    }
    if (versions.length > 0) groups.push({ name, versions });
  }
  return groups;
}

function parseResources(body: unknown): ServedResource[] {
  const resources: ServedResource[] = [];
  const list = record(body)?.resources;
  for (const entry of Array.isArray(list) ? list : []) {
    const r = record(entry);
    const name = str(r?.name);
    const kind = str(r?.kind);
    // Subresources (pods/log, deployments/scale) are not lists of objects.
    if (r === undefined || name === undefined || kind === undefined || name.includes('/')) continue;
    const verbs = Array.isArray(r.verbs) ? r.verbs.filter((v): v is string => typeof v === 'string') : [];
    resources.push({ name, kind, namespaced: r.namespaced === true, verbs });
  }
  return resources;
}

type ResourceListResult = { ok: true; resources: ServedResource[] } | { ok: false; notFound: boolean; message: string };

async function resourceList(client: ApiClient, group: string, version: string): Promise<ResourceListResult> {
  const path = group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
  try {
    const response = await client.get(path, {}, JSON_ACCEPT);
    if (response.status === 200 && record(response.json) !== undefined)
      return { ok: true, resources: parseResources(response.json) };
    return {
      ok: false,
      notFound: response.status === 404,
      message: `discovery of ${path} failed (${response.status}: ${statusMessage(response)})`,
    };
  } catch (error) {
    if (error instanceof TransportError)
      return { ok: false, notFound: false, message: `discovery of ${path} failed: ${error.message}` };
    throw error;
  }
}

function unresolvedEntry(
  target: ResourceTarget,
  status: 'not-served' | 'failed',
  message: string,
  version = '',
): CoverageEntry {
  const entry: CoverageEntry = {
    group: target.group,
    version,
    resource: target.resource,
    kind: target.kind,
    status,
    count: 0,
    message,
  };
  if (target.metadataOnly) entry.metadataOnly = true;
  return entry;
}

/** Resolves the targets of one group against its served versions, fetching resource lists lazily. */
async function resolveGroup(
  client: ApiClient,
  group: ServedGroup,
  targets: readonly ResourceTarget[],
  resolved: ResolvedTarget[],
  unresolved: CoverageEntry[],
): Promise<void> {
  const lists = new Map<string, ResourceListResult>();
  const listOf = async (version: string): Promise<ResourceListResult> => {
    let result = lists.get(version);
    if (result === undefined) {
      result = await resourceList(client, group.name, version);
      lists.set(version, result);
    }
    return result;
  };
  for (const target of targets) {
    if (target.resource === '*') {
      // A whole group of dynamic kinds: every listable resource of the preferred version.
      const version = group.versions[0]!;
      const list = await listOf(version);
      if (!list.ok) {
        unresolved.push(unresolvedEntry(target, list.notFound ? 'not-served' : 'failed', list.message, version));
        continue;
      }
      for (const r of list.resources) {
        if (!r.verbs.includes('list')) continue;
        resolved.push({ target, group: group.name, version, resource: r.name, kind: r.kind, namespaced: r.namespaced });
      }
      continue;
    }
    let found = false;
    const failures: string[] = [];
    let unlistable: string | undefined;
    for (const version of group.versions) {
      const list = await listOf(version);
      if (!list.ok) {
        if (!list.notFound) failures.push(list.message);
        continue;
      }
      const served = list.resources.find((r) => r.name === target.resource);
      if (served === undefined) continue;
      if (!served.verbs.includes('list')) {
        unlistable = version;
        continue;
      }
      resolved.push({
        target,
        group: group.name,
        version,
        resource: served.name,
        kind: served.kind,
        namespaced: served.namespaced,
      });
      found = true;
      break;
    }
    if (found) continue;
    const name = qualifiedName(target.group, target.resource);
    if (failures.length > 0) unresolved.push(unresolvedEntry(target, 'failed', failures[0]!));
    else if (unlistable !== undefined) {
      unresolved.push(unresolvedEntry(target, 'not-served', `${name} does not support list`, unlistable));
    } else {
      unresolved.push(
        unresolvedEntry(
          target,
          'not-served',
          `${name} is not served (checked ${group.name || 'core'} ${group.versions.join(', ')})`,
        ),
      );
    }
  }
}

/** Discovers the cluster version, served group versions, and how each target is served. */
export async function discover(
  client: ApiClient,
  targets: readonly ResourceTarget[],
  concurrency: number,
  signal: AbortSignal,
): Promise<DiscoveryResult> {
  const [versionDoc, apiDoc, apisDoc] = await Promise.all([
    rootDocument(client, '/version'),
    rootDocument(client, '/api'),
    rootDocument(client, '/apis'),
  ]);
  const coreVersions = (Array.isArray(apiDoc.versions) ? apiDoc.versions : []).filter(
    (v): v is string => typeof v === 'string',
  );
  if (!coreVersions.includes('v1')) {
    throw new CollectError(
      'network',
      `discovery of /api at ${client.target.server} does not list v1; is this a Kubernetes API server?`,
      {
        resource: '/api',
      },
    );
  }
  const groups = parseGroups(apisDoc);
  // In discovery order, which is also the server's priority order.
  const orderedGroupVersions = [...coreVersions];
  for (const entry of Array.isArray(apisDoc.groups) ? apisDoc.groups : []) {
    const group = record(entry);
    for (const v of Array.isArray(group?.versions) ? group.versions : []) {
      const gv = str(record(v)?.groupVersion);
      if (gv !== undefined && !orderedGroupVersions.includes(gv)) orderedGroupVersions.push(gv);
    }
  }

  const served = new Map<string, ServedGroup>([['', { name: '', versions: ['v1'] }]]);
  for (const group of groups) served.set(group.name, group);
  const byGroup = new Map<string, ResourceTarget[]>();
  for (const target of targets) {
    const list = byGroup.get(target.group) ?? [];
    list.push(target);
    byGroup.set(target.group, list);
  }

  const resolved: ResolvedTarget[] = [];
  const unresolved: CoverageEntry[] = [];
  const work: { group: ServedGroup; targets: ResourceTarget[] }[] = [];
  for (const [name, groupTargets] of byGroup) {
    const group = served.get(name);
    if (group === undefined) {
      for (const target of groupTargets)
        unresolved.push(unresolvedEntry(target, 'not-served', `API group ${name} is not served`));
    } else {
      work.push({ group, targets: groupTargets });
    }
  }
  await runPool(work, concurrency, signal, (item) =>
    resolveGroup(client, item.group, item.targets, resolved, unresolved),
  );

  // Concurrency shuffles the order; restore the targets' order so snapshots are deterministic.
  const order = new Map(targets.map((target, index) => [target, index]));
  const rank = (target: ResourceTarget): number => order.get(target) ?? Number.MAX_SAFE_INTEGER;
  resolved.sort(
    (a, b) => rank(a.target) - rank(b.target) || (a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0),
  );
  const targetOf = (entry: CoverageEntry): ResourceTarget | undefined =>
    targets.find((t) => t.group === entry.group && t.resource === entry.resource);
  unresolved.sort((a, b) => {
    const ta = targetOf(a);
    const tb = targetOf(b);
    return (
      (ta === undefined ? Number.MAX_SAFE_INTEGER : rank(ta)) - (tb === undefined ? Number.MAX_SAFE_INTEGER : rank(tb))
    );
  });
  return { version: parseVersion(versionDoc), groupVersions: orderedGroupVersions, resolved, unresolved };
}
