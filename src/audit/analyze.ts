// The audit analysis end to end: read every file (I/O at this edge only), aggregate as the records stream by, then
// add what the cluster's RBAC tells (unused grants, suggested least-privilege roles) to each principal.
import type { Readable } from 'node:stream';
import { KubeseamError } from '../errors.ts';
import type { Model } from '../model/build.ts';
import { rbacIndexFor } from '../rbac/analyze.ts';
import type { RbacIndex } from '../rbac/rbac-index.ts';
import { parseSubject, serviceAccountUsername, SERVICE_ACCOUNT_USERNAME_PREFIX } from '../rbac/subjects.ts';
import { AuditAggregator, type AggregateOptions, type AuditAggregate, type PrincipalProfile } from './aggregate.ts';
import type { Anomaly } from './anomalies.ts';
import { auditContextFor } from './context.ts';
import { readAuditFile, readAuditStream, type ReadOptions } from './read/reader.ts';
import { suggestRoles, type SuggestedRoles, type SuggestOptions } from './suggest.ts';
import type { AuditRecord, ReadStats } from './types.ts';
import { grantUsage, type GrantUsage } from './unused.ts';

export const AUDIT_REPORT_SCHEMA_VERSION = 1;

export interface PrincipalReport {
  profile: PrincipalProfile;
  /** Rules the principal holds and whether the log shows them used (needs a cluster source). */
  grants?: GrantUsage;
  /** Roles granting exactly the allowed requests seen. */
  suggestion?: SuggestedRoles;
}

export interface AuditReport {
  kind: 'KubeseamAuditReport';
  schemaVersion: typeof AUDIT_REPORT_SCHEMA_VERSION;
  files: ReadStats[];
  events: number;
  malformed: number;
  window: { from: string; to: string };
  /** The cluster the logs were compared with, when a source was given. */
  cluster?: { name?: string; provider?: string };
  principals: PrincipalReport[];
  principalsTruncated: number;
  anomalies: Anomaly[];
  anomaliesTruncated: number;
}

export interface AuditOptions extends AggregateOptions, ReadOptions, Omit<SuggestOptions, 'index'> {
  /** The cluster (snapshot, manifests, live): enables unused grants, shipped-role and network checks. */
  model?: Model;
  /** Only these principals in the report: usernames, or `sa:NS:NAME`, `user:NAME`. Anomalies are always kept. */
  principals?: string[];
}

/** `sa:kube-system:aws-node` (and the other parseSubject forms) or a username, as the username the log carries. */
export function principalUsername(text: string): string {
  const t = text.trim();
  if (t.startsWith(SERVICE_ACCOUNT_USERNAME_PREFIX)) return t;
  try {
    const s = parseSubject(t);
    if (s.kind === 'ServiceAccount') return serviceAccountUsername(s.namespace ?? '', s.name);
    return s.name;
  } catch {
    return t;
  }
}

function wanted(options: AuditOptions): ((username: string) => boolean) | undefined {
  if (options.principals === undefined || options.principals.length === 0) return undefined;
  const names = new Set(options.principals.map(principalUsername));
  return (u) => names.has(u);
}

/** Pure: the report from an aggregate and the read statistics. */
export function buildAuditReport(
  aggregate: AuditAggregate,
  files: ReadStats[],
  options: AuditOptions = {},
): AuditReport {
  const index: RbacIndex | undefined = options.model === undefined ? undefined : rbacIndexFor(options.model);
  const keep = wanted(options);
  const principals = aggregate.principals
    .filter((p) => keep === undefined || keep(p.username))
    .map((profile) => {
      const r: PrincipalReport = { profile };
      // Nodes are governed by the Node authorizer, anonymous requests by the public-info roles: RBAC roles for them
      // would mislead.
      if (profile.kind === 'ServiceAccount' || profile.kind === 'User') {
        if (index !== undefined) r.grants = grantUsage(index, profile);
        const so: SuggestOptions = {};
        if (index !== undefined) so.index = index;
        if (options.maxResourceNames !== undefined) so.maxResourceNames = options.maxResourceNames;
        if (options.namePrefix !== undefined) so.namePrefix = options.namePrefix;
        r.suggestion = suggestRoles(profile, so);
      }
      return r;
    });
  const report: AuditReport = {
    kind: 'KubeseamAuditReport',
    schemaVersion: AUDIT_REPORT_SCHEMA_VERSION,
    files,
    events: aggregate.events,
    malformed: files.reduce((n, f) => n + f.malformed, 0),
    window: aggregate.window,
    principals,
    principalsTruncated: aggregate.principalsTruncated,
    anomalies: aggregate.anomalies,
    anomaliesTruncated: aggregate.anomaliesTruncated,
  };
  if (options.model !== undefined) {
    const c = options.model.cluster;
    const cluster: { name?: string; provider?: string } = {};
    if (c.name !== undefined) cluster.name = c.name;
    if (c.provider !== undefined) cluster.provider = c.provider;
    report.cluster = cluster;
  }
  return report;
}

/** A log to read: a file path, or an already open stream (stdin) with the name to report it by. */
export type AuditInput = string | { name: string; stream: Readable };

/** Reads the logs in order into one aggregate and builds the report. Missing or unreadable files reject. */
export async function auditFiles(files: readonly AuditInput[], options: AuditOptions = {}): Promise<AuditReport> {
  const aggregateOptions: AggregateOptions = { ...options };
  if (options.model !== undefined) aggregateOptions.context = auditContextFor(options.model);
  const aggregator = new AuditAggregator(aggregateOptions);
  const stats: ReadStats[] = [];
  const add = (r: AuditRecord): void => aggregator.add(r);
  for (const input of files) {
    if (typeof input !== 'string') {
      stats.push(await readAuditStream(input.stream, input.name, add, options));
      continue;
    }
    const file = input;
    try {
      stats.push(await readAuditFile(file, add, options));
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      if (code === 'ENOENT') throw new KubeseamError('input', 'no such audit log file', { file }, { cause: e });
      if (code === 'EISDIR') throw new KubeseamError('input', 'is a directory, not an audit log file', { file });
      if (code === 'EACCES') throw new KubeseamError('input', 'audit log file is not readable', { file }, { cause: e });
      throw e;
    }
  }
  return buildAuditReport(aggregator.finish(), stats, options);
}
