// who-can / can conformance over the upstream bootstrap policy (test/fixtures/rbac/bootstrap, see SOURCE.md).
// Each expectation is worked out by hand from the upstream semantics; `why` says how.
// Test-added objects (not in the upstream files), marked as such:
//   - RoleBindings in namespace `team` of admin, edit and view to users team-admin, team-editor, team-viewer;
//   - ClusterRoleBinding system:monitoring → Group system:monitoring, which newer upstream policy creates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadBootstrapPolicy } from '../../test/fixtures/rbac/load.ts';
import type { KubeObject } from '../model/k8s.ts';
import { can, rulesFor } from './can.ts';
import { buildRbacIndex } from './rbac-index.ts';
import { parseResourceArg } from './request.ts';
import { formatSubject, parseSubject } from './subjects.ts';
import { ALL_NAMESPACES, type AccessRequest } from './types.ts';
import { whoCan } from './who-can.ts';

const RBAC = 'rbac.authorization.k8s.io/v1';
function roleBinding(ns: string, role: string, user: string): KubeObject {
  return {
    apiVersion: RBAC,
    kind: 'RoleBinding',
    metadata: { name: `${user}-${role}`, namespace: ns },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
    subjects: [{ kind: 'User', name: user }],
  };
}
const testAdded: KubeObject[] = [
  roleBinding('team', 'admin', 'team-admin'),
  roleBinding('team', 'edit', 'team-editor'),
  roleBinding('team', 'view', 'team-viewer'),
  {
    apiVersion: RBAC,
    kind: 'ClusterRoleBinding',
    metadata: { name: 'system:monitoring' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:monitoring' },
    subjects: [{ kind: 'Group', name: 'system:monitoring' }],
  },
];
const index = buildRbacIndex([...loadBootstrapPolicy(), ...testAdded]);

/** `verb resource[/sub] [name] [-n ns]` or `verb /url`, resource parsed like the command line. */
function req(text: string): AccessRequest {
  const [verb = '', target = '', ...rest] = text.split(/\s+/);
  if (target.startsWith('/')) return { verb, nonResourceURL: target };
  const r = parseResourceArg(target);
  const out: AccessRequest = { verb, apiGroup: r.apiGroup, resource: r.resource };
  if (r.subresource !== undefined) out.subresource = r.subresource;
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '-n') out.namespace = rest[++i] ?? '';
    else if (rest[i] === '-A') out.namespace = ALL_NAMESPACES;
    else out.name = rest[i] ?? '';
  }
  return out;
}

interface CanCase {
  who: string;
  request: string;
  allowed: boolean;
  /** Bindings expected among the grants (all of them when listed). */
  via?: string[];
  why: string;
}

const canCases: CanCase[] = [
  {
    who: 'user:system:kube-scheduler',
    request: 'create pods/binding -n default',
    allowed: true,
    via: ['system:kube-scheduler'],
    why: 'ClusterRole system:kube-scheduler has create on bindings and pods/binding; ClusterRoleBinding of the same name binds it to the user',
  },
  {
    who: 'user:system:kube-scheduler',
    request: 'create pods -n default',
    allowed: false,
    why: 'its pods rule is delete/get/list/watch; pods/binding is another resource',
  },
  {
    who: 'user:system:kube-scheduler',
    request: 'get leases.coordination.k8s.io kube-scheduler -n kube-system',
    allowed: true,
    via: ['system:kube-scheduler', 'system::leader-locking-kube-scheduler'],
    why: 'cluster rule get/update leases named kube-scheduler, and the Role leader-locking-kube-scheduler in kube-system',
  },
  {
    who: 'user:system:kube-scheduler',
    request: 'update leases.coordination.k8s.io other -n default',
    allowed: false,
    why: 'the cluster-wide update is limited to resourceNames [kube-scheduler]; the unrestricted Role applies only in kube-system',
  },
  {
    who: 'user:system:kube-scheduler',
    request: 'update leases.coordination.k8s.io other -n kube-system',
    allowed: true,
    via: ['system::leader-locking-kube-scheduler'],
    why: 'the Role in kube-system has update on leases without resourceNames',
  },
  {
    who: 'user:system:kube-scheduler',
    request: 'create leases.coordination.k8s.io -n default',
    allowed: true,
    via: ['system:kube-scheduler'],
    why: 'create leases is granted cluster-wide without resourceNames',
  },
  {
    who: 'user:system:kube-scheduler',
    request: 'get configmaps extension-apiserver-authentication -n kube-system',
    allowed: true,
    via: ['system::extension-apiserver-authentication-reader'],
    why: 'Role extension-apiserver-authentication-reader in kube-system, bound to the user',
  },
  {
    who: 'user:system:kube-scheduler',
    request: 'list configmaps -n kube-system',
    allowed: false,
    why: 'the reader Role lists list/watch but restricts resourceNames, and a list carries no name',
  },
  {
    who: 'user:team-viewer',
    request: 'get secrets -n team',
    allowed: false,
    why: 'view aggregates system:aggregate-to-view, which has no secrets',
  },
  {
    who: 'user:team-viewer',
    request: 'get pods -n team',
    allowed: true,
    via: ['team-viewer-view'],
    why: 'view (from system:aggregate-to-view) reads pods; the RoleBinding is in team',
  },
  {
    who: 'user:team-viewer',
    request: 'get pods -n other',
    allowed: false,
    why: 'a RoleBinding grants only in its own namespace',
  },
  {
    who: 'user:team-viewer',
    request: 'get pods/log -n team',
    allowed: true,
    why: 'system:aggregate-to-view lists pods/log',
  },
  {
    who: 'user:team-viewer',
    request: 'create pods/exec -n team',
    allowed: false,
    why: 'view has no pods/exec',
  },
  {
    who: 'user:team-editor',
    request: 'create pods/exec -n team',
    allowed: true,
    via: ['team-editor-edit'],
    why: 'edit aggregates system:aggregate-to-edit: create on pods/exec',
  },
  {
    who: 'user:team-editor',
    request: 'get secrets -n team',
    allowed: true,
    why: 'system:aggregate-to-edit: get/list/watch secrets',
  },
  {
    who: 'user:team-editor',
    request: 'impersonate serviceaccounts -n team',
    allowed: true,
    why: 'system:aggregate-to-edit: impersonate serviceaccounts',
  },
  {
    who: 'user:team-editor',
    request: 'create serviceaccounts/token -n team',
    allowed: true,
    why: 'system:aggregate-to-edit: create serviceaccounts/token',
  },
  {
    who: 'user:team-editor',
    request: 'create roles.rbac.authorization.k8s.io -n team',
    allowed: false,
    why: 'roles and rolebindings come only with system:aggregate-to-admin',
  },
  {
    who: 'user:team-editor',
    request: 'get namespaces team',
    allowed: true,
    why: 'edit includes view (get namespaces); a get of namespace team is a request in namespace team, where the RoleBinding applies',
  },
  {
    who: 'user:team-editor',
    request: 'get namespaces kube-system',
    allowed: false,
    why: 'a get of namespace kube-system is a request in kube-system, where the user has no binding',
  },
  {
    who: 'user:team-admin',
    request: 'create rolebindings.rbac.authorization.k8s.io -n team',
    allowed: true,
    why: 'admin aggregates system:aggregate-to-admin: create rolebindings',
  },
  {
    who: 'user:team-admin',
    request: 'create pods/exec -n team',
    allowed: true,
    why: 'admin aggregates edit, which aggregates system:aggregate-to-edit',
  },
  {
    who: 'user:team-admin',
    request: 'create resourcequotas -n team',
    allowed: false,
    why: 'no aggregate-to-* role writes resourcequotas (view only reads them)',
  },
  {
    who: 'user:team-admin',
    request: 'get nodes -n team',
    allowed: false,
    why: 'nodes are cluster-scoped: the request carries no namespace, so no RoleBinding applies',
  },
  {
    who: 'user:alice',
    request: 'get /version',
    allowed: true,
    via: ['system:discovery', 'system:public-info-viewer'],
    why: 'every authenticated user is in system:authenticated, bound to system:discovery and system:public-info-viewer',
  },
  {
    who: 'user:system:anonymous',
    request: 'get /version',
    allowed: true,
    via: ['system:public-info-viewer'],
    why: 'anonymous requests are in system:unauthenticated, bound to system:public-info-viewer',
  },
  {
    who: 'user:system:anonymous',
    request: 'get /api',
    allowed: false,
    why: 'in this version system:discovery is bound to system:authenticated only',
  },
  {
    who: 'user:system:anonymous',
    request: 'create selfsubjectaccessreviews.authorization.k8s.io',
    allowed: false,
    why: 'in this version system:basic-user is bound to system:authenticated only',
  },
  {
    who: 'sa:default:default',
    request: 'create selfsubjectaccessreviews.authorization.k8s.io',
    allowed: true,
    via: ['system:basic-user'],
    why: 'service accounts are authenticated: system:authenticated → system:basic-user',
  },
  {
    who: 'sa:kube-system:kube-dns',
    request: 'list endpoints',
    allowed: true,
    via: ['system:kube-dns'],
    why: 'ClusterRoleBinding system:kube-dns names ServiceAccount kube-system/kube-dns; role has list/watch endpoints',
  },
  {
    who: 'sa:kube-system:kube-dns',
    request: 'get endpoints x -n default',
    allowed: false,
    why: 'system:kube-dns has list and watch only',
  },
  {
    who: 'sa:kube-system:bootstrap-signer',
    request: 'update configmaps cluster-info -n kube-public',
    allowed: true,
    via: ['system:controller:bootstrap-signer'],
    why: 'Role in kube-public: update configmaps named cluster-info; the RoleBinding there names the kube-system SA',
  },
  {
    who: 'sa:kube-system:bootstrap-signer',
    request: 'update configmaps other -n kube-public',
    allowed: false,
    why: 'the update rule is limited to resourceNames [cluster-info]',
  },
  {
    who: 'sa:kube-system:bootstrap-signer',
    request: 'get secrets -n kube-system',
    allowed: true,
    why: 'the Role of the same name in kube-system reads secrets',
  },
  {
    who: 'sa:kube-system:bootstrap-signer',
    request: 'get secrets -n kube-public',
    allowed: false,
    why: 'the kube-public Role has no secrets; Roles are per namespace',
  },
  {
    who: 'group:system:masters',
    request: 'escalate clusterroles.rbac.authorization.k8s.io',
    allowed: true,
    via: ['cluster-admin'],
    why: 'cluster-admin: * on * in *',
  },
  {
    who: 'group:system:nodes',
    request: 'get secrets -n default',
    allowed: false,
    why: 'ClusterRoleBinding system:node has no subjects in current policy (the Node authorizer serves nodes)',
  },
  {
    who: 'user:system:kube-controller-manager',
    request: 'list secrets',
    allowed: true,
    via: ['system:kube-controller-manager'],
    why: 'its ClusterRole lists and watches * in *',
  },
  {
    who: 'user:system:kube-proxy',
    request: 'list endpointslices.discovery.k8s.io',
    allowed: true,
    why: 'system:node-proxier: list/watch endpointslices',
  },
  {
    who: 'user:system:kube-proxy',
    request: 'get endpointslices.discovery.k8s.io x -n default',
    allowed: false,
    why: 'system:node-proxier has no get on endpointslices',
  },
  {
    who: 'group:system:monitoring',
    request: 'get /healthz/etcd',
    allowed: true,
    via: ['system:monitoring'],
    why: '(test-added binding) system:monitoring has /healthz/*, a prefix rule',
  },
  {
    who: 'group:system:monitoring',
    request: 'get /metricsx',
    allowed: false,
    why: '/metrics is exact, not a prefix',
  },
  {
    who: 'user:alice',
    request: 'get /healthz/etcd',
    allowed: false,
    why: 'system:discovery and system:public-info-viewer grant /healthz exactly, not /healthz/*',
  },
];

for (const c of canCases) {
  test(`can ${c.who} ${c.request} → ${c.allowed}`, () => {
    const answer = can(index, parseSubject(c.who), req(c.request));
    assert.equal(answer.allowed, c.allowed, c.why);
    assert.equal(answer.grants.length > 0, c.allowed);
    if (c.via !== undefined) {
      assert.deepEqual(new Set(answer.grants.map((g) => g.binding.name)), new Set(c.via), c.why);
    }
  });
}

interface WhoCanCase {
  request: string;
  exactly?: string[];
  includes?: string[];
  excludes?: string[];
  why: string;
}

const whoCanCases: WhoCanCase[] = [
  {
    request: 'get /version',
    exactly: ['Group system:authenticated', 'Group system:masters', 'Group system:unauthenticated'],
    why: 'system:discovery (authenticated), system:public-info-viewer (authenticated, unauthenticated), cluster-admin',
  },
  {
    request: 'get /healthz/etcd',
    exactly: ['Group system:masters', 'Group system:monitoring'],
    why: 'only cluster-admin (*) and system:monitoring (/healthz/*) reach below /healthz',
  },
  {
    request: 'create pods/binding -n default',
    exactly: ['Group system:masters', 'User system:kube-scheduler'],
    why: 'cluster-admin and system:kube-scheduler; the test-added RoleBindings are in namespace team',
  },
  {
    request: 'create pods/exec -n team',
    exactly: ['Group system:masters', 'User team-admin', 'User team-editor'],
    why: 'admin and edit include system:aggregate-to-edit; view does not',
  },
  {
    request: 'escalate clusterroles.rbac.authorization.k8s.io',
    exactly: ['Group system:masters'],
    why: 'no bootstrap role grants escalate except cluster-admin',
  },
  {
    request: 'get secrets -A',
    includes: [
      'Group system:masters',
      'User system:kube-controller-manager',
      'User team-admin',
      'User team-editor',
      'ServiceAccount kube-system/bootstrap-signer',
      'ServiceAccount kube-system/token-cleaner',
    ],
    excludes: ['User team-viewer', 'User system:kube-scheduler', 'Group system:nodes'],
    why: 'cluster-admin, the controller manager (get secrets), edit/admin via aggregate-to-edit, the two kube-system Roles',
  },
  {
    request: 'list configmaps -n kube-system',
    includes: ['Group system:masters', 'User system:kube-controller-manager'],
    excludes: ['User system:kube-scheduler'],
    why: 'the controller manager lists * ; the scheduler only has a names-restricted configmap rule',
  },
];

for (const c of whoCanCases) {
  test(`who-can ${c.request}`, () => {
    const names = whoCan(index, req(c.request)).map((a) => formatSubject(a.subject));
    if (c.exactly !== undefined) assert.deepEqual(names, c.exactly, c.why);
    for (const n of c.includes ?? []) assert.ok(names.includes(n), `${n} expected: ${c.why}`);
    for (const n of c.excludes ?? []) assert.ok(!names.includes(n), `${n} not expected: ${c.why}`);
  });
}

test('who-can flags implicit groups', () => {
  const answers = whoCan(index, req('get /version'));
  const flags = Object.fromEntries(answers.map((a) => [a.subject.name, a.implicit?.audience]));
  assert.deepEqual(flags, {
    'system:authenticated': 'all-authenticated',
    'system:masters': undefined,
    'system:unauthenticated': 'unauthenticated',
  });
});

test('who-can in all namespaces marks RoleBinding grants with their namespace', () => {
  const answers = whoCan(index, req('get secrets -A'));
  const editor = answers.find((a) => a.subject.name === 'team-editor');
  assert.deepEqual(
    editor?.grants.map((g) => [g.binding.name, g.namespace, g.role.name, g.aggregatedFrom?.name]),
    [['team-editor-edit', 'team', 'edit', 'system:aggregate-to-edit']],
  );
  const kcm = answers.find((a) => a.subject.name === 'system:kube-controller-manager');
  assert.ok(
    kcm?.grants.every((g) => g.namespace === undefined),
    'ClusterRoleBinding grants are cluster-wide',
  );
});

test('rulesFor: a service account in kube-public sees its Role and the rules of system:authenticated', () => {
  const rules = rulesFor(index, parseSubject('sa:kube-system:bootstrap-signer'), 'kube-public');
  const byBinding = new Set(rules.map((r) => `${r.binding.kind}/${r.binding.name}@${r.namespace ?? '*'}`));
  assert.deepEqual(
    byBinding,
    new Set([
      'ClusterRoleBinding/system:basic-user@*',
      'ClusterRoleBinding/system:discovery@*',
      'ClusterRoleBinding/system:public-info-viewer@*',
      'RoleBinding/system:controller:bootstrap-signer@kube-public',
    ]),
  );
  const clusterWide = rulesFor(index, parseSubject('sa:kube-system:bootstrap-signer'));
  assert.ok(clusterWide.every((r) => r.binding.kind === 'ClusterRoleBinding'));
  const everywhere = rulesFor(index, parseSubject('sa:kube-system:bootstrap-signer'), ALL_NAMESPACES);
  assert.deepEqual(
    new Set(everywhere.flatMap((r) => (r.namespace === undefined ? [] : [r.namespace]))),
    new Set(['kube-public', 'kube-system']),
  );
});

test('the bootstrap policy has no dangling bindings and no issues', () => {
  assert.deepEqual(index.dangling, []);
  assert.deepEqual(index.issues, []);
});
