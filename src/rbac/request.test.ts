import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeRequest, parseResourceArg, ResourceArgError } from './request.ts';
import { ALL_NAMESPACES } from './types.ts';

test('parseResourceArg resolves groups, short names, kinds and subresources from the built-in table', () => {
  assert.deepEqual(
    [parseResourceArg('daemonsets').apiGroup, parseResourceArg('daemonsets').resource],
    ['apps', 'daemonsets'],
  );
  assert.equal(parseResourceArg('deploy').resource, 'deployments');
  assert.equal(parseResourceArg('Deployment').apiGroup, 'apps');
  assert.equal(parseResourceArg('deployments.apps').apiGroup, 'apps');
  assert.equal(parseResourceArg('ingresses.v1.networking.k8s.io').apiGroup, 'networking.k8s.io');
  assert.equal(parseResourceArg('configmaps').apiGroup, '');
  assert.equal(parseResourceArg('configmaps').namespaced, true);
  assert.equal(parseResourceArg('nodes').namespaced, false);
  const exec = parseResourceArg('pods/exec');
  assert.deepEqual([exec.apiGroup, exec.resource, exec.subresource, exec.warnings], ['', 'pods', 'exec', []]);
  assert.deepEqual(parseResourceArg('csr/approval').resource, 'certificatesigningrequests');
  assert.equal(parseResourceArg('nodes/stats').warnings.length, 0, 'kubelet subresources are known');
});

test('parseResourceArg: ambiguity, unknown resources and wildcards', () => {
  const events = parseResourceArg('events');
  assert.equal(events.apiGroup, '', 'core group preferred, as kubectl does');
  assert.equal(events.warnings.length, 1);
  assert.equal(parseResourceArg('events.events.k8s.io').apiGroup, 'events.k8s.io');
  const crd = parseResourceArg('certificates.cert-manager.io');
  assert.deepEqual(
    [crd.apiGroup, crd.resource, crd.known, crd.namespaced],
    ['cert-manager.io', 'certificates', false, undefined],
  );
  assert.equal(parseResourceArg('widgets').apiGroup, '');
  assert.equal(parseResourceArg('widgets').known, false);
  assert.equal(parseResourceArg('pods/bogus').warnings.length, 1);
  assert.deepEqual([parseResourceArg('*').apiGroup, parseResourceArg('*').resource], ['*', '*']);
  assert.throws(() => parseResourceArg(''), ResourceArgError);
  assert.throws(() => parseResourceArg('pods/'), ResourceArgError);
});

test('normalizeRequest: cluster-scoped resources lose the namespace; non-resource URLs are cluster-wide', () => {
  assert.equal(normalizeRequest({ verb: 'get', resource: 'nodes', namespace: 'team-a' }).namespace, undefined);
  assert.equal(normalizeRequest({ verb: 'get', resource: 'pods', namespace: 'team-a' }).namespace, 'team-a');
  assert.equal(normalizeRequest({ verb: 'get', nonResourceURL: '/metrics', namespace: 'x' }).namespace, undefined);
  assert.equal(normalizeRequest({ verb: 'get', nonResourceURL: '/metrics' }).path, '/metrics');
  // Unknown (custom) resources keep the caller's namespace.
  assert.equal(normalizeRequest({ verb: 'get', apiGroup: 'x.io', resource: 'widgets', namespace: 'a' }).namespace, 'a');
  // A custom scope resolver can declare them cluster-scoped.
  assert.equal(
    normalizeRequest({ verb: 'get', apiGroup: 'x.io', resource: 'widgets', namespace: 'a' }, () => false).namespace,
    undefined,
  );
});

test('normalizeRequest: bind on clusterroles keeps the namespace of the binding being written', () => {
  const bind = normalizeRequest({
    verb: 'bind',
    apiGroup: 'rbac.authorization.k8s.io',
    resource: 'clusterroles',
    namespace: 'a',
  });
  assert.equal(bind.namespace, 'a');
  const escalate = normalizeRequest({
    verb: 'escalate',
    apiGroup: 'rbac.authorization.k8s.io',
    resource: 'clusterroles',
    namespace: 'a',
  });
  assert.equal(escalate.namespace, undefined);
});

test('normalizeRequest: namespace objects, create and deletecollection', () => {
  const get = normalizeRequest({ verb: 'get', resource: 'namespaces', name: 'team-a' });
  assert.deepEqual([get.namespace, get.resource?.name], ['team-a', 'team-a']);
  const list = normalizeRequest({ verb: 'list', resource: 'namespaces', namespace: 'team-a' });
  assert.equal(list.namespace, undefined);
  const patchAll = normalizeRequest({ verb: 'patch', resource: 'namespaces', namespace: ALL_NAMESPACES });
  assert.equal(patchAll.nameMatch, 'binding-namespace');
  const status = normalizeRequest({ verb: 'update', resource: 'namespaces/status', namespace: 'team-b' });
  assert.deepEqual(
    [status.namespace, status.resource?.name, status.resource?.subresource],
    ['team-b', 'team-b', 'status'],
  );
  assert.equal(normalizeRequest({ verb: 'create', resource: 'configmaps', name: 'x' }).resource?.name, '');
  assert.equal(normalizeRequest({ verb: 'create', resource: 'pods/exec', name: 'x' }).resource?.name, 'x');
  assert.equal(normalizeRequest({ verb: 'deletecollection', resource: 'pods', name: 'x' }).resource?.name, '');
  assert.equal(
    normalizeRequest({ verb: 'list', resource: 'pods', name: 'x' }).resource?.name,
    'x',
    'fieldSelector name',
  );
  assert.equal(normalizeRequest({ verb: 'patch', resource: 'daemonsets' }).resource?.apiGroup, 'apps');
  assert.equal(normalizeRequest({ verb: 'get', resource: 'secrets', anyName: true }).nameMatch, 'any');
  assert.equal(normalizeRequest({ verb: 'create', resource: 'secrets', anyName: true }).nameMatch, 'exact');
});
