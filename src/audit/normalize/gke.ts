// GKE Kubernetes audit logs as Cloud Logging LogEntry objects (gcloud logging read --format=json, or a sink to Cloud
// Storage). Layout: https://cloud.google.com/kubernetes-engine/docs/how-to/audit-logging and the AuditLog proto
// (https://cloud.google.com/logging/docs/reference/audit/auditlog/rest/Shared.Types/AuditLog):
//   protoPayload.methodName   io.k8s.<group>.<version>.<resource>[.<subresource>].<verb>, or io.k8s.<verb> for
//                             non-resource paths; the group may be shortened (io.k8s.authorization.v1beta1…)
//   protoPayload.resourceName <group|core>/<version>[/namespaces/<ns>]/<resource>[/<name>[/<subresource>]], or the
//                             path without its leading slash for non-resource requests (readyz, api/v1)
//   authenticationInfo.principalEmail (service accounts as system:serviceaccount:<ns>:<name>), requestMetadata
//   .callerIp / .callerSuppliedUserAgent, status.code (google.rpc.Code), authorizationInfo[].granted, and the
//   LogEntry's labels["authorization.k8s.io/decision"], timestamp, operation {id, first, last}.
import { findApiResource, lookupApiResources } from '../../knowledge/api-resources.ts';
import type { AuditDecision, AuditObjectRef, AuditRecord } from '../types.ts';
import { DECISION_ANNOTATION, type NotRecord } from './native.ts';
import { isObject, str, timeMsOf, timeText, type Json } from './util.ts';

const VERSION = /^v\d+((alpha|beta)\d+)?$/;

/** google.rpc.Code → the HTTP status the API server answered with (google/rpc/code.proto mapping). */
const RPC_TO_HTTP: Record<number, number> = {
  0: 200,
  3: 400,
  4: 504,
  5: 404,
  6: 409,
  7: 403,
  8: 429,
  9: 400,
  10: 409,
  11: 400,
  12: 501,
  13: 500,
  14: 503,
  16: 401,
};

interface Method {
  verb: string;
  /** Absent for non-resource methods (io.k8s.get). */
  group?: string;
  version?: string;
  resource?: string;
  subresource?: string;
}

export function parseMethodName(methodName: string): Method | undefined {
  if (!methodName.startsWith('io.k8s.')) return undefined;
  const parts = methodName.slice('io.k8s.'.length).split('.');
  const verb = parts[parts.length - 1];
  if (verb === undefined || verb === '') return undefined;
  if (parts.length === 1) return { verb };
  const v = parts.findIndex((p) => VERSION.test(p));
  if (v <= 0 || v >= parts.length - 2) return undefined;
  const group = parts.slice(0, v).join('.');
  const resources = parts.slice(v + 1, parts.length - 1);
  const method: Method = { verb, group: group === 'core' ? '' : group, version: parts[v] ?? '' };
  method.resource = resources[0] ?? '';
  if (resources.length > 1) method.subresource = resources.slice(1).join('/');
  return method;
}

/** Group, namespace and name from resourceName; resource and subresource from the method, which is unambiguous. */
export function objectRefFromResourceName(resourceName: string, method: Method): AuditObjectRef | undefined {
  const resource = method.resource ?? '';
  if (resource === '') return undefined;
  const parts = resourceName.split('/').filter((p) => p.length > 0);
  let group = method.group ?? '';
  let version = method.version ?? '';
  let rest: string[] = [];
  const v = parts.findIndex((p) => VERSION.test(p));
  if (v >= 1) {
    const g = parts.slice(0, v).join('/');
    group = g === 'core' ? '' : g;
    version = parts[v] ?? version;
    rest = parts.slice(v + 1);
  } else if (findApiResource(group, resource) === undefined) {
    // A shortened group in the method name (rbac.authorization for rbac.authorization.k8s.io): use the well-known one.
    const known = lookupApiResources(resource).filter((f) => f.resource === resource);
    if (known.length === 1 && known[0] !== undefined) group = known[0].group;
  }
  let namespace = '';
  if (rest[0] === 'namespaces' && rest.length > 1 && resource !== 'namespaces') {
    namespace = rest[1] ?? '';
    rest = rest.slice(2);
  }
  let name = '';
  if (rest[0] === resource) {
    name = rest[1] ?? '';
    // A namespace object's own requests carry the namespace itself (requestinfo.go).
    if (resource === 'namespaces' && group === '') namespace = name;
  }
  return {
    apiGroup: group,
    apiVersion: version,
    resource,
    subresource: method.subresource ?? '',
    namespace,
    name,
  };
}

function decisionOf(entry: Json, payload: Json, code: number | undefined): AuditDecision {
  const labels = isObject(entry.labels) ? entry.labels : {};
  const label = labels[DECISION_ANNOTATION];
  if (label === 'allow') return 'allow';
  if (label === 'forbid') return 'forbid';
  const info = Array.isArray(payload.authorizationInfo) ? payload.authorizationInfo.filter(isObject) : [];
  if (info.some((i) => i.granted === false)) return 'forbid';
  if (code === 403) return 'forbid';
  if (info.length > 0 && info.every((i) => i.granted === true)) return 'allow';
  return 'unknown';
}

export function isGkeEntry(v: Json): boolean {
  return isObject(v.protoPayload);
}

/** `undefined` for audit entries of other services (the GKE cluster API, IAM…): not Kubernetes requests. */
export function gkeEntryToRecord(
  entry: Json,
  source: { file: string; line: number },
): AuditRecord | NotRecord | undefined {
  const payload = entry.protoPayload as Json;
  if (typeof payload.serviceName === 'string' && payload.serviceName !== 'k8s.io') return undefined;
  const operation = isObject(entry.operation) ? entry.operation : {};
  // A long-running request (watch) is logged when it starts and when it ends: count the entry that ends it.
  if (operation.first === true && operation.last === false) return { skip: 'stage' };
  const method = parseMethodName(str(payload.methodName));
  const auth = isObject(payload.authenticationInfo) ? payload.authenticationInfo : {};
  const username = str(auth.principalEmail);
  if (method === undefined || username === '') {
    return { malformed: 'Cloud Logging entry without a Kubernetes methodName or principalEmail' };
  }
  const meta = isObject(payload.requestMetadata) ? payload.requestMetadata : {};
  const status = isObject(payload.status) ? payload.status : {};
  const rpc = typeof status.code === 'number' ? status.code : 0;
  const code = RPC_TO_HTTP[rpc];
  const resourceName = str(payload.resourceName);
  const callerIp = str(meta.callerIp);

  const record: AuditRecord = {
    auditID: str(operation.id) || str(entry.insertId),
    time: timeText(entry.timestamp),
    timeMs: timeMsOf(entry.timestamp),
    stage: '',
    level: '',
    verb: method.verb,
    user: { username, groups: [] },
    sourceIPs: callerIp === '' ? [] : [callerIp],
    userAgent: str(meta.callerSuppliedUserAgent),
    requestURI: method.resource === undefined ? `/${resourceName}` : '',
    decision: decisionOf(entry, payload, code),
    format: 'gke-cloud-logging',
    source,
  };
  if (code !== undefined) record.code = code;
  if (method.resource !== undefined) {
    const ref = objectRefFromResourceName(resourceName, method);
    if (ref !== undefined) record.objectRef = ref;
  }
  return record;
}
