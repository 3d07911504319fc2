import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AuditRecord } from '../types.ts';
import { normalizeValue, type RecordSink } from './detect.ts';
import { objectRefFromResourceName, parseMethodName } from './gke.ts';
import { objectRefFromURI } from './request-uri.ts';
import { timeMsOf } from './util.ts';

function collect(value: unknown): { records: AuditRecord[]; stages: number; other: number; malformed: string[] } {
  const out = { records: [] as AuditRecord[], stages: 0, other: 0, malformed: [] as string[] };
  const sink: RecordSink = {
    record: (r) => out.records.push(r),
    skippedStage: () => out.stages++,
    other: () => out.other++,
    malformed: (_line, reason) => out.malformed.push(reason),
  };
  normalizeValue(value, { file: 'x', line: 1 }, sink);
  return out;
}

const EVENT = {
  kind: 'Event',
  apiVersion: 'audit.k8s.io/v1',
  level: 'Metadata',
  auditID: 'id-1',
  stage: 'ResponseComplete',
  requestURI: '/api/v1/namespaces/payments/secrets/db',
  verb: 'get',
  user: { username: 'system:serviceaccount:ci:runner', groups: ['system:serviceaccounts'] },
  sourceIPs: ['10.0.0.7', '10.0.0.1'],
  userAgent: 'kubectl/v1.33.1',
  objectRef: { resource: 'secrets', namespace: 'payments', name: 'db', apiVersion: 'v1' },
  responseStatus: { metadata: {}, code: 403 },
  requestReceivedTimestamp: '2026-11-17T07:00:00.123456Z',
  stageTimestamp: '2026-11-17T07:00:00.200000Z',
  annotations: {},
};

describe('request paths without objectRef (requestinfo.go)', () => {
  const cases: [string, Record<string, string> | undefined][] = [
    [
      '/api/v1/namespaces/ns1/pods/p1/exec?command=sh',
      { apiGroup: '', resource: 'pods', namespace: 'ns1', name: 'p1', subresource: 'exec' },
    ],
    [
      '/apis/apps/v1/namespaces/ns1/deployments',
      { apiGroup: 'apps', resource: 'deployments', namespace: 'ns1', name: '' },
    ],
    ['/api/v1/namespaces/ns1', { resource: 'namespaces', namespace: 'ns1', name: 'ns1' }],
    ['/api/v1/namespaces/ns1/status', { resource: 'namespaces', namespace: 'ns1', name: 'ns1', subresource: 'status' }],
    ['/api/v1/namespaces/ns1/finalize', { resource: 'namespaces', name: 'ns1', subresource: 'finalize' }],
    ['/api/v1/watch/namespaces/ns1/pods', { resource: 'pods', namespace: 'ns1' }],
    [
      '/apis/rbac.authorization.k8s.io/v1/clusterroles/admin',
      { apiGroup: 'rbac.authorization.k8s.io', resource: 'clusterroles', name: 'admin', namespace: '' },
    ],
    ['/healthz', undefined],
    ['/apis/apps/v1', undefined],
    ['/api', undefined],
  ];
  for (const [uri, want] of cases) {
    it(uri, () => {
      const got = objectRefFromURI(uri);
      if (want === undefined) return assert.equal(got, undefined);
      assert.ok(got);
      for (const [k, v] of Object.entries(want)) assert.equal(got[k as keyof typeof got], v, k);
    });
  }
});

describe('GKE method and resource names', () => {
  it('parses verb, group, resource and subresource; shortened groups are resolved from resourceName', () => {
    assert.deepEqual(parseMethodName('io.k8s.core.v1.pods.exec.create'), {
      verb: 'create',
      group: '',
      version: 'v1',
      resource: 'pods',
      subresource: 'exec',
    });
    assert.deepEqual(parseMethodName('io.k8s.get'), { verb: 'get' });
    assert.equal(parseMethodName('google.container.v1.ClusterManager.UpdateCluster'), undefined);
    const m = parseMethodName('io.k8s.rbac.authorization.v1.clusterrolebindings.create')!;
    assert.equal(m.group, 'rbac.authorization');
    const ref = objectRefFromResourceName('rbac.authorization.k8s.io/v1/clusterrolebindings/debug', m)!;
    assert.equal(ref.apiGroup, 'rbac.authorization.k8s.io');
    assert.equal(ref.name, 'debug');
    // Without a resourceName, the well-known table gives the real group.
    assert.equal(objectRefFromResourceName('', m)!.apiGroup, 'rbac.authorization.k8s.io');
  });

  it('reads namespaces, names and subresources from resourceName', () => {
    const exec = objectRefFromResourceName(
      'core/v1/namespaces/ml/pods/nb/exec',
      parseMethodName('io.k8s.core.v1.pods.exec.create')!,
    )!;
    assert.deepEqual(
      { ns: exec.namespace, name: exec.name, sub: exec.subresource },
      { ns: 'ml', name: 'nb', sub: 'exec' },
    );
    const ns = objectRefFromResourceName('core/v1/namespaces/ml', parseMethodName('io.k8s.core.v1.namespaces.get')!)!;
    assert.deepEqual({ ns: ns.namespace, name: ns.name }, { ns: 'ml', name: 'ml' });
    const list = objectRefFromResourceName(
      'apps/v1/namespaces/a/deployments',
      parseMethodName('io.k8s.apps.v1.deployments.list')!,
    )!;
    assert.deepEqual({ g: list.apiGroup, ns: list.namespace, name: list.name }, { g: 'apps', ns: 'a', name: '' });
  });
});

describe('normalizeValue', () => {
  it('turns a native Event into a record; a 403 without the annotation is a denial', () => {
    const { records } = collect(EVENT);
    assert.equal(records.length, 1);
    const r = records[0]!;
    assert.equal(r.decision, 'forbid');
    assert.equal(r.code, 403);
    assert.deepEqual(r.sourceIPs, ['10.0.0.7', '10.0.0.1']);
    assert.equal(r.timeMs, Date.parse('2026-11-17T07:00:00.123Z'));
    assert.equal(r.objectRef?.name, 'db');
  });

  it('prefers the authorization annotation over the status: a 403 from admission is still an allowed request', () => {
    const r = collect({ ...EVENT, annotations: { 'authorization.k8s.io/decision': 'allow' } }).records[0]!;
    assert.equal(r.decision, 'allow');
    const unknown = collect({ ...EVENT, responseStatus: { code: 404 } }).records[0]!;
    assert.equal(unknown.decision, 'unknown');
  });

  it('counts a request once: other stages are skipped, Panic counts', () => {
    for (const stage of ['RequestReceived', 'ResponseStarted']) {
      const r = collect({ ...EVENT, stage });
      assert.deepEqual([r.records.length, r.stages], [0, 1], stage);
    }
    assert.equal(collect({ ...EVENT, stage: 'Panic' }).records.length, 1);
  });

  it('attributes impersonated requests and reads the bound pod from user.extra', () => {
    const r = collect({
      ...EVENT,
      user: { username: 'alice', extra: { 'authentication.kubernetes.io/pod-name': ['p-1'] } },
      impersonatedUser: { username: 'system:serviceaccount:a:b', groups: ['g'] },
    }).records[0]!;
    assert.equal(r.impersonatedUser?.username, 'system:serviceaccount:a:b');
    assert.equal(r.podName, 'p-1');
  });

  it('reports events without a user or verb as malformed, and unknown objects as other', () => {
    assert.equal(collect({ ...EVENT, user: {} }).malformed.length, 1);
    assert.equal(collect({ ...EVENT, verb: 3 }).malformed.length, 1);
    assert.equal(collect({ hello: 'world' }).other, 1);
    assert.equal(collect('text').malformed.length, 1);
  });

  it('unwraps CloudWatch, Firehose, Azure and EventList envelopes to the same Event', () => {
    const message = JSON.stringify(EVENT);
    const wrapped: [unknown, string][] = [
      [{ timestamp: 1, message, logStreamName: 's', eventId: '1' }, 'eks-cloudwatch'],
      [{ messageType: 'DATA_MESSAGE', logEvents: [{ id: '1', timestamp: 1, message }] }, 'eks-firehose'],
      [
        { time: 't', category: 'kube-audit-admin', properties: { log: `${message}\n`, stream: 'stdout' } },
        'aks-diagnostics',
      ],
      [{ Category: 'kube-audit', log_s: message, TimeGenerated: 't' }, 'aks-azure-diagnostics'],
      [{ kind: 'EventList', items: [EVENT] }, 'k8s-event'],
      [{ records: [{ category: 'kube-audit', properties: JSON.stringify({ log: message }) }] }, 'aks-diagnostics'],
    ];
    for (const [value, format] of wrapped) {
      const { records } = collect(value);
      assert.equal(records.length, 1, format);
      assert.equal(records[0]!.format, format);
      assert.equal(records[0]!.auditID, 'id-1');
    }
  });

  it('skips control messages, other diagnostic categories, plain-text log lines and other Google services', () => {
    assert.equal(collect({ messageType: 'CONTROL_MESSAGE', logEvents: [{ message: 'CWL CONTROL MESSAGE' }] }).other, 1);
    assert.equal(collect({ category: 'kube-apiserver', properties: { log: 'I1117 …' } }).other, 1);
    assert.equal(collect({ timestamp: 1, message: 'level=info msg="access granted"' }).other, 1);
    assert.equal(collect({ protoPayload: { serviceName: 'container.googleapis.com', methodName: 'x' } }).other, 1);
    assert.equal(collect({ timestamp: 1, message: '{"verb":' }).malformed.length, 1);
  });

  it('rebuilds Log Analytics rows whose dynamic columns are JSON text', () => {
    const row = {
      AuditId: 'id-2',
      Verb: 'list',
      Stage: 'ResponseComplete',
      RequestUri: '/api/v1/pods',
      User: JSON.stringify({ username: 'u', groups: ['g'] }),
      SourceIps: '["1.2.3.4"]',
      ObjectRef: '{"resource":"pods","apiVersion":"v1"}',
      ResponseStatus: '{"code":200}',
      Annotations: '{"authorization.k8s.io/decision":"allow"}',
      RequestReceivedTime: '2026-11-17T12:00:00Z',
    };
    const r = collect(row).records[0]!;
    assert.equal(r.format, 'aks-log-analytics');
    assert.deepEqual(
      [r.user.groups, r.sourceIPs, r.objectRef?.resource, r.decision],
      [['g'], ['1.2.3.4'], 'pods', 'allow'],
    );
  });

  it('maps GKE entries: status codes, denial labels, non-resource paths, and the start of long-running requests', () => {
    const entry = (extra: Record<string, unknown>, payload: Record<string, unknown> = {}): unknown => ({
      insertId: 'i',
      timestamp: '2026-11-16T14:00:00Z',
      operation: { id: 'op', first: true, last: true },
      protoPayload: {
        serviceName: 'k8s.io',
        methodName: 'io.k8s.core.v1.secrets.list',
        resourceName: 'core/v1/namespaces/ml/secrets',
        authenticationInfo: { principalEmail: 'system:serviceaccount:kube-system:x' },
        requestMetadata: { callerIp: '10.1.1.1', callerSuppliedUserAgent: 'ua' },
        status: { code: 7, message: 'PERMISSION_DENIED' },
        ...payload,
      },
      ...extra,
    });
    const denied = collect(entry({})).records[0]!;
    assert.deepEqual(
      [denied.code, denied.decision, denied.auditID, denied.objectRef?.namespace],
      [403, 'forbid', 'op', 'ml'],
    );
    const ok = collect(entry({ labels: { 'authorization.k8s.io/decision': 'allow' } }, { status: {} })).records[0]!;
    assert.deepEqual([ok.code, ok.decision], [200, 'allow']);
    const path = collect(entry({}, { methodName: 'io.k8s.get', resourceName: 'readyz', status: {} })).records[0]!;
    assert.deepEqual([path.objectRef, path.requestURI, path.verb], [undefined, '/readyz', 'get']);
    assert.equal(collect(entry({ operation: { id: 'op', first: true, last: false } })).stages, 1);
  });
});

describe('timestamps', () => {
  it('reads audit timestamps exactly as Date.parse does, and refuses impossible ones', () => {
    for (const t of [
      '2026-11-17T07:00:03.123456Z',
      '2026-11-17T07:00:03Z',
      '2026-11-17T12:03:41.0000000Z',
      '2026-11-17T07:00:03.1Z',
      '2026-11-17T07:00:03+02:00',
      '2024-02-29T23:59:59.999Z',
    ]) {
      assert.equal(timeMsOf(t), Date.parse(t), t);
    }
    assert.ok(Number.isNaN(timeMsOf('2026-13-40T07:00:03Z')));
    assert.ok(Number.isNaN(timeMsOf('')));
    assert.equal(timeMsOf(1794898803123), 1794898803123);
  });
});
