// Public API of the attack graph: build it, search it, and summarise it for a scan result.
import type { Model } from '../model/build.ts';
import { blastRadius } from './blast.ts';
import { findPaths } from './search.ts';
import type { BlastRadius, PathsResult, TargetKind } from './types.ts';

export { attackGraph } from './build.ts';
export { findPaths, findPathsIn, distancesTo, resolveFrom, scoreOf } from './search.ts';
export { blastRadius, blastRadiusIn } from './blast.ts';
export { nodeRoutes, type NodeRoute } from './escape.ts';
export * from './types.ts';

/** The `paths` section of a scan result: the ranked top paths, the summary, and each component's blast radius. */
export interface PathsReport extends PathsResult {
  blastRadius: BlastRadius[];
}

export function pathsSection(model: Model, options: { limit?: number } = {}): PathsReport {
  return { ...findPaths(model, { limit: options.limit ?? 20 }), blastRadius: blastRadius(model) };
}

/** `--to` values: `node` is short for node-root. */
export function parseTarget(value: string): TargetKind | undefined {
  const v = value.trim().toLowerCase();
  if (v === 'node' || v === 'node-root' || v === 'root') return 'node-root';
  if (v === 'cluster-admin' || v === 'admin') return 'cluster-admin';
  if (v === 'cloud-identity' || v === 'cloud') return 'cloud-identity';
  return undefined;
}
