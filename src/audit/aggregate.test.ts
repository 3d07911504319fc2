import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCidr } from '../network/cidr.ts';
import type { PolicyRule } from '../rbac/types.ts';
import { AuditAggregator } from './aggregate.ts';
import { userAgentProduct } from './anomalies.ts';
import {
  emptyContext,
  type AuditContext,
  type ConfigMapConsumers,
  type IdentityInfo,
  type WorkloadInfo,
} from './context.ts';
import { EXPECTED_WRITERS, isExpectedWriter } from './expected-writers.ts';
import type { AuditObjectRef, AuditRecord } from './types.ts';

const T0 = Date.parse('2026-11-17T07:00:00Z');
let seq = 0;

function rec(over: Partial<AuditRecord> & { ref?: Partial<AuditObjectRef> } = {}): AuditRecord {
  const { ref, ...rest } = over;
  const timeMs = rest.timeMs ?? T0;
  const r: AuditRecord = {
    auditID: `id-${++seq}`,
    time: new Date(timeMs).toISOString(),
    timeMs,
    stage: 'ResponseComplete',
    level: 'Metadata',
    verb: 'get',
    user: { username: 'system:serviceaccount:ns:sa', groups: [] },
    sourceIPs: ['10.0.0.1'],
    userAgent: 'agent/1.0',
    requestURI: '/api/v1/namespaces/ns/pods/p',
    decision: 'allow',
    format: 'k8s-event',
    source: { file: 'f', line: seq },
    ...rest,
  };
  if ('objectRef' in over && over.objectRef === undefined) delete r.objectRef;
  if (!('objectRef' in over)) {
    r.objectRef = {
      apiGroup: '',
      apiVersion: 'v1',
      resource: 'pods',
      subresource: '',
      namespace: 'ns',
      name: 'p',
      ...ref,
    };
  }
  return r;
}

describe('AuditAggregator', () => {
  it('keeps memory bounded: names, access entries, user agents and principals are capped and counted', () => {
    const agg = new AuditAggregator({ maxNames: 3, maxAccessEntries: 4, maxUserAgents: 2, maxPrincipals: 2 });
    for (let i = 0; i < 10_000; i++) {
      agg.add(
        rec({
          ref: { name: `pod-${i % 50}`, namespace: `ns-${i % 7}` },
          userAgent: `agent-${i % 5}/1`,
          user: { username: `system:serviceaccount:ns:sa-${i % 3}`, groups: [] },
        }),
      );
    }
    const result = agg.finish();
    assert.equal(result.events, 10_000);
    assert.equal(result.principals.length, 2);
    assert.ok(result.principalsTruncated > 0);
    for (const p of result.principals) {
      assert.equal(p.access.length, 4);
      assert.ok(p.truncated.access > 0);
      assert.ok(p.access.every((e) => e.names.length === 3 && e.namesTruncated));
      assert.equal(p.userAgents.length, 2);
      assert.ok(p.truncated.userAgents > 0);
      // Counts stay exact for what is kept.
      assert.equal(p.requests, p.userAgents.reduce((n, u) => n + u.count, 0) + p.truncated.userAgents);
    }
  });

  it('splits allowed from denied requests of the same kind, and names from unnamed requests', () => {
    const agg = new AuditAggregator();
    agg.add(rec({ verb: 'list', ref: { name: '' } }));
    agg.add(rec({ verb: 'get', ref: { name: 'a' } }));
    agg.add(rec({ verb: 'get', ref: { name: 'b' }, decision: 'forbid', code: 403 }));
    agg.add(rec({ verb: 'get', objectRef: undefined, requestURI: '/healthz?verbose' }));
    const p = agg.finish().principals[0]!;
    assert.deepEqual(
      p.access.map((e) => [e.outcome, e.verb, e.nonResourceURL ?? e.resource, e.names, e.unnamed]),
      [
        ['allowed', 'get', '/healthz', [], 1],
        ['allowed', 'get', 'pods', ['a'], 0],
        ['allowed', 'list', 'pods', [], 1],
        ['denied', 'get', 'pods', ['b'], 0],
      ],
    );
    assert.equal(p.denied, 1);
  });

  it('attributes an impersonated request to the identity taken, and `impersonate` to the impersonator', () => {
    const agg = new AuditAggregator();
    agg.add(
      rec({
        user: { username: 'alice', groups: ['devs'] },
        impersonatedUser: { username: 'system:serviceaccount:kube-system:aws-node', groups: ['system:masters'] },
      }),
    );
    const { principals } = agg.finish();
    const target = principals.find((p) => p.username === 'system:serviceaccount:kube-system:aws-node')!;
    const alice = principals.find((p) => p.username === 'alice')!;
    assert.deepEqual(
      target.impersonatedBy.map((v) => v.value),
      ['alice'],
    );
    assert.equal(target.access[0]!.resource, 'pods');
    assert.deepEqual(
      alice.access.map((e) => [e.verb, e.resource, e.namespace, e.names]),
      [
        ['impersonate', 'groups', '', ['system:masters']],
        ['impersonate', 'serviceaccounts', 'kube-system', ['aws-node']],
      ],
    );
  });
});

describe('denied-request bursts', () => {
  const deny = (ms: number, who = 'system:serviceaccount:ns:sa'): AuditRecord =>
    rec({ timeMs: T0 + ms, decision: 'forbid', code: 403, user: { username: who, groups: [] } });

  it('needs N denials within the window', () => {
    const agg = new AuditAggregator({ denialBurst: { count: 5, windowMs: 10_000 } });
    for (let i = 0; i < 4; i++) agg.add(deny(i * 1000));
    for (let i = 0; i < 10; i++) agg.add(deny(60_000 + i * 5000)); // 5 denials span 20 s: too slow
    assert.deepEqual(agg.finish().anomalies, []);
  });

  it('reports one anomaly per burst with every denial counted, and a new one for a later burst', () => {
    const agg = new AuditAggregator({ denialBurst: { count: 5, windowMs: 10_000 } });
    for (let i = 0; i < 8; i++) agg.add(deny(i * 1000));
    for (let i = 0; i < 5; i++) agg.add(deny(600_000 + i * 500));
    agg.add(deny(0, 'someone-else'));
    const bursts = agg.finish().anomalies.filter((a) => a.kind === 'denied-burst');
    assert.deepEqual(
      bursts.map((b) => [b.count, b.firstSeen, b.lastSeen]),
      [
        [8, new Date(T0).toISOString(), new Date(T0 + 7000).toISOString()],
        [5, new Date(T0 + 600_000).toISOString(), new Date(T0 + 602_000).toISOString()],
      ],
    );
    assert.equal(bursts[0]!.evidence.length, 5);
    assert.equal(bursts[0]!.severity, 'high');
  });
});

describe('user-agent anomalies', () => {
  it('flag a rare client next to a dominant one, not shared clients nor small samples', () => {
    const run = (counts: Record<string, number>): string[] => {
      const agg = new AuditAggregator();
      let t = 0;
      for (const [ua, n] of Object.entries(counts))
        for (let i = 0; i < n; i++) agg.add(rec({ userAgent: ua, timeMs: T0 + t++ }));
      return agg.finish().anomalies.map((a) => a.message);
    };
    assert.equal(run({ 'fluent-bit/3.2.10': 40, 'kubectl/v1.33.1 (darwin/arm64) kubernetes/x': 3 }).length, 1);
    // Version changes are the same client.
    assert.deepEqual(run({ 'fluent-bit/3.2.10': 40, 'fluent-bit/3.2.11': 3 }), []);
    // Two containers sharing the account, each with a good share.
    assert.deepEqual(run({ 'aws-k8s-agent/v1 (linux)': 30, 'aws-network-policy-agent/v1': 12 }), []);
    assert.deepEqual(run({ a: 5, b: 1 }), []);
  });

  it('names the client product without version or platform', () => {
    assert.equal(userAgentProduct('kubectl/v1.33.1 (darwin/arm64) kubernetes/8adc0f0'), 'kubectl');
    assert.equal(userAgentProduct('Go-http-client/2.0'), 'Go-http-client');
    assert.equal(userAgentProduct('curl'), 'curl');
    assert.equal(userAgentProduct(''), '(none)');
  });
});

describe('request anomalies without a cluster model', () => {
  it('exec, token requests for other accounts, and RBAC or webhook writes; control-plane writers are expected', () => {
    const agg = new AuditAggregator();
    agg.add(rec({ verb: 'create', ref: { subresource: 'exec' } }));
    agg.add(rec({ verb: 'create', ref: { resource: 'serviceaccounts', subresource: 'token', name: 'other' } }));
    agg.add(
      rec({ verb: 'create', ref: { resource: 'serviceaccounts', subresource: 'token', namespace: 'ns', name: 'sa' } }),
    );
    agg.add(
      rec({
        verb: 'patch',
        ref: {
          apiGroup: 'admissionregistration.k8s.io',
          resource: 'mutatingwebhookconfigurations',
          namespace: '',
          name: 'w',
        },
      }),
    );
    agg.add(
      rec({
        verb: 'get',
        ref: { apiGroup: 'rbac.authorization.k8s.io', resource: 'clusterroles', namespace: '', name: 'r' },
      }),
    );
    agg.add(
      rec({
        verb: 'update',
        user: { username: 'system:serviceaccount:kube-system:clusterrole-aggregation-controller', groups: [] },
        ref: { apiGroup: 'rbac.authorization.k8s.io', resource: 'clusterroles', namespace: '', name: 'admin' },
      }),
    );
    agg.add(
      rec({
        verb: 'create',
        user: { username: 'system:node:n1', groups: ['system:nodes'] },
        ref: { resource: 'serviceaccounts', subresource: 'token', name: 'x' },
      }),
    );
    agg.add(rec({ verb: 'list', ref: { resource: 'secrets', namespace: 'other', name: '' } }));
    assert.deepEqual(
      agg
        .finish()
        .anomalies.map((a) => `${a.kind} ${a.severity}`)
        .sort(),
      ['pod-exec high', 'secret-read-cross-namespace medium', 'sensitive-write high', 'token-request-other-sa high'],
    );
  });
});

describe('expected writers (data)', () => {
  it('are service-account usernames with a reason and a source', () => {
    for (const w of EXPECTED_WRITERS) {
      assert.match(w.username, /^system:serviceaccount:kube-system:[a-z0-9-]+$/);
      assert.ok(w.why.length > 10);
      assert.match(w.source, /^(https:\/\/|[\w.-]+\/[\w.-]+:)/);
      assert.ok(w.resources.length > 0);
    }
    assert.ok(
      isExpectedWriter(
        'system:serviceaccount:kube-system:clusterrole-aggregation-controller',
        'rbac.authorization.k8s.io',
        'clusterroles',
      ),
    );
    assert.ok(
      !isExpectedWriter(
        'system:serviceaccount:kube-system:clusterrole-aggregation-controller',
        'rbac.authorization.k8s.io',
        'clusterrolebindings',
      ),
    );
  });
});

describe('request anomalies with cluster knowledge', () => {
  const ctx = (podCidrsKnown: boolean): AuditContext => {
    const c = emptyContext();
    const sa = 'system:serviceaccount:kube-system:agent';
    (c.identities as Map<string, IdentityInfo>).set(sa, {
      username: sa,
      namespace: 'kube-system',
      name: 'agent',
      workloads: [
        { ref: 'DaemonSet/kube-system/agent', namespace: 'kube-system', class: 'middleware', component: 'eks/agent' },
        { ref: 'DaemonSet/kube-system/lookalike', namespace: 'kube-system', class: 'workload' },
      ],
      component: 'eks/agent',
      class: 'middleware',
      components: ['eks/agent'],
    });
    (c.pods as Map<string, WorkloadInfo>).set('kube-system/agent-x1', c.identities.get(sa)!.workloads[0]!);
    (c.pods as Map<string, WorkloadInfo>).set('kube-system/lookalike-y2', c.identities.get(sa)!.workloads[1]!);
    c.networks.ips.add('10.0.0.5');
    c.networks.cidrs.push(parseCidr('10.244.1.0/24')!);
    c.networks.podCidrsKnown = podCidrsKnown;
    (c.middlewareConfigMaps as Map<string, ConfigMapConsumers>).set('kube-system/agent-config', {
      components: ['eks/agent'],
      workloads: ['DaemonSet/kube-system/agent'],
    });
    (c.shippedRules as Map<string, PolicyRule[]>).set('eks/agent', [
      { verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: [], nonResourceURLs: [] },
    ]);
    return c;
  };
  const agent = { username: 'system:serviceaccount:kube-system:agent', groups: [] };

  it('tells known, unknown private and public source addresses apart', () => {
    const kinds = (known: boolean): string[] => {
      const agg = new AuditAggregator({ context: ctx(known) });
      for (const ip of ['10.0.0.5', '10.244.1.17', '10.9.9.9', '198.51.100.4'])
        agg.add(rec({ user: agent, sourceIPs: [ip] }));
      return agg.finish().anomalies.map((a) => `${a.severity} ${a.message.split(' ').pop() ?? ''}`);
    };
    assert.deepEqual(kinds(true).sort(), ['high cluster', 'medium addresses']);
    // Without pod CIDRs (pods on VPC addresses) an unknown private address proves nothing.
    assert.deepEqual(kinds(false), ['high cluster']);
  });

  it('flags a middleware token bound to a pod of another workload, not to its own', () => {
    const agg = new AuditAggregator({ context: ctx(true) });
    agg.add(rec({ user: agent, sourceIPs: ['10.0.0.5'], podName: 'agent-x1' }));
    agg.add(rec({ user: agent, sourceIPs: ['10.0.0.5'], podName: 'lookalike-y2' }));
    agg.add(rec({ user: agent, sourceIPs: ['10.0.0.5'], podName: 'not-in-model' }));
    const found = agg.finish().anomalies;
    assert.deepEqual(
      found.map((a) => [a.kind, a.severity, a.count]),
      [['unexpected-workload', 'high', 1]],
    );
    assert.match(found[0]!.message, /DaemonSet\/kube-system\/lookalike/);
  });

  it('flags writes to middleware config maps by others only, and lowers what the shipped role allows', () => {
    const agg = new AuditAggregator({ context: ctx(true) });
    const cm = { resource: 'configmaps', namespace: 'kube-system', name: 'agent-config' };
    agg.add(rec({ user: agent, sourceIPs: ['10.0.0.5'], verb: 'update', ref: cm }));
    agg.add(
      rec({
        user: { username: 'system:serviceaccount:ops:sync', groups: [] },
        sourceIPs: ['10.0.0.5'],
        verb: 'patch',
        ref: cm,
      }),
    );
    agg.add(
      rec({
        user: agent,
        sourceIPs: ['10.0.0.5'],
        verb: 'get',
        ref: { resource: 'secrets', namespace: 'other', name: 's' },
      }),
    );
    const found = agg.finish().anomalies;
    assert.deepEqual(
      found.map((a) => [a.kind, a.principal, a.severity]),
      [
        ['middleware-config-write', 'system:serviceaccount:ops:sync', 'high'],
        ['secret-read-cross-namespace', 'system:serviceaccount:kube-system:agent', 'medium'],
      ],
    );
    assert.match(found[1]!.note ?? '', /ships with allows/);
  });
});
