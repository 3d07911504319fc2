// AKS control-plane audit logs from diagnostic settings (categories kube-audit and kube-audit-admin):
// - storage account / event hub: resource-log records {time, resourceId, category, operationName, properties: {log,
//   stream, pod}} where properties.log is the Event JSON (https://learn.microsoft.com/azure/azure-monitor/platform/
//   resource-logs-schema);
// - Log Analytics, resource-specific mode: rows of AKSAudit / AKSAuditAdmin whose columns mirror the Event (Level,
//   AuditId, Stage, RequestUri, Verb, User, SourceIps, UserAgent, ObjectRef, ResponseStatus, RequestReceivedTime,
//   StageReceivedTime, Annotations; https://learn.microsoft.com/azure/azure-monitor/reference/tables/aksaudit);
// - Log Analytics, legacy AzureDiagnostics mode: rows with Category kube-audit* and the Event JSON in log_s.
import type { AuditFormat, AuditRecord } from '../types.ts';
import { eventToRecord, type NotRecord } from './native.ts';
import { dynamic, isObject, parseError, str, type Json } from './util.ts';

const AUDIT_CATEGORIES = new Set(['kube-audit', 'kube-audit-admin']);

export function isDiagnosticsRecord(v: Json): boolean {
  if (typeof v.category !== 'string') return false;
  const props = dynamic(v.properties);
  return isObject(props) && typeof props.log === 'string';
}

export function isAzureDiagnosticsRow(v: Json): boolean {
  return typeof v.log_s === 'string' && (typeof v.Category === 'string' || typeof v.category === 'string');
}

export function isLogAnalyticsRow(v: Json): boolean {
  return typeof v.Verb === 'string' && (typeof v.AuditId === 'string' || typeof v.RequestUri === 'string');
}

type Source = { file: string; line: number };

function fromLogText(text: string, format: AuditFormat, source: Source, time: unknown): AuditRecord | NotRecord {
  let event: unknown;
  try {
    event = JSON.parse(text);
  } catch (e) {
    return { malformed: `embedded audit event is not JSON: ${parseError(e)}` };
  }
  if (!isObject(event)) return { malformed: 'embedded audit event is not a JSON object' };
  return eventToRecord(event, format, source, time);
}

/** `undefined` when the record is of another category (kube-apiserver, guard…): not an audit record. */
export function diagnosticsToRecord(v: Json, source: Source): AuditRecord | NotRecord | undefined {
  if (!AUDIT_CATEGORIES.has(str(v.category))) return undefined;
  const props = dynamic(v.properties) as Json;
  return fromLogText(str(props.log), 'aks-diagnostics', source, v.time);
}

export function azureDiagnosticsToRecord(v: Json, source: Source): AuditRecord | NotRecord | undefined {
  if (!AUDIT_CATEGORIES.has(str(v.Category) || str(v.category))) return undefined;
  return fromLogText(str(v.log_s), 'aks-azure-diagnostics', source, v.TimeGenerated);
}

/** A Log Analytics row, rebuilt as the Event it was ingested from. */
export function logAnalyticsToRecord(v: Json, source: Source): AuditRecord | NotRecord {
  const event: Json = {
    level: v.Level,
    auditID: v.AuditId,
    stage: v.Stage,
    requestURI: v.RequestUri,
    verb: v.Verb,
    user: dynamic(v.User),
    impersonatedUser: dynamic(v.ImpersonatedUser),
    sourceIPs: dynamic(v.SourceIps),
    userAgent: v.UserAgent,
    objectRef: dynamic(v.ObjectRef),
    responseStatus: dynamic(v.ResponseStatus),
    requestReceivedTimestamp: v.RequestReceivedTime,
    stageTimestamp: v.StageReceivedTime,
    annotations: dynamic(v.Annotations),
  };
  return eventToRecord(event, 'aks-log-analytics', source, v.TimeGenerated);
}
