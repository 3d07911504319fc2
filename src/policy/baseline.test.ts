import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../checks/types.ts';
import { KubeseamError } from '../errors.ts';
import { buildModel } from '../model/build.ts';
import type { ScanResult } from '../result.ts';
import { scan } from '../scan.ts';
import { parseManifestText } from '../sources/files.ts';
import { applyBaseline, parseBaseline, writeBaseline, type Baseline } from './baseline.ts';

const AGENT = `apiVersion: apps/v1
kind: DaemonSet
metadata: { name: agent, namespace: ops }
spec:
  selector: { matchLabels: { app: agent } }
  template:
    metadata: { labels: { app: agent } }
    spec:
      hostPID: true
      hostNetwork: true
      containers: [{ name: a, image: "example/agent:1", securityContext: { privileged: true } }]
`;
const DEBUG = `apiVersion: v1
kind: Pod
metadata: { name: debug, namespace: ops }
spec:
  hostIPC: true
  containers: [{ name: shell, image: "busybox:1.36" }]
`;
const NEW_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: { name: newcomer, namespace: ops }
spec:
  selector: { matchLabels: { app: n } }
  template:
    metadata: { labels: { app: n } }
    spec:
      containers: [{ name: n, image: "nginx:1.27", securityContext: { privileged: true } }]
`;

function scanText(text: string): ScanResult {
  const model = buildModel({ objects: parseManifestText(text, 'k8s/all.yaml'), sourceKind: 'files' });
  return scan(model, { source: { kind: 'files', files: ['k8s/all.yaml'] }, asOf: new Date('2025-06-01T00:00:00Z') });
}

function recount(findings: readonly Finding[]): Record<string, number> {
  const out: Record<string, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of findings) if (f.status !== 'waived') out[f.severity]!++;
  return out;
}

function inputError(fn: () => unknown, pattern: RegExp): KubeseamError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof KubeseamError, `expected a KubeseamError, got ${String(caught)}`);
  assert.equal(caught.kind, 'input');
  assert.equal(caught.file, 'ci/baseline.json');
  assert.match(caught.message, pattern);
  return caught;
}

describe('baselines', () => {
  it('suppresses the same findings after documents move within the file', () => {
    const before = scanText(`${AGENT}---\n${DEBUG}`);
    assert.ok(before.findings.length >= 4);
    const text = writeBaseline(before);

    // Reordered documents, extra comments and blank lines: every line number changes.
    const after = scanText(`# moved\n\n---\n${DEBUG}---\n\n# the agent now comes second\n${AGENT}`);
    const lines = (r: ScanResult): number[] => r.findings.map((f) => f.origin.line ?? 0).sort((a, b) => a - b);
    assert.notDeepEqual(lines(after), lines(before));

    const applied = applyBaseline(after, text, 'ci/baseline.json');
    assert.equal(applied.result.findings.length, 0);
    assert.equal(applied.suppressed, after.findings.length);
    assert.equal(applied.stale, 0);
    assert.deepEqual(applied.result.summary.bySeverity, { critical: 0, high: 0, medium: 0, low: 0, info: 0 });
    assert.equal(applied.result.summary.byStatus.open, 0);
    // Counts of scanned objects are untouched.
    assert.equal(applied.result.summary.workloads, after.summary.workloads);
  });

  it('keeps only new findings, recounts the summary, and counts stale entries', () => {
    const before = scanText(`${AGENT}---\n${DEBUG}`);
    const text = writeBaseline(before);
    const after = scanText(`${AGENT}---\n${NEW_DEPLOYMENT}`); // debug Pod fixed (removed), a new Deployment added
    const applied = applyBaseline(after, text, 'ci/baseline.json');
    assert.ok(applied.result.findings.length > 0);
    for (const f of applied.result.findings) assert.equal(f.resource.name, 'newcomer');
    assert.ok(applied.result.findings.some((f) => f.checkId === 'privileged-container'));
    assert.deepEqual(applied.result.summary.bySeverity, recount(applied.result.findings));
    assert.equal(applied.suppressed, after.findings.filter((f) => f.resource.name !== 'newcomer').length);
    assert.equal(applied.stale, before.findings.filter((f) => f.resource.name === 'debug').length);
  });

  it('writes fingerprints with context, without waived findings, sorted and deduplicated', () => {
    const r = scanText(`${AGENT}---\n${DEBUG}`);
    const waived: Finding = {
      ...r.findings[0]!,
      status: 'waived',
      waiver: { justification: 'x', owner: 'y', expires: '2030-01-01' },
    };
    const withWaiver: ScanResult = { ...r, findings: [waived, ...r.findings.slice(1), r.findings[1]!] };
    const b = JSON.parse(writeBaseline(withWaiver)) as Baseline;
    assert.equal(b.kind, 'KubeseamBaseline');
    assert.equal(b.findings.length, r.findings.length - 1);
    assert.ok(!b.findings.some((e) => e.fingerprint === waived.fingerprint));
    const pid = b.findings.find((e) => e.checkId === 'host-pid')!;
    assert.deepEqual(pid, {
      fingerprint: r.findings.find((f) => f.checkId === 'host-pid')!.fingerprint,
      checkId: 'host-pid',
      resource: 'DaemonSet/ops/agent',
      path: 'spec.template.spec.hostPID',
    });
    const keys = b.findings.map((e) => `${e.checkId} ${e.resource} ${e.path}`);
    assert.deepEqual(
      keys,
      [...keys].sort((x, y) => x.localeCompare(y)),
    );
    assert.deepEqual(parseBaseline(writeBaseline(withWaiver), 'b.json'), b);
  });

  it('rejects malformed baselines as input errors naming the file', () => {
    const e = inputError(
      () => applyBaseline(scanText(DEBUG), '{\n  "kind": "KubeseamBaseline",\n  oops\n}', 'ci/baseline.json'),
      /not valid JSON/,
    );
    assert.equal(e.line, 3);
    inputError(() => parseBaseline('[]', 'ci/baseline.json'), /expected a JSON object/);
    inputError(
      () => parseBaseline('{"kind":"Other","schemaVersion":1,"findings":[]}', 'ci/baseline.json'),
      /kind must be/,
    );
    inputError(
      () => parseBaseline('{"kind":"KubeseamBaseline","schemaVersion":2,"findings":[]}', 'ci/baseline.json'),
      /schemaVersion 2/,
    );
    inputError(
      () => parseBaseline('{"kind":"KubeseamBaseline","schemaVersion":1,"findings":{}}', 'ci/baseline.json'),
      /findings must be a list/,
    );
    inputError(
      () =>
        parseBaseline(
          '{"kind":"KubeseamBaseline","schemaVersion":1,"findings":[{"fingerprint":"XYZ"}]}',
          'ci/baseline.json',
        ),
      /findings\[0\]\.fingerprint/,
    );
  });
});
