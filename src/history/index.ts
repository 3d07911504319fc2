// Scan history: what changed between two scans, and how history and diffs are shown.
export { componentKey, diffImages, diffPrivileges, diffScans, imageRepository } from './diff.ts';
export type {
  ComponentChange,
  ComponentSummary,
  FindingSummary,
  ImageChange,
  NodeDiff,
  NodeFacts,
  PathSummary,
  PrivilegeChange,
  PrivilegeKind,
  ResourceKey,
  ScanDiff,
} from './diff.ts';
export { renderClustersTable, renderDiffJson, renderDiffTable, renderHistoryTable } from './render.ts';
export type { HistoryRenderOptions } from './render.ts';
export { loadScanRef, parseScanResultJson, readScanResultFile } from './load.ts';
