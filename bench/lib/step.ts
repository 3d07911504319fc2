// Runs one measured step of bench/run.ts in this (fresh) process and prints its figures as the last line of stdout:
//   node --import tsx bench/lib/step.ts STEP FILE [JSON-OPTIONS]
// STEP: floor | scan | phases | whocan | paths | pss | collect. The figures include this process's peak RSS as the
// kernel counts it (resourceUsage().maxRSS) and the RSS sampled right after the step.
import { measureCollection, type CollectOptions } from './collect.ts';
import { RESULT_MARK, floorStep, pathsStep, phasesStep, pssStep, scanStep, whoCanStep } from './steps.ts';

const [step, file, json] = process.argv.slice(2);
if (!step || !file) throw new Error('usage: bench/lib/step.ts STEP FILE [JSON-OPTIONS]');
const steps: Record<string, () => Promise<object>> = {
  floor: () => floorStep(file),
  scan: () => scanStep(file),
  phases: () => phasesStep(file),
  whocan: () => whoCanStep(file),
  paths: () => pathsStep(file),
  pss: () => pssStep(file),
  collect: () =>
    measureCollection({
      pageSize: 500,
      concurrency: 4,
      ...(JSON.parse(json ?? '{}') as Partial<CollectOptions>),
      snapshot: file,
    }),
};
const run = steps[step];
if (!run) throw new Error(`unknown step ${step}`);
const figures = await run();
const rssAfterMiB = process.memoryUsage().rss / 2 ** 20;
const maxRssMiB = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${RESULT_MARK}${JSON.stringify({ ...figures, rssAfterMiB, maxRssMiB })}\n`);
