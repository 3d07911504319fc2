import { KubeseamError } from '../errors.ts';
import type { Snapshot } from '../model/types.ts';
import type { LoadedSource, SourceSpec } from './load.ts';
import { snapshotObjects } from './snapshot.ts';

/** Collects a snapshot from the live cluster; the collector is loaded lazily so file scans never pay for it. */
export async function collectLive(spec: SourceSpec): Promise<Snapshot> {
  const { collectSnapshot, CollectError } = await import('./cluster.ts');
  try {
    return await collectSnapshot({
      ...(spec.kubeconfig ? { kubeconfig: spec.kubeconfig } : {}),
      ...(spec.context ? { context: spec.context } : {}),
      ...(spec.onProgress ? { onProgress: spec.onProgress } : {}),
      ...(spec.signal ? { signal: spec.signal } : {}),
    });
  } catch (e) {
    if (e instanceof CollectError) {
      // Network failures are access problems for the user: the cluster could not be read.
      throw new KubeseamError(e.kind === 'input' ? 'input' : 'access', e.message, {
        ...(e.resource ? { resource: e.resource } : {}),
      });
    }
    if (e instanceof Error && e.name === 'AbortError') throw new KubeseamError('usage', 'interrupted');
    throw e;
  }
}

export async function collectFromCluster(spec: SourceSpec): Promise<LoadedSource> {
  const snap = await collectLive(spec);
  return {
    input: {
      objects: snapshotObjects(snap, {}),
      cluster: snap.cluster,
      coverage: snap.coverage,
      sourceKind: 'cluster',
    },
    source: { kind: 'cluster', ...(snap.cluster.context ? { context: snap.cluster.context } : {}) },
  };
}
