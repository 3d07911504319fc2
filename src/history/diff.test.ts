import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ScanResult } from '../result.ts';
import { diffImages, diffPrivileges, diffScans, imageRepository } from './diff.ts';
import { fixtureScan } from './fixtures.ts';

const a = fixtureScan('a');
const b = fixtureScan('b');

describe('diffScans', () => {
  const d = diffScans(a, b);

  it('reports the cluster version change', () => {
    assert.deepEqual(d.cluster, { version: { from: 'v1.29.3-eks-ae9a62a', to: 'v1.30.0-eks-036c24b' } });
  });

  it('reports added and removed components with what an added one holds', () => {
    assert.deepEqual(
      d.components.added.map((c) => c.key),
      ['DaemonSet/default/node-debugger'],
    );
    assert.deepEqual(
      d.components.removed.map((c) => c.key),
      ['Deployment/kube-system/coredns'],
    );
    const dbg = d.components.added[0]!;
    assert.deepEqual(
      dbg.privileges.filter((p) => p.escalation).map((p) => `${p.kind}:${p.change}:${p.detail}`),
      [
        'privileged:added:shell',
        'hostPID:added:hostPID',
        'hostPath:added:/',
        'automountToken:added:service account token',
        'runsAsRoot:added:shell',
      ],
    );
  });

  it('reports image and privilege changes per component', () => {
    const aws = d.components.changed.find((c) => c.key === 'DaemonSet/kube-system/aws-node');
    assert.ok(aws);
    assert.deepEqual(aws.images, {
      added: [],
      removed: [],
      updated: [
        {
          from: '602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni:v1.16.0',
          to: '602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni:v1.18.1',
        },
      ],
    });
    assert.deepEqual(aws.privileges, [
      { kind: 'capability', change: 'added', detail: 'NET_RAW', container: 'aws-node', escalation: true },
      {
        kind: 'hostPath',
        change: 'writable',
        detail: '/var/log/aws-routed-eni',
        container: 'aws-node',
        escalation: true,
      },
    ]);
    const shop = d.components.changed.find((c) => c.key === 'Deployment/shop/checkout');
    assert.deepEqual(shop?.privileges, [
      { kind: 'automountToken', change: 'removed', detail: 'service account token', escalation: false },
    ]);
    // Unchanged components are not listed.
    assert.equal(d.components.changed.length, 2);
  });

  it('reports new, resolved, re-rated and re-statused findings by fingerprint', () => {
    assert.deepEqual(
      d.findings.new.map((f) => `${f.severity} ${f.checkId} ${f.resource.name}`),
      [
        'critical privileged-container node-debugger',
        'critical writable-host-path aws-node',
        'high host-pid node-debugger',
      ],
    );
    assert.deepEqual(
      d.findings.resolved.map((f) => `${f.checkId} ${f.resource.name}`),
      ['automount-token checkout'],
    );
    assert.deepEqual(
      d.findings.severityChanged.map((f) => `${f.checkId} ${f.fromSeverity}->${f.severity}`),
      ['writable-host-path high->critical'],
    );
    assert.deepEqual(
      d.findings.statusChanged.map((f) => `${f.resource.name} ${f.fromStatus}->${f.status}`),
      ['kube-proxy open->waived'],
    );
  });

  it('reports node and attack path changes from the optional sections', () => {
    assert.deepEqual(d.nodes?.added, ['ip-10-0-3-90']);
    assert.deepEqual(d.nodes?.removed, ['ip-10-0-3-41']);
    assert.deepEqual(
      d.nodes?.changed.map((c) => `${c.name} ${c.field} ${c.from ?? ''}->${c.to ?? ''}`),
      [
        'ip-10-0-1-17 kubeletVersion v1.29.3-eks-ae9a62a->v1.30.0-eks-036c24b',
        'ip-10-0-1-17 nodeImage ami-07c1a3d9f0->ami-0b1f8c2e5a',
      ],
    );
    assert.deepEqual(d.nodes?.kubeletVersions, {
      from: { 'v1.29.3-eks-ae9a62a': 3 },
      to: { 'v1.29.3-eks-ae9a62a': 2, 'v1.30.0-eks-036c24b': 1 },
    });
    assert.deepEqual(
      d.paths?.new.map((p) => p.key),
      ['sa:default/node-debugger->node'],
    );
    assert.deepEqual(d.paths?.resolved, []);
  });

  it('totals what changed and counts escalations', () => {
    assert.deepEqual(d.totals, {
      componentsAdded: 1,
      componentsRemoved: 1,
      componentsChanged: 2,
      privilegeEscalations: 7,
      findingsNew: 3,
      findingsResolved: 1,
      severityChanged: 1,
      pathsNew: 1,
    });
    assert.equal(d.empty, false);
  });

  it('finds nothing between a scan and itself, and mirrors when reversed', () => {
    const same = diffScans(a, fixtureScan('a'));
    assert.equal(same.empty, true);
    assert.equal(same.components.changed.length, 0);
    const back = diffScans(b, a);
    assert.deepEqual(
      back.components.added.map((c) => c.key),
      d.components.removed.map((c) => c.key),
    );
    assert.deepEqual(
      back.findings.resolved.map((f) => f.fingerprint).sort(),
      d.findings.new.map((f) => f.fingerprint).sort(),
    );
  });

  it('leaves nodes and paths out when neither scan has them', () => {
    const strip = (r: ScanResult): ScanResult => {
      const { nodes: _n, paths: _p, ...rest } = r;
      return rest as ScanResult;
    };
    const x = diffScans(strip(a), strip(b));
    assert.equal(x.nodes, undefined);
    assert.equal(x.paths, undefined);
  });

  it('copes with malformed results from files', () => {
    const junk = {
      scannedAt: 5,
      cluster: null,
      inventory: [null, { resource: 'x', privileges: { hostPaths: 'no', capabilities: [null] } }],
      findings: [{ fingerprint: 7 }, null, { fingerprint: 'f1', resource: null }],
      nodes: [{}, { metadata: { name: 'n1' }, status: { nodeInfo: { kubeletVersion: 'v1.30.1' } } }],
      paths: { paths: [{ id: 'p1' }, {}] },
    } as unknown as ScanResult;
    const x = diffScans(junk, b);
    assert.equal(x.findings.resolved.length, 1);
    assert.deepEqual(x.nodes?.removed, ['n1']);
    assert.deepEqual(x.paths?.resolved, [{ key: 'p1' }]);
    assert.doesNotThrow(() => diffScans({} as ScanResult, {} as ScanResult));
  });
});

describe('diffPrivileges', () => {
  it('tells a host path turning read-only and host namespaces turning off', () => {
    const mount = { path: '/var/lib/kubelet', container: 'c', mountPath: '/k', readOnly: false };
    assert.deepEqual(
      diffPrivileges(
        { hostPaths: [mount], hostNetwork: true, hostPorts: [10250] },
        { hostPaths: [{ ...mount, readOnly: true }], hostPorts: [10250, 9100] },
      ),
      [
        { kind: 'hostNetwork', change: 'removed', detail: 'hostNetwork', escalation: false },
        { kind: 'hostPath', change: 'read-only', detail: '/var/lib/kubelet', container: 'c', escalation: false },
        { kind: 'hostPort', change: 'added', detail: '9100', escalation: true },
      ],
    );
  });
});

describe('images', () => {
  it('takes the repository without tag or digest, keeping registry ports', () => {
    assert.equal(imageRepository('registry:5000/team/app:1.2@sha256:abc'), 'registry:5000/team/app');
    assert.equal(imageRepository('registry:5000/team/app'), 'registry:5000/team/app');
    assert.equal(imageRepository('busybox:1.36'), 'busybox');
  });

  it('pairs an old and new image only when the repository is unambiguous', () => {
    assert.deepEqual(diffImages(['a:1', 'b:1', 'b:2'], ['a:2', 'b:3']), {
      added: ['b:3'],
      removed: ['b:1', 'b:2'],
      updated: [{ from: 'a:1', to: 'a:2' }],
    });
    assert.equal(diffImages(['a:1'], ['a:1']), undefined);
  });
});
