import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileSelector, describeSelector, matchesSelector, selectorErrors } from './selectors.ts';

const web = { app: 'web', tier: 'frontend', env: 'prod' };

test('null and absent selectors match nothing (labels.Nothing); {} matches everything', () => {
  assert.equal(matchesSelector(undefined, web), false);
  assert.equal(matchesSelector(null, web), false);
  assert.equal(matchesSelector({}, web), true);
  assert.equal(matchesSelector({}, {}), true);
  assert.equal(matchesSelector({ matchLabels: {}, matchExpressions: [] }, web), true);
  assert.deepEqual(selectorErrors(null), []);
});

test('matchLabels: every pair must be present with that value', () => {
  assert.equal(matchesSelector({ matchLabels: { app: 'web' } }, web), true);
  assert.equal(matchesSelector({ matchLabels: { app: 'web', tier: 'frontend' } }, web), true);
  assert.equal(matchesSelector({ matchLabels: { app: 'web', tier: 'backend' } }, web), false);
  assert.equal(matchesSelector({ matchLabels: { missing: 'x' } }, web), false);
  // An empty value is a valid label value and must equal exactly.
  assert.equal(matchesSelector({ matchLabels: { app: '' } }, { app: '' }), true);
  assert.equal(matchesSelector({ matchLabels: { app: '' } }, {}), false);
});

test('In: key present and value in the set', () => {
  const sel = { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'staging'] }] };
  assert.equal(matchesSelector(sel, web), true);
  assert.equal(matchesSelector(sel, { env: 'dev' }), false);
  assert.equal(matchesSelector(sel, {}), false);
});

test('NotIn: value not in the set, and a missing key also matches', () => {
  const sel = { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['dev'] }] };
  assert.equal(matchesSelector(sel, web), true);
  assert.equal(matchesSelector(sel, { env: 'dev' }), false);
  assert.equal(matchesSelector(sel, { app: 'x' }), true);
});

test('Exists and DoesNotExist look at the key only', () => {
  assert.equal(matchesSelector({ matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, web), true);
  assert.equal(matchesSelector({ matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, { tier: '' }), true);
  assert.equal(matchesSelector({ matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, {}), false);
  assert.equal(matchesSelector({ matchExpressions: [{ key: 'legacy', operator: 'DoesNotExist' }] }, web), true);
  assert.equal(matchesSelector({ matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, web), false);
  // Explicitly empty values are allowed for the unary operators.
  assert.equal(matchesSelector({ matchExpressions: [{ key: 'app', operator: 'Exists', values: [] }] }, web), true);
});

test('matchLabels and matchExpressions are ANDed', () => {
  const sel = {
    matchLabels: { app: 'web' },
    matchExpressions: [
      { key: 'env', operator: 'In', values: ['prod'] },
      { key: 'canary', operator: 'DoesNotExist' },
    ],
  };
  assert.equal(matchesSelector(sel, web), true);
  assert.equal(matchesSelector(sel, { ...web, canary: 'true' }), false);
  assert.equal(matchesSelector(sel, { ...web, app: 'api' }), false);
});

test('an invalid operator makes the selector match nothing and reports an error', () => {
  const sel = { matchExpressions: [{ key: 'app', operator: 'Equals', values: ['web'] }] };
  assert.equal(matchesSelector(sel, web), false);
  assert.match(selectorErrors(sel).join('\n'), /"Equals" is not a valid label selector operator/);
  // Lower-case operators are not accepted either (upstream compares exactly).
  assert.equal(matchesSelector({ matchExpressions: [{ key: 'app', operator: 'in', values: ['web'] }] }, web), false);
});

test('operator value-count rules of NewRequirement are enforced', () => {
  const inEmpty = { matchExpressions: [{ key: 'app', operator: 'In', values: [] }] };
  assert.equal(matchesSelector(inEmpty, web), false);
  assert.match(selectorErrors(inEmpty)[0]!, /values set can't be empty/);
  const notInMissing = { matchExpressions: [{ key: 'app', operator: 'NotIn' }] };
  assert.equal(matchesSelector(notInMissing, {}), false, 'NotIn without values is invalid, so nothing matches');
  const existsWithValues = { matchExpressions: [{ key: 'app', operator: 'Exists', values: ['web'] }] };
  assert.equal(matchesSelector(existsWithValues, web), false);
  assert.match(selectorErrors(existsWithValues)[0]!, /must be empty/);
});

test('label keys and values are validated as upstream (qualified names, ≤63 chars)', () => {
  assert.deepEqual(selectorErrors({ matchLabels: { 'app.kubernetes.io/name': 'web' } }), []);
  assert.deepEqual(selectorErrors({ matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }), []);
  assert.notDeepEqual(selectorErrors({ matchLabels: { 'Bad_Prefix/name': 'x' } }), []);
  assert.notDeepEqual(selectorErrors({ matchLabels: { 'a/b/c': 'x' } }), []);
  assert.notDeepEqual(selectorErrors({ matchLabels: { '-app': 'x' } }), []);
  assert.notDeepEqual(selectorErrors({ matchLabels: { ['k'.repeat(64)]: 'x' } }), []);
  assert.notDeepEqual(selectorErrors({ matchLabels: { app: 'has space' } }), []);
  assert.notDeepEqual(selectorErrors({ matchLabels: { app: 'v'.repeat(64) } }), []);
  assert.equal(matchesSelector({ matchLabels: { app: 'has space' } }, { app: 'has space' }), false);
});

test('malformed input from untrusted files selects nothing instead of throwing', () => {
  for (const bad of [
    'app=web',
    42,
    [],
    { matchLabels: ['app'] },
    { matchLabels: { app: 5 } },
    { matchExpressions: { key: 'app' } },
    { matchExpressions: ['app'] },
    { matchExpressions: [{ operator: 'Exists' }] },
    { matchExpressions: [{ key: 'app', operator: 'In', values: 'web' }] },
  ]) {
    assert.equal(matchesSelector(bad, web), false, JSON.stringify(bad));
    assert.ok(selectorErrors(bad).length > 0, JSON.stringify(bad));
  }
});

test('labels that are not strings do not satisfy Exists or In', () => {
  const labels = { app: 7 } as unknown as Record<string, string>;
  assert.equal(matchesSelector({ matchExpressions: [{ key: 'app', operator: 'Exists' }] }, labels), false);
  assert.equal(matchesSelector({ matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, labels), true);
  // Inherited properties are not labels.
  assert.equal(matchesSelector({ matchExpressions: [{ key: 'toString', operator: 'Exists' }] }, {}), false);
});

test('describeSelector renders like labels.Selector.String()', () => {
  const c = compileSelector({
    matchLabels: { app: 'web' },
    matchExpressions: [
      { key: 'env', operator: 'In', values: ['staging', 'prod'] },
      { key: 'legacy', operator: 'DoesNotExist' },
      { key: 'tier', operator: 'Exists' },
      { key: 'zone', operator: 'NotIn', values: ['b', 'a'] },
    ],
  });
  assert.equal(describeSelector(c), 'app=web,env in (prod,staging),!legacy,tier,zone notin (a,b)');
  assert.equal(describeSelector(compileSelector({})), '<all>');
  assert.equal(describeSelector(compileSelector(null)), '<none>');
});
