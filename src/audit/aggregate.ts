// Per-principal behaviour, aggregated incrementally: counts per (principal, verb, group/resource/subresource,
// namespace, outcome) with a capped set of object names, and capped tallies of user agents, source addresses and
// pods. Memory grows with the number of distinct identities and requests kinds, never with the number of events.
import type { Severity } from '../checks/types.ts';
import {
  AnomalyDetector,
  userAgentProduct,
  type Anomaly,
  type AnomalyEvidence,
  type AnomalyOptions,
} from './anomalies.ts';
import { emptyContext, type AuditContext, type IdentityInfo } from './context.ts';
import { effectiveUser, principalOf, type PrincipalName } from './principal.ts';
import { pathOf } from './normalize/request-uri.ts';
import type { AuditRecord } from './types.ts';

export interface AggregateOptions extends AnomalyOptions {
  /** Cluster knowledge from the model; without it, anomalies that need it are not looked for. */
  context?: AuditContext;
  /** Distinct object names kept per access entry. Default 16. */
  maxNames?: number;
  /** Distinct access entries kept per principal. Default 5000. */
  maxAccessEntries?: number;
  /** Distinct user agents, source addresses and pods kept per principal. Default 32, 64, 64. */
  maxUserAgents?: number;
  maxSourceIPs?: number;
  maxPods?: number;
  /** Distinct principals kept. Default 100000. */
  maxPrincipals?: number;
}

export interface ValueCount {
  value: string;
  count: number;
  firstSeen: string;
  lastSeen: string;
  /** The first few audit IDs with this value. */
  sampleAuditIDs: string[];
}

export type Outcome = 'allowed' | 'denied';

/** Requests of one kind by one principal. Non-resource requests have `nonResourceURL` and empty resource fields. */
export interface AccessEntry {
  verb: string;
  apiGroup: string;
  apiVersion: string;
  resource: string;
  subresource: string;
  /** `''` for cluster-scoped requests and for requests across all namespaces. */
  namespace: string;
  nonResourceURL?: string;
  /** `denied` when the authorizer forbade the requests. */
  outcome: Outcome;
  count: number;
  /** Distinct object names requested (up to the cap). */
  names: string[];
  /** More names were seen than kept. */
  namesTruncated: boolean;
  /** Requests that named no object (list, watch, create…). */
  unnamed: number;
  firstSeen: string;
  lastSeen: string;
}

export interface PrincipalProfile {
  username: string;
  kind: PrincipalName['kind'];
  serviceAccount?: { namespace: string; name: string };
  /** Groups the authenticator reported (not in GKE exports). */
  groups: string[];
  /** What runs as this service account, from the model. */
  identity?: { component?: string; class?: string; workloads: string[] };
  requests: number;
  denied: number;
  firstSeen: string;
  lastSeen: string;
  verbs: Record<string, number>;
  namespaces: Record<string, number>;
  userAgents: ValueCount[];
  sourceIPs: ValueCount[];
  /** Pods that bound tokens of this service account were issued to. */
  pods: ValueCount[];
  /** Identities that impersonated this one. */
  impersonatedBy: ValueCount[];
  access: AccessEntry[];
  /** Values not kept because of the caps. */
  truncated: { access: number; userAgents: number; sourceIPs: number; pods: number };
}

export interface AuditAggregate {
  events: number;
  /** Time span of the events. */
  window: { from: string; to: string };
  principals: PrincipalProfile[];
  principalsTruncated: number;
  anomalies: Anomaly[];
  anomaliesTruncated: number;
}

interface Tally {
  count: number;
  first: number;
  last: number;
  samples: AnomalyEvidence[];
}

class Tallies {
  readonly map = new Map<string, Tally>();
  dropped = 0;
  constructor(private readonly cap: number) {}

  add(value: string, r: AuditRecord): void {
    const timeMs = r.timeMs;
    let t = this.map.get(value);
    if (t === undefined) {
      if (this.map.size >= this.cap) {
        this.dropped++;
        return;
      }
      t = { count: 0, first: timeMs, last: timeMs, samples: [] };
      this.map.set(value, t);
    }
    t.count++;
    if (timeMs < t.first || Number.isNaN(t.first)) t.first = timeMs;
    if (timeMs > t.last || Number.isNaN(t.last)) t.last = timeMs;
    if (t.samples.length < 3 && r.auditID !== '') {
      t.samples.push({ auditID: r.auditID, time: r.time, file: r.source.file, line: r.source.line });
    }
  }

  list(): ValueCount[] {
    return [...this.map.entries()]
      .map(([value, t]) => ({
        value,
        count: t.count,
        firstSeen: iso(t.first),
        lastSeen: iso(t.last),
        sampleAuditIDs: t.samples.map((e) => e.auditID),
      }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  }
}

interface Entry {
  verb: string;
  apiGroup: string;
  apiVersion: string;
  resource: string;
  subresource: string;
  namespace: string;
  nonResourceURL: string | undefined;
  outcome: Outcome;
  count: number;
  names: Set<string>;
  namesTruncated: boolean;
  unnamed: number;
  first: number;
  last: number;
}

interface State {
  name: PrincipalName;
  identity: IdentityInfo | undefined;
  groups: Set<string>;
  lastGroups: readonly string[];
  requests: number;
  denied: number;
  first: number;
  last: number;
  verbs: Map<string, number>;
  namespaces: Map<string, number>;
  userAgents: Tallies;
  sourceIPs: Tallies;
  pods: Tallies;
  impersonatedBy: Tallies;
  entries: Map<string, Entry>;
  entriesDropped: number;
}

/**
 * A client is "usual" when it makes at least this share of a principal's requests, and "rare" at most this one.
 * Several containers of one pod may share an account with different clients; each of those makes a good share.
 */
const USUAL_SHARE = 0.6;
const RARE_SHARE = 0.2;

function iso(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : '';
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

export class AuditAggregator {
  private readonly states = new Map<string, State>();
  private principalsDropped = 0;
  private events = 0;
  private userAgentsChecked = false;
  private from = NaN;
  private to = NaN;
  private readonly ctx: AuditContext;
  private readonly detector: AnomalyDetector;
  private readonly maxNames: number;
  private readonly maxEntries: number;
  private readonly caps: { ua: number; ip: number; pods: number; principals: number };

  constructor(options: AggregateOptions = {}) {
    this.ctx = options.context ?? emptyContext();
    this.detector = new AnomalyDetector(this.ctx, options.context !== undefined, options);
    this.maxNames = options.maxNames ?? 16;
    this.maxEntries = options.maxAccessEntries ?? 5000;
    this.caps = {
      ua: options.maxUserAgents ?? 32,
      ip: options.maxSourceIPs ?? 64,
      pods: options.maxPods ?? 64,
      principals: options.maxPrincipals ?? 100_000,
    };
  }

  private state(username: string): State | undefined {
    let s = this.states.get(username);
    if (s !== undefined) return s;
    if (this.states.size >= this.caps.principals) {
      this.principalsDropped++;
      return undefined;
    }
    s = {
      name: principalOf(username),
      identity: this.ctx.identities.get(username),
      groups: new Set(),
      lastGroups: [],
      requests: 0,
      denied: 0,
      first: NaN,
      last: NaN,
      verbs: new Map(),
      namespaces: new Map(),
      userAgents: new Tallies(this.caps.ua),
      sourceIPs: new Tallies(this.caps.ip),
      pods: new Tallies(this.caps.pods),
      impersonatedBy: new Tallies(8),
      entries: new Map(),
      entriesDropped: 0,
    };
    this.states.set(username, s);
    return s;
  }

  add(r: AuditRecord): void {
    this.events++;
    const t = r.timeMs;
    if (t < this.from || Number.isNaN(this.from)) this.from = t;
    if (t > this.to || Number.isNaN(this.to)) this.to = t;
    const user = effectiveUser(r);
    const s = this.state(user.username);
    if (s === undefined) return;
    this.count(s, r);
    // An identity's groups rarely change between requests: look at them again only when they look different.
    if (user.groups.length !== s.lastGroups.length || user.groups[0] !== s.lastGroups[0]) {
      s.lastGroups = user.groups;
      for (const g of user.groups) if (s.groups.size < 64) s.groups.add(g);
    }
    const denied = r.decision === 'forbid';
    const o = r.objectRef;
    if (o !== undefined) {
      this.entry(
        s,
        r.verb,
        o.apiGroup,
        o.apiVersion,
        o.resource,
        o.subresource,
        o.namespace,
        undefined,
        denied,
        o.name,
        t,
      );
    } else {
      this.entry(s, r.verb, '', '', '', '', '', pathOf(r.requestURI), denied, '', t);
    }
    if (r.podName !== undefined) s.pods.add(r.podName, r);
    if (r.impersonatedUser !== undefined) this.impersonation(r);
    this.detector.observe(r, s);
  }

  private count(s: State, r: AuditRecord): void {
    const t = r.timeMs;
    s.requests++;
    if (r.decision === 'forbid') s.denied++;
    if (t < s.first || Number.isNaN(s.first)) s.first = t;
    if (t > s.last || Number.isNaN(s.last)) s.last = t;
    bump(s.verbs, r.verb);
    if (r.objectRef !== undefined && r.objectRef.namespace !== '') bump(s.namespaces, r.objectRef.namespace);
    s.userAgents.add(r.userAgent, r);
    const ip = r.sourceIPs[0];
    if (ip !== undefined) s.sourceIPs.add(ip, r);
  }

  /** The impersonator made the request too, and needed `impersonate` on the identity it took. */
  private impersonation(r: AuditRecord): void {
    const target = r.impersonatedUser!;
    const s = this.state(r.user.username);
    if (s === undefined) return;
    s.requests++;
    if (r.timeMs < s.first || Number.isNaN(s.first)) s.first = r.timeMs;
    if (r.timeMs > s.last || Number.isNaN(s.last)) s.last = r.timeMs;
    bump(s.verbs, 'impersonate');
    s.userAgents.add(r.userAgent, r);
    const ip = r.sourceIPs[0];
    if (ip !== undefined) s.sourceIPs.add(ip, r);
    const sa = principalOf(target.username).serviceAccount;
    if (sa !== undefined) {
      this.entry(s, 'impersonate', '', 'v1', 'serviceaccounts', '', sa.namespace, undefined, false, sa.name, r.timeMs);
    } else {
      this.entry(s, 'impersonate', '', 'v1', 'users', '', '', undefined, false, target.username, r.timeMs);
    }
    for (const g of target.groups) {
      this.entry(s, 'impersonate', '', 'v1', 'groups', '', '', undefined, false, g, r.timeMs);
    }
    this.state(target.username)?.impersonatedBy.add(r.user.username, r);
  }

  private entry(
    s: State,
    verb: string,
    apiGroup: string,
    apiVersion: string,
    resource: string,
    subresource: string,
    namespace: string,
    nonResourceURL: string | undefined,
    denied: boolean,
    name: string,
    t: number,
  ): void {
    const key =
      nonResourceURL === undefined
        ? `${verb}\u0000${apiGroup}\u0000${resource}\u0000${subresource}\u0000${namespace}\u0000${denied}`
        : `${verb}\u0001${nonResourceURL}\u0000${denied}`;
    let e = s.entries.get(key);
    if (e === undefined) {
      if (s.entries.size >= this.maxEntries) {
        s.entriesDropped++;
        return;
      }
      e = {
        verb,
        apiGroup,
        apiVersion,
        resource,
        subresource,
        namespace,
        nonResourceURL,
        outcome: denied ? 'denied' : 'allowed',
        count: 0,
        names: new Set(),
        namesTruncated: false,
        unnamed: 0,
        first: t,
        last: t,
      };
      s.entries.set(key, e);
    }
    e.count++;
    if (t < e.first || Number.isNaN(e.first)) e.first = t;
    if (t > e.last || Number.isNaN(e.last)) e.last = t;
    if (name === '') e.unnamed++;
    else if (!e.names.has(name)) {
      if (e.names.size < this.maxNames) e.names.add(name);
      else e.namesTruncated = true;
    }
  }

  /** The aggregate so far; the aggregator can keep going afterwards. */
  finish(): AuditAggregate {
    const states = [...this.states.values()];
    const principals = states.map((s) => this.profile(s));
    if (!this.userAgentsChecked) {
      // Reported once: the detector merges occurrences, so a second pass would count them twice.
      this.userAgentsChecked = true;
      states.forEach((s, i) => this.userAgentAnomalies(s, principals[i]!));
    }
    principals.sort((a, b) => b.requests - a.requests || a.username.localeCompare(b.username));
    const { anomalies, dropped } = this.detector.results();
    return {
      events: this.events,
      window: { from: iso(this.from), to: iso(this.to) },
      principals,
      principalsTruncated: this.principalsDropped,
      anomalies,
      anomaliesTruncated: dropped,
    };
  }

  private profile(s: State): PrincipalProfile {
    const access: AccessEntry[] = [...s.entries.values()].map((e) => {
      const a: AccessEntry = {
        verb: e.verb,
        apiGroup: e.apiGroup,
        apiVersion: e.apiVersion,
        resource: e.resource,
        subresource: e.subresource,
        namespace: e.namespace,
        outcome: e.outcome,
        count: e.count,
        names: [...e.names].sort(),
        namesTruncated: e.namesTruncated,
        unnamed: e.unnamed,
        firstSeen: iso(e.first),
        lastSeen: iso(e.last),
      };
      if (e.nonResourceURL !== undefined) a.nonResourceURL = e.nonResourceURL;
      return a;
    });
    access.sort(
      (a, b) =>
        a.outcome.localeCompare(b.outcome) ||
        a.namespace.localeCompare(b.namespace) ||
        a.apiGroup.localeCompare(b.apiGroup) ||
        a.resource.localeCompare(b.resource) ||
        a.subresource.localeCompare(b.subresource) ||
        (a.nonResourceURL ?? '').localeCompare(b.nonResourceURL ?? '') ||
        a.verb.localeCompare(b.verb),
    );
    const p: PrincipalProfile = {
      username: s.name.username,
      kind: s.name.kind,
      groups: [...s.groups].sort(),
      requests: s.requests,
      denied: s.denied,
      firstSeen: iso(s.first),
      lastSeen: iso(s.last),
      verbs: Object.fromEntries([...s.verbs.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))),
      namespaces: Object.fromEntries(
        [...s.namespaces.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
      ),
      userAgents: s.userAgents.list(),
      sourceIPs: s.sourceIPs.list(),
      pods: s.pods.list(),
      impersonatedBy: s.impersonatedBy.list(),
      access,
      truncated: {
        access: s.entriesDropped,
        userAgents: s.userAgents.dropped,
        sourceIPs: s.sourceIPs.dropped,
        pods: s.pods.dropped,
      },
    };
    if (s.name.serviceAccount !== undefined) p.serviceAccount = s.name.serviceAccount;
    if (s.identity !== undefined) {
      const identity: PrincipalProfile['identity'] = { workloads: s.identity.workloads.map((w) => w.ref) };
      if (s.identity.component !== undefined) identity.component = s.identity.component;
      if (s.identity.class !== undefined) identity.class = s.identity.class;
      p.identity = identity;
    }
    return p;
  }

  /**
   * A client unlike the principal's usual one: when one user-agent product makes most of its requests, the others
   * that make few are reported (medium; high for middleware accounts, whose clients never change by themselves).
   */
  private userAgentAnomalies(s: State, p: PrincipalProfile): void {
    if (p.requests < this.detector.minRequestsForUserAgent || s.userAgents.map.size < 2) return;
    const products = new Map<
      string,
      { values: string[]; count: number; first: number; last: number; ev: AnomalyEvidence[] }
    >();
    for (const [value, t] of s.userAgents.map) {
      const key = userAgentProduct(value);
      let g = products.get(key);
      if (g === undefined) products.set(key, (g = { values: [], count: 0, first: t.first, last: t.last, ev: [] }));
      g.values.push(value);
      g.count += t.count;
      g.first = Math.min(g.first, t.first);
      g.last = Math.max(g.last, t.last);
      g.ev.push(...t.samples);
    }
    const groups = [...products.entries()].sort((a, b) => b[1].count - a[1].count);
    const [, usual] = groups[0]!;
    if (usual.count / p.requests < USUAL_SHARE) return;
    const middleware = ['middleware', 'core', 'agent'].includes(p.identity?.class ?? '');
    const severity: Severity = middleware ? 'high' : 'medium';
    for (const [product, other] of groups.slice(1)) {
      if (other.count / p.requests > RARE_SHARE) continue;
      const base: Omit<Anomaly, 'count' | 'firstSeen' | 'lastSeen' | 'evidence'> = {
        kind: 'unexpected-user-agent',
        principal: p.username,
        severity,
        message: `${other.count} request(s) from user agent "${other.values[0]!}", unlike the usual "${usual.values[0]!}" (${usual.count} of ${p.requests})`,
      };
      if (p.identity?.component !== undefined) base.component = p.identity.component;
      const evidence = other.ev.sort((a, b) => a.time.localeCompare(b.time)).slice(0, 5);
      this.detector.report(product, base, evidence, other.first, other.count, other.last);
    }
  }
}
