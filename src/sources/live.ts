import { KubeseamError } from '../errors.ts';
import type { LoadedSource, SourceSpec } from './load.ts';
import { snapshotObjects } from './snapshot.ts';

/** Live collection: loaded lazily so file and snapshot scans never load the Kubernetes client. */
export async function collectFromCluster(spec: SourceSpec): Promise<LoadedSource> {
  let mod: typeof import('./cluster.ts');
  try {
    mod = await import('./cluster.ts');
  } catch (e) {
    throw new KubeseamError('internal', `live collection is unavailable: ${(e as Error).message}`);
  }
  const snap = await mod.collectSnapshot({
    ...(spec.kubeconfig ? { kubeconfig: spec.kubeconfig } : {}),
    ...(spec.context ? { context: spec.context } : {}),
    ...(spec.onProgress ? { onProgress: spec.onProgress } : {}),
    ...(spec.signal ? { signal: spec.signal } : {}),
  });
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
