// Recognises the format of each parsed JSON value and turns it into AuditRecords. Formats are told apart by fields
// only one of them has, so a file may even mix them; the reader reports the format of the first record.
//
// Amazon EKS (https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html) writes each audit Event as the
// `message` of a CloudWatch Logs event in group /aws/eks/<cluster>/cluster, streams kube-apiserver-audit-*:
// - `aws logs filter-log-events` / `get-log-events`: {"events": [{logStreamName, timestamp, message, ingestionTime,
//   eventId}]} (API_FilteredLogEvent);
// - subscription deliveries (Firehose to S3, Lambda): gzip JSON {"messageType": "DATA_MESSAGE" | "CONTROL_MESSAGE",
//   owner, logGroup, logStream, subscriptionFilters, logEvents: [{id, timestamp, message}]}.
import type { AuditFormat, AuditRecord } from '../types.ts';
import {
  azureDiagnosticsToRecord,
  diagnosticsToRecord,
  isAzureDiagnosticsRow,
  isDiagnosticsRecord,
  isLogAnalyticsRow,
  logAnalyticsToRecord,
} from './aks.ts';
import { gkeEntryToRecord, isGkeEntry } from './gke.ts';
import { eventToRecord, isRecord, type NotRecord } from './native.ts';
import { isObject, parseError, type Json } from './util.ts';

/** Receives what normalisation finds, in input order. */
export interface RecordSink {
  record(r: AuditRecord): void;
  skippedStage(): void;
  other(): void;
  malformed(line: number, reason: string): void;
}

type Source = { file: string; line: number };

/** Arrays that wrap records: EventList items, CloudWatch events, Azure records. */
const ENVELOPE_KEYS = ['items', 'events', 'records'] as const;

function deliver(result: AuditRecord | NotRecord | undefined, source: Source, sink: RecordSink): void {
  if (result === undefined) sink.other();
  else if (isRecord(result)) sink.record(result);
  else if ('skip' in result) sink.skippedStage();
  else sink.malformed(source.line, result.malformed);
}

function isNativeEvent(v: Json): boolean {
  return v.kind === 'Event' || (typeof v.verb === 'string' && typeof v.auditID === 'string');
}

function fromMessage(message: string, format: AuditFormat, source: Source, time: unknown, sink: RecordSink): void {
  let event: unknown;
  try {
    event = JSON.parse(message);
  } catch (e) {
    // CloudWatch groups of EKS also hold non-audit streams (authenticator, scheduler…): plain text, not ours.
    if (!message.trimStart().startsWith('{')) sink.other();
    else sink.malformed(source.line, `log event message is not JSON: ${parseError(e)}`);
    return;
  }
  if (!isObject(event) || !isNativeEvent(event)) {
    sink.other();
    return;
  }
  deliver(eventToRecord(event, format, source, time), source, sink);
}

/** Normalises one parsed JSON value (a line, or an element the splitter cut out). */
export function normalizeValue(value: unknown, source: Source, sink: RecordSink): void {
  if (Array.isArray(value)) {
    for (const v of value) normalizeValue(v, source, sink);
    return;
  }
  if (!isObject(value)) {
    sink.malformed(source.line, 'not a JSON object');
    return;
  }
  const v = value;
  if (isGkeEntry(v)) {
    deliver(gkeEntryToRecord(v, source), source, sink);
  } else if (typeof v.messageType === 'string' && Array.isArray(v.logEvents)) {
    if (v.messageType !== 'DATA_MESSAGE') {
      sink.other();
      return;
    }
    for (const le of v.logEvents) {
      if (isObject(le) && typeof le.message === 'string')
        fromMessage(le.message, 'eks-firehose', source, le.timestamp, sink);
      else sink.malformed(source.line, 'subscription log event without a message');
    }
  } else if (typeof v.message === 'string' && ('timestamp' in v || 'logStreamName' in v || 'eventId' in v)) {
    fromMessage(v.message, 'eks-cloudwatch', source, v.timestamp, sink);
  } else if (isDiagnosticsRecord(v)) {
    deliver(diagnosticsToRecord(v, source), source, sink);
  } else if (isAzureDiagnosticsRow(v)) {
    deliver(azureDiagnosticsToRecord(v, source), source, sink);
  } else if (isLogAnalyticsRow(v)) {
    deliver(logAnalyticsToRecord(v, source), source, sink);
  } else if (isNativeEvent(v)) {
    deliver(eventToRecord(v, 'k8s-event', source), source, sink);
  } else {
    const key = ENVELOPE_KEYS.find((k) => Array.isArray(v[k]));
    if (key !== undefined) for (const item of v[key] as unknown[]) normalizeValue(item, source, sink);
    else sink.other();
  }
}
