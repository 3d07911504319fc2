// audit.k8s.io/v1 Event → AuditRecord. Field layout: staging/src/k8s.io/apiserver/pkg/apis/audit/v1/types.go (Event,
// ObjectReference) and k8s.io/api/authentication/v1 UserInfo. The decision annotation is set by the authorization
// filter (staging/src/k8s.io/apiserver/pkg/endpoints/filters/authorization.go: authorization.k8s.io/decision =
// allow|forbid); without it an HTTP 403 counts as forbidden.
import type { AuditDecision, AuditFormat, AuditObjectRef, AuditRecord, AuditUser } from '../types.ts';
import { objectRefFromURI } from './request-uri.ts';
import { isObject, str, strings, timeMsOf, timeText, type Json } from './util.ts';

export const DECISION_ANNOTATION = 'authorization.k8s.io/decision';
const POD_NAME_EXTRA = 'authentication.kubernetes.io/pod-name';

/** Stages that close a request: counting only these counts each request once. */
const FINAL_STAGES = new Set(['ResponseComplete', 'Panic']);

/** Why an Event was not turned into a record. */
export type NotRecord = { skip: 'stage' } | { malformed: string };

export function userOf(v: unknown): AuditUser | undefined {
  if (!isObject(v)) return undefined;
  const username = str(v.username);
  if (username === '') return undefined;
  return { username, groups: strings(v.groups) };
}

export function objectRefOf(v: unknown): AuditObjectRef | undefined {
  if (!isObject(v)) return undefined;
  const resource = str(v.resource);
  if (resource === '') return undefined;
  return {
    apiGroup: str(v.apiGroup),
    apiVersion: str(v.apiVersion),
    resource,
    subresource: str(v.subresource),
    namespace: str(v.namespace),
    name: str(v.name),
  };
}

export function decisionOf(annotation: unknown, code: number | undefined): AuditDecision {
  if (annotation === 'allow') return 'allow';
  if (annotation === 'forbid') return 'forbid';
  if (code === 403) return 'forbid';
  return 'unknown';
}

function podNameOf(user: unknown): string | undefined {
  if (!isObject(user) || !isObject(user.extra)) return undefined;
  const v: unknown = user.extra[POD_NAME_EXTRA];
  const first: unknown = Array.isArray(v) ? (v as unknown[])[0] : v;
  return typeof first === 'string' && first !== '' ? first : undefined;
}

/**
 * One Event. `fallbackTime` is the envelope's timestamp (CloudWatch, Azure) for events that lack their own.
 * Non-final stages are skipped; an Event without a verb or user is malformed.
 */
export function eventToRecord(
  e: Json,
  format: AuditFormat,
  source: { file: string; line: number },
  fallbackTime?: unknown,
): AuditRecord | NotRecord {
  const stage = str(e.stage);
  if (stage !== '' && !FINAL_STAGES.has(stage)) return { skip: 'stage' };
  const verb = str(e.verb);
  const user = userOf(e.user);
  if (verb === '' || user === undefined) return { malformed: 'audit event without verb or user.username' };

  const requestURI = str(e.requestURI);
  const objectRef = objectRefOf(e.objectRef) ?? objectRefFromURI(requestURI);
  const status = isObject(e.responseStatus) ? e.responseStatus : undefined;
  const code = typeof status?.code === 'number' ? status.code : undefined;
  const annotations = isObject(e.annotations) ? e.annotations : {};
  const rawTime =
    e.requestReceivedTimestamp !== undefined && e.requestReceivedTimestamp !== ''
      ? e.requestReceivedTimestamp
      : e.stageTimestamp !== undefined && e.stageTimestamp !== ''
        ? e.stageTimestamp
        : fallbackTime;

  const record: AuditRecord = {
    auditID: str(e.auditID),
    time: timeText(rawTime),
    timeMs: timeMsOf(rawTime),
    stage,
    level: str(e.level),
    verb,
    user,
    sourceIPs: strings(e.sourceIPs),
    userAgent: str(e.userAgent),
    requestURI,
    decision: decisionOf(annotations[DECISION_ANNOTATION], code),
    format,
    source,
  };
  const impersonated = userOf(e.impersonatedUser);
  if (impersonated !== undefined) record.impersonatedUser = impersonated;
  const podName = podNameOf(e.user);
  if (podName !== undefined) record.podName = podName;
  if (objectRef !== undefined) record.objectRef = objectRef;
  if (code !== undefined) record.code = code;
  return record;
}

export function isRecord(r: AuditRecord | NotRecord): r is AuditRecord {
  return 'verb' in r;
}
