import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ScanRow } from '../store/rows.ts';
import { diffScans } from './diff.ts';
import { fixtureScan } from './fixtures.ts';
import { renderClustersTable, renderDiffJson, renderDiffTable, renderHistoryTable } from './render.ts';

describe('renderDiffTable', () => {
  const text = renderDiffTable(diffScans(fixtureScan('a'), fixtureScan('b')));

  it('shows each kind of change once, in its section', () => {
    assert.match(text, /^kubeseam diff · cluster prod-eks$/m);
    assert.match(text, /Kubernetes version {2}v1\.29\.3-eks-ae9a62a → v1\.30\.0-eks-036c24b/);
    assert.match(text, /^Nodes \(\+1 −1 ~1\)$/m);
    assert.match(text, /kubelet {5}v1\.29\.3-eks-ae9a62a ×3 → v1\.29\.3-eks-ae9a62a ×2, v1\.30\.0-eks-036c24b ×1/);
    assert.match(text, /^Components \(\+1 −1 ~2\)$/m);
    assert.match(text, /^ {2}\+ DaemonSet\/default\/node-debugger {2}\[workload\]$/m);
    assert.match(text, /^ {6}▲ hostPath \/ added \(container shell\)$/m);
    assert.match(text, /^ {2}- Deployment\/kube-system\/coredns {2}\[core\/coredns\]$/m);
    assert.match(text, /^ {6}image \S+amazon-k8s-cni:v1\.16\.0 → \S+amazon-k8s-cni:v1\.18\.1$/m);
    assert.match(text, /^ {6}▲ hostPath \/var\/log\/aws-routed-eni now writable \(container aws-node\)$/m);
    assert.match(text, /^ {6}▼ service account token no longer mounted$/m);
    assert.match(text, /^Findings \(3 new, 1 resolved, 1 severity changed, 1 status changed\)$/m);
    assert.match(text, /^ {2}~ high→critical writable-host-path {2}DaemonSet\/kube-system\/ebs-csi-node/m);
    assert.match(text, /^Attack paths \(1 new, 0 gone\)$/m);
    assert.match(text, /^ {2}\+ critical node-debugger hostPID \+ privileged → node$/m);
  });

  it('says so when nothing changed', () => {
    assert.match(renderDiffTable(diffScans(fixtureScan('a'), fixtureScan('a'))), /^No changes\.$/m);
  });

  it('strips terminal escapes from cluster data', () => {
    const b = fixtureScan('b');
    b.inventory[4]!.resource.name = 'evil\u001b]0;pwned\u0007\u001b[2J';
    const out = renderDiffTable(diffScans(fixtureScan('a'), b), { color: false });
    assert.ok(!out.includes('\u001b'));
    assert.match(out, /DaemonSet\/default\/evil\]0;pwned\[2J/);
  });

  it('JSON is the diff itself', () => {
    const d = diffScans(fixtureScan('a'), fixtureScan('b'));
    assert.deepEqual(JSON.parse(renderDiffJson(d)), JSON.parse(JSON.stringify(d)));
  });
});

describe('history tables', () => {
  const row: ScanRow = {
    id: '3407402a-75aa-418d-8aec-64d8b80b6f69',
    clusterKey: 'prod\u001b[31m-eks',
    provider: 'eks',
    k8sVersion: 'v1.30.0-eks-036c24b',
    scannedAt: '2025-03-01T11:00:00.000Z',
    savedAt: '2025-03-01T11:00:05.000Z',
    toolVersion: '0.1.0',
    schemaVersion: 1,
    summary: fixtureScan('b').summary,
    findingCount: 7,
    componentCount: 5,
  };

  it('lists scans with short ids and severity counts, cluster names sanitised', () => {
    const lines = renderHistoryTable([row]).trimEnd().split('\n');
    assert.match(lines[0] ?? '', /^ID +SCANNED +CLUSTER +PROVIDER +VERSION +CRIT +HIGH +MED +LOW +OPEN +COMPONENTS$/);
    assert.match(
      lines[1] ?? '',
      /^3407402a +2025-03-01T11:00:00Z +prod\[31m-eks +eks +v1\.30\.0-eks-036c24b +5 +1 +1 +0 +6 +5$/,
    );
    assert.equal(renderHistoryTable([]), 'No scans in the store.\n');
  });

  it('lists clusters', () => {
    const out = renderClustersTable([
      { clusterKey: 'prod-eks', scans: 2, lastScanId: row.id, lastScannedAt: row.scannedAt, provider: 'eks' },
    ]);
    assert.match(out, /^prod-eks +eks +- +2 +2025-03-01T11:00:00Z +3407402a$/m);
  });
});
