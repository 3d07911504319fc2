import { ensureClassified, providerDetection } from './inventory/classify.ts';
import type { Model } from './model/build.ts';

/**
 * Classifies every workload (core, middleware, agent, workload) against the middleware catalog, once per model,
 * and records the detected provider in the cluster facts. Checks and analyzers read `workload.classification`.
 */
export function classify(model: Model): void {
  ensureClassified(model);
  const detection = providerDetection(model);
  if (model.cluster.provider === undefined || model.cluster.provider === 'unknown') {
    model.cluster.provider = detection.provider;
    model.cluster.providerEvidence = detection.summary;
  }
}
