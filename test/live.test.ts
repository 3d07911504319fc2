// kubeseam against a live API server: the fake server in test/fake-apiserver speaks the real list protocol
// (paging, partial metadata, Status errors), fed with the objects of the demo EKS snapshot.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ScanResult } from '../src/index.ts';
import { runCli } from './cli-helpers.ts';
import { exampleObjects } from './fake-apiserver/fixtures.ts';
import { writeKubeconfig } from './fake-apiserver/kubeconfig.ts';
import { startFakeApiServer, type FakeApiServer } from './fake-apiserver/server.ts';
import { testCertificate } from './fake-apiserver/tls.ts';

const TOKEN = 'live-test-token';
const dir = mkdtempSync(join(tmpdir(), 'kubeseam-live-'));
let server: FakeApiServer;
let kubeconfig: string;
let execKubeconfig: string;

function comparable(r: ScanResult): string[] {
  return r.findings.map((f) => `${f.checkId} ${f.severity} ${JSON.stringify(f.resource)} ${f.path} ${f.message}`);
}

describe('live cluster through a kubeconfig', () => {
  before(async () => {
    const objects = exampleObjects('eks');
    assert.ok(objects, 'examples/eks.snapshot.json must exist');
    const cert = testCertificate();
    server = await startFakeApiServer({
      objects,
      token: TOKEN,
      tls: { cert: cert.cert, key: cert.key },
      version: { major: '1', minor: '31', gitVersion: 'v1.31.6-eks-bc803b4', platform: 'linux/amd64' },
      faults: [],
    });
    kubeconfig = writeKubeconfig(dir, 'token.yaml', { server: server.url, caPem: cert.cert, token: TOKEN });
    execKubeconfig = writeKubeconfig(dir, 'exec.yaml', {
      server: server.url,
      caPem: cert.cert,
      exec: { env: { FAKE_APISERVER_TOKEN: TOKEN } },
    });
  });
  after(async () => {
    await server.close();
  });

  it('collect then scan --snapshot gives the same findings as a live scan', async () => {
    const live = await runCli(['scan', '--kubeconfig', kubeconfig, '--format', 'json']);
    assert.notEqual(live.code, 2, live.stderr);
    const snapFile = join(dir, 'snap.json.gz');
    const collected = await runCli(['collect', '--kubeconfig', execKubeconfig, '-o', snapFile, '-q']);
    assert.equal(collected.code, 0, collected.stderr);
    const offline = await runCli(['scan', '--snapshot', snapFile, '--format', 'json']);
    const a = JSON.parse(live.stdout) as ScanResult;
    const b = JSON.parse(offline.stdout) as ScanResult;
    assert.ok(a.findings.length > 0);
    assert.deepEqual(comparable(b), comparable(a));
    assert.equal(a.cluster.version?.gitVersion, 'v1.31.6-eks-bc803b4');
    assert.ok(a.coverage.resources.some((c) => c.resource === 'pods' && c.status === 'listed' && c.count > 0));
  });

  it('a forbidden kind is reported in coverage and the scan goes on', async () => {
    server.faults.push({ resource: 'secrets', type: 'forbidden' });
    try {
      const r = await runCli(['scan', '--kubeconfig', kubeconfig, '--format', 'json']);
      assert.notEqual(r.code, 2, r.stderr);
      const result = JSON.parse(r.stdout) as ScanResult;
      assert.equal(result.coverage.resources.find((c) => c.resource === 'secrets')?.status, 'forbidden');
      assert.ok(result.coverage.notes.some((n) => n.startsWith('secrets: forbidden')));
      assert.ok(result.findings.length > 0);
    } finally {
      server.faults.length = 0;
    }
  });

  it('rejected credentials are one line and exit 2', async () => {
    const bad = writeKubeconfig(dir, 'expired.yaml', { server: server.url, insecureSkipTlsVerify: true, token: 'x' });
    const r = await runCli(['scan', '--kubeconfig', bad]);
    assert.equal(r.code, 2);
    const lines = r.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0]!, /401/);
  });
});
