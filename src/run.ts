import { buildModel } from './model/build.ts';
import type { ScanResult } from './result.ts';
import { scan, type ScanOptions } from './scan.ts';
import { loadSource, type SourceSpec } from './sources/load.ts';

/** Loads a source, builds the model and scans it: the whole main job in one call. */
export async function scanSource(spec: SourceSpec, options: Omit<ScanOptions, 'source'> = {}): Promise<ScanResult> {
  const loaded = await loadSource(spec);
  return scan(buildModel(loaded.input), { ...options, source: loaded.source });
}

/** Kubeconfig contexts, for fleet scans; loads the Kubernetes client lazily. */
export async function kubeconfigContexts(kubeconfig?: string): Promise<string[]> {
  const { listContexts } = await import('./sources/cluster.ts');
  return listContexts(kubeconfig);
}
