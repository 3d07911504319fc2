import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument } from 'yaml';
import { KubeseamError } from '../errors.ts';
import { parseCustomRules, parseCustomRulesText } from './load.ts';

const EXAMPLE = fileURLToPath(new URL('../../examples/ci/kubeseam.yaml', import.meta.url));

/** 1-based line and column of the first occurrence of `needle` in `text` (after `after`, when given). */
function posOf(text: string, needle: string, after = ''): { line: number; column: number } {
  const offset = text.indexOf(needle, after ? text.indexOf(after) : 0);
  assert.ok(offset >= 0, `${needle} not in text`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

function configError(fn: () => unknown): KubeseamError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof KubeseamError, String(e));
    assert.equal(e.kind, 'config');
    return e;
  }
  assert.fail('expected a config error');
}

const rule = (body: string): string => `# kubeseam configuration
waivers: []
rules:
  - id: my-rule
    title: A rule
    severity: high
    target: podTemplate
    message: flagged
${body}`;

describe('parseCustomRules', () => {
  it('loads the example configuration shipped in examples/ci', () => {
    const rules = parseCustomRulesText(readFileSync(EXAMPLE, 'utf8'), 'examples/ci/kubeseam.yaml');
    assert.equal(rules.length, 1);
    const r = rules[0]!;
    assert.equal(r.id, 'npd-plugin-writable-mount');
    assert.equal(r.severity, 'critical');
    assert.equal(r.target, 'container');
    assert.equal(r.path, 'volumeMounts');
    assert.equal(r.category, 'host-access');
    assert.deepEqual(r.match.classes, ['workload', 'middleware']);
    assert.ok(r.match.kinds.includes('DaemonSet'));
    assert.deepEqual(r.references, ['cis-k8s:5.2.12', 'mitre:T1543', 'mitre:T1611']);
    assert.ok(r.messageExpression);
    assert.equal(r.origin.file, 'examples/ci/kubeseam.yaml');
    assert.equal(r.origin.line, posOf(readFileSync(EXAMPLE, 'utf8'), 'id: npd-plugin').line);
  });

  it('points CEL syntax errors at the character, in folded, plain and quoted scalars', () => {
    const cases = [
      { body: '    expression: >-\n      has(spec.volumes) &&\n        spec.volumes.size() ==== 1\n', bad: '====' },
      { body: '    expression: spec.hostPID ==== true\n', bad: '====' },
      { body: '    expression: "spec.hostIPC == \\"x\\" ==== true"\n', bad: '====' },
      // The parser stops at the operator whose right-hand side is missing.
      { body: '    expression: |\n      spec.hostPID == true &&\n      ) \n', bad: '&&' },
    ];
    for (const { body, bad } of cases) {
      const text = rule(body);
      const e = configError(() => parseCustomRulesText(text, 'kubeseam.yaml'));
      const { line, column } = posOf(text, bad, 'expression:');
      const expected = `kubeseam.yaml:${line}:${column}: rule my-rule: CEL parse error: `;
      assert.ok(e.oneLine().startsWith(expected), `${e.oneLine()}\n  expected prefix ${expected}`);
    }
  });

  it('points reference errors at the name and explains which variables the target has', () => {
    const text = rule('    expression: spec.hostPID == true || container.name == "x"\n');
    const e = configError(() => parseCustomRulesText(text, 'kubeseam.yaml'));
    const { line, column } = posOf(text, 'container.name');
    assert.equal(
      e.oneLine(),
      `kubeseam.yaml:${line}:${column}: rule my-rule: CEL error: undeclared reference to 'container' (this target can read: object, spec, workload)`,
    );
  });

  it('works from a YAML node and line counter, as the config loader calls it', () => {
    const text = rule('    expression: spec.hostPID ==== true\n');
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter });
    // Without the text the position is the expression's start, and the message says where inside it.
    const e = configError(() => parseCustomRules(doc.get('rules', true), 'kubeseam.yaml', lineCounter));
    const { line, column } = posOf(text, 'spec.hostPID ====');
    assert.equal(e.line, line);
    assert.equal(e.column, column);
    assert.match(e.message, /\(at character \d+ of the expression\)$/);

    const ok = parseDocument(rule('    expression: spec.hostPID == true\n'), { lineCounter: new LineCounter() });
    assert.equal(parseCustomRules(ok.get('rules', true), 'kubeseam.yaml').length, 1);
    // Plain data works too (positions unknown).
    const plain = parseCustomRules((ok.toJS() as { rules: unknown }).rules, 'kubeseam.yaml');
    assert.equal(plain[0]!.id, 'my-rule');
    assert.deepEqual(parseCustomRules(undefined, 'kubeseam.yaml'), []);
  });

  it('rejects malformed rules with the position of the offending field', () => {
    const check = (body: string, pattern: RegExp, at: string, head = rule('')): void => {
      const text = head + body;
      const e = configError(() => parseCustomRulesText(text, 'kubeseam.yaml'));
      assert.match(e.message, pattern);
      assert.equal(e.line, posOf(text, at, 'rules:').line, `${e.oneLine()} (expected the line of "${at}")`);
    };
    check('    expression: "true"\n    serverity: low\n', /rule my-rule: unknown field "serverity"/, 'serverity');
    check(
      '    expression: "true"\n    match: { kinds: [ConfigMap] }\n',
      /ConfigMap is not a workload kind/,
      'ConfigMap',
    );
    check(
      '    expression: "true"\n    references: [cis-k8s:99.9]\n',
      /unknown reference "cis-k8s:99.9"/,
      'cis-k8s:99.9',
    );
    check('    expression: "true"\n    match: { class: [vendor] }\n', /class must be one of/, 'vendor');
    check('    expression: "true"\n    match: { namespace: [a] }\n', /unknown match field "namespace"/, 'namespace:');
    check('    expression: 1\n', /expression must be a non-empty string/, 'expression: 1');
    check('', /expression is required/, '- id: my-rule');

    const text = (id: string, extra = ''): string =>
      `rules:\n  - id: ${id}\n    title: t\n    severity: low\n    target: object\n    expression: "true"\n    message: m\n${extra}`;
    check(
      '',
      /collides with the built-in check "host-pid"/,
      'host-pid',
      text('host-pid', '    match: { kinds: [Pod] }\n'),
    );
    check('', /kebab-case/, 'Bad_Id', text('Bad_Id'));
    check('', /match\.kinds is required for target object/, '- id: object-rule', text('object-rule'));
    check(
      '',
      /severity must be one of/,
      'severity: urgent',
      text('r', '    match: { kinds: [Pod] }\n').replace('low', 'urgent'),
    );
    const once = text('dup', '    match: { kinds: [Pod] }\n');
    const twice = once + once.replace('rules:\n', '');
    const e = configError(() => parseCustomRulesText(twice, 'kubeseam.yaml'));
    assert.match(e.message, /rule dup: id is defined twice/);
    assert.equal(e.line, twice.slice(0, twice.lastIndexOf('dup')).split('\n').length);
  });
});
