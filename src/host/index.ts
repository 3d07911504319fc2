// Host-level inventory and node configuration checks: read a node's root folder (read.ts, all I/O), analyse it
// (analyze.ts, pure), join with a cluster scan (writable.ts, pure), render (render.ts).

export { readHostFacts, readHostFactsSync } from './read.ts';
export type { ReadHostOptions } from './read.ts';
export { analyzeHost, detectProvider, sensitivePaths, canonicalPath } from './analyze.ts';
export type { AnalyzeOptions } from './analyze.ts';
export { writableByPods, hostPathMountsOf, pathCovers } from './writable.ts';
export { parseAllowList, isAllowed } from './allow.ts';
export type { AllowList, AllowEntry } from './allow.ts';
export { scanHost, toHostScanResult, loadHostResults, parseHostScanText, summarize } from './result.ts';
export { renderHostTable, renderHostJson, renderPodWritableTable } from './render.ts';
export { effectiveKubelet, parseFlags } from './kubelet.ts';
export type * from './types.ts';
