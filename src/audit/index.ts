// Public API of the audit-log analysis: read provider audit exports, aggregate per-principal behaviour, compare
// with the cluster's RBAC (unused grants, least-privilege roles) and flag anomalies.
export { auditFiles, buildAuditReport, principalUsername, AUDIT_REPORT_SCHEMA_VERSION } from './analyze.ts';
export type { AuditInput, AuditOptions, AuditReport, PrincipalReport } from './analyze.ts';
export { AuditAggregator } from './aggregate.ts';
export type {
  AggregateOptions,
  AuditAggregate,
  AccessEntry,
  Outcome,
  PrincipalProfile,
  ValueCount,
} from './aggregate.ts';
export { userAgentProduct } from './anomalies.ts';
export type { Anomaly, AnomalyEvidence, AnomalyKind, AnomalyOptions } from './anomalies.ts';
export { auditContextFor, emptyContext } from './context.ts';
export type { AuditContext, IdentityInfo, KnownNetworks, WorkloadInfo } from './context.ts';
export { EXPECTED_WRITERS } from './expected-writers.ts';
export { normalizeValue } from './normalize/detect.ts';
export type { RecordSink } from './normalize/detect.ts';
export { principalOf } from './principal.ts';
export type { PrincipalKind, PrincipalName } from './principal.ts';
export { readAuditFile, readAuditStream } from './read/reader.ts';
export type { ReadOptions } from './read/reader.ts';
export { JsonSplitter } from './read/json-splitter.ts';
export {
  AUDIT_FORMATS_OUT,
  renderAudit,
  renderAuditJson,
  renderAuditTable,
  renderAuditYaml,
  severityCounts,
} from './render.ts';
export type { AuditOutputFormat, AuditRenderOptions } from './render.ts';
export { rulesForEntries, suggestRoles } from './suggest.ts';
export type { SuggestedRoles, SuggestOptions } from './suggest.ts';
export { grantUsage } from './unused.ts';
export type { GrantUsage, RuleUsage } from './unused.ts';
export { AUDIT_FORMATS } from './types.ts';
export type {
  AuditDecision,
  AuditFormat,
  AuditObjectRef,
  AuditRecord,
  AuditUser,
  MalformedRecord,
  ReadStats,
} from './types.ts';
