import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { KubeseamError } from '../errors.ts';
import { PACKAGE_ROOT } from '../version.ts';
import type { ModelInput } from '../model/build.ts';
import type { ScanSource } from '../result.ts';
import { loadManifestPaths } from './files.ts';
import { readSnapshotFile, snapshotObjects } from './snapshot.ts';

export const DEMOS = ['eks', 'aks', 'gke'] as const;
export type Demo = (typeof DEMOS)[number];

/** Where objects come from; exactly one of files, snapshot, demo, or (none of them) the live cluster. */
export interface SourceSpec {
  files?: string[];
  snapshot?: string;
  demo?: string;
  context?: string;
  kubeconfig?: string;
  readStdin?: () => Promise<string>;
  onProgress?: (p: { resource: string; count: number; done: boolean }) => void;
  signal?: AbortSignal;
}

export function demoSnapshotPath(demo: string): string {
  if (!(DEMOS as readonly string[]).includes(demo)) {
    throw new KubeseamError('usage', `unknown demo "${demo}" (expected one of: ${DEMOS.join(', ')})`);
  }
  return join(PACKAGE_ROOT, 'examples', `${demo}.snapshot.json`);
}

export interface LoadedSource {
  input: ModelInput;
  source: ScanSource;
}

export async function loadSource(spec: SourceSpec): Promise<LoadedSource> {
  const chosen = [spec.files?.length ? 'files' : '', spec.snapshot ? 'snapshot' : '', spec.demo ? 'demo' : ''].filter(
    Boolean,
  );
  if (chosen.length > 1) throw new KubeseamError('usage', `choose one source, not ${chosen.join(' and ')}`);

  if (spec.files?.length) {
    const { objects, files } = await loadManifestPaths(spec.files, spec.readStdin ? { readStdin: spec.readStdin } : {});
    return { input: { objects, sourceKind: 'files' }, source: { kind: 'files', files } };
  }
  if (spec.snapshot || spec.demo) {
    const file = spec.demo ? demoSnapshotPath(spec.demo) : spec.snapshot!;
    if (spec.demo && !existsSync(file))
      throw new KubeseamError('internal', 'demo snapshot missing from the installation', { file });
    const snap = await readSnapshotFile(file);
    const shown = spec.demo ? `examples/${spec.demo}.snapshot.json` : file;
    return {
      input: {
        objects: snapshotObjects(snap, { file: shown }),
        cluster: snap.cluster,
        coverage: snap.coverage,
        sourceKind: 'snapshot',
      },
      source: spec.demo
        ? { kind: 'snapshot', snapshot: shown, demo: spec.demo }
        : { kind: 'snapshot', snapshot: shown },
    };
  }
  const { collectFromCluster } = await import('./live.ts');
  return collectFromCluster(spec);
}
