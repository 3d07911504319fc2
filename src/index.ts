// kubeseam's library API. The CLI is a thin layer over these exports; other tools can import them too.
export { KubeseamError, isKubeseamError } from './errors.ts';
export type { ErrorKind } from './errors.ts';
export { VERSION } from './version.ts';

export type * from './model/k8s.ts';
export type * from './model/types.ts';
export { buildModel } from './model/build.ts';
export type { Model, ModelInput, NamespaceInfo } from './model/build.ts';
export { formatRef } from './model/refs.ts';

export { loadSource, DEMOS, demoSnapshotPath } from './sources/load.ts';
export type { SourceSpec, LoadedSource } from './sources/load.ts';
export { parseManifestText, loadManifestPaths } from './sources/files.ts';
export { readSnapshotFile, parseSnapshot, serializeSnapshot } from './sources/snapshot.ts';
export { collectLive } from './sources/live.ts';

export { CHECKS, findCheck } from './checks/index.ts';
export { defineCheck, SEVERITIES, severityRank } from './checks/types.ts';
export type { AnyCheck, CheckDefinition, Finding, Severity, TargetKind } from './checks/types.ts';
export { resolveReference, FRAMEWORKS } from './knowledge/frameworks.ts';

export { scan } from './scan.ts';
export { scanSource, kubeconfigContexts } from './run.ts';
export {
  openStore,
  defaultClusterKey,
  resolveStoreUrl,
  redactUrl,
  isScanRef,
  scanFleet,
  LATEST_SCHEMA_VERSION,
} from './store/index.ts';
export type { Store, ScanRow, ClusterRow, SaveOptions, FleetOptions, FleetOutcome } from './store/index.ts';
export {
  diffScans,
  renderDiffTable,
  renderDiffJson,
  renderHistoryTable,
  renderClustersTable,
  loadScanRef,
  readScanResultFile,
} from './history/index.ts';
export type { ScanDiff, PrivilegeChange } from './history/index.ts';
export { classify } from './analyze.ts';
export { pssReport } from './pss/report.ts';
export type { PssReport, PssWorkloadResult } from './pss/report.ts';
export { pssCoverage } from './pss/coverage.ts';
export type { PssCoverage, PssNamespaceCoverage } from './pss/coverage.ts';
export { evaluatePod, PSS_LATEST } from './pss/index.ts';
export type { PssLevel } from './pss/index.ts';
export type { ScanOptions } from './scan.ts';
export type { ScanResult, InventoryEntry, ScanSource, ScanSummary } from './result.ts';
export { SCHEMA_VERSION } from './result.ts';

export { render, FORMATS } from './report/index.ts';
export { findPaths, pathsSection, parseTarget, blastRadius } from './paths/index.ts';
export type { PathsReport, PathsResult, AttackPath, TargetKind as PathTarget } from './paths/index.ts';
export { renderPathsTable } from './report/paths-table.ts';
export { renderPathsJson } from './report/paths-json.ts';
export { renderPathsMermaid } from './report/paths-mermaid.ts';
export { renderPathsDot } from './report/paths-dot.ts';
export {
  scanHost,
  parseAllowList,
  loadHostResults,
  writableByPods,
  hostPathMountsOf,
  renderHostTable,
  renderHostJson,
  renderPodWritableTable,
} from './host/index.ts';
export type { HostScanResult, PodWritableHostPath } from './host/index.ts';
export { auditFiles, renderAudit, severityCounts } from './audit/index.ts';
export type { AuditReport, AuditOptions, AuditInput, AuditOutputFormat } from './audit/index.ts';
export { renderHtml } from './report/html/index.ts';
export { generatePolicies, renderPolicyFile } from './policy/generate/index.ts';
export type { PolicySet, PolicyFile, Exemption, GenerateOptions } from './policy/generate/index.ts';
export { nodeFacts } from './inventory/nodes.ts';
export { responsibilityRows } from './inventory/responsibility.ts';
export { renderInventoryTable } from './report/inventory-table.ts';
export { renderSarif } from './report/sarif.ts';
export { renderJunit } from './report/junit.ts';
export { renderMarkdown } from './report/markdown.ts';
export { applyBaseline, writeBaseline } from './policy/baseline.ts';
export type { BaselineApplied } from './policy/baseline.ts';
export { applyWaivers } from './policy/waivers.ts';
export type { Waiver, StaleWaiver } from './policy/waivers.ts';
export { loadConfigFile, parseConfigText } from './config/index.ts';
export type { KubeseamConfig } from './config/index.ts';
export { customRuleChecks, parseCustomRules } from './rules/index.ts';
export type { CustomRule } from './rules/index.ts';
export type { Format, RenderOptions } from './report/index.ts';
export { stripControl } from './report/sanitize.ts';
export { renderPssTable } from './report/pss-table.ts';
export { renderNetworkTable, renderNetworkPoliciesYaml } from './report/network-table.ts';
export { networkAnalysis } from './network/analyze.ts';
export { rbacIndexFor } from './rbac/analyze.ts';
export {
  whoCan,
  can,
  rulesFor,
  dangerousGrants,
  parseSubject,
  formatSubject,
  parseResourceArg,
  buildRbacIndex,
  ALL_NAMESPACES,
} from './rbac/index.ts';
export type { AccessRequest, WhoCanAnswer, CanAnswer, Grant, Subject, RbacIndex } from './rbac/index.ts';
export { renderWhoCan, renderCan, renderRbacReview } from './report/rbac-table.ts';
export { reviewMiddlewareRbac } from './rbac/review.ts';
export type { MiddlewareRbacReview } from './rbac/review.ts';
export type { NetworkAnalysis } from './network/analyze.ts';
