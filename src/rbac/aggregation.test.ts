// Aggregation conformance against the upstream bootstrap policy. Upstream ships admin, edit and view with
// `rules: null` and an aggregationRule; the controller fills them from the ClusterRoles labelled
// rbac.authorization.k8s.io/aggregate-to-{admin,edit,view}. By those labels in the upstream file:
//   view  ← system:aggregate-to-view
//   edit  ← system:aggregate-to-edit + view            (view carries aggregate-to-edit)
//   admin ← edit + system:aggregate-to-admin           (edit carries aggregate-to-admin)
// The oracle below builds these unions by name, independently of the selector engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadBootstrapPolicy } from '../../test/fixtures/rbac/load.ts';
import type { KubeObject } from '../model/k8s.ts';
import { aggregateClusterRoles, ruleKey } from './aggregation.ts';
import { normalizeRule, readRbacObjects, type RoleEntry } from './objects.ts';
import type { PolicyRule } from './types.ts';

function clusterRoles(objects: KubeObject[]): Map<string, RoleEntry> {
  const { roles } = readRbacObjects(objects);
  const issues = aggregateClusterRoles(roles);
  assert.deepEqual(issues, []);
  return new Map(roles.filter((r) => r.kind === 'ClusterRole').map((r) => [r.name, r]));
}

function storedRules(objects: KubeObject[], name: string): PolicyRule[] {
  const obj = objects.find((o) => o.kind === 'ClusterRole' && o.metadata.name === name);
  assert.ok(obj, name);
  assert.ok(Array.isArray(obj.rules));
  return obj.rules.map(normalizeRule);
}

function keys(rules: readonly PolicyRule[]): Set<string> {
  return new Set(rules.map(ruleKey));
}

const upstream = loadBootstrapPolicy();
const aggregated = clusterRoles(upstream);
const view = storedRules(upstream, 'system:aggregate-to-view');
const edit = [...storedRules(upstream, 'system:aggregate-to-edit'), ...view];
const admin = [...edit, ...storedRules(upstream, 'system:aggregate-to-admin')];

test('upstream testdata leaves admin, edit and view empty: the engine must aggregate', () => {
  for (const name of ['admin', 'edit', 'view']) {
    const obj = upstream.find((o) => o.kind === 'ClusterRole' && o.metadata.name === name);
    assert.equal(obj?.rules, null, `${name} rules in the upstream file`);
    assert.ok(obj?.aggregationRule, `${name} has an aggregationRule`);
  }
});

test('aggregated view, edit and admin equal the unions of their sources (as sets)', () => {
  for (const [name, expected] of [
    ['view', view],
    ['edit', edit],
    ['admin', admin],
  ] as const) {
    const got = aggregated.get(name)!.rules.map((r) => r.rule);
    assert.deepEqual(keys(got), keys(expected), name);
    assert.equal(got.length, keys(expected).size, `${name} has no duplicate rules`);
  }
});

test('aggregated rules keep the controller order: selector, then source role name, first occurrence wins', () => {
  // admin's selector matches edit and system:aggregate-to-admin; "edit" sorts first.
  assert.deepEqual(
    aggregated.get('admin')!.rules.map((r) => ruleKey(r.rule)),
    [...new Set(admin.map(ruleKey))],
  );
  // edit's selector matches system:aggregate-to-edit and view; "system:…" sorts before "view".
  assert.deepEqual(
    aggregated.get('edit')!.rules.map((r) => ruleKey(r.rule)),
    [...new Set(edit.map(ruleKey))],
  );
});

test('aggregated rules name the ClusterRole they came from, through intermediate aggregated roles', () => {
  const adminRules = aggregated.get('admin')!.rules;
  const sources = new Set(adminRules.map((r) => r.aggregatedFrom?.name));
  assert.deepEqual(
    sources,
    new Set(['system:aggregate-to-view', 'system:aggregate-to-edit', 'system:aggregate-to-admin']),
  );
  const secretsRead = adminRules.find((r) => r.rule.resources.includes('secrets') && r.rule.verbs.includes('get'));
  assert.equal(secretsRead?.aggregatedFrom?.name, 'system:aggregate-to-edit');
});

test('stale rules stored on an aggregated role are replaced, as the controller overwrites them', () => {
  const stale = upstream.map((o) =>
    o.kind === 'ClusterRole' && o.metadata.name === 'view'
      ? { ...o, rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }] }
      : o,
  );
  const roles = clusterRoles(stale);
  assert.deepEqual(keys(roles.get('view')!.rules.map((r) => r.rule)), keys(view));
  assert.deepEqual(keys(roles.get('admin')!.rules.map((r) => r.rule)), keys(admin));
});

test('input order does not change the result', () => {
  const roles = clusterRoles([...upstream].reverse());
  for (const [name, expected] of [
    ['view', view],
    ['edit', edit],
    ['admin', admin],
  ] as const) {
    assert.deepEqual(
      roles.get(name)!.rules.map((r) => ruleKey(r.rule)),
      [...new Set(expected.map(ruleKey))],
      name,
    );
  }
});

function cr(name: string, labels: Record<string, string>, rules: unknown[], selectors?: unknown[]): KubeObject {
  const o: KubeObject = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name, labels },
    rules,
  };
  if (selectors !== undefined) o.aggregationRule = { clusterRoleSelectors: selectors };
  return o;
}

test('an empty aggregationRule aggregates nothing and empties the stored rules', () => {
  const objs = [
    { ...cr('empty-agg', {}, [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }]), aggregationRule: {} },
  ];
  const { roles } = readRbacObjects(objs);
  aggregateClusterRoles(roles);
  assert.deepEqual(roles[0]!.rules, []);
});

test('an empty selector matches every other ClusterRole', () => {
  const { roles } = readRbacObjects([
    cr('all', {}, [], [{}]),
    cr('a', {}, [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }]),
    cr('b', {}, [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }]),
  ]);
  aggregateClusterRoles(roles);
  const all = roles.find((r) => r.name === 'all')!;
  assert.equal(all.rules.length, 1, 'identical rules deduplicated');
  assert.equal(all.rules[0]!.aggregatedFrom?.name, 'a', 'first by name wins');
});

test('roles selecting each other in a cycle settle with every leaf rule propagated', () => {
  const { roles } = readRbacObjects([
    cr('x', { 'agg-y': 'true' }, [], [{ matchLabels: { 'agg-x': 'true' } }]),
    cr('y', { 'agg-x': 'true' }, [], [{ matchLabels: { 'agg-y': 'true' } }]),
    cr('leaf-x', { 'agg-x': 'true' }, [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }]),
    cr('leaf-y', { 'agg-y': 'true' }, [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }]),
  ]);
  const issues = aggregateClusterRoles(roles);
  const x = roles.find((r) => r.name === 'x')!;
  const y = roles.find((r) => r.name === 'y')!;
  assert.deepEqual(new Set(x.rules.map((r) => r.rule.resources[0])), new Set(['pods', 'secrets']));
  assert.deepEqual(new Set(y.rules.map((r) => r.rule.resources[0])), new Set(['pods', 'secrets']));
  // Each role's rules only grow here, so the passes settle although the roles feed each other.
  assert.deepEqual(issues, []);
});
