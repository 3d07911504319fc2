// Requests worth an alert, found while the log streams by (per request) or from the aggregate (user agents).
// Occurrences of the same anomaly (same kind, principal and target) are merged into one with a count and a few
// audit IDs as evidence, so that memory stays bounded whatever the log size.
import type { Severity } from '../checks/types.ts';
import { isControlPlaneIdentity } from '../knowledge/control-plane-identities.ts';
import { cidrContains, parseIp } from '../network/cidr.ts';
import { ruleAllows } from '../rbac/matching.ts';
import type { AuditContext, IdentityInfo } from './context.ts';
import { isExpectedWriter } from './expected-writers.ts';
import type { PrincipalName } from './principal.ts';
import type { AuditRecord } from './types.ts';

export type AnomalyKind =
  | 'secret-read-cross-namespace'
  | 'pod-exec'
  | 'token-request-other-sa'
  | 'sensitive-write'
  | 'middleware-config-write'
  | 'unexpected-source-ip'
  | 'unexpected-workload'
  | 'unexpected-user-agent'
  | 'denied-burst';

export interface AnomalyEvidence {
  auditID: string;
  time: string;
  file: string;
  line: number;
}

export interface Anomaly {
  kind: AnomalyKind;
  severity: Severity;
  principal: string;
  /** Catalog component the principal's service account runs, when known. */
  component?: string;
  message: string;
  /** Occurrences merged into this anomaly. */
  count: number;
  firstSeen: string;
  lastSeen: string;
  /** The first few requests, by audit ID and position in the log. */
  evidence: AnomalyEvidence[];
  /** Why the severity was lowered, when it was. */
  note?: string;
}

export interface AnomalyOptions {
  /** Denials within `windowMs` that make a burst. Default 10 in 60 s. */
  denialBurst?: { count: number; windowMs: number };
  /** User-agent anomalies need this many requests from the principal. Default 10. */
  minRequestsForUserAgent?: number;
  /** Distinct anomalies kept (the rest are counted). Default 1000. */
  maxAnomalies?: number;
  /** Evidence items kept per anomaly. Default 5. */
  maxEvidence?: number;
}

const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

function lower(s: Severity): Severity {
  return SEVERITY_ORDER[Math.min(SEVERITY_ORDER.indexOf(s) + 1, SEVERITY_ORDER.length - 1)]!;
}

const READ_VERBS = new Set(['get', 'list', 'watch']);
const WRITE_VERBS = new Set(['create', 'update', 'patch', 'delete', 'deletecollection']);
const EXEC_SUBRESOURCES = new Set(['exec', 'attach', 'portforward']);
const SENSITIVE: Record<string, Record<string, string>> = {
  'rbac.authorization.k8s.io': {
    roles: 'RBAC',
    rolebindings: 'RBAC',
    clusterroles: 'RBAC',
    clusterrolebindings: 'RBAC',
  },
  'admissionregistration.k8s.io': {
    mutatingwebhookconfigurations: 'admission webhook',
    validatingwebhookconfigurations: 'admission webhook',
    validatingadmissionpolicies: 'admission policy',
    validatingadmissionpolicybindings: 'admission policy',
    mutatingadmissionpolicies: 'admission policy',
    mutatingadmissionpolicybindings: 'admission policy',
  },
};
const MIDDLEWARE_CLASSES = new Set(['middleware', 'core', 'agent']);

/** `kubectl/v1.33.1 (darwin/arm64) kubernetes/abc` → `kubectl`: versions change, the client does not. */
export function userAgentProduct(ua: string): string {
  const t = ua.trim();
  const end = t.search(/[/\s(]/);
  return (end < 0 ? t : t.slice(0, end)) || '(none)';
}

function isPrivate(ip: string): boolean {
  const a = parseIp(ip);
  if (a === undefined) return false;
  if (a.family === 4) {
    const v = a.value;
    const inRange = (base: bigint, bits: number): boolean => v >> BigInt(32 - bits) === base >> BigInt(32 - bits);
    return (
      inRange(0x0a000000n, 8) || // 10/8
      inRange(0xac100000n, 12) || // 172.16/12
      inRange(0xc0a80000n, 16) || // 192.168/16
      inRange(0x64400000n, 10) || // 100.64/10 (shared address space)
      inRange(0x7f000000n, 8) || // loopback
      inRange(0xa9fe0000n, 16) // link-local
    );
  }
  const top = a.value >> 120n;
  return a.value === 1n || top === 0xfcn || top === 0xfdn || a.value >> 118n === 0x3fan; // ::1, fc00::/7, fe80::/10
}

function evidenceOf(r: AuditRecord): AnomalyEvidence[] {
  return [{ auditID: r.auditID, time: r.time, file: r.source.file, line: r.source.line }];
}

interface DenialState {
  times: number[];
  evidence: (AnomalyEvidence | undefined)[];
  next: number;
  /** End of the last burst reported, so one burst is one anomaly. */
  reportedUntil: number;
  burstKey: string;
}

interface Principal {
  name: PrincipalName;
  identity: IdentityInfo | undefined;
}

export class AnomalyDetector {
  private readonly found = new Map<string, { anomaly: Anomaly; first: number; last: number }>();
  private dropped = 0;
  private readonly denials = new Map<string, DenialState>();
  private readonly burst: { count: number; windowMs: number };
  private readonly maxAnomalies: number;
  private readonly maxEvidence: number;
  readonly minRequestsForUserAgent: number;

  constructor(
    private readonly ctx: AuditContext,
    private readonly hasModel: boolean,
    options: AnomalyOptions = {},
  ) {
    this.burst = options.denialBurst ?? { count: 10, windowMs: 60_000 };
    this.maxAnomalies = options.maxAnomalies ?? 1000;
    this.maxEvidence = options.maxEvidence ?? 5;
    this.minRequestsForUserAgent = options.minRequestsForUserAgent ?? 10;
  }

  /** Adds one occurrence; `key` tells occurrences of the same anomaly apart. */
  report(
    key: string,
    base: Omit<Anomaly, 'count' | 'firstSeen' | 'lastSeen' | 'evidence'>,
    evidence: AnomalyEvidence[],
    timeMs: number,
    weight = 1,
    untilMs = timeMs,
  ): void {
    const id = `${base.kind}\u0000${base.principal}\u0000${key}`;
    let f = this.found.get(id);
    if (f === undefined) {
      if (this.found.size >= this.maxAnomalies) {
        this.dropped++;
        return;
      }
      f = { anomaly: { ...base, count: 0, firstSeen: '', lastSeen: '', evidence: [] }, first: timeMs, last: untilMs };
      this.found.set(id, f);
    }
    const a = f.anomaly;
    a.count += weight;
    // Times are kept as numbers and written out once, in results().
    if (timeMs < f.first || Number.isNaN(f.first)) f.first = timeMs;
    if (untilMs > f.last || Number.isNaN(f.last)) f.last = untilMs;
    for (const e of evidence) if (a.evidence.length < this.maxEvidence) a.evidence.push(e);
  }

  observe(r: AuditRecord, p: Principal): void {
    if (r.decision === 'forbid') this.observeDenial(r, p, evidenceOf(r));
    const o = r.objectRef;
    const sa = p.name.serviceAccount !== undefined;
    // Most requests are reads of ordinary resources by an account from where it usually runs: decide that cheaply.
    if (o !== undefined && !this.maybeInteresting(r, o.resource, o.subresource)) {
      if (sa && (this.ctx.networks.ips.size > 0 || this.ctx.networks.cidrs.length > 0 || r.podName !== undefined)) {
        this.sourceIp(r, p);
        this.boundPod(r, p);
      }
      return;
    }
    const ev = evidenceOf(r);
    if (o !== undefined) {
      if (o.apiGroup === '' && o.resource === 'secrets' && o.subresource === '' && READ_VERBS.has(r.verb)) {
        this.secretRead(r, p, ev);
      } else if (o.apiGroup === '' && o.resource === 'pods' && EXEC_SUBRESOURCES.has(o.subresource)) {
        this.exec(r, p, ev);
      } else if (o.apiGroup === '' && o.resource === 'serviceaccounts' && o.subresource === 'token') {
        this.tokenRequest(r, p, ev);
      } else if (WRITE_VERBS.has(r.verb)) {
        this.write(r, p, ev);
      }
    }
    if (sa) {
      this.sourceIp(r, p);
      this.boundPod(r, p);
    }
  }

  private maybeInteresting(r: AuditRecord, resource: string, subresource: string): boolean {
    return (
      WRITE_VERBS.has(r.verb) ||
      resource === 'secrets' ||
      (resource === 'pods' && EXEC_SUBRESOURCES.has(subresource)) ||
      (resource === 'serviceaccounts' && subresource === 'token')
    );
  }

  private componentOf(p: Principal): { component?: string } {
    return p.identity?.component === undefined ? {} : { component: p.identity.component };
  }

  private isMiddleware(p: Principal): boolean {
    return p.identity?.class !== undefined && MIDDLEWARE_CLASSES.has(p.identity.class);
  }

  /** True when the rules the principal's catalog component ships with allow the request: expected, if risky. */
  private shipped(r: AuditRecord, p: Principal): boolean {
    const rules = p.identity?.component === undefined ? undefined : this.ctx.shippedRules.get(p.identity.component);
    const o = r.objectRef;
    if (rules === undefined || o === undefined) return false;
    const attrs = {
      verb: r.verb,
      resource: { apiGroup: o.apiGroup, resource: o.resource, subresource: o.subresource, name: o.name },
    };
    return rules.some((rule) => ruleAllows(attrs, rule));
  }

  private withShipped(r: AuditRecord, p: Principal, severity: Severity): { severity: Severity; note?: string } {
    if (!this.shipped(r, p)) return { severity };
    return {
      severity: lower(severity),
      note: `the role ${p.identity?.component ?? 'the component'} ships with allows this request`,
    };
  }

  private secretRead(r: AuditRecord, p: Principal, ev: AnomalyEvidence[]): void {
    const sa = p.name.serviceAccount;
    if (sa === undefined || r.decision === 'forbid') return;
    const ns = r.objectRef?.namespace ?? '';
    if (ns === sa.namespace) return;
    let severity: Severity;
    if (this.isMiddleware(p)) severity = 'high';
    else if (p.identity !== undefined || !this.hasModel) severity = 'medium';
    else return; // a control-plane controller's account (no workload runs as it)
    const where = ns === '' ? 'in every namespace' : `in namespace ${ns}`;
    const what = r.objectRef?.name ? `secret ${r.objectRef.name}` : 'secrets';
    this.report(
      ns,
      {
        kind: 'secret-read-cross-namespace',
        principal: p.name.username,
        ...this.componentOf(p),
        message: `${r.verb} ${what} ${where}, outside the account's namespace ${sa.namespace}`,
        ...this.withShipped(r, p, severity),
      },
      ev,
      r.timeMs,
    );
  }

  private exec(r: AuditRecord, p: Principal, ev: AnomalyEvidence[]): void {
    const o = r.objectRef!;
    const allowed = r.decision !== 'forbid';
    const severity: Severity = !allowed ? 'low' : p.name.serviceAccount !== undefined ? 'high' : 'medium';
    this.report(
      `${o.subresource}/${o.namespace}/${o.name}/${allowed}`,
      {
        kind: 'pod-exec',
        principal: p.name.username,
        ...this.componentOf(p),
        severity,
        message: `${allowed ? '' : 'denied: '}${o.subresource} into pod ${o.namespace}/${o.name}`,
      },
      ev,
      r.timeMs,
    );
  }

  private tokenRequest(r: AuditRecord, p: Principal, ev: AnomalyEvidence[]): void {
    if (p.name.kind === 'Node' || r.verb !== 'create') return; // kubelets mint their pods' tokens
    const o = r.objectRef!;
    const sa = p.name.serviceAccount;
    if (sa !== undefined && sa.namespace === o.namespace && sa.name === o.name) return;
    const allowed = r.decision !== 'forbid';
    const base: Severity = !allowed ? 'low' : sa !== undefined ? 'high' : 'medium';
    this.report(
      `${o.namespace}/${o.name}/${allowed}`,
      {
        kind: 'token-request-other-sa',
        principal: p.name.username,
        ...this.componentOf(p),
        message: `${allowed ? '' : 'denied: '}token requested for service account ${o.namespace}/${o.name}`,
        ...(allowed ? this.withShipped(r, p, base) : { severity: base }),
      },
      ev,
      r.timeMs,
    );
  }

  private write(r: AuditRecord, p: Principal, ev: AnomalyEvidence[]): void {
    const o = r.objectRef!;
    const allowed = r.decision !== 'forbid';
    const target = `${o.resource}${o.subresource ? `/${o.subresource}` : ''} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`;
    const sensitive = SENSITIVE[o.apiGroup]?.[o.resource];
    if (sensitive !== undefined) {
      if (this.controlPlane(p, r) || isExpectedWriter(p.name.username, o.apiGroup, o.resource)) return;
      this.report(
        `${o.resource}/${o.namespace}/${o.name}/${allowed}`,
        {
          kind: 'sensitive-write',
          principal: p.name.username,
          ...this.componentOf(p),
          severity: allowed ? 'high' : 'low',
          message: `${allowed ? '' : 'denied: '}${r.verb} ${sensitive} object ${target.trim()}`,
        },
        ev,
        r.timeMs,
      );
      return;
    }
    if (o.apiGroup === '' && o.resource === 'configmaps' && o.subresource === '') {
      const consumers = this.ctx.middlewareConfigMaps.get(`${o.namespace}/${o.name}`);
      if (consumers === undefined || this.controlPlane(p, r)) return;
      if (consumers.components.some((c) => p.identity?.components.includes(c) === true)) return;
      this.report(
        `${o.namespace}/${o.name}/${allowed}`,
        {
          kind: 'middleware-config-write',
          principal: p.name.username,
          ...this.componentOf(p),
          severity: allowed ? 'high' : 'low',
          message: `${allowed ? '' : 'denied: '}${r.verb} config map ${o.namespace}/${o.name}, read by ${consumers.components.join(', ')} (${consumers.workloads.join(', ')})`,
        },
        ev,
        r.timeMs,
      );
    }
  }

  private controlPlane(p: Principal, r: AuditRecord): boolean {
    if (p.name.kind === 'Node') return true;
    if (isControlPlaneIdentity({ kind: 'User', name: p.name.username })) return true;
    return r.user.groups.some((g) => isControlPlaneIdentity({ kind: 'Group', name: g }));
  }

  private sourceIp(r: AuditRecord, p: Principal): void {
    const net = this.ctx.networks;
    const ip = r.sourceIPs[0];
    if (ip === undefined || (net.ips.size === 0 && net.cidrs.length === 0)) return;
    if (net.ips.has(ip)) return;
    const ev = evidenceOf(r);
    const addr = parseIp(ip);
    if (addr === undefined || net.cidrs.some((c) => cidrContains(c, addr))) return;
    const priv = isPrivate(ip);
    if (priv && !net.podCidrsKnown) return; // pods get addresses from the VPC: an unknown private one proves nothing
    this.report(
      ip,
      {
        kind: 'unexpected-source-ip',
        principal: p.name.username,
        ...this.componentOf(p),
        severity: priv ? 'medium' : 'high',
        message: priv
          ? `service-account token used from ${ip}, outside the cluster's node and pod addresses`
          : `service-account token used from public address ${ip}, outside the cluster`,
      },
      ev,
      r.timeMs,
    );
  }

  private boundPod(r: AuditRecord, p: Principal): void {
    const sa = p.name.serviceAccount!;
    const id = p.identity;
    if (r.podName === undefined || id?.component === undefined) return;
    const owner = this.ctx.pods.get(`${sa.namespace}/${r.podName}`);
    // Several components may share an account (ama-logs and ama-logs-rs): any of them is expected.
    if (owner === undefined || (owner.component !== undefined && id.components.includes(owner.component))) return;
    const ev = evidenceOf(r);
    this.report(
      owner.ref,
      {
        kind: 'unexpected-workload',
        principal: p.name.username,
        component: id.component,
        severity: this.isMiddleware(p) ? 'high' : 'medium',
        message: `token of ${id.component}'s service account used by pod ${r.podName} of ${owner.ref}, which is not ${id.component}`,
      },
      ev,
      r.timeMs,
    );
  }

  private observeDenial(r: AuditRecord, p: Principal, ev: AnomalyEvidence[]): void {
    if (!Number.isFinite(r.timeMs)) return;
    let s = this.denials.get(p.name.username);
    if (s === undefined) {
      s = {
        times: new Array<number>(this.burst.count).fill(NaN),
        evidence: new Array<AnomalyEvidence | undefined>(this.burst.count).fill(undefined),
        next: 0,
        reportedUntil: -Infinity,
        burstKey: '',
      };
      this.denials.set(p.name.username, s);
    }
    s.times[s.next] = r.timeMs;
    s.evidence[s.next] = ev[0];
    s.next = (s.next + 1) % this.burst.count;
    // The oldest of the last N denials; logs from several streams may be slightly out of order.
    const window = s.times.filter((t) => Number.isFinite(t));
    if (window.length < this.burst.count) return;
    const from = Math.min(...window);
    const to = Math.max(...window);
    if (to - from > this.burst.windowMs) return;
    const inBurst = r.timeMs <= s.reportedUntil + this.burst.windowMs;
    if (!inBurst) s.burstKey = String(from);
    s.reportedUntil = to;
    this.report(
      s.burstKey,
      {
        kind: 'denied-burst',
        principal: p.name.username,
        ...this.componentOf(p),
        severity: this.isMiddleware(p) || p.name.serviceAccount !== undefined ? 'high' : 'medium',
        message: `burst of denied requests: ${this.burst.count} or more within ${Math.round(this.burst.windowMs / 1000)} s`,
      },
      inBurst ? ev : s.evidence.filter((e) => e !== undefined).sort((a, b) => a.time.localeCompare(b.time)),
      inBurst ? r.timeMs : from,
      inBurst ? 1 : this.burst.count,
      r.timeMs,
    );
  }

  /** Anomalies found so far, most severe first; `dropped` counts those over the cap. */
  results(): { anomalies: Anomaly[]; dropped: number } {
    const iso = (ms: number, fallback: string): string => (Number.isFinite(ms) ? new Date(ms).toISOString() : fallback);
    for (const f of this.found.values()) {
      f.anomaly.firstSeen = iso(f.first, f.anomaly.evidence[0]?.time ?? '');
      f.anomaly.lastSeen = iso(f.last, f.anomaly.firstSeen);
    }
    const anomalies = [...this.found.values()]
      .map((f) => f.anomaly)
      .sort(
        (a, b) =>
          SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
          a.firstSeen.localeCompare(b.firstSeen) ||
          a.principal.localeCompare(b.principal) ||
          a.kind.localeCompare(b.kind),
      );
    return { anomalies, dropped: this.dropped };
  }
}
