import type { BlastRadius, PathsResult } from '../paths/types.ts';

/** `kubeseam paths --format json`: the result as is (paths, summary, vertex labels, blast radius when given). */
export function renderPathsJson(result: PathsResult & { blastRadius?: BlastRadius[] }): string {
  return JSON.stringify(result, null, 2) + '\n';
}
