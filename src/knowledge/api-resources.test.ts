import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadBootstrapPolicy } from '../../test/fixtures/rbac/load.ts';
import { API_RESOURCES, findApiResource, lookupApiResources } from './api-resources.ts';

test('every fact is well-formed and has a source', () => {
  for (const f of API_RESOURCES) {
    const id = `${f.group}/${f.resource}`;
    assert.match(f.group, /^([a-z0-9-]+(\.[a-z0-9-]+)*)?$/, id);
    assert.match(f.resource, /^[a-z0-9]+$/, id);
    assert.match(f.version, /^v\d+((alpha|beta)\d+)?$/, id);
    if (f.virtual) assert.equal(f.kind, '', `${id}: virtual resources have no kind`);
    else assert.match(f.kind, /^[A-Z][A-Za-z]+$/, id);
    assert.match(f.source, /^https:\/\//, id);
    assert.equal(new Set(f.subresources).size, f.subresources.length, id);
    for (const s of f.subresources) assert.match(s, /^[a-z]+$/, id);
    for (const s of f.shortNames) assert.match(s, /^[a-z]+$/, id);
    if (f.authorizationSubresources !== undefined) assert.match(f.authorizationSubresources.source, /^https:\/\//, id);
  }
});

test('group/resource pairs are unique and short names are unambiguous', () => {
  const ids = API_RESOURCES.map((f) => `${f.group}/${f.resource}`);
  assert.equal(new Set(ids).size, ids.length);
  const owner = new Map<string, string>();
  for (const f of API_RESOURCES) {
    for (const s of f.shortNames) {
      // events and events.events.k8s.io share `ev`, as kubectl reports; otherwise one resource per short name.
      const prev = owner.get(s);
      assert.ok(prev === undefined || prev === f.resource, `short name ${s} used by ${prev} and ${f.resource}`);
      owner.set(s, f.resource);
    }
  }
});

test('scopes of resources the RBAC engine depends on', () => {
  const cases: [string, string, boolean][] = [
    ['', 'nodes', false],
    ['', 'namespaces', false],
    ['', 'persistentvolumes', false],
    ['', 'pods', true],
    ['', 'secrets', true],
    ['', 'serviceaccounts', true],
    ['rbac.authorization.k8s.io', 'clusterroles', false],
    ['rbac.authorization.k8s.io', 'roles', true],
    ['certificates.k8s.io', 'certificatesigningrequests', false],
    ['admissionregistration.k8s.io', 'validatingwebhookconfigurations', false],
    ['', 'users', false],
    ['', 'groups', false],
    ['apps', 'daemonsets', true],
  ];
  for (const [group, resource, namespaced] of cases) {
    assert.equal(findApiResource(group, resource)?.namespaced, namespaced, `${group}/${resource}`);
  }
});

test('lookup by plural, kind and short name; the core group first', () => {
  assert.equal(lookupApiResources('daemonsets')[0]?.group, 'apps');
  assert.equal(lookupApiResources('DaemonSet')[0]?.resource, 'daemonsets');
  assert.equal(lookupApiResources('netpol')[0]?.group, 'networking.k8s.io');
  assert.deepEqual(
    lookupApiResources('events').map((f) => f.group),
    ['', 'events.k8s.io'],
  );
  assert.deepEqual(lookupApiResources('nonexistent'), []);
});

// Resources the upstream bootstrap roles still mention although current Kubernetes no longer serves them.
const LEGACY = new Set([
  'apps/deployments/rollback', // apps/v1beta1 only, removed in 1.16
]);

test('every resource the upstream bootstrap policy names (outside the removed extensions group) is in the table', () => {
  const missing: string[] = [];
  for (const o of loadBootstrapPolicy()) {
    if (!Array.isArray(o.rules)) continue;
    for (const rule of o.rules as { apiGroups?: string[]; resources?: string[] }[]) {
      for (const group of rule.apiGroups ?? []) {
        if (group === 'extensions' || group === '*') continue;
        for (const full of rule.resources ?? []) {
          if (full.startsWith('*') || LEGACY.has(`${group}/${full}`)) continue;
          const [resource = '', sub] = full.split('/');
          const fact = findApiResource(group, resource);
          const subs = [...(fact?.subresources ?? []), ...(fact?.authorizationSubresources?.names ?? [])];
          if (fact === undefined || (sub !== undefined && !subs.includes(sub))) missing.push(`${group}/${full}`);
        }
      }
    }
  }
  assert.deepEqual([...new Set(missing)], []);
});
