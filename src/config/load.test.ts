import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { KubeseamError } from '../errors.ts';
import { loadConfigFile, parseConfigText } from './load.ts';

const HEAD = 'apiVersion: kubeseam.dev/v1\nkind: Config\n';
const GOOD = `${HEAD}waivers:
  - check: privileged-container
    match: { namespace: kube-system, kind: DaemonSet, name: 'aws-node*', component: eks/aws-node }
    justification: VPC CNI needs privileged to program the host network
    owner: platform-team@example.com
    expires: 2027-03-31
  - check: '*'
    match: { namespace: gmp-system }
    justification: Managed Prometheus is operated by Google under our support contract
    owner: sre@example.com
    expires: '2026-12-31'
`;

function fail(text: string, ids?: string[]): KubeseamError {
  try {
    parseConfigText(text, 'kubeseam.yaml', ids ? { checkIds: ids } : {});
  } catch (e) {
    assert.ok(e instanceof KubeseamError, `not a KubeseamError: ${String(e)}`);
    assert.equal(e.kind, 'config');
    return e;
  }
  assert.fail('expected a config error');
}

/** A waiver list of one, with the given lines replacing the defaults by key. */
function oneWaiver(fields: Record<string, string | undefined>): string {
  const base: Record<string, string | undefined> = {
    check: 'privileged-container',
    justification: 'VPC CNI needs privileged to program the host network',
    owner: 'platform@example.com',
    expires: '2027-03-31',
    ...fields,
  };
  const lines = Object.entries(base)
    .filter(([, v]) => v !== undefined)
    .map(([k, v], i) => `${i === 0 ? '  - ' : '    '}${k}: ${v!}`);
  return `${HEAD}waivers:\n${lines.join('\n')}\n`;
}

describe('kubeseam.yaml loading', () => {
  it('reads waivers with every field and their positions', () => {
    const c = parseConfigText(GOOD, 'kubeseam.yaml');
    assert.equal(c.waivers.length, 2);
    const [a, b] = c.waivers;
    assert.deepEqual(a!.match, {
      namespace: 'kube-system',
      kind: 'DaemonSet',
      name: 'aws-node*',
      component: 'eks/aws-node',
    });
    assert.equal(a!.expires, '2027-03-31');
    assert.equal(a!.owner, 'platform-team@example.com');
    assert.deepEqual(a!.origin, { file: 'kubeseam.yaml', line: 4, column: 5 });
    assert.equal(a!.index, 1);
    assert.equal(b!.check, '*');
    assert.equal(b!.origin.line, 9);
  });

  it('accepts a config without waivers, and an empty waivers section', () => {
    assert.deepEqual(parseConfigText(HEAD, 'k.yaml').waivers, []);
    assert.deepEqual(parseConfigText(`${HEAD}waivers:\n`, 'k.yaml').waivers, []);
    assert.deepEqual(parseConfigText(`${HEAD}waivers: []\n`, 'k.yaml').waivers, []);
  });

  it('reads a %YAML 1.1 timestamp as its day', () => {
    const c = parseConfigText(`%YAML 1.1\n---\n${oneWaiver({})}`, 'k.yaml');
    assert.equal(c.waivers[0]!.expires, '2027-03-31');
  });

  it('names file, line and column of a bad date, with the waiver number', () => {
    const text = `${GOOD}  - check: host-pid\n    justification: Node agent inspects host processes for runtime security\n    owner: sec@example.com\n    expires: 31/12/2027\n`;
    const e = fail(text);
    assert.equal(e.oneLine(), 'kubeseam.yaml:17:14: waiver #3: expires is not a date (YYYY-MM-DD)');
  });

  it('rejects impossible dates and non-text dates', () => {
    assert.match(fail(oneWaiver({ expires: '2027-02-30' })).message, /waiver #1: expires is not a date/);
    assert.match(fail(oneWaiver({ expires: '20270331' })).message, /expires is not a date/);
  });

  it('requires check, justification, owner and expires', () => {
    for (const k of ['check', 'justification', 'owner', 'expires']) {
      const e = fail(oneWaiver({ [k]: undefined }));
      assert.equal(e.message, `waiver #1: ${k} is required`);
      assert.equal(e.line, 4);
    }
  });

  it('rejects placeholder and too-short justifications', () => {
    assert.match(fail(oneWaiver({ justification: 'TODO' })).message, /placeholder/);
    assert.match(fail(oneWaiver({ justification: 'n/a' })).message, /placeholder/);
    assert.match(fail(oneWaiver({ justification: 'needed for CNI' })).message, /too short/);
    assert.match(fail(oneWaiver({ justification: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' })).message, /too short/);
  });

  it('rejects unknown check ids with a suggestion, at the check value', () => {
    const e = fail(oneWaiver({ check: 'privileged-containr' }));
    assert.equal(e.message, 'waiver #1: unknown check id "privileged-containr" (did you mean "privileged-container"?)');
    assert.deepEqual([e.line, e.column], [4, 12]);
  });

  it('validates check ids against the set it is given', () => {
    assert.equal(
      parseConfigText(oneWaiver({ check: 'my-rule' }), 'k.yaml', { checkIds: ['my-rule'] }).waivers[0]!.check,
      'my-rule',
    );
    assert.match(fail(oneWaiver({}), ['my-rule']).message, /unknown check id "privileged-container"/);
  });

  it("refuses '*' without a match: it would waive everything", () => {
    assert.match(fail(oneWaiver({ check: "'*'" })).message, /needs a match/);
  });

  it('rejects unknown fields in waivers and matches, suggesting the intended one', () => {
    assert.match(
      fail(oneWaiver({ expire: '2027-01-01' })).message,
      /unknown field "expire" \(did you mean "expires"\?\)/,
    );
    const e = fail(oneWaiver({ match: '{ namespaces: kube-system }' }));
    assert.match(e.message, /^waiver #1: match: unknown field "namespaces" \(did you mean "namespace"\?\)/);
    assert.match(fail(oneWaiver({ match: 'kube-system' })).message, /match must be a mapping/);
    assert.match(fail(oneWaiver({ match: '{ name: "" }' })).message, /match: name is empty/);
  });

  it('rejects non-text values and non-list sections', () => {
    assert.match(fail(oneWaiver({ owner: '42' })).message, /owner must be text/);
    assert.match(fail(`${HEAD}waivers: { check: x }\n`).message, /waivers must be a list/);
    assert.match(fail(`${HEAD}waivers:\n  - just a string\n`).message, /waiver #1: a waiver must be a mapping/);
  });

  it('checks the header and unknown sections', () => {
    assert.match(fail('kind: Config\n').message, /apiVersion must be kubeseam.dev\/v1/);
    assert.match(fail('apiVersion: kubeseam.dev/v2\nkind: Config\n').message, /apiVersion must be/);
    assert.match(fail('apiVersion: kubeseam.dev/v1\nkind: Policy\n').message, /kind must be Config/);
    const e = fail(`${HEAD}waiver: []\n`);
    assert.match(e.message, /unknown section "waiver" \(did you mean "waivers"\?\)/);
    assert.equal(e.line, 3);
    assert.match(fail('- a\n- b\n').message, /expected a mapping/);
  });

  it('reports YAML syntax errors and duplicate keys with a position', () => {
    const e = fail(`${HEAD}waivers:\n  - check: [unclosed\n`);
    assert.match(e.message, /^invalid YAML/);
    assert.ok(e.line !== undefined);
    assert.match(fail(`${HEAD}kind: Config\n`).message, /invalid YAML/);
  });

  it('loads from a file and names the file as given; a missing file is a config error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubeseam-config-'));
    try {
      const p = join(dir, 'kubeseam.yaml');
      writeFileSync(p, GOOD);
      const c = await loadConfigFile(p, { shownAs: 'ci/kubeseam.yaml' });
      assert.equal(c.file, 'ci/kubeseam.yaml');
      assert.equal(c.waivers[0]!.origin.file, 'ci/kubeseam.yaml');
      await assert.rejects(loadConfigFile(join(dir, 'missing.yaml')), (e: unknown) => {
        assert.ok(e instanceof KubeseamError);
        assert.equal(e.kind, 'config');
        assert.match(e.oneLine(), /missing\.yaml: config file not found$/);
        return true;
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
