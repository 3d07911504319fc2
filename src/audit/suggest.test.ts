import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildRbacIndex, can } from '../rbac/index.ts';
import type { AccessRequest, Principal } from '../rbac/types.ts';
import type { AccessEntry, PrincipalProfile } from './aggregate.ts';
import { rulesForEntries, suggestRoles } from './suggest.ts';

function entry(over: Partial<AccessEntry>): AccessEntry {
  return {
    verb: 'get',
    apiGroup: '',
    apiVersion: 'v1',
    resource: 'pods',
    subresource: '',
    namespace: '',
    outcome: 'allowed',
    count: 1,
    names: [],
    namesTruncated: false,
    unnamed: 0,
    firstSeen: '',
    lastSeen: '',
    ...over,
  };
}

function profile(username: string, access: AccessEntry[]): PrincipalProfile {
  return {
    username,
    kind: username.startsWith('system:serviceaccount:') ? 'ServiceAccount' : 'User',
    groups: [],
    requests: access.length,
    denied: 0,
    firstSeen: '',
    lastSeen: '',
    verbs: {},
    namespaces: {},
    userAgents: [],
    sourceIPs: [],
    pods: [],
    impersonatedBy: [],
    access,
    truncated: { access: 0, userAgents: 0, sourceIPs: 0, pods: 0 },
  };
}

const SA: Principal = { kind: 'ServiceAccount', namespace: 'tools', name: 'agent' };
const SA_NAME = 'system:serviceaccount:tools:agent';

describe('rulesForEntries', () => {
  it('limits get/update/patch/delete to the names touched, never list, watch or create', () => {
    const rules = rulesForEntries(
      [
        entry({ verb: 'get', resource: 'configmaps', names: ['a', 'b'] }),
        entry({ verb: 'update', resource: 'configmaps', names: ['a', 'b'] }),
        entry({ verb: 'list', resource: 'configmaps', unnamed: 3 }),
        entry({ verb: 'create', resource: 'configmaps', names: ['c'] }),
        entry({ verb: 'get', resource: 'pods', names: ['p1', 'p2', 'p3'] }),
      ],
      2,
    );
    assert.deepEqual(rules, [
      { apiGroups: [''], resources: ['configmaps'], verbs: ['create', 'list'], resourceNames: [], nonResourceURLs: [] },
      {
        apiGroups: [''],
        resources: ['configmaps'],
        verbs: ['get', 'update'],
        resourceNames: ['a', 'b'],
        nonResourceURLs: [],
      },
      // Three names exceed the limit of two: granted by kind.
      { apiGroups: [''], resources: ['pods'], verbs: ['get'], resourceNames: [], nonResourceURLs: [] },
    ]);
  });

  it('never limits kinds whose names controllers generate, even to one name', () => {
    const rules = rulesForEntries(
      [
        entry({ verb: 'get', resource: 'pods', names: ['web-5dd4b469c7-kdwps'] }),
        entry({ verb: 'get', apiGroup: 'apps', resource: 'replicasets', names: ['web-5dd4b469c7'] }),
        entry({ verb: 'get', apiGroup: 'apps', resource: 'deployments', names: ['web'] }),
      ],
      5,
    );
    assert.deepEqual(
      rules.map((r) => [r.resources, r.resourceNames]),
      [
        [['pods'], []],
        [['deployments'], ['web']],
        [['replicasets'], []],
      ],
    );
  });

  it('merges resources only when verbs and names match, keeps groups and subresources apart', () => {
    const rules = rulesForEntries(
      [
        entry({ verb: 'list', resource: 'pods' }),
        entry({ verb: 'list', resource: 'nodes' }),
        entry({ verb: 'watch', resource: 'nodes' }),
        entry({ verb: 'list', apiGroup: 'apps', resource: 'deployments' }),
        entry({ verb: 'get', resource: 'nodes', subresource: 'proxy', names: ['n1'], namesTruncated: true }),
        entry({ verb: 'get', nonResourceURL: '/metrics', resource: '', apiVersion: '' }),
        entry({ verb: 'get', nonResourceURL: '/healthz', resource: '', apiVersion: '' }),
      ],
      5,
    );
    assert.deepEqual(
      rules.map((r) => [r.apiGroups, r.resources, r.verbs, r.resourceNames, r.nonResourceURLs]),
      [
        [[''], ['nodes'], ['list', 'watch'], [], []],
        [[''], ['nodes/proxy'], ['get'], [], []],
        [[''], ['pods'], ['list'], [], []],
        [['apps'], ['deployments'], ['list'], [], []],
        [[], [], ['get'], [], ['/healthz', '/metrics']],
      ],
    );
  });
});

describe('suggestRoles', () => {
  const access = [
    entry({ verb: 'list', resource: 'pods', unnamed: 4 }), // all namespaces
    entry({ verb: 'get', resource: 'nodes', names: ['n1'] }), // cluster-scoped
    entry({ verb: 'get', resource: 'configmaps', namespace: 'a', names: ['cfg'] }),
    entry({ verb: 'get', resource: 'configmaps', namespace: 'b', names: ['cfg'] }),
    entry({ verb: 'create', resource: 'events', namespace: 'c', names: ['e1'] }),
    entry({ verb: 'get', resource: 'namespaces', namespace: 'c', names: ['c'] }),
    entry({ verb: 'delete', resource: 'secrets', namespace: 'a', names: ['s'], outcome: 'denied' }),
  ];
  const s = suggestRoles(profile(SA_NAME, access));
  const index = buildRbacIndex(s.objects);

  it('puts cluster-wide access in a ClusterRole, shares one ClusterRole between namespaces with equal needs', () => {
    assert.deepEqual(
      s.objects.map((o) => `${o.kind} ${o.metadata.namespace ?? '-'} ${o.metadata.name ?? ''}`),
      [
        'ClusterRole - kubeseam:observed:tools:agent',
        'ClusterRoleBinding - kubeseam:observed:tools:agent',
        'ClusterRole - kubeseam:observed:tools:agent:namespaced',
        'RoleBinding a kubeseam:observed:tools:agent:namespaced',
        'RoleBinding b kubeseam:observed:tools:agent:namespaced',
        'Role c kubeseam:observed:tools:agent',
        'RoleBinding c kubeseam:observed:tools:agent',
      ],
    );
    assert.deepEqual([index.issues, index.dangling], [[], []]);
    assert.equal(s.denied.length, 1);
    assert.match(s.yaml, /kind: ClusterRole\n/);
  });

  it('grants exactly what was seen, as the RBAC engine decides', () => {
    const yes: AccessRequest[] = [
      { verb: 'list', resource: 'pods', namespace: 'anywhere' },
      { verb: 'list', resource: 'pods' },
      { verb: 'get', resource: 'nodes', name: 'n1' },
      { verb: 'get', resource: 'configmaps', namespace: 'a', name: 'cfg' },
      { verb: 'get', resource: 'configmaps', namespace: 'b', name: 'cfg' },
      { verb: 'create', resource: 'events', namespace: 'c' },
      { verb: 'get', resource: 'namespaces', name: 'c' },
    ];
    const no: AccessRequest[] = [
      { verb: 'get', resource: 'pods', namespace: 'a', name: 'p' },
      { verb: 'watch', resource: 'pods' },
      { verb: 'get', resource: 'nodes', name: 'n2' },
      { verb: 'list', resource: 'nodes' },
      { verb: 'get', resource: 'configmaps', namespace: 'a', name: 'other' },
      { verb: 'get', resource: 'configmaps', namespace: 'c', name: 'cfg' },
      { verb: 'update', resource: 'configmaps', namespace: 'a', name: 'cfg' },
      { verb: 'create', resource: 'events', namespace: 'a' },
      { verb: 'get', resource: 'namespaces', name: 'a' },
      { verb: 'delete', resource: 'secrets', namespace: 'a', name: 's' },
    ];
    for (const r of yes) assert.equal(can(index, SA, r).allowed, true, JSON.stringify(r));
    for (const r of no) assert.equal(can(index, SA, r).allowed, false, JSON.stringify(r));
    // Another account of the same namespace gets nothing.
    assert.equal(can(index, { kind: 'ServiceAccount', namespace: 'tools', name: 'other' }, yes[0]!).allowed, false);
  });

  it('binds users by name and keeps object names valid', () => {
    const u = suggestRoles(profile('https://sts.windows.net/t/#u1', [entry({ verb: 'list', resource: 'pods' })]));
    assert.equal(u.objects[0]!.metadata.name, 'kubeseam:observed:user:https:--sts.windows.net-t-#u1');
    const ui = buildRbacIndex(u.objects);
    assert.equal(
      can(ui, { kind: 'User', name: 'https://sts.windows.net/t/#u1' }, { verb: 'list', resource: 'pods' }).allowed,
      true,
    );
    assert.equal(can(ui, { kind: 'User', name: 'someone' }, { verb: 'list', resource: 'pods' }).allowed, false);
  });

  it('says when it cannot be complete', () => {
    const p = profile(SA_NAME, [
      entry({ verb: 'get', resource: 'pods', namespace: 'a', names: ['x'], namesTruncated: true }),
    ]);
    p.truncated.access = 3;
    const t = suggestRoles(p);
    assert.equal(t.notes.length, 2);
    assert.equal((t.objects[0]!.rules as { resourceNames?: string[] }[])[0]!.resourceNames, undefined);
  });
});
