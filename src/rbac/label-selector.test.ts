import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileLabelSelector } from './label-selector.ts';

function matcher(raw: unknown): (labels: Record<string, string>) => boolean {
  const r = compileLabelSelector(raw);
  assert.ok(r.ok, `selector should compile: ${JSON.stringify(raw)}`);
  return r.matches;
}

test('empty selector matches everything, null matches nothing', () => {
  assert.equal(matcher({})({}), true);
  assert.equal(matcher({ matchLabels: {}, matchExpressions: [] })({ a: 'b' }), true);
  assert.equal(matcher(null)({ a: 'b' }), false);
});

test('matchLabels and matchExpressions are ANDed', () => {
  const m = matcher({ matchLabels: { a: '1' }, matchExpressions: [{ key: 'b', operator: 'Exists' }] });
  assert.equal(m({ a: '1', b: '' }), true);
  assert.equal(m({ a: '1' }), false);
  assert.equal(m({ a: '2', b: 'x' }), false);
});

test('In, NotIn, Exists, DoesNotExist', () => {
  assert.equal(matcher({ matchExpressions: [{ key: 't', operator: 'In', values: ['x', 'y'] }] })({ t: 'y' }), true);
  assert.equal(matcher({ matchExpressions: [{ key: 't', operator: 'In', values: ['x'] }] })({}), false);
  const notIn = matcher({ matchExpressions: [{ key: 't', operator: 'NotIn', values: ['x'] }] });
  assert.equal(notIn({}), true, 'NotIn matches an absent label');
  assert.equal(notIn({ t: 'y' }), true);
  assert.equal(notIn({ t: 'x' }), false);
  assert.equal(matcher({ matchExpressions: [{ key: 't', operator: 'Exists' }] })({ t: '' }), true);
  assert.equal(matcher({ matchExpressions: [{ key: 't', operator: 'DoesNotExist' }] })({ t: '' }), false);
});

test('invalid selectors are errors, as LabelSelectorAsSelector reports them', () => {
  for (const bad of [
    { matchExpressions: [{ key: 't', operator: 'In', values: [] }] },
    { matchExpressions: [{ key: 't', operator: 'NotIn' }] },
    { matchExpressions: [{ key: 't', operator: 'Exists', values: ['x'] }] },
    { matchExpressions: [{ key: 't', operator: 'Equals', values: ['x'] }] },
    { matchExpressions: [{ operator: 'Exists' }] },
    { matchLabels: { a: 1 } },
    { matchExpressions: 'nope' },
    'nope',
  ]) {
    assert.equal(compileLabelSelector(bad).ok, false, JSON.stringify(bad));
  }
});
