// Hand-made edge cases (test/fixtures/rbac/edge-cases.yaml), each expectation reasoned from the upstream code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadEdgeCases } from '../../test/fixtures/rbac/load.ts';
import { can, rulesFor } from './can.ts';
import { buildRbacIndex } from './rbac-index.ts';
import { formatSubject, parseSubject } from './subjects.ts';
import { ALL_NAMESPACES, type AccessRequest } from './types.ts';
import { whoCan } from './who-can.ts';

const index = buildRbacIndex(loadEdgeCases());

function allowed(who: string, request: AccessRequest): boolean {
  return can(index, parseSubject(who), request).allowed;
}
function who(request: AccessRequest): string[] {
  return whoCan(index, request).map((a) => formatSubject(a.subject));
}

test('aggregation with matchExpressions: In and DoesNotExist ANDed, selectors ORed', () => {
  const monitoring = index.roles.get('ClusterRole/monitoring')!;
  assert.deepEqual(
    monitoring.rules.map((r) => r.aggregatedFrom?.name),
    ['monitoring-endpoints', 'monitoring-extra'],
    'legacy is excluded by DoesNotExist, wrong-value by In',
  );
  assert.equal(allowed('group:ops-monitoring', { verb: 'list', resource: 'endpoints', namespace: 'x' }), true);
  assert.equal(allowed('group:ops-monitoring', { verb: 'get', nonResourceURL: '/metrics' }), true);
  assert.equal(allowed('group:ops-monitoring', { verb: 'get', resource: 'secrets', namespace: 'x' }), false);
  assert.equal(allowed('group:ops-monitoring', { verb: 'delete', resource: 'pods', namespace: 'x' }), false);
});

test('aggregation with NotIn (absent label matches) and Exists, bound by a RoleBinding', () => {
  const tools = index.roles.get('ClusterRole/team-tools')!;
  assert.deepEqual(
    tools.rules.map((r) => r.aggregatedFrom?.name),
    ['tool-logs', 'tool-public'],
  );
  assert.equal(allowed('group:team-b-devs', { verb: 'get', resource: 'pods/log', namespace: 'team-b' }), true);
  assert.equal(allowed('group:team-b-devs', { verb: 'get', resource: 'pods/log', namespace: 'team-a' }), false);
  assert.equal(allowed('group:team-b-devs', { verb: 'create', resource: 'pods/exec', namespace: 'team-b' }), false);
});

test('an invalid aggregation selector leaves the stored rules in force and is reported', () => {
  assert.equal(allowed('user:gina', { verb: 'get', resource: 'pods', namespace: 'x' }), true);
  assert.ok(
    index.issues.some((i) => i.code === 'invalid-aggregation-selector' && i.object.name === 'broken-aggregate'),
  );
});

test('resourceNames never restrict list, watch, create or deletecollection: those are not granted', () => {
  const ns = 'team-a';
  assert.equal(allowed('user:bob', { verb: 'get', resource: 'configmaps', name: 'app-config', namespace: ns }), true);
  assert.equal(
    allowed('user:bob', { verb: 'update', resource: 'configmaps', name: 'app-config', namespace: ns }),
    true,
  );
  assert.equal(allowed('user:bob', { verb: 'get', resource: 'configmaps', name: 'other', namespace: ns }), false);
  assert.equal(allowed('user:bob', { verb: 'list', resource: 'configmaps', namespace: ns }), false);
  assert.equal(allowed('user:bob', { verb: 'watch', resource: 'configmaps', namespace: ns }), false);
  assert.equal(
    allowed('user:bob', { verb: 'create', resource: 'configmaps', name: 'app-config', namespace: ns }),
    false,
  );
  assert.equal(allowed('user:bob', { verb: 'deletecollection', resource: 'configmaps', namespace: ns }), false);
  // A list narrowed by fieldSelector metadata.name is authorized with that name.
  assert.equal(allowed('user:bob', { verb: 'list', resource: 'configmaps', name: 'app-config', namespace: ns }), true);
  // "Some object, any name": names-restricted rules count, except for requests that never carry a name.
  assert.equal(allowed('user:bob', { verb: 'update', resource: 'configmaps', anyName: true, namespace: ns }), true);
  assert.equal(allowed('user:bob', { verb: 'create', resource: 'configmaps', anyName: true, namespace: ns }), false);
  assert.equal(
    allowed('user:bob', { verb: 'deletecollection', resource: 'configmaps', anyName: true, namespace: ns }),
    false,
  );
  assert.deepEqual(who({ verb: 'update', resource: 'configmaps', anyName: true, namespace: ALL_NAMESPACES }), [
    'User bob',
  ]);
  assert.deepEqual(who({ verb: 'update', resource: 'configmaps', namespace: ALL_NAMESPACES }), []);
});

test('*/scale matches the scale subresource of any resource in any group, and nothing else', () => {
  const sa = 'sa:keda:keda-operator';
  assert.equal(
    allowed(sa, { verb: 'update', apiGroup: 'apps', resource: 'deployments', subresource: 'scale', namespace: 'x' }),
    true,
  );
  assert.equal(allowed(sa, { verb: 'patch', apiGroup: 'apps', resource: 'statefulsets/scale', namespace: 'x' }), true);
  assert.equal(allowed(sa, { verb: 'get', apiGroup: 'example.io', resource: 'widgets/scale', namespace: 'x' }), true);
  assert.equal(allowed(sa, { verb: 'update', apiGroup: 'apps', resource: 'deployments', namespace: 'x' }), false);
  assert.equal(
    allowed(sa, { verb: 'update', apiGroup: 'apps', resource: 'deployments/status', namespace: 'x' }),
    false,
  );
});

test('pods does not match pods/exec, even with every verb', () => {
  assert.equal(allowed('user:frank', { verb: 'delete', resource: 'pods', name: 'p', namespace: 'team-a' }), true);
  assert.equal(allowed('user:frank', { verb: 'create', resource: 'pods/exec', name: 'p', namespace: 'team-a' }), false);
  assert.equal(allowed('user:frank', { verb: 'get', resource: 'pods/log', name: 'p', namespace: 'team-a' }), false);
});

test('a RoleBinding to a ClusterRole: its namespace only, no cluster-scoped resources, no non-resource URLs', () => {
  assert.equal(allowed('user:carol', { verb: 'get', resource: 'pods', namespace: 'team-a' }), true);
  assert.equal(allowed('user:carol', { verb: 'get', resource: 'pods', namespace: 'team-b' }), false);
  assert.equal(allowed('user:carol', { verb: 'list', resource: 'pods' }), false, 'cluster-wide list');
  assert.equal(allowed('user:carol', { verb: 'get', resource: 'nodes', namespace: 'team-a' }), false);
  assert.equal(allowed('user:carol', { verb: 'get', nonResourceURL: '/metrics' }), false);
  // The same ClusterRole through a ClusterRoleBinding grants all three.
  assert.equal(allowed('group:ops', { verb: 'get', resource: 'nodes' }), true);
  assert.equal(allowed('group:ops', { verb: 'get', nonResourceURL: '/metrics' }), true);
  assert.equal(allowed('group:ops', { verb: 'get', nonResourceURL: '/logs/kube-apiserver.log' }), true);
  assert.equal(allowed('group:ops', { verb: 'get', nonResourceURL: '/logs' }), false, '/logs/* needs the slash');
  assert.deepEqual(who({ verb: 'get', nonResourceURL: '/metrics' }), ['Group ops', 'Group ops-monitoring']);
  // rulesFor lists the non-resource rule reached through carol's RoleBinding, as upstream RulesFor does.
  const carolRules = rulesFor(index, parseSubject('user:carol'), 'team-a');
  assert.ok(carolRules.some((r) => r.rule.nonResourceURLs.includes('/metrics') && r.namespace === 'team-a'));
});

test('ServiceAccount subjects without a namespace: the RoleBinding namespace, or nobody in a ClusterRoleBinding', () => {
  const deploy = { verb: 'create', apiGroup: 'apps', resource: 'deployments' };
  assert.equal(allowed('sa:team-a:builder', { ...deploy, namespace: 'team-a' }), true);
  assert.equal(allowed('sa:team-b:builder', { ...deploy, namespace: 'team-a' }), false);
  // builders-everywhere (ClusterRoleBinding, SA without namespace) grants node-and-pod-reader to nobody.
  assert.equal(allowed('sa:team-a:builder', { verb: 'get', resource: 'nodes' }), false);
  assert.ok(
    index.issues.some((i) => i.code === 'service-account-without-namespace' && i.object.name === 'builders-everywhere'),
  );
  assert.ok(who({ ...deploy, namespace: 'team-a' }).includes('ServiceAccount team-a/builder'));
});

test('a User subject spelled as a service-account username matches that service account', () => {
  const deploy = { verb: 'patch', apiGroup: 'apps', resource: 'deployments', name: 'd', namespace: 'team-b' };
  assert.equal(allowed('sa:team-b:ci', deploy), true);
  assert.equal(allowed('user:system:serviceaccount:team-b:ci', deploy), true, 'the username form parses as the SA');
  assert.equal(allowed('sa:team-a:ci', deploy), false);
});

test('implicit groups: system:serviceaccounts:<ns> covers every SA of that namespace, flagged in who-can', () => {
  assert.equal(allowed('sa:team-b:anything', { verb: 'list', resource: 'pods', namespace: 'team-b' }), true);
  assert.equal(allowed('sa:team-a:anything', { verb: 'list', resource: 'pods', namespace: 'team-b' }), false);
  assert.equal(allowed('user:alice', { verb: 'list', resource: 'pods', namespace: 'team-b' }), false);
  const answer = whoCan(index, { verb: 'list', resource: 'pods', namespace: 'team-b' }).find(
    (a) => a.subject.name === 'system:serviceaccounts:team-b',
  );
  assert.equal(answer?.implicit?.audience, 'namespace-serviceaccounts');
});

test('the anonymous user', () => {
  const get = { verb: 'get', resource: 'configmaps', name: 'public', namespace: 'team-a' };
  assert.equal(allowed('user:system:anonymous', get), true);
  assert.equal(allowed('user:alice', get), false, 'authenticated users are not system:anonymous');
  const answer = whoCan(index, get).find((a) => a.subject.name === 'system:anonymous');
  assert.equal(answer?.implicit?.audience, 'anonymous');
});

test('dangling role references grant nothing and are reported', () => {
  assert.deepEqual(index.dangling.map((d) => [d.binding.kind, d.binding.name, d.reason]).sort(), [
    ['ClusterRoleBinding', 'ghost', 'role-not-found'],
    ['ClusterRoleBinding', 'wrong-kind', 'unsupported-role-kind'],
    ['RoleBinding', 'missing-role', 'role-not-found'],
    ['RoleBinding', 'other-namespace-role', 'role-not-found'],
  ]);
  assert.deepEqual(rulesFor(index, parseSubject('user:mallory'), ALL_NAMESPACES), []);
  assert.equal(allowed('user:mallory', { verb: 'get', resource: 'pods', namespace: 'team-b' }), false);
});

test('bind on a ClusterRole is authorized in the namespace of the RoleBinding being written', () => {
  const bind = { verb: 'bind', apiGroup: 'rbac.authorization.k8s.io', resource: 'clusterroles', name: 'deployer' };
  assert.equal(allowed('user:dave', { ...bind, namespace: 'team-a' }), true);
  assert.equal(allowed('user:dave', { ...bind, namespace: 'team-b' }), false);
  assert.equal(allowed('user:dave', bind), false, 'a ClusterRoleBinding (no namespace) is not covered');
  assert.equal(allowed('user:dave', { ...bind, name: 'cluster-admin', namespace: 'team-a' }), false);
});

test('requests on a namespace object are evaluated in that namespace', () => {
  assert.equal(allowed('user:erin', { verb: 'patch', resource: 'namespaces', name: 'team-a' }), true);
  assert.equal(allowed('user:erin', { verb: 'patch', resource: 'namespaces', name: 'team-b' }), false);
  assert.equal(allowed('user:erin', { verb: 'list', resource: 'namespaces' }), false);
  assert.equal(allowed('user:erin', { verb: 'patch', resource: 'namespaces', namespace: ALL_NAMESPACES }), true);
  const answer = whoCan(index, { verb: 'patch', resource: 'namespaces', namespace: ALL_NAMESPACES }).find(
    (a) => a.subject.name === 'erin',
  );
  assert.deepEqual(
    answer?.grants.map((g) => g.namespace),
    ['team-a'],
  );
});

test('ignored input: removed API versions, unknown subject kinds, other kinds', () => {
  assert.equal(
    allowed('user:legacy-user', { verb: 'create', apiGroup: 'apps', resource: 'deployments', namespace: 'x' }),
    false,
  );
  assert.equal(
    allowed('user:zed', { verb: 'create', apiGroup: 'apps', resource: 'deployments', namespace: 'x' }),
    false,
  );
  const codes = new Set(index.issues.map((i) => i.code));
  assert.ok(codes.has('unsupported-api-version'));
  assert.ok(codes.has('unknown-subject-kind'));
  assert.equal(
    [...index.roles.values()].some((r) => r.name === 'not-rbac'),
    false,
  );
});

test('malformed objects do not throw', () => {
  const bad = buildRbacIndex([
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: {}, rules: 'x' },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'no-namespace' } },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r' }, rules: 'x' },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'odd' },
      rules: [null, { verbs: 'get', resources: ['pods', 7], apiGroups: [''] }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'b' },
      roleRef: 5,
      subjects: [7, { kind: 'User' }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'odd' },
      roleRef: { kind: 'ClusterRole', name: 'odd' },
      subjects: [{ kind: 'User', name: 'u' }],
    },
  ]);
  assert.equal(can(bad, parseSubject('user:u'), { verb: 'get', resource: 'pods', namespace: 'x' }).allowed, false);
  assert.ok(bad.issues.filter((i) => i.code === 'malformed-object').length >= 4);
  assert.equal(bad.dangling.length, 1);
});

test('a scope resolver for custom resources keeps RoleBindings from granting cluster-scoped ones', () => {
  const objects = [
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'widgets' },
      rules: [{ apiGroups: ['example.io'], resources: ['widgets', 'clusterwidgets'], verbs: ['get'] }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'widgets', namespace: 'team-a' },
      roleRef: { kind: 'ClusterRole', name: 'widgets' },
      subjects: [{ kind: 'User', name: 'wendy' }],
    },
  ];
  const scoped = buildRbacIndex(objects, {
    scopeOf: (group, resource) => (group === 'example.io' ? resource === 'widgets' : undefined),
  });
  const wendy = parseSubject('user:wendy');
  const get = (resource: string) => ({ verb: 'get', apiGroup: 'example.io', resource, namespace: 'team-a' });
  assert.equal(can(scoped, wendy, get('widgets')).allowed, true);
  assert.equal(can(scoped, wendy, get('clusterwidgets')).allowed, false);
  // Without the resolver the scope is unknown and the caller's namespace stands.
  assert.equal(can(buildRbacIndex(objects), wendy, get('clusterwidgets')).allowed, true);
});
