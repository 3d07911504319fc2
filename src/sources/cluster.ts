// Live collection from the Kubernetes API into a Snapshot. Kubeconfig loading and credentials (tokens, client
// certificates, exec plugins such as `aws eks get-token`, `gke-gcloud-auth-plugin`, `kubelogin`) come from the
// official @kubernetes/client-node; requests are raw GETs so paging, metadata-only lists, status codes and
// Retry-After stay under our control, and objects stay plain JSON exactly as the API returns them.
import type { KubeObject } from '../model/k8s.ts';
import type { ClusterFacts, CoverageEntry, Snapshot } from '../model/types.ts';
import type { ResolvedTarget } from './cluster/discovery.ts';
import type { RetryOptions } from './cluster/http.ts';
import type { ListOutcome } from './cluster/list.ts';
import { completeConfigMaps } from './cluster/configmaps.ts';
import { discover } from './cluster/discovery.ts';
import { CollectError } from './cluster/errors.ts';
import { ApiClient } from './cluster/http.ts';
import { loadClusterTarget } from './cluster/kubeconfig.ts';
import { isMetadataOnly, listResource } from './cluster/list.ts';
import { runPool } from './cluster/pool.ts';
import { recordSecretTypes } from './cluster/secret-types.ts';
import { RESOURCE_TARGETS, qualifiedName } from './cluster/targets.ts';
import { VERSION } from '../version.ts';

export { CollectError } from './cluster/errors.ts';
export type { CollectErrorKind } from './cluster/errors.ts';
export type { RetryOptions } from './cluster/http.ts';

export interface CollectProgress {
  /** `pods`, `deployments.apps`, … */
  resource: string;
  count: number;
  done: boolean;
}

export interface CollectOptions {
  /** Kubeconfig file; default: KUBECONFIG, ~/.kube/config, then in-cluster service account. */
  kubeconfig?: string;
  /** Context name; default: the kubeconfig's current-context. */
  context?: string;
  /** Lists in flight at once (default 4). */
  concurrency?: number;
  /** Objects per page (`limit`, default 500). */
  pageSize?: number;
  /** Per-request timeout in milliseconds (default 60 s). */
  timeoutMs?: number;
  onProgress?: (progress: CollectProgress) => void;
  signal?: AbortSignal;
  /** Retries on 429, 5xx and transport errors (defaults: 5 attempts, 250 ms doubling to 8 s, Retry-After ≤ 60 s). */
  retry?: RetryOptions;
  /** Restarts of one list after its continue token expired (410) (default 3). */
  maxListRestarts?: number;
  /** Keep metadata.managedFields (dropped by default: large, and no analyzer reads it). */
  keepManagedFields?: boolean;
}

function positiveInt(name: string, value: number | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new CollectError('input', `${name} must be an integer from 1 to ${max}, got ${value}`);
  }
  return value;
}

function coverageOf(resolved: ResolvedTarget, outcome: ListOutcome, count: number): CoverageEntry {
  const entry: CoverageEntry = {
    group: resolved.group,
    version: resolved.version,
    resource: resolved.resource,
    kind: resolved.kind,
    status: outcome.status,
    count,
  };
  if (isMetadataOnly(resolved)) entry.metadataOnly = true;
  const notes: string[] = [];
  if (outcome.message !== undefined) notes.push(outcome.message);
  if (outcome.restarts > 0 && outcome.status === 'listed')
    notes.push(`restarted ${outcome.restarts}× after an expired continue token`);
  if (notes.length > 0) entry.message = notes.join('; ');
  return entry;
}

/**
 * Collects a snapshot of the cluster of one kubeconfig context. Per-kind problems (403, not served, persistent
 * errors) become coverage entries and the snapshot is still returned; rejected credentials, kubeconfig problems,
 * and a server that cannot be discovered (or reached for any kind) throw CollectError. Aborting `signal` rejects
 * with its reason.
 */
export async function collectSnapshot(options: CollectOptions = {}): Promise<Snapshot> {
  const concurrency = positiveInt('concurrency', options.concurrency, 4, 64);
  const pageSize = positiveInt('pageSize', options.pageSize, 500, 100_000);
  const timeoutMs = positiveInt('timeoutMs', options.timeoutMs, 60_000, 3_600_000);
  const maxRestarts = options.maxListRestarts ?? 3;
  if (!Number.isInteger(maxRestarts) || maxRestarts < 0 || maxRestarts > 100) {
    throw new CollectError('input', `maxListRestarts must be an integer from 0 to 100, got ${maxRestarts}`);
  }
  const keepManagedFields = options.keepManagedFields === true;
  const outer = options.signal;
  outer?.throwIfAborted();

  const target = await loadClusterTarget(options);
  // One signal for everything in flight: the caller's abort, or a fatal error in any list, stops them all.
  const inner = new AbortController();
  const forward = (): void => inner.abort(outer?.reason);
  outer?.addEventListener('abort', forward, { once: true });
  const client = new ApiClient(target, {
    timeoutMs,
    maxSockets: concurrency + 2,
    signal: inner.signal,
    ...(options.retry === undefined ? {} : { retry: options.retry }),
  });
  const progress = (resource: string, count: number, done: boolean): void =>
    options.onProgress?.({ resource, count, done });
  const collectedAt = new Date().toISOString();

  try {
    const discovery = await discover(client, RESOURCE_TARGETS, concurrency, inner.signal);
    const outcomes = new Map<ResolvedTarget, ListOutcome>();
    await runPool(discovery.resolved, concurrency, inner.signal, async (resolved) => {
      const name = qualifiedName(resolved.group, resolved.resource);
      try {
        const outcome = await listResource(client, resolved, {
          pageSize,
          maxRestarts,
          keepManagedFields,
          onPage: (count) => progress(name, count, false),
        });
        outcomes.set(resolved, outcome);
        progress(name, outcome.items.length, true);
      } catch (error) {
        if (error instanceof CollectError && error.resource === undefined) {
          throw new CollectError(error.kind, error.message, { resource: name, cause: error.cause });
        }
        throw error;
      }
    });

    const reachable = [...outcomes.values()].some((o) => o.transport !== true);
    if (!reachable && outcomes.size > 0) {
      const first = [...outcomes.values()][0]!;
      throw new CollectError(
        'network',
        `no resource could be listed from ${target.server}: ${first.message ?? 'unreachable'}`,
      );
    }

    // Second passes, which need the first: config maps referenced by middleware, and credential secret types.
    const notes = new Map<ResolvedTarget, string>();
    const configMaps = discovery.resolved.find((r) => r.group === '' && r.resource === 'configmaps');
    const configMapOutcome = configMaps === undefined ? undefined : outcomes.get(configMaps);
    if (configMaps !== undefined && configMapOutcome !== undefined) {
      const collected = [...outcomes.values()].flatMap((o) => o.items);
      const options = { concurrency, signal: inner.signal, keepManagedFields };
      notes.set(configMaps, await completeConfigMaps(client, configMapOutcome, collected, options));
    }
    const secrets = discovery.resolved.find((r) => r.group === '' && r.resource === 'secrets');
    const secretOutcome = secrets === undefined ? undefined : outcomes.get(secrets);
    if (secrets !== undefined && secretOutcome?.status === 'listed') {
      notes.set(secrets, await recordSecretTypes(client, secrets, secretOutcome, { pageSize, maxRestarts }));
    }

    const objects: KubeObject[] = [];
    const coverage: CoverageEntry[] = [];
    for (const resolved of discovery.resolved) {
      const outcome = outcomes.get(resolved);
      if (outcome === undefined) continue;
      for (const object of outcome.items) objects.push(object);
      const entry = coverageOf(resolved, outcome, outcome.items.length);
      const note = notes.get(resolved);
      if (note !== undefined) entry.message = entry.message === undefined ? note : `${entry.message}; ${note}`;
      coverage.push(entry);
    }
    coverage.push(...discovery.unresolved);

    const cluster: ClusterFacts = {
      name: target.clusterName,
      context: target.contextName,
      server: target.server,
      version: discovery.version,
      apiGroupVersions: discovery.groupVersions,
    };
    const tool = { name: 'kubeseam', version: VERSION };
    return { kind: 'KubeseamSnapshot', schemaVersion: 1, collectedAt, tool, cluster, coverage, objects };
  } catch (error) {
    if (outer?.aborted === true) throw outer.reason as Error;
    inner.abort(error);
    throw error;
  } finally {
    outer?.removeEventListener('abort', forward);
    inner.abort(new Error('collection finished'));
    client.close();
  }
}
export { listContexts } from './cluster/kubeconfig.ts';
