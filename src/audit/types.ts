// Types of the audit-log analysis. One normalised request shape (AuditRecord) whatever the export format; field names
// follow audit.k8s.io/v1 Event (staging/src/k8s.io/apiserver/pkg/apis/audit/v1/types.go) so records read like the log.

/** Where a record came from. */
export type AuditFormat =
  /** audit.k8s.io/v1 Event: log backend JSON lines, or the items of an EventList (webhook backend). */
  | 'k8s-event'
  /** Amazon EKS: CloudWatch Logs events whose `message` is the Event JSON (`aws logs filter-log-events` / `get-log-events`). */
  | 'eks-cloudwatch'
  /** Amazon EKS: CloudWatch Logs subscription deliveries (`DATA_MESSAGE` envelopes with `logEvents`), e.g. Firehose to S3. */
  | 'eks-firehose'
  /** AKS diagnostic settings to a storage account or event hub: records `{category: kube-audit*, properties.log}`. */
  | 'aks-diagnostics'
  /** AKS diagnostic settings to Log Analytics, resource-specific tables AKSAudit / AKSAuditAdmin, exported as rows. */
  | 'aks-log-analytics'
  /** AKS diagnostic settings to Log Analytics in legacy mode: AzureDiagnostics rows with the Event JSON in `log_s`. */
  | 'aks-azure-diagnostics'
  /** GKE: Cloud Logging LogEntry with a `protoPayload` of type google.cloud.audit.AuditLog. */
  | 'gke-cloud-logging';

export const AUDIT_FORMATS: readonly AuditFormat[] = [
  'k8s-event',
  'eks-cloudwatch',
  'eks-firehose',
  'aks-diagnostics',
  'aks-log-analytics',
  'aks-azure-diagnostics',
  'gke-cloud-logging',
];

export interface AuditUser {
  username: string;
  groups: string[];
}

/** The object a resource request is about. Empty strings for absent parts (`''` apiGroup is the core group). */
export interface AuditObjectRef {
  apiGroup: string;
  apiVersion: string;
  resource: string;
  subresource: string;
  namespace: string;
  name: string;
}

/** `forbid`: the authorizer refused (annotation, or HTTP 403 without one). `unknown`: neither says. */
export type AuditDecision = 'allow' | 'forbid' | 'unknown';

/** One API request, counted once (stage ResponseComplete or Panic, or the single entry a provider exports). */
export interface AuditRecord {
  auditID: string;
  /** Request time as logged (requestReceivedTimestamp, else the provider's timestamp). */
  time: string;
  /** `time` in epoch milliseconds; NaN when it could not be parsed. */
  timeMs: number;
  /** Audit stage; `''` for formats without stages (GKE). */
  stage: string;
  level: string;
  verb: string;
  user: AuditUser;
  /** Set when the request impersonated someone: authorization was then for this identity. */
  impersonatedUser?: AuditUser;
  /** Pod a bound service-account token was issued to (`user.extra["authentication.kubernetes.io/pod-name"]`). */
  podName?: string;
  sourceIPs: string[];
  userAgent: string;
  /** Absent for non-resource requests (`/healthz`, `/metrics`, discovery). */
  objectRef?: AuditObjectRef;
  /** Path and query as requested; `''` when the format does not carry it (GKE). */
  requestURI: string;
  /** HTTP status of the response. */
  code?: number;
  decision: AuditDecision;
  format: AuditFormat;
  /** File and 1-based line (or the line where a JSON value starts) of the record. */
  source: { file: string; line: number };
}

/** A record that could not be read: kept for the report, never fatal. */
export interface MalformedRecord {
  file: string;
  line: number;
  reason: string;
}

/** What reading one file found. */
export interface ReadStats {
  file: string;
  compressed: boolean;
  /** How the file was split: one JSON value per line, or an incremental splitter over a JSON document. */
  layout: 'json-lines' | 'json-document' | 'empty';
  /** Normalised requests per detected format. */
  formats: Partial<Record<AuditFormat, number>>;
  /** The format of the first record, when any was recognised. */
  format?: AuditFormat;
  /** Requests passed on (one per API request). */
  events: number;
  /** Events of other stages (RequestReceived, ResponseStarted) skipped so that no request is counted twice. */
  skippedStages: number;
  /** JSON values that are not audit records (CloudWatch control messages, other diagnostic categories…). */
  skippedOther: number;
  malformed: number;
  /** The first few malformed records, with line numbers. */
  malformedSamples: MalformedRecord[];
}

export function emptyStats(file: string): ReadStats {
  return {
    file,
    compressed: false,
    layout: 'empty',
    formats: {},
    events: 0,
    skippedStages: 0,
    skippedOther: 0,
    malformed: 0,
    malformedSamples: [],
  };
}
