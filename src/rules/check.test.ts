import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Log } from 'sarif';
import { CHECKS } from '../checks/index.ts';
import { runChecks } from '../checks/run.ts';
import { buildModel, type Model } from '../model/build.ts';
import { parseManifestText } from '../sources/files.ts';
import type { ScanResult } from '../result.ts';
import { scan } from '../scan.ts';
import { summarizeFindings } from '../policy/baseline.ts';
import { renderJunit } from '../report/junit.ts';
import { renderMarkdown } from '../report/markdown.ts';
import { renderSarif } from '../report/sarif.ts';
import { customRuleChecks } from './check.ts';
import { parseCustomRulesText } from './load.ts';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
const EXAMPLE = readFileSync(here('../../examples/ci/kubeseam.yaml'), 'utf8');
const example = customRuleChecks(parseCustomRulesText(EXAMPLE, 'examples/ci/kubeseam.yaml'));

function fixture(name: string): { model: Model; text: string; file: string } {
  const file = `src/rules/fixtures/${name}`;
  const text = readFileSync(here(`fixtures/${name}`), 'utf8');
  return { model: buildModel({ objects: parseManifestText(text, file), sourceKind: 'files' }), text, file };
}

const rulesOf = (body: string): ReturnType<typeof customRuleChecks> =>
  customRuleChecks(parseCustomRulesText(`rules:\n${body}`, 'kubeseam.yaml'));

describe('custom rules as checks', () => {
  it('flags writable host mounts covering NPD plugin folders, at the container volumeMounts', () => {
    const { model, text } = fixture('npd-writable.yaml');
    const { findings, errors } = runChecks(model, example);
    assert.deepEqual(errors, []);
    const got = findings.map((f) => `${f.resource.kind}/${f.resource.name} ${f.path}`).sort();
    assert.deepEqual(got, [
      'DaemonSet/npd-config-sync spec.template.spec.containers[0].volumeMounts',
      'Deployment/csi-installer spec.template.spec.initContainers[0].volumeMounts',
      'Pod/root-mount spec.containers[0].volumeMounts',
    ]);
    const lines = text.split('\n');
    for (const f of findings) {
      assert.equal(f.severity, 'critical');
      assert.equal(f.checkId, 'npd-plugin-writable-mount');
      assert.equal(f.status, 'open');
      // The origin is the volumeMounts list of the right container.
      assert.equal(lines[f.origin.line! - 2]!.trim(), 'volumeMounts:', `line ${f.origin.line}`);
    }
    const init = findings.find((f) => f.resource.name === 'csi-installer')!;
    assert.equal(init.message, 'container install-proxy can write a host folder holding Node Problem Detector plugins');
  });

  it('passes read-only, unrelated and partial mounts without evaluation errors', () => {
    const { model } = fixture('npd-safe.yaml');
    assert.ok(model.workloads.length >= 5);
    const { findings, errors } = runChecks(model, example);
    assert.deepEqual(findings, []);
    assert.deepEqual(errors, []);
  });

  it('records an expression error against its object and keeps scanning', () => {
    const { model } = fixture('npd-writable.yaml');
    const checks = rulesOf(`  - id: first-volume-is-host
    title: First volume is a hostPath
    severity: low
    target: podTemplate
    expression: spec.initContainers.size() > 0 && has(spec.volumes[0].hostPath)
    message: first volume is a hostPath
  - id: not-a-bool
    title: Returns a string
    severity: low
    target: podTemplate
    expression: workload.name
    message: x
`);
    const { findings, errors } = runChecks(model, [...CHECKS, ...checks]);
    // Only the Deployment has init containers; the other two workloads fail on the missing field.
    assert.deepEqual(
      findings.filter((f) => f.checkId === 'first-volume-is-host').map((f) => f.resource.name),
      ['csi-installer'],
    );
    const evalErrors = errors.filter((e) => e.checkId === 'first-volume-is-host');
    assert.deepEqual(evalErrors.map((e) => e.resource).sort(), [
      'DaemonSet/monitoring/npd-config-sync',
      'Pod/default/root-mount',
    ]);
    assert.match(evalErrors[0]!.message, /CEL evaluation error: .*initContainers/);
    assert.equal(errors.filter((e) => e.checkId === 'not-a-bool').length, model.workloads.length);
    assert.match(errors.find((e) => e.checkId === 'not-a-bool')!.message, /returned string, expected bool/);
    // Built-in checks still ran on the same objects.
    assert.ok(findings.some((f) => f.checkId === 'privileged-container' || f.checkId.startsWith('resource-')));
  });

  it('applies match filters and object targets', () => {
    const text = `apiVersion: v1
kind: ConfigMap
metadata: { name: npd-plugins, namespace: kube-system, labels: { app: npd } }
data:
  check.sh: "#!/bin/sh"
---
apiVersion: v1
kind: ConfigMap
metadata: { name: settings, namespace: kube-system, labels: { app: npd } }
data:
  settings.json: "{}"
---
apiVersion: v1
kind: ConfigMap
metadata: { name: scripts, namespace: shop }
data:
  run.sh: "#!/bin/sh"
---
apiVersion: v1
kind: Pod
metadata: { name: p, namespace: kube-system }
spec: { hostNetwork: true, containers: [{ name: c, image: "busybox:1.36" }] }
`;
    const model = buildModel({ objects: parseManifestText(text, 'k8s/cm.yaml'), sourceKind: 'files' });
    const checks = rulesOf(`  - id: script-configmap
    title: ConfigMap ships shell scripts
    severity: medium
    target: object
    match: { kinds: [ConfigMap], namespaces: ['kube-*'], labels: { app: '*' } }
    expression: has(object.data) && object.data.exists(k, k.endsWith('.sh'))
    messageExpression: "'scripts in ' + object.metadata.name"
    message: scripts
    path: data
  - id: middleware-host-network
    title: Middleware on the host network
    severity: high
    target: podTemplate
    match: { class: [middleware] }
    expression: has(spec.hostNetwork) && spec.hostNetwork
    message: host network
`);
    const { findings, errors } = runChecks(model, checks);
    assert.deepEqual(errors, []);
    // The Pod is not classified as middleware, so only the kube-system script ConfigMap is reported.
    assert.deepEqual(
      findings.map((f) => [f.checkId, f.resource.name, f.path, f.message, f.origin.line]),
      [['script-configmap', 'npd-plugins', 'data', 'scripts in npd-plugins', 5]],
    );
  });

  it('appears in SARIF, JUnit and Markdown with its metadata', () => {
    const { model } = fixture('npd-writable.yaml');
    const base = scan(model, { source: { kind: 'files', files: ['src/rules/fixtures/npd-writable.yaml'] } });
    const custom = runChecks(model, example);
    const findings = [...base.findings, ...custom.findings];
    const result: ScanResult = { ...base, findings, summary: summarizeFindings(findings, base.summary) };

    const log = JSON.parse(renderSarif(result, { checks: example })) as Log;
    const rule = log.runs[0]!.tool.driver.rules!.find((r) => r.id === 'npd-plugin-writable-mount')!;
    assert.equal(rule.shortDescription?.text, 'Writable host mount into a Node Problem Detector plugin folder');
    assert.equal(rule.properties?.['security-severity'], '9.5');
    assert.equal(log.runs[0]!.results!.filter((r) => r.ruleId === rule.id).length, 3);

    const junit = renderJunit(result, { checks: [...CHECKS, ...example] });
    assert.match(junit, /<testsuite name="npd-plugin-writable-mount: Writable host mount[^"]*" tests="3" failures="3"/);

    const md = renderMarkdown(result, { checks: example });
    assert.match(md, /npd\\-plugin\\-writable\\-mount: Writable host mount/);
    assert.match(md, /Fix: Mount the host path with readOnly: true/);
  });
});
