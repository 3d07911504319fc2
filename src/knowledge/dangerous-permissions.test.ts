import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findApiResource } from './api-resources.ts';
import { DANGEROUS_PERMISSIONS, dangerousRequests } from './dangerous-permissions.ts';

const exists = (g: string, r: string) => findApiResource(g, r) !== undefined;

test('entries are well-formed', () => {
  const ids = DANGEROUS_PERMISSIONS.map((p) => p.id);
  assert.equal(new Set(ids).size, ids.length, 'ids unique');
  for (const p of DANGEROUS_PERMISSIONS) {
    assert.match(p.id, /^[a-z0-9]+(-[a-z0-9]+)*$/, p.id);
    assert.ok(p.title.length > 0 && p.why.length > 20, p.id);
    assert.ok(p.verbs.length > 0 && p.apiGroups.length > 0 && p.resources.length > 0, p.id);
    assert.ok(['critical', 'high', 'medium', 'low'].includes(p.severity), p.id);
    assert.ok(
      ['cluster-admin', 'node', 'secrets', 'workload-exec', 'escalation', 'admission-bypass', 'dos'].includes(p.impact),
      p.id,
    );
    assert.ok(p.references.length > 0, p.id);
    for (const r of p.references) assert.match(r, /^https:\/\//, p.id);
  }
});

test('every resource of every entry exists in one of its groups, with its subresource', () => {
  for (const p of DANGEROUS_PERMISSIONS) {
    for (const full of p.resources) {
      if (full === '*') continue;
      const [resource = '', sub] = full.split('/');
      const facts = p.apiGroups.map((g) => findApiResource(g, resource)).filter((f) => f !== undefined);
      assert.ok(facts.length > 0, `${p.id}: ${full} in ${p.apiGroups.join(',')}`);
      if (sub !== undefined) {
        assert.ok(
          facts.some((f) => [...f.subresources, ...(f.authorizationSubresources?.names ?? [])].includes(sub)),
          `${p.id}: ${full}`,
        );
      }
    }
  }
});

test('the catalogue covers the escalation primitives of the RBAC good-practices guide', () => {
  const ids = new Set(DANGEROUS_PERMISSIONS.map((p) => p.id));
  for (const id of [
    'wildcard-all',
    'rbac-escalate',
    'rbac-bind',
    'impersonate-users-groups',
    'impersonate-serviceaccounts',
    'pods-create',
    'workload-controllers-write',
    'pods-exec',
    'pods-attach',
    'pods-ephemeralcontainers',
    'pods-portforward',
    'nodes-proxy',
    'secrets-read',
    'serviceaccount-token-create',
    'csr-approval',
    'csr-signer-approve',
    'admission-webhooks-write',
    'admission-policies-write',
    'rbac-write',
    'persistentvolumes-create',
    'nodes-write',
  ]) {
    assert.ok(ids.has(id), id);
  }
});

test('dangerousRequests pairs each resource only with the groups that serve it', () => {
  const workloads = DANGEROUS_PERMISSIONS.find((p) => p.id === 'workload-controllers-write')!;
  const pairs = new Set(dangerousRequests(workloads, exists).map((r) => `${r.apiGroup}/${r.resource}`));
  assert.deepEqual(
    pairs,
    new Set([
      'apps/deployments',
      'apps/daemonsets',
      'apps/statefulsets',
      'apps/replicasets',
      'batch/jobs',
      'batch/cronjobs',
      '/replicationcontrollers',
    ]),
  );
  assert.equal(dangerousRequests(workloads, exists).length, 7 * 3);
  const exec = dangerousRequests(
    DANGEROUS_PERMISSIONS.find((p) => p.id === 'pods-exec')!,
    exists,
  );
  assert.deepEqual(exec, [
    { verb: 'create', apiGroup: '', resource: 'pods', subresource: 'exec' },
    { verb: 'get', apiGroup: '', resource: 'pods', subresource: 'exec' },
  ]);
  const wildcard = dangerousRequests(
    DANGEROUS_PERMISSIONS.find((p) => p.id === 'wildcard-all')!,
    exists,
  );
  assert.deepEqual(wildcard, [{ verb: '*', apiGroup: '*', resource: '*' }]);
});
