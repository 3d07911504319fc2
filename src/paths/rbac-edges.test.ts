import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildModel, type Model } from '../model/build.ts';
import type { KubeObject } from '../model/k8s.ts';
import { attackGraph, findPaths, type EdgeKind } from './index.ts';

const RBAC = 'rbac.authorization.k8s.io/v1';

function modelOf(objects: KubeObject[]): Model {
  return buildModel({
    objects: objects.map((object) => ({ object, origin: { file: 'inline.yaml' } })),
    sourceKind: 'files',
  });
}

function ns(
  name: string,
  labels: Record<string, string> = { 'pod-security.kubernetes.io/enforce': 'restricted' },
): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}

function clusterRole(name: string, rules: unknown[]): KubeObject {
  return { apiVersion: RBAC, kind: 'ClusterRole', metadata: { name }, rules };
}

function role(namespace: string, name: string, rules: unknown[]): KubeObject {
  return { apiVersion: RBAC, kind: 'Role', metadata: { name, namespace }, rules };
}

function crb(name: string, roleName: string, subjects: unknown[]): KubeObject {
  return {
    apiVersion: RBAC,
    kind: 'ClusterRoleBinding',
    metadata: { name },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleName },
    subjects,
  };
}

function rb(
  namespace: string,
  name: string,
  roleKind: 'Role' | 'ClusterRole',
  roleName: string,
  subjects: unknown[],
): KubeObject {
  return {
    apiVersion: RBAC,
    kind: 'RoleBinding',
    metadata: { name, namespace },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: roleKind, name: roleName },
    subjects,
  };
}

const sa = (namespace: string, name: string): { kind: string; name: string; namespace: string } => ({
  kind: 'ServiceAccount',
  name,
  namespace,
});

function deployment(
  namespace: string,
  name: string,
  serviceAccountName: string,
  extra: Record<string, unknown> = {},
): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { serviceAccountName, containers: [{ name: 'c', image: `registry.example.com/${name}:1` }], ...extra },
      },
    },
  };
}

const CLUSTER_ADMIN = clusterRole('cluster-admin', [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }]);

function firstHops(
  model: Model,
  from: string,
  to: 'cluster-admin' | 'node-root' | 'cloud-identity',
): EdgeKind[] | undefined {
  const p = findPaths(model, { from: [from], to: [to] }).paths[0];
  return p?.hops.map((h) => h.edge);
}

describe('RBAC escalation edges', () => {
  it('bind needs create on bindings as well', () => {
    const bindOnly = clusterRole('binder', [
      { apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], verbs: ['bind'] },
    ]);
    const withCreate = clusterRole('binder', [
      { apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], verbs: ['bind'] },
      { apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterrolebindings'], verbs: ['create'] },
    ]);
    const base = [ns('tools'), CLUSTER_ADMIN, crb('binder', 'binder', [sa('tools', 'rbac-bot')])];
    assert.equal(firstHops(modelOf([...base, bindOnly]), 'sa:tools:rbac-bot', 'cluster-admin'), undefined);
    assert.deepEqual(firstHops(modelOf([...base, withCreate]), 'sa:tools:rbac-bot', 'cluster-admin'), ['rbac-bind']);
  });

  it('bind limited to a harmless role is no escalation', () => {
    const m = modelOf([
      ns('tools'),
      CLUSTER_ADMIN,
      clusterRole('viewer', [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }]),
      clusterRole('binder', [
        {
          apiGroups: ['rbac.authorization.k8s.io'],
          resources: ['clusterroles'],
          verbs: ['bind'],
          resourceNames: ['viewer'],
        },
        { apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterrolebindings'], verbs: ['create'] },
      ]),
      crb('binder', 'binder', [sa('tools', 'rbac-bot')]),
    ]);
    assert.equal(firstHops(m, 'sa:tools:rbac-bot', 'cluster-admin'), undefined);
  });

  it('impersonating groups is cluster-admin (system:masters)', () => {
    const m = modelOf([
      ns('tools'),
      clusterRole('impersonator', [{ apiGroups: [''], resources: ['groups'], verbs: ['impersonate'] }]),
      crb('imp', 'impersonator', [sa('tools', 'proxy')]),
    ]);
    assert.deepEqual(firstHops(m, 'sa:tools:proxy', 'cluster-admin'), ['impersonate']);
  });

  it('escalate with write on ClusterRoles is cluster-admin; escalate alone is not', () => {
    const escalate = { apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], verbs: ['escalate'] };
    const write = { apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], verbs: ['update'] };
    const base = [ns('tools'), crb('esc', 'esc', [sa('tools', 'bot')])];
    assert.equal(
      firstHops(modelOf([...base, clusterRole('esc', [escalate])]), 'sa:tools:bot', 'cluster-admin'),
      undefined,
    );
    assert.deepEqual(
      firstHops(modelOf([...base, clusterRole('esc', [escalate, write])]), 'sa:tools:bot', 'cluster-admin'),
      ['rbac-escalate'],
    );
  });
});

describe('RBAC steps into workloads and identities', () => {
  const admin = [
    ns('ops'),
    CLUSTER_ADMIN,
    crb('ops-admin', 'cluster-admin', [sa('ops', 'admin-bot')]),
    deployment('ops', 'admin-bot', 'admin-bot'),
  ];

  it('nodes/proxy reaches every pod through the kubelet', () => {
    const m = modelOf([
      ...admin,
      ns('mon'),
      clusterRole('kubelet-reader', [{ apiGroups: [''], resources: ['nodes/proxy'], verbs: ['get'] }]),
      crb('mon', 'kubelet-reader', [sa('mon', 'scraper')]),
    ]);
    const p = findPaths(m, { from: ['sa:mon:scraper'], to: ['cluster-admin'] }).paths[0];
    assert.deepEqual(
      p?.hops.map((h) => [h.edge, h.to]),
      [
        ['nodes-proxy', 'workload:ops/admin-bot'],
        ['uses-token', 'sa:ops:admin-bot'],
        ['cluster-admin-grant', 'cluster-admin'],
      ],
    );
    assert.match(p.hops[0]!.explanation, /WebSocket/);
  });

  it('listing secrets reaches service accounts with legacy token secrets', () => {
    const token: KubeObject = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: 'admin-bot-token-x7k2p',
        namespace: 'ops',
        annotations: { 'kubernetes.io/service-account.name': 'admin-bot' },
      },
      type: 'kubernetes.io/service-account-token',
    };
    const reader = [
      ns('dev'),
      role('ops', 'secret-reader', [{ apiGroups: [''], resources: ['secrets'], verbs: ['list'] }]),
      rb('ops', 'dev-reads', 'Role', 'secret-reader', [sa('dev', 'ci')]),
    ];
    const withToken = modelOf([...admin, ...reader, token]);
    const p = findPaths(withToken, { from: ['sa:dev:ci'], to: ['cluster-admin'] }).paths[0];
    assert.deepEqual(
      p?.hops.map((h) => [h.edge, h.to]),
      [
        ['secrets-read', 'secrets:ops'],
        ['legacy-token', 'sa:ops:admin-bot'],
        ['cluster-admin-grant', 'cluster-admin'],
      ],
    );
    assert.equal(firstHops(modelOf([...admin, ...reader]), 'sa:dev:ci', 'cluster-admin'), undefined);
  });

  it('token creation limited by name reaches only that service account', () => {
    const m = modelOf([
      ...admin,
      ns('dev'),
      role('ops', 'minter', [
        { apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'], resourceNames: ['builder'] },
      ]),
      rb('ops', 'dev-mints', 'Role', 'minter', [sa('dev', 'ci')]),
    ]);
    assert.equal(firstHops(m, 'sa:dev:ci', 'cluster-admin'), undefined);
    const g = attackGraph(m);
    const from = g.byId.get('sa:dev:ci')!;
    // builder is no known service account: the grant leads nowhere rather than to every account of ops.
    assert.deepEqual(
      g.out[from]!.filter((ei) => g.edges[ei]!.kind === 'token-create'),
      [],
    );
    const named = modelOf([
      ...admin,
      ns('dev'),
      role('ops', 'minter', [
        { apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'], resourceNames: ['admin-bot'] },
      ]),
      rb('ops', 'dev-mints', 'Role', 'minter', [sa('dev', 'ci')]),
    ]);
    assert.deepEqual(firstHops(named, 'sa:dev:ci', 'cluster-admin'), ['token-create', 'cluster-admin-grant']);
  });

  it('reports entries reached through system:authenticated once, under that entry', () => {
    const m = modelOf([
      ns('sandbox', {}),
      ns('dev'),
      role('sandbox', 'runner', [{ apiGroups: [''], resources: ['pods'], verbs: ['create'] }]),
      rb('sandbox', 'everyone-runs', 'Role', 'runner', [{ kind: 'Group', name: 'system:authenticated' }]),
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'ci', namespace: 'dev' } },
    ]);
    const r = findPaths(m, { to: ['node-root'] });
    assert.deepEqual(
      r.paths.map((p) => p.entry),
      ['authenticated'],
    );
    assert.ok(r.summary.coveredByBroaderEntry >= 1);
    assert.ok((r.summary.targets['node-root'].byEntryKind.serviceaccount ?? 0) >= 1);
    // Asked for explicitly, the service account's own route is shown, through the group.
    const own = findPaths(m, { from: ['sa:dev:ci'], to: ['node-root'] }).paths[0];
    assert.deepEqual(
      own?.hops.map((h) => h.edge),
      ['member-of', 'pod-create'],
    );
  });

  it('keeps cluster admins to one edge', () => {
    const g = attackGraph(modelOf(admin));
    const v = g.byId.get('sa:ops:admin-bot')!;
    assert.deepEqual(
      g.out[v]!.map((ei) => g.edges[ei]!.kind).filter((k) => k !== 'member-of'),
      ['cluster-admin-grant'],
    );
  });
});

describe('built-in ClusterRoles missing from the source', () => {
  it('a binding to cluster-admin without the ClusterRole object still reaches cluster-admin', () => {
    const m = modelOf([ns('ops'), crb('ops-admin', 'cluster-admin', [sa('ops', 'bot')])]);
    const p = findPaths(m, { from: ['sa:ops:bot'], to: ['cluster-admin'] }).paths[0];
    assert.deepEqual(
      p?.hops.map((h) => h.edge),
      ['cluster-admin-grant'],
    );
    assert.match(p.hops[0]!.evidence[0]!.text, /built in/);
  });

  it('a RoleBinding to edit in a namespace without Pod Security reaches node root', () => {
    const m = modelOf([ns('ops'), ns('apps', {}), rb('apps', 'dev-edit', 'ClusterRole', 'edit', [sa('ops', 'bot')])]);
    assert.deepEqual(firstHops(m, 'sa:ops:bot', 'node-root'), ['namespace-admin-grant']);
    assert.equal(firstHops(m, 'sa:ops:bot', 'cluster-admin'), undefined);
  });
});
