import { isKubeseamError, KubeseamError } from '../errors.ts';
import type { ScanResult } from '../result.ts';

export type FleetOutcome<R = ScanResult> =
  | { context: string; ok: true; result: R; durationMs: number }
  | { context: string; ok: false; error: string; durationMs: number };

export interface FleetOptions<R = ScanResult> {
  /** Clusters scanned at once (at least 1). */
  concurrency: number;
  /** Give up on one cluster after this long; its scan is aborted through the signal and reported as failed. */
  timeoutMs?: number;
  /**
   * Called as each cluster finishes, for progress lines. Save results inside `scanOne` instead, so a failed save
   * is that cluster's failure.
   */
  onOutcome?: (outcome: FleetOutcome<R>) => void;
  /** Monotonic clock in milliseconds; tests pass their own. */
  now?: () => number;
}

/**
 * Scans many kube contexts with at most `concurrency` at once. One cluster failing (unreachable, forbidden, timed
 * out) is reported in its outcome and never stops the others. Outcomes come back in the order of `contexts`,
 * duplicates scanned once. The collection itself is injected, so this is orchestration only.
 */
export async function scanFleet<R = ScanResult>(
  contexts: readonly string[],
  scanOne: (context: string, signal: AbortSignal) => Promise<R>,
  options: FleetOptions<R>,
): Promise<FleetOutcome<R>[]> {
  const { concurrency, timeoutMs } = options;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new KubeseamError('usage', `concurrency must be a whole number of at least 1, got ${String(concurrency)}`);
  }
  const now = options.now ?? (() => performance.now());
  const unique = [...new Set(contexts)];
  const outcomes = new Array<FleetOutcome<R>>(unique.length);
  let next = 0;

  const runOne = async (context: string): Promise<FleetOutcome<R>> => {
    const started = now();
    const ctrl = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    try {
      const work = Promise.resolve().then(() => scanOne(context, ctrl.signal));
      const result =
        timeoutMs === undefined
          ? await work
          : await Promise.race([
              work,
              new Promise<never>((_resolve, reject) => {
                timer = setTimeout(() => {
                  const err = new Error(`timed out after ${Math.round(timeoutMs / 1000)}s`);
                  ctrl.abort(err);
                  reject(err);
                }, timeoutMs);
              }),
            ]);
      return { context, ok: true, result, durationMs: now() - started };
    } catch (e) {
      const error = isKubeseamError(e) ? e.oneLine() : e instanceof Error ? e.message : String(e);
      return { context, ok: false, error, durationMs: now() - started };
    } finally {
      if (timer !== undefined) clearTimeout(timer);
    }
  };

  const worker = async (): Promise<void> => {
    while (next < unique.length) {
      const i = next++;
      const outcome = await runOne(unique[i]!);
      outcomes[i] = outcome;
      try {
        options.onOutcome?.(outcome);
      } catch {
        // A progress printer failing must not abandon the clusters still being scanned.
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, unique.length) }, worker));
  return outcomes;
}
