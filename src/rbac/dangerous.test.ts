// dangerousGrants over the upstream bootstrap policy plus test-added bindings of admin/edit/view in namespace `team`,
// and over the hand-made edge cases. Expected holdings reasoned from the role contents.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadBootstrapPolicy, loadEdgeCases } from '../../test/fixtures/rbac/load.ts';
import { DANGEROUS_PERMISSIONS } from '../knowledge/dangerous-permissions.ts';
import type { KubeObject } from '../model/k8s.ts';
import { dangerousGrants, type SubjectDangers } from './dangerous.ts';
import { buildRbacIndex } from './rbac-index.ts';
import { formatSubject } from './subjects.ts';

function roleBinding(ns: string, role: string, user: string): KubeObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: `${user}-${role}`, namespace: ns },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
    subjects: [{ kind: 'User', name: user }],
  };
}

const bootstrap = dangerousGrants(
  buildRbacIndex([
    ...loadBootstrapPolicy(),
    roleBinding('team', 'admin', 'team-admin'),
    roleBinding('team', 'edit', 'team-editor'),
    roleBinding('team', 'view', 'team-viewer'),
  ]),
);
const edge = dangerousGrants(buildRbacIndex(loadEdgeCases()));

function holdings(
  result: SubjectDangers[],
  subject: string,
): Map<string, { clusterWide: boolean; namespaces: string[] }> {
  const entry = result.find((e) => formatSubject(e.subject) === subject);
  return new Map(
    (entry?.permissions ?? []).map((p) => [p.permission.id, { clusterWide: p.clusterWide, namespaces: p.namespaces }]),
  );
}

test('system:masters holds everything, cluster-wide, starting with wildcard-all', () => {
  const masters = holdings(bootstrap, 'Group system:masters');
  assert.equal(masters.get('wildcard-all')?.clusterWide, true);
  assert.equal(masters.get('nodes-proxy')?.clusterWide, true);
  assert.equal(masters.size, DANGEROUS_PERMISSIONS.length, 'every catalogue entry');
});

test('edit bound in one namespace: workload, exec, secret and token powers, limited to that namespace', () => {
  const editor = holdings(bootstrap, 'User team-editor');
  assert.deepEqual(
    new Set(editor.keys()),
    new Set([
      'impersonate-serviceaccounts',
      'pods-create',
      'workload-controllers-write',
      'pods-exec',
      'pods-attach',
      'pods-portforward',
      'secrets-read',
      'serviceaccount-token-create',
      'pods-evict',
      'pods-delete',
    ]),
  );
  for (const h of editor.values()) assert.deepEqual(h, { clusterWide: false, namespaces: ['team'] });
  // admin adds roles and rolebindings writes; view holds nothing dangerous.
  assert.ok(holdings(bootstrap, 'User team-admin').has('rbac-write'));
  assert.equal(holdings(bootstrap, 'User team-viewer').size, 0);
});

test('default identities: the controller manager reads secrets and mints tokens; the public groups hold nothing', () => {
  const kcm = holdings(bootstrap, 'User system:kube-controller-manager');
  assert.deepEqual(new Set(kcm.keys()), new Set(['secrets-read', 'serviceaccount-token-create']));
  assert.equal(kcm.get('secrets-read')?.clusterWide, true);
  assert.deepEqual(
    new Set(holdings(bootstrap, 'User system:kube-scheduler').keys()),
    new Set(['pods-delete']),
    'the scheduler deletes pods (preemption)',
  );
  assert.equal(holdings(bootstrap, 'Group system:authenticated').size, 0);
  assert.equal(holdings(bootstrap, 'Group system:unauthenticated').size, 0);
  assert.deepEqual(holdings(bootstrap, 'ServiceAccount kube-system/bootstrap-signer').get('secrets-read'), {
    clusterWide: false,
    namespaces: ['kube-system'],
  });
});

test('edge cases: bind via RoleBinding, namespace writes, and near misses', () => {
  // dave may bind only the ClusterRole named deployer: a rule limited by resourceNames still counts.
  assert.deepEqual(holdings(edge, 'User dave').get('rbac-bind'), { clusterWide: false, namespaces: ['team-a'] });
  assert.deepEqual(holdings(edge, 'User erin').get('namespaces-write'), { clusterWide: false, namespaces: ['team-a'] });
  // */scale is not a write of the workload itself; reading endpoints is not dangerous.
  assert.equal(holdings(edge, 'ServiceAccount keda/keda-operator').size, 0);
  assert.equal(holdings(edge, 'Group ops-monitoring').size, 0);
  // pods '*' in team-a: create and delete pods, not exec.
  assert.deepEqual(new Set(holdings(edge, 'User frank').keys()), new Set(['pods-create', 'pods-delete']));
  // Dangling bindings grant nothing.
  assert.equal(holdings(edge, 'User mallory').size, 0);
});

test('each holding names the bindings that grant it', () => {
  const editor = bootstrap.find((e) => e.subject.name === 'team-editor')!;
  const exec = editor.permissions.find((p) => p.permission.id === 'pods-exec')!;
  assert.deepEqual(
    [...new Set(exec.grants.map((g) => `${g.binding.kind}/${g.binding.namespace}/${g.binding.name} → ${g.role.name}`))],
    ['RoleBinding/team/team-editor-edit → edit'],
  );
});
