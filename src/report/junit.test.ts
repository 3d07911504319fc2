import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { CHECKS } from '../checks/index.ts';
import type { Finding } from '../checks/types.ts';
import { buildModel } from '../model/build.ts';
import type { ScanResult } from '../result.ts';
import { scan } from '../scan.ts';
import { parseManifestText } from '../sources/files.ts';
import { renderJunit, xmlEscape } from './junit.ts';

interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/**
 * A strict little XML 1.0 reader for the subset renderers write (declaration, elements, attributes, text, the five
 * predefined entities and character references). Throws on anything not well-formed.
 */
function parseXml(src: string): XmlElement {
  let i = 0;
  const fail = (msg: string): never => {
    throw new Error(`${msg} at offset ${i}: ${JSON.stringify(src.slice(i, i + 30))}`);
  };
  const isNameChar = (c: string): boolean =>
    (c >= 'a' && c <= 'z') ||
    (c >= 'A' && c <= 'Z') ||
    (c >= '0' && c <= '9') ||
    c === '-' ||
    c === '_' ||
    c === ':' ||
    c === '.';
  const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\n' || c === '\t' || c === '\r';
  const skipSpace = (): void => {
    while (isSpace(src[i])) i++;
  };
  const name = (): string => {
    const start = i;
    while (i < src.length && isNameChar(src[i]!)) i++;
    if (i === start) fail('expected a name');
    return src.slice(start, i);
  };
  const checkChar = (cp: number): void => {
    const ok =
      cp === 0x9 ||
      cp === 0xa ||
      cp === 0xd ||
      (cp >= 0x20 && cp <= 0xd7ff) ||
      (cp >= 0xe000 && cp <= 0xfffd) ||
      cp >= 0x10000;
    if (!ok) fail(`character U+${cp.toString(16)} is not allowed in XML 1.0`);
  };
  const decode = (raw: string, inAttr: boolean): string => {
    let out = '';
    for (let k = 0; k < raw.length;) {
      const cp = raw.codePointAt(k)!;
      checkChar(cp);
      const ch = String.fromCodePoint(cp);
      if (ch === '<') fail('raw < in text');
      if (inAttr && ch === '"') fail('raw quote in attribute');
      if (ch === '&') {
        const end = raw.indexOf(';', k);
        if (end < 0) fail('unterminated entity');
        const ent = raw.slice(k + 1, end);
        const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
        if (named[ent] !== undefined) out += named[ent];
        else if (ent.startsWith('#x')) out += String.fromCodePoint(parseInt(ent.slice(2), 16));
        else if (ent.startsWith('#')) out += String.fromCodePoint(parseInt(ent.slice(1), 10));
        else fail(`unknown entity &${ent};`);
        k = end + 1;
      } else {
        out += ch;
        k += ch.length;
      }
    }
    return out;
  };
  const element = (): XmlElement => {
    if (src[i] !== '<') fail('expected <');
    i++;
    const el: XmlElement = { name: name(), attrs: {}, children: [], text: '' };
    for (;;) {
      skipSpace();
      if (src.startsWith('/>', i)) {
        i += 2;
        return el;
      }
      if (src[i] === '>') {
        i++;
        break;
      }
      const key = name();
      if (src[i] !== '=' || src[i + 1] !== '"') fail('expected ="');
      i += 2;
      const end = src.indexOf('"', i);
      if (end < 0) fail('unterminated attribute');
      if (key in el.attrs) fail(`duplicate attribute ${key}`);
      el.attrs[key] = decode(src.slice(i, end), true);
      i = end + 1;
    }
    for (;;) {
      const lt = src.indexOf('<', i);
      if (lt < 0) fail(`unclosed <${el.name}>`);
      el.text += decode(src.slice(i, lt), false);
      i = lt;
      if (src.startsWith('</', i)) {
        i += 2;
        if (name() !== el.name) fail(`mismatched end tag for <${el.name}>`);
        skipSpace();
        if (src[i] !== '>') fail('expected >');
        i++;
        return el;
      }
      el.children.push(element());
    }
  };
  const decl = '<?xml version="1.0" encoding="UTF-8"?>';
  if (!src.startsWith(decl)) fail('missing XML declaration');
  i = decl.length;
  skipSpace();
  const root = element();
  skipSpace();
  if (i !== src.length) fail('content after the root element');
  return root;
}

const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata: { name: "web|<b>&'x'", namespace: shop }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      hostPID: true
      containers: [{ name: app, image: "nginx:1.27" }]
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: quiet, namespace: shop }
spec:
  selector: { matchLabels: { app: quiet } }
  template:
    metadata: { labels: { app: quiet } }
    spec:
      containers: [{ name: app, image: "nginx:1.27" }]
`;

function scanText(text: string): ScanResult {
  const model = buildModel({ objects: parseManifestText(text, 'k8s/app.yaml'), sourceKind: 'files' });
  return scan(model, { source: { kind: 'files', files: ['k8s/app.yaml'] }, asOf: new Date('2025-06-01T00:00:00Z') });
}

describe('renderJunit', () => {
  it('writes well-formed XML with a suite per check and a case per (check, resource)', () => {
    const result = scanText(MANIFEST);
    const root = parseXml(renderJunit(result));
    assert.equal(root.name, 'testsuites');
    const suites = root.children;
    assert.deepEqual(
      suites.map((s) => s.attrs.name!.split(':')[0]),
      CHECKS.map((c) => c.id).sort(),
    );
    const pid = suites.find((s) => s.attrs.name!.startsWith('host-pid:'))!;
    // Both workloads were evaluated: the hostPID one fails, the quiet one passes.
    assert.equal(pid.attrs.tests, '2');
    assert.equal(pid.attrs.failures, '1');
    const failing = pid.children.find((c) => c.children.some((x) => x.name === 'failure'))!;
    assert.equal(failing.attrs.name, `Deployment/shop/web|<b>&'x'`);
    assert.equal(failing.attrs.classname, 'host-pid');
    assert.equal(failing.attrs.file, 'k8s/app.yaml');
    const failure = failing.children[0]!;
    assert.equal(failure.attrs.type, 'high');
    assert.match(failure.text, /spec\.template\.spec\.hostPID at k8s\/app\.yaml:9:16/);
    const passing = pid.children.find((c) => c.attrs.name === 'Deployment/shop/quiet')!;
    assert.equal(passing.children.length, 0);

    // Totals on the root are the sums of the suites.
    const sum = (k: string): number => suites.reduce((n, s) => n + Number(s.attrs[k]), 0);
    for (const k of ['tests', 'failures', 'errors', 'skipped']) assert.equal(Number(root.attrs[k]), sum(k), k);
    const failures = result.findings.filter((f) => f.status !== 'waived');
    const failingCases = new Set(failures.map((f) => `${f.checkId}\0${f.resource.name}`));
    assert.equal(Number(root.attrs.failures), failingCases.size);
  });

  it('strips characters XML 1.0 forbids, marks waived cases skipped and check errors as errors', () => {
    const base = scanText(MANIFEST);
    const hostile = 'evil\u0000\u0007\u001b[31m\uFFFE\uD800 name]]> <x a="1"/>';
    const first = base.findings.find((f) => f.checkId === 'host-pid')!;
    const waived: Finding = {
      ...first,
      status: 'waived',
      waiver: { justification: 'agent & "reviewed"', owner: 'ops', expires: '2026-01-01' },
    };
    const result: ScanResult = {
      ...base,
      findings: [waived, { ...first, checkId: 'host-network', message: hostile }],
      errors: [{ checkId: 'host-ipc', resource: `Pod/shop/${hostile}`, message: `bad ${hostile}` }],
    };
    const xml = renderJunit(result);
    assert.doesNotMatch(xml, /[\u0000-\u0008\u000b\u000c\u000e-\u001f\uFFFE]/);
    const root = parseXml(xml);
    const suite = (id: string) => root.children.find((s) => s.attrs.name!.startsWith(`${id}:`))!;
    const skipped = suite('host-pid').children.find((c) => c.children[0]?.name === 'skipped')!;
    assert.equal(skipped.children[0]!.attrs.message, 'waived: agent & "reviewed" (owner ops)');
    assert.equal(suite('host-pid').attrs.skipped, '1');
    const net = suite('host-network').children.find((c) => c.children[0]?.name === 'failure')!;
    assert.equal(net.children[0]!.attrs.message, 'evil[31m name]]> <x a="1"/>');
    const ipc = suite('host-ipc');
    assert.equal(ipc.attrs.errors, '1');
    const err = ipc.children.find((c) => c.children[0]?.name === 'error')!;
    assert.equal(err.attrs.name, 'Pod/shop/evil[31m name]]> <x a="1"/>');
  });

  it('escapes the five markup characters', () => {
    assert.equal(xmlEscape(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
  });

  it('rejects malformed XML in its own reader (the reader is strict, so the checks above mean something)', () => {
    for (const bad of [
      '<?xml version="1.0" encoding="UTF-8"?><a><b></a>',
      '<?xml version="1.0" encoding="UTF-8"?><a x="1 & 2"/>',
      '<?xml version="1.0" encoding="UTF-8"?><a>\u0001</a>',
      '<?xml version="1.0" encoding="UTF-8"?><a>x < y</a>',
      '<?xml version="1.0" encoding="UTF-8"?><a/><b/>',
    ]) {
      assert.throws(() => parseXml(bad), Error, bad);
    }
  });

  it('is the report the GitLab example publishes and gates on', () => {
    const ci = parseYaml(readFileSync(new URL('../../examples/ci/gitlab-ci.yml', import.meta.url), 'utf8')) as {
      kubeseam: { script: string[]; artifacts: { when: string; reports: { junit: string }; paths: string[] } };
    };
    const job = ci.kubeseam;
    const junitRun = job.script.find((l) => l.includes('--format junit'))!.split(/\s+/);
    const out = junitRun[junitRun.indexOf('-o') + 1]!;
    assert.equal(job.artifacts.reports.junit, out);
    assert.equal(job.artifacts.when, 'always');
    assert.equal(junitRun[junitRun.indexOf('--fail-on') + 1], 'high');
    assert.ok(!job.script.find((l) => l.includes('--format junit'))!.includes('|| true'), 'the JUnit run is the gate');
    const sarifRun = job.script.find((l) => l.includes('--format sarif'))!.split(/\s+/);
    assert.ok(job.artifacts.paths.includes(sarifRun[sarifRun.indexOf('-o') + 1]!));
  });
});
