import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { Log, Result } from 'sarif';
import { parse as parseYaml } from 'yaml';
import { findCheck } from '../checks/index.ts';
import { defineCheck, type Finding } from '../checks/types.ts';
import { buildModel } from '../model/build.ts';
import { formatRef } from '../model/refs.ts';
import { parsePath } from '../model/paths.ts';
import type { ScanResult } from '../result.ts';
import { scan } from '../scan.ts';
import { loadManifestPaths } from '../sources/files.ts';
import { readSnapshotFile, snapshotObjects } from '../sources/snapshot.ts';
import { artifactLocationOf, FINGERPRINT_KEY, renderSarif, SRCROOT } from './sarif.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const AS_OF = new Date('2025-06-01T00:00:00Z');

/** The official schema, compiled as test/schemas/SOURCE.md explains. */
function sarifValidator(): ValidateFunction {
  const schema = JSON.parse(readFileSync(join(ROOT, 'test/schemas/sarif-schema-2.1.0.json'), 'utf8')) as object;
  const regExp = Object.assign(
    (pattern: string, flags: string) =>
      pattern.includes('(?i)') ? new RegExp(pattern.replace('(?i)', ''), `${flags}i`) : new RegExp(pattern, flags),
    { code: 'inlineFlagRegExp' },
  );
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false, logger: false, code: { regExp } });
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  // A URI reference: no characters RFC 3986 forbids (spaces, backslashes, raw non-ASCII…), and it resolves.
  ajv.addFormat('uri-reference', (s: string) => /^[\w\-.~:/?#[\]@!$&'()*+,;=%]*$/.test(s) && URL.canParse(s, 'x:/'));
  ajv.addFormat('date-time', (s: string) => /^\d{4}-\d\d-\d\dT/.test(s) && !Number.isNaN(Date.parse(s)));
  return ajv.compile(schema);
}
const validate = sarifValidator();

function assertValid(text: string): Log {
  const log = JSON.parse(text) as Log;
  const ok = validate(log);
  assert.ok(ok, `SARIF does not validate: ${JSON.stringify(validate.errors?.slice(0, 5), null, 2)}`);
  return log;
}

async function scanFolder(paths: string[], cwd: string): Promise<ScanResult> {
  const { objects, files } = await loadManifestPaths(paths, { cwd });
  return scan(buildModel({ objects, sourceKind: 'files' }), { source: { kind: 'files', files }, asOf: AS_OF });
}

/** The scalar a finding's path names, read from the object the finding is about. */
function valueAt(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const seg of parsePath(path)) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

function resultsOf(log: Log): Result[] {
  return log.runs[0]!.results ?? [];
}

const tmp = mkdtempSync(join(tmpdir(), 'kubeseam-sarif-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const MANIFEST = `# several documents, so positions are not all on the first lines
apiVersion: v1
kind: Namespace
metadata:
  name: ops
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-agent
  namespace: ops
spec:
  selector: { matchLabels: { app: node-agent } }
  template:
    metadata:
      labels: { app: node-agent }
    spec:
      hostPID: true
      hostNetwork: true
      containers:
        - name: agent
          image: example/agent:1
          securityContext:
            privileged: true
---
apiVersion: v1
kind: Pod
metadata:
  name: debug
  namespace: ops
spec:
  hostIPC:   true
  containers:
    - name: shell
      image: busybox:1.36
`;

describe('renderSarif', () => {
  it('validates against the official schema for the good manifest fixtures, with regions at the findings', async () => {
    const result = await scanFolder(['test/fixtures/manifests/good'], ROOT);
    assert.ok(result.findings.length > 0, 'the fixture has findings to locate');
    const log = assertValid(renderSarif(result));
    const results = resultsOf(log);
    assert.equal(results.length, result.findings.length);
    let located = 0;
    results.forEach((r, i) => {
      const f = result.findings[i]!;
      const physical = r.locations?.[0]?.physicalLocation;
      // GitHub rejects an upload if any result lacks a file URI (its ingestion rule GH1001).
      assert.ok(physical?.artifactLocation?.uri, `${f.checkId} on ${formatRef(f.resource)} has a file location`);
      if (f.origin.file === undefined) {
        // A namespace that is only referenced: shown at an object of that namespace, and said so.
        const ns = f.resource.kind === 'Namespace' ? f.resource.name : f.resource.namespace;
        const member = result.inventory.find((w) => w.resource.namespace === ns && w.origin.file)!;
        assert.equal(decodeURIComponent(physical.artifactLocation.uri), member.origin.file);
        assert.equal(physical.region?.startLine, member.origin.line);
        assert.match(r.locations![0]!.message!.text!, /has no file of its own/);
        return;
      }
      assert.equal(physical?.region?.startLine, f.origin.line);
      assert.equal(physical?.region?.startColumn, f.origin.column);
      assert.equal(decodeURIComponent(physical?.artifactLocation?.uri ?? ''), f.origin.file);
      located++;
    });
    assert.ok(located > 0);
  });

  it('points each result at the line and column of the offending field, with stable fingerprints', async () => {
    const dir = join(tmp, 'my app');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'agent.yaml'), MANIFEST);
    const result = await scanFolder(['my app'], tmp);
    const ids = new Set(result.findings.map((f) => f.checkId));
    for (const id of ['host-pid', 'host-network', 'host-ipc', 'privileged-container']) assert.ok(ids.has(id), id);

    const log = assertValid(renderSarif(result, { srcRoot: tmp }));
    const run = log.runs[0]!;
    const lines = MANIFEST.split('\n');
    const rules = run.tool.driver.rules ?? [];
    assert.deepEqual(
      rules.map((r) => r.id),
      [...ids].sort(),
    );
    assert.equal(run.originalUriBaseIds?.[SRCROOT]?.uri?.endsWith('/'), true);
    assert.ok(run.originalUriBaseIds?.[SRCROOT]?.uri?.startsWith('file:///'));

    const { objects } = await loadManifestPaths(['my app'], { cwd: tmp });
    let checkedText = 0;
    for (const [i, r] of resultsOf(log).entries()) {
      const f = result.findings[i]!;
      const loc = r.locations![0]!;
      const art = loc.physicalLocation!.artifactLocation!;
      assert.equal(art.uri, 'my%20app/agent.yaml');
      assert.equal(art.uriBaseId, SRCROOT);
      const { startLine, startColumn } = loc.physicalLocation!.region!;
      assert.deepEqual([startLine, startColumn], [f.origin.line, f.origin.column]);
      // Where the path names a scalar that is present, the region is that value, on the line of its key.
      const source = objects.find(
        (o) => o.object.kind === f.resource.kind && o.object.metadata.name === f.resource.name,
      );
      const value = valueAt(source?.object, f.path);
      if (typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string') {
        const line = lines[startLine! - 1]!;
        const key = String(parsePath(f.path).at(-1));
        assert.ok(line.includes(`${key}:`), `line ${startLine} "${line}" holds ${key}`);
        assert.ok(line.slice(startColumn! - 1).startsWith(String(value)), `column ${startColumn} of "${line}"`);
        checkedText++;
      }

      assert.equal(r.ruleId, f.checkId);
      assert.equal(rules[r.ruleIndex!]!.id, f.checkId);
      assert.equal(r.partialFingerprints?.[FINGERPRINT_KEY], f.fingerprint);
      assert.equal(loc.logicalLocations?.[0]?.fullyQualifiedName, formatRef(f.resource));
      assert.equal(loc.logicalLocations?.[0]?.kind, 'resource');
      const level = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' }[f.severity];
      assert.equal(r.level, level);
    }
    assert.ok(checkedText >= 4, `hostPID, hostNetwork, hostIPC and privileged are located by value (${checkedText})`);

    const pid = rules.find((r) => r.id === 'host-pid')!;
    const check = findCheck('host-pid')!;
    assert.equal(pid.shortDescription?.text, check.title);
    assert.equal(pid.fullDescription?.text, check.rationale);
    assert.ok(pid.help?.markdown?.includes(check.remediation));
    assert.match(pid.help?.markdown ?? '', /\[CIS Kubernetes Benchmark 5\.2\.3\]\(https:\/\//);
    assert.ok(pid.helpUri?.startsWith('https://'));
    assert.equal(pid.defaultConfiguration?.level, 'error');
    const score = Number(pid.properties?.['security-severity']);
    assert.ok(score >= 7 && score < 9, `high maps into GitHub's 7.0–8.9 band, got ${score}`);
    assert.ok(pid.properties?.tags?.includes('security'));
    assert.deepEqual(run.invocations?.[0]?.executionSuccessful, true);

    // Moving the document within the file changes lines, never fingerprints.
    const moved = MANIFEST.split('---\n');
    writeFileSync(join(dir, 'agent.yaml'), `\n\n${moved[2]}---\n${moved[1]}---\n${moved[0]}`);
    const again = assertValid(renderSarif(await scanFolder(['my app'], tmp)));
    const fp = (l: Log): string[] =>
      resultsOf(l)
        .map((r) => r.partialFingerprints![FINGERPRINT_KEY]!)
        .sort();
    assert.deepEqual(fp(again), fp(log));
    assert.notDeepEqual(
      resultsOf(again).map((r) => r.locations![0]!.physicalLocation!.region!.startLine),
      resultsOf(log).map((r) => r.locations![0]!.physicalLocation!.region!.startLine),
    );
  });

  it('writes waivers as accepted external suppressions, custom rule metadata, and check errors', async () => {
    writeFileSync(join(tmp, 'one.yaml'), MANIFEST);
    const base = await scanFolder(['one.yaml'], tmp);
    const custom = defineCheck({
      id: 'npd-plugin-writable-mount',
      title: 'Writable host mount into a Node Problem Detector plugin folder',
      severity: 'critical',
      category: 'host-access',
      target: 'podTemplate',
      references: [],
      rationale: 'NPD runs plugin scripts as root on the host.',
      remediation: 'Mount it read-only.',
      evaluate: () => undefined,
    });
    const waived: Finding = {
      ...base.findings[0]!,
      status: 'waived',
      waiver: { justification: 'vendor agent | reviewed <b>', owner: 'platform', expires: '2026-01-01' },
    };
    const customFinding: Finding = {
      ...base.findings[1]!,
      checkId: custom.id,
      severity: 'critical',
      origin: { context: 'prod', cluster: 'prod' },
    };
    const result: ScanResult = {
      ...base,
      source: { kind: 'cluster', context: 'prod' },
      findings: [waived, customFinding, ...base.findings.slice(2)],
      errors: [{ checkId: 'host-pid', resource: 'Pod/ops/debug', message: 'boom' }],
    };
    const log = assertValid(renderSarif(result, { checks: [custom] }));
    const [w, c] = resultsOf(log);
    assert.deepEqual(w!.suppressions, [
      {
        kind: 'external',
        justification: 'vendor agent | reviewed <b> (owner platform, expires 2026-01-01)',
        status: 'accepted',
      },
    ]);
    const rule = log.runs[0]!.tool.driver.rules!.find((r) => r.id === custom.id)!;
    assert.equal(rule.shortDescription?.text, custom.title);
    assert.equal(rule.properties?.['security-severity'], '9.5');
    assert.equal(c!.level, 'error');
    // A live-cluster object has no file: a logical location only.
    assert.equal(c!.locations![0]!.physicalLocation, undefined);
    assert.equal(c!.locations![0]!.logicalLocations![0]!.kind, 'resource');
    const inv = log.runs[0]!.invocations![0]!;
    assert.equal(inv.executionSuccessful, false);
    assert.match(inv.toolExecutionNotifications![0]!.message.text!, /host-pid on Pod\/ops\/debug failed: boom/);
  });

  it('makes URIs relative with forward slashes, absolute paths file: URIs, and skips stdin', () => {
    assert.deepEqual(artifactLocationOf('k8s\\base\\app.yaml'), { uri: 'k8s/base/app.yaml', uriBaseId: SRCROOT });
    assert.deepEqual(artifactLocationOf('./k8s/a b#.yaml'), { uri: 'k8s/a%20b%23.yaml', uriBaseId: SRCROOT });
    assert.deepEqual(artifactLocationOf('/srv/k8s/app.yaml'), { uri: 'file:///srv/k8s/app.yaml' });
    assert.deepEqual(artifactLocationOf('C:\\k8s\\app.yaml'), { uri: 'file:///C:/k8s/app.yaml' });
    assert.equal(artifactLocationOf('<stdin>'), undefined);
  });

  it('validates for every demo snapshot present and for the manifest case', async () => {
    const validated: string[] = [];
    const manifests = await scanFolder(['test/fixtures/manifests/good'], ROOT);
    assertValid(renderSarif(manifests));
    validated.push('manifests');
    for (const demo of ['eks', 'aks', 'gke']) {
      const file = join(ROOT, 'examples', `${demo}.snapshot.json`);
      if (!existsSync(file)) continue;
      const snap = await readSnapshotFile(file);
      const model = buildModel({
        objects: snapshotObjects(snap, { file: `examples/${demo}.snapshot.json` }),
        cluster: snap.cluster,
        coverage: snap.coverage,
        sourceKind: 'snapshot',
      });
      const result = scan(model, { source: { kind: 'snapshot', demo }, asOf: AS_OF });
      const log = assertValid(renderSarif(result));
      assert.equal(resultsOf(log).length, result.findings.length);
      for (const r of resultsOf(log)) assert.ok(r.locations?.[0]?.physicalLocation?.artifactLocation?.uri, r.ruleId);
      validated.push(demo);
    }
    assert.ok(validated.includes('manifests'));
  });

  it('is what the GitHub Actions example writes, uploads even after a failed gate, and gates on high', () => {
    interface Step {
      run?: string;
      uses?: string;
      if?: string;
      with?: Record<string, string>;
    }
    const wf = parseYaml(readFileSync(join(ROOT, 'examples/ci/github-actions.yml'), 'utf8')) as {
      jobs: Record<string, { permissions?: Record<string, string>; steps: Step[] }>;
    };
    const job = Object.values(wf.jobs)[0]!;
    assert.equal(job.permissions?.['security-events'], 'write');
    const scanStep = job.steps.find((st) => st.run?.includes('--format sarif'))!;
    const args = scanStep.run!.split(/\s+/);
    const out = args[args.indexOf('-o') + 1];
    assert.equal(args[args.indexOf('--fail-on') + 1], 'high');
    const upload = job.steps.find((st) => st.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    assert.equal(upload.with?.sarif_file, out);
    assert.match(upload.if ?? '', /always\(\)/);
    assert.ok(
      job.steps.some((st) => st.uses?.startsWith('actions/setup-node@') && String(st.with?.['node-version']) === '20'),
    );
  });
});
