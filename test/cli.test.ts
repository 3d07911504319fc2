import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { Ajv } from 'ajv';
import { ROOT, runCli } from './cli-helpers.ts';
import type { ScanResult } from '../src/index.ts';

const schema = JSON.parse(readFileSync(join(ROOT, 'docs/scan-result.schema.json'), 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
const tmp = mkdtempSync(join(tmpdir(), 'kubeseam-cli-'));

function assertOneLineError(stderr: string, pattern: RegExp): void {
  const lines = stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `expected one line, got:\n${stderr}`);
  assert.match(lines[0]!, pattern);
  assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
}

describe('kubeseam scan on manifest folders', { concurrency: true }, () => {
  it('gives schema-valid JSON whose findings point at the right file and line', async () => {
    const r = await runCli(['scan', '-f', 'test/fixtures/manifests/good', '--format', 'json']);
    assert.equal(r.code, 1, r.stderr); // a critical finding is above the default --fail-on high
    const result = JSON.parse(r.stdout) as ScanResult;
    assert.ok(validate(result), JSON.stringify(validate.errors));
    const priv = result.findings.find((f) => f.checkId === 'privileged-container');
    assert.deepEqual(priv?.resource, { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'web', name: 'frontend' });
    assert.equal(priv?.path, 'spec.template.spec.containers[1].securityContext.privileged');
    assert.equal(priv?.origin.file, 'test/fixtures/manifests/good/app.yaml');
    assert.equal(priv?.origin.line, 30);
    // Items of a typed list (PodList) keep their own positions inside the JSON file.
    const pid = result.findings.find((f) => f.checkId === 'host-pid');
    assert.equal(pid?.origin.file, 'test/fixtures/manifests/good/nested/list.json');
    assert.equal(pid?.resource.name, 'node-debugger');
    assert.equal(pid?.origin.line, 8);
    // Unknown kinds are kept and reported, not dropped.
    assert.deepEqual(result.coverage.unknownKinds, [{ apiVersion: 'example.com/v1', kind: 'Widget', count: 1 }]);
  });

  it('reads a stream from stdin with -f -', async () => {
    const text = readFileSync(join(ROOT, 'test/fixtures/manifests/good/app.yaml'), 'utf8');
    const r = await runCli(['scan', '-f', '-', '--format', 'json'], { input: text });
    const result = JSON.parse(r.stdout) as ScanResult;
    const priv = result.findings.filter((f) => f.checkId === 'privileged-container');
    assert.deepEqual(
      priv.map((f) => [f.origin.file, f.origin.line]),
      [['<stdin>', 30]],
    );
    assert.ok(result.findings.every((f) => f.origin.file === '<stdin>'));
  });

  it('--fail-on critical exits 0 when only lower findings are open', async () => {
    const r = await runCli(['scan', '-f', 'test/fixtures/manifests/good/nested', '--fail-on', 'critical']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /host-pid/);
  });

  it('writes --output whole, and leaves nothing behind on error', async () => {
    const out = join(tmp, 'report.json');
    const r = await runCli(['scan', '-f', 'test/fixtures/manifests/good', '--format', 'json', '-o', out]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.ok((JSON.parse(readFileSync(out, 'utf8')) as ScanResult).findings.length > 0);
    const out2 = join(tmp, 'never.json');
    const bad = await runCli(['scan', '-f', 'test/fixtures/manifests/bad/malformed.yaml', '-o', out2]);
    assert.equal(bad.code, 2);
    assert.equal(existsSync(out2), false);
    assert.deepEqual(
      readdirSync(tmp).filter((f) => f.endsWith('.tmp')),
      [],
    );
  });

  it('strips control characters from cluster strings in the table', async () => {
    const evil = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: "evil\\u001b[2J\\u001b]0;pwned\\u0007"',
      '  namespace: default',
      'spec:',
      '  hostPID: true',
      '  containers: [{name: "c\\u001b[31m", image: x}]',
    ].join('\n');
    const r = await runCli(['scan', '-f', '-'], { input: evil });
    assert.equal(r.code, 1);
    assert.doesNotMatch(r.stdout, /\u001b/);
    assert.match(r.stdout, /Pod\/default\/evil\[2J\]0;pwned/);
  });
});

describe('bad input is one line, exit 2, no stack', { concurrency: true }, () => {
  it('malformed YAML names file, line and column', async () => {
    const r = await runCli(['scan', '-f', 'test/fixtures/manifests/bad/malformed.yaml']);
    assert.equal(r.code, 2);
    assertOneLineError(
      r.stderr,
      /^kubeseam: test\/fixtures\/manifests\/bad\/malformed\.yaml:\d+:\d+: invalid YAML: Missing closing/,
    );
  });
  it('a document that is not an object names its line', async () => {
    const r = await runCli(['scan', '-f', 'test/fixtures/manifests/bad/not-object.yaml']);
    assert.equal(r.code, 2);
    assertOneLineError(r.stderr, /not-object\.yaml:5:1: document is not a Kubernetes object/);
  });
  it('a mapping without apiVersion/kind', async () => {
    const r = await runCli(['scan', '-f', 'test/fixtures/manifests/bad/no-kind.yaml']);
    assertOneLineError(
      r.stderr,
      /no-kind\.yaml:1:1: document is not a Kubernetes object \(missing apiVersion or kind\)/,
    );
  });
  it('a missing file', async () => {
    const r = await runCli(['scan', '-f', 'does/not/exist.yaml']);
    assert.equal(r.code, 2);
    assertOneLineError(r.stderr, /^kubeseam: does\/not\/exist\.yaml: no such file or folder$/);
  });
  it('an empty folder', async () => {
    const r = await runCli(['scan', '-f', 'test/fixtures/manifests/empty']);
    assert.equal(r.code, 2);
    assertOneLineError(r.stderr, /empty: folder holds no Kubernetes manifests/);
  });
  it('a truncated .json.gz snapshot', async () => {
    const full = gzipSync(Buffer.from(JSON.stringify({ kind: 'KubeseamSnapshot', schemaVersion: 1, objects: [] })));
    const file = join(tmp, 'cut.json.gz');
    writeFileSync(file, full.subarray(0, full.length - 8));
    const r = await runCli(['scan', '--snapshot', file]);
    assert.equal(r.code, 2);
    assertOneLineError(r.stderr, /cut\.json\.gz: corrupt or truncated gzip snapshot/);
  });
  it('a JSON snapshot cut short', async () => {
    const file = join(tmp, 'cut.json');
    writeFileSync(file, '{"kind":"KubeseamSnapshot","schemaVersion":1,"objects":[{"apiVersion":"v1",');
    const r = await runCli(['scan', '--snapshot', file]);
    assertOneLineError(r.stderr, /cut\.json(:\d+:\d+)?: snapshot is truncated/);
  });
  it('an unknown flag is a usage error', async () => {
    const r = await runCli(['scan', '--bogus']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown option '--bogus'/);
  });
  it('two sources at once are refused', async () => {
    const r = await runCli(['scan', '--demo', 'eks', '-f', 'test/fixtures/manifests/good']);
    assert.equal(r.code, 2);
    assertOneLineError(r.stderr, /choose one source/);
  });
});

describe('help and version', { concurrency: true }, () => {
  for (const cmd of [[], ['scan'], ['checks']]) {
    it(`kubeseam ${cmd.join(' ')} --help`, async () => {
      const r = await runCli([...cmd, '--help']);
      assert.equal(r.code, 0);
      assert.match(r.stdout, /Usage: kubeseam/);
    });
  }
  it('--version prints the package version', async () => {
    const r = await runCli(['--version']);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.equal(r.stdout.trim(), pkg.version);
  });
  it('checks ID explains a check; an unknown id exits 2', async () => {
    const r = await runCli(['checks', 'host-pid']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /Why it matters:/);
    assert.match(r.stdout, /CIS Kubernetes Benchmark 5\.2\.3/);
    const bad = await runCli(['checks', 'nope']);
    assert.equal(bad.code, 2);
  });
});
