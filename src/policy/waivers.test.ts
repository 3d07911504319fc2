import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findCheck } from '../checks/index.ts';
import { runChecks } from '../checks/run.ts';
import type { Finding } from '../checks/types.ts';
import { parseConfigText } from '../config/load.ts';
import { buildModel } from '../model/build.ts';
import { applyWaivers, globToRegExp, isExpired, isIsoDate, waiverMatches, type Waiver } from './waivers.ts';

function finding(over: Partial<Finding> & { kind?: string; ns?: string; name?: string } = {}): Finding {
  const { kind = 'DaemonSet', ns = 'kube-system', name = 'aws-node', ...rest } = over;
  const resource = ns === '' ? { apiVersion: 'v1', kind, name } : { apiVersion: 'apps/v1', kind, namespace: ns, name };
  return {
    checkId: 'privileged-container',
    severity: 'critical',
    resource,
    origin: {},
    path: 'spec.template.spec.containers[0].securityContext.privileged',
    message: 'm',
    status: 'open',
    fingerprint: `${kind}/${ns}/${name}`,
    component: { class: 'middleware', provider: 'eks', component: 'aws-node' },
    ...rest,
  };
}

let n = 0;
function waiver(over: Partial<Waiver> = {}): Waiver {
  n++;
  return {
    check: 'privileged-container',
    match: {},
    justification: 'VPC CNI needs privileged to program the host network',
    owner: 'platform@example.com',
    expires: '2027-03-31',
    index: n,
    origin: { file: 'kubeseam.yaml', line: n * 6, column: 5 },
    ...over,
  };
}

const ASOF = { asOf: new Date('2026-06-01T12:00:00Z') };

describe('waiver matching', () => {
  it('matches on check, namespace, kind, name glob and component', () => {
    const f = finding();
    assert.ok(waiverMatches(waiver(), f));
    assert.ok(waiverMatches(waiver({ check: '*', match: { namespace: 'kube-system' } }), f));
    assert.ok(
      waiverMatches(
        waiver({ match: { namespace: 'kube-*', kind: 'DaemonSet', name: 'aws-node*', component: 'eks/aws-node' } }),
        f,
      ),
    );
    assert.ok(waiverMatches(waiver({ match: { component: 'aws-node' } }), f));
    assert.ok(!waiverMatches(waiver({ check: 'host-pid' }), f));
    assert.ok(!waiverMatches(waiver({ match: { kind: 'Deployment' } }), f));
    assert.ok(!waiverMatches(waiver({ match: { kind: 'daemonset' } }), f), 'kind is exact');
    assert.ok(!waiverMatches(waiver({ match: { name: 'aws' } }), f), 'globs match whole names');
    assert.ok(!waiverMatches(waiver({ match: { component: 'aks/aws-node' } }), f));
    assert.ok(
      !waiverMatches(waiver({ match: { component: 'aws-node' } }), finding({ component: { class: 'workload' } })),
    );
  });

  it('a namespace never matches a cluster-scoped resource', () => {
    const crb = finding({ kind: 'ClusterRoleBinding', ns: '', name: 'ci-admin', checkId: 'cluster-admin-binding' });
    assert.ok(!waiverMatches(waiver({ check: 'cluster-admin-binding', match: { namespace: '*' } }), crb));
    assert.ok(waiverMatches(waiver({ check: 'cluster-admin-binding', match: { name: 'ci-*' } }), crb));
  });

  it('globs treat regex characters literally', () => {
    assert.ok(globToRegExp('a.b*').test('a.bc'));
    assert.ok(!globToRegExp('a.b*').test('axbc'));
    assert.ok(globToRegExp('node-?').test('node-1'));
    assert.ok(!globToRegExp('node-?').test('node-12'));
    assert.ok(globToRegExp('(x)[y]+').test('(x)[y]+'));
  });
});

describe('dates', () => {
  it('accepts only real calendar days', () => {
    assert.ok(isIsoDate('2027-03-31'));
    assert.ok(isIsoDate('2028-02-29'));
    assert.ok(!isIsoDate('2027-02-29'));
    assert.ok(!isIsoDate('2027-13-01'));
    assert.ok(!isIsoDate('2027-3-31'));
    assert.ok(!isIsoDate('31/03/2027'));
  });

  it('a waiver holds through its expiry day (UTC) and lapses the day after', () => {
    const w = { expires: '2027-03-31' };
    assert.equal(isExpired(w, new Date('2027-03-31T23:59:59Z')), false);
    assert.equal(isExpired(w, new Date('2027-04-01T00:00:00Z')), true);
  });
});

describe('applyWaivers', () => {
  it('waives matching findings, keeps others open, and does not modify its input', () => {
    const fs = [finding(), finding({ ns: 'web', name: 'api', component: { class: 'workload' } })];
    const w = waiver({ match: { namespace: 'kube-system' } });
    const r = applyWaivers(fs, [w], ASOF);
    assert.equal(r.findings[0]!.status, 'waived');
    assert.deepEqual(r.findings[0]!.waiver, { justification: w.justification, owner: w.owner, expires: w.expires });
    assert.equal(r.findings[1]!.status, 'open');
    assert.equal(r.findings[1]!.waiver, undefined);
    assert.equal(fs[0]!.status, 'open', 'input untouched');
    assert.deepEqual(r.stale, []);
    assert.deepEqual(r.expired, []);
  });

  it('an expired waiver turns its findings into waiver-expired and is listed as expired, not stale', () => {
    const w = waiver({ expires: '2026-05-31' });
    const r = applyWaivers([finding()], [w], ASOF);
    assert.equal(r.findings[0]!.status, 'waiver-expired');
    assert.equal(r.findings[0]!.waiver?.expires, '2026-05-31');
    assert.deepEqual(r.expired, [w]);
    assert.deepEqual(r.stale, []);
  });

  it('a waiver in force wins over an expired one that also matches', () => {
    const old = waiver({ expires: '2025-01-01' });
    const current = waiver({ expires: '2027-01-01', justification: 'renewed: VPC CNI still needs privileged mode' });
    const r = applyWaivers([finding()], [old, current], ASOF);
    assert.equal(r.findings[0]!.status, 'waived');
    assert.equal(r.findings[0]!.waiver?.expires, '2027-01-01');
    assert.deepEqual(r.expired, [old]);
  });

  it('the first matching waiver in force is the one recorded; later matching ones are redundant, not stale', () => {
    const a = waiver({ match: { name: 'aws-*' }, owner: 'a-team' });
    const b = waiver({ match: { kind: 'DaemonSet' }, owner: 'b-team' });
    const r = applyWaivers([finding()], [a, b], ASOF);
    assert.equal(r.findings[0]!.waiver?.owner, 'a-team');
    assert.deepEqual(r.stale, []);
  });

  it('reports waivers that match nothing as stale, with their origin', () => {
    const w = waiver({ check: 'host-pid', match: { name: 'gone' } });
    const r = applyWaivers([finding()], [waiver(), w], ASOF);
    assert.equal(r.stale.length, 1);
    assert.equal(r.stale[0]!.waiver, w);
    assert.equal(r.stale[0]!.waiver.origin.file, 'kubeseam.yaml');
    assert.ok(r.stale[0]!.waiver.origin.line !== undefined);
    assert.match(r.stale[0]!.reason, /matched no finding/);
  });

  it('rejects an invalid evaluation date', () => {
    assert.throws(() => applyWaivers([], [], { asOf: new Date('nope') }), RangeError);
  });
});

describe('waivers from kubeseam.yaml over real check findings', () => {
  it('waives the catalogued exception, keeps the rest open, and reports a stale waiver at its line', () => {
    const config = parseConfigText(
      `apiVersion: kubeseam.dev/v1
kind: Config
waivers:
  - check: privileged-container
    match: { namespace: kube-system, kind: DaemonSet, name: 'aws-node*' }
    justification: VPC CNI needs privileged to program the host network
    owner: platform-team@example.com
    expires: 2027-03-31
  - check: host-pid
    match: { name: retired-agent }
    justification: Old monitoring agent needed host PIDs until its removal
    owner: sre@example.com
    expires: 2027-03-31
`,
      'kubeseam.yaml',
    );
    const ds = (ns: string, name: string) => ({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name, namespace: ns },
      spec: {
        template: { spec: { containers: [{ name: 'c', image: 'c:1', securityContext: { privileged: true } }] } },
      },
    });
    const model = buildModel({
      objects: [ds('kube-system', 'aws-node'), ds('web', 'aws-node-copy')].map((object) => ({
        object,
        origin: { file: 'm.yaml' },
      })),
      sourceKind: 'files',
    });
    const { findings } = runChecks(model, [findCheck('privileged-container')!, findCheck('host-pid')!]);
    const r = applyWaivers(findings, config.waivers, { asOf: new Date('2026-06-01T00:00:00Z') });
    const status = Object.fromEntries(r.findings.map((f) => [`${f.resource.namespace}/${f.resource.name}`, f.status]));
    assert.deepEqual(status, { 'kube-system/aws-node': 'waived', 'web/aws-node-copy': 'open' });
    assert.deepEqual(
      r.stale.map((s) => [s.waiver.check, s.waiver.origin.line]),
      [['host-pid', 9]],
    );
    const later = applyWaivers(findings, config.waivers, { asOf: new Date('2027-04-01T00:00:00Z') });
    assert.equal(later.findings.find((f) => f.resource.namespace === 'kube-system')?.status, 'waiver-expired');
  });
});
