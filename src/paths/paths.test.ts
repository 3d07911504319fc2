import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadPathsFixture } from '../../test/fixtures/paths/load.ts';
import type { KubeObject } from '../model/k8s.ts';
import {
  attackGraph,
  blastRadius,
  findPaths,
  parseTarget,
  pathsSection,
  type AttackPath,
  type PathsResult,
} from './index.ts';

function only(result: PathsResult, entry: string, target: string): AttackPath {
  const found = result.paths.filter((p) => p.entry === entry && p.target === target);
  assert.equal(found.length, 1, `one path ${entry} → ${target}; got ${found.length}`);
  return found[0]!;
}

const hopsOf = (p: AttackPath): [string, string, string][] => p.hops.map((h) => [h.from, h.edge, h.to]);

function hasEdge(model: ReturnType<typeof loadPathsFixture>, from: string, to: string): boolean {
  const g = attackGraph(model);
  const f = g.byId.get(from);
  const t = g.byId.get(to);
  if (f === undefined || t === undefined) return false;
  return g.out[f]!.some((ei) => g.edges[ei]!.to === t);
}

describe('the Fluent Bit config map route (EKS)', () => {
  const model = loadPathsFixture('fluent-bit-route.yaml');

  it('detects EKS from the node providerID', () => {
    assert.equal(attackGraph(model).provider, 'eks');
  });

  it('reaches node root: patch the config map, code runs in the privileged DaemonSet', () => {
    const result = findPaths(model, { from: ['sa:ci:deployer'], to: ['node-root'] });
    const p = only(result, 'sa:ci:deployer', 'node-root');
    assert.deepEqual(hopsOf(p), [
      ['sa:ci:deployer', 'config-write', 'configmap:amazon-cloudwatch/fluent-bit-config'],
      ['configmap:amazon-cloudwatch/fluent-bit-config', 'config-exec', 'workload:amazon-cloudwatch/fluent-bit'],
      ['workload:amazon-cloudwatch/fluent-bit', 'escape-privileged', 'node-root'],
    ]);
    const [write, , escape] = p.hops;
    assert.deepEqual(write!.evidence[0]?.ref, {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      namespace: 'amazon-cloudwatch',
      name: 'ci-edits-logging-config',
    });
    assert.equal(write!.evidence[0]?.role?.name, 'logging-config-editor');
    assert.equal(escape!.evidence[0]?.path, 'spec.template.spec.containers[0].securityContext.privileged');
    assert.equal(p.length, 3);
    assert.equal(p.cost, 4);
  });

  it("reaches the node's cloud identity through the host network of the same DaemonSet", () => {
    const p = only(
      findPaths(model, { from: ['sa:ci:deployer'], to: ['cloud-identity'] }),
      'sa:ci:deployer',
      'cloud-identity',
    );
    assert.deepEqual(hopsOf(p), [
      ['sa:ci:deployer', 'config-write', 'configmap:amazon-cloudwatch/fluent-bit-config'],
      ['configmap:amazon-cloudwatch/fluent-bit-config', 'config-exec', 'workload:amazon-cloudwatch/fluent-bit'],
      ['workload:amazon-cloudwatch/fluent-bit', 'metadata-api', 'cloud-identity'],
    ]);
    assert.equal(p.hops[2]!.conditional, undefined, 'host network: no provider protection applies');
    assert.match(p.hops[2]!.explanation, /EC2 Instance Metadata Service/);
  });

  it('is gone when the Role is limited to another config map', () => {
    const limited = loadPathsFixture('fluent-bit-route.yaml', (objects) =>
      objects.map((o) =>
        o.kind === 'Role'
          ? {
              ...o,
              rules: [
                { apiGroups: [''], resources: ['configmaps'], resourceNames: ['app-log-routes'], verbs: ['patch'] },
              ],
            }
          : o,
      ),
    );
    const result = findPaths(limited, { from: ['sa:ci:deployer'] });
    assert.deepEqual(result.paths, []);
  });

  it('is the blast radius of eks/fluent-bit', () => {
    const radius = blastRadius(model).find((b) => b.component === 'eks/fluent-bit');
    assert.ok(radius, 'fluent-bit is recognised as middleware');
    assert.equal(radius.provider, 'eks');
    assert.deepEqual(radius.workloads, ['workload:amazon-cloudwatch/fluent-bit']);
    assert.deepEqual(Object.keys(radius.targets).sort(), ['cloud-identity', 'node-root']);
    assert.equal(radius.targets['node-root']?.length, 1);
  });
});

describe('exec into a pod whose service account is cluster-admin', () => {
  it('reaches cluster-admin in three hops', () => {
    const model = loadPathsFixture('exec-cluster-admin.yaml');
    const p = only(
      findPaths(model, { from: ['sa:dev:alice-ci'], to: ['cluster-admin'] }),
      'sa:dev:alice-ci',
      'cluster-admin',
    );
    assert.deepEqual(hopsOf(p), [
      ['sa:dev:alice-ci', 'pod-exec', 'workload:ops/admin-bot'],
      ['workload:ops/admin-bot', 'uses-token', 'sa:ops:admin-bot'],
      ['sa:ops:admin-bot', 'cluster-admin-grant', 'cluster-admin'],
    ]);
    assert.match(p.hops[0]!.explanation, /exec into pods in namespace ops/);
    assert.equal(p.hops[0]!.evidence[0]?.ref?.name, 'alice-debugs-ops');
  });

  it('does not when the pod carries no token', () => {
    const model = loadPathsFixture('exec-cluster-admin.yaml', (objects) =>
      objects.map((o) => (o.kind === 'Deployment' ? withTemplateField(o, 'automountServiceAccountToken', false) : o)),
    );
    const result = findPaths(model, { from: ['sa:dev:alice-ci'], to: ['cluster-admin'] });
    assert.deepEqual(result.paths, []);
  });
});

describe('create pods where Pod Security does not enforce baseline', () => {
  it('reaches node root in one hop', () => {
    const model = loadPathsFixture('pod-create.yaml');
    const p = only(findPaths(model, { to: ['node-root'] }), 'sa:sandbox:builder', 'node-root');
    assert.deepEqual(hopsOf(p), [['sa:sandbox:builder', 'pod-create', 'node-root']]);
    assert.ok(p.hops[0]!.evidence.some((e) => e.type === 'pss' && e.ref?.name === 'sandbox'));
    assert.match(p.hops[0]!.explanation, /does not enforce Pod Security baseline/);
  });

  it('does not with enforce: baseline', () => {
    const model = loadPathsFixture('pod-create.yaml', (objects) =>
      objects.map((o) =>
        o.kind === 'Namespace'
          ? { ...o, metadata: { ...o.metadata, labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } } }
          : o,
      ),
    );
    const result = findPaths(model, { to: ['node-root'] });
    assert.deepEqual(result.paths, []);
    assert.equal(result.summary.targets['node-root'].entries, 0);
  });
});

describe('metadata API behind an egress NetworkPolicy', () => {
  const withPolicy = loadPathsFixture('metadata-netpol.yaml');
  const withoutPolicy = loadPathsFixture('metadata-netpol.yaml', (objects) =>
    objects.filter((o) => o.kind !== 'NetworkPolicy'),
  );

  it('pod-network workloads reach it without the policy, not with it', () => {
    assert.equal(hasEdge(withoutPolicy, 'workload:web/frontend', 'cloud-identity'), true);
    assert.equal(hasEdge(withPolicy, 'workload:web/frontend', 'cloud-identity'), false);
  });

  it('host-network workloads reach it either way', () => {
    assert.equal(hasEdge(withoutPolicy, 'workload:web/edge-agent', 'cloud-identity'), true);
    assert.equal(hasEdge(withPolicy, 'workload:web/edge-agent', 'cloud-identity'), true);
    const p = only(findPaths(withPolicy, { to: ['cloud-identity'] }), 'workload:web/edge-agent', 'cloud-identity');
    assert.deepEqual(hopsOf(p), [['workload:web/edge-agent', 'metadata-api', 'cloud-identity']]);
  });
});

describe('a locked-down cluster', () => {
  const model = loadPathsFixture('locked-down.yaml');

  it('has no path from any entry to any target', () => {
    const result = findPaths(model);
    assert.deepEqual(result.paths, []);
    for (const t of ['node-root', 'cluster-admin', 'cloud-identity'] as const) {
      assert.equal(result.summary.targets[t].entries, 0, t);
    }
    assert.ok(result.summary.entriesEvaluated >= 4, 'anonymous, authenticated, the workload and service accounts');
  });

  it('has no provider components to measure', () => {
    assert.deepEqual(pathsSection(model).blastRadius, []);
  });
});

describe('findPaths options', () => {
  const model = loadPathsFixture('fluent-bit-route.yaml');

  it('ranks by score, then cost', () => {
    const { paths } = findPaths(model);
    assert.ok(paths.length >= 4);
    for (let i = 1; i < paths.length; i++) {
      const a = paths[i - 1]!;
      const b = paths[i]!;
      assert.ok(a.score > b.score || (a.score === b.score && a.cost <= b.cost), `${a.id} before ${b.id}`);
    }
  });

  it('limits, filters targets and reports unknown entries', () => {
    const r = findPaths(model, { from: ['sa:ci/deployer', 'workload:nope/nothing'], to: ['node-root'], limit: 5 });
    assert.deepEqual(r.summary.unknownFrom, ['workload:nope/nothing']);
    assert.deepEqual(
      r.paths.map((p) => p.target),
      ['node-root'],
    );
    assert.equal(findPaths(model, { limit: 2 }).paths.length, 2);
    assert.equal(findPaths(model, { limit: 2 }).summary.paths, findPaths(model).paths.length);
  });

  it('gives paths stable ids across builds', () => {
    const again = loadPathsFixture('fluent-bit-route.yaml');
    const ids = (m: typeof model): string[] => findPaths(m).paths.map((p) => p.id);
    assert.deepEqual(ids(again), ids(model));
    assert.equal(new Set(ids(model)).size, ids(model).length);
  });

  it('lists the vertices of the paths for renderers', () => {
    const r = findPaths(model, { from: ['sa:ci:deployer'], to: ['node-root'] });
    assert.equal(r.vertices['configmap:amazon-cloudwatch/fluent-bit-config']?.kind, 'configmap');
    assert.equal(r.vertices['node-root']?.kind, 'node-root');
  });

  it('parses --to values', () => {
    assert.equal(parseTarget('node'), 'node-root');
    assert.equal(parseTarget('Cluster-Admin'), 'cluster-admin');
    assert.equal(parseTarget('cloud-identity'), 'cloud-identity');
    assert.equal(parseTarget('everything'), undefined);
  });
});

function withTemplateField(o: KubeObject, field: string, value: unknown): KubeObject {
  const spec = o.spec as { template: { spec: Record<string, unknown> } };
  return { ...o, spec: { ...spec, template: { ...spec.template, spec: { ...spec.template.spec, [field]: value } } } };
}

describe('untrusted input', () => {
  it('builds a graph from malformed objects without throwing', () => {
    const model = loadPathsFixture('locked-down.yaml', (objects) => [
      ...objects,
      {
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        metadata: { name: 'junk', namespace: 'app', labels: 'x' as unknown as Record<string, string> },
        spec: {
          template: {
            spec: {
              containers: [null, 'x', { name: 3, securityContext: 'privileged', volumeMounts: {} }],
              volumes: { hostPath: '/' },
              serviceAccountName: ['a'],
              automountServiceAccountToken: 'yes',
            },
          },
        },
      },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'rb', namespace: 'app' },
        subjects: 'all',
        roleRef: 7,
      },
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 's', namespace: 'app', annotations: 'x' as unknown as Record<string, string> },
        type: 'kubernetes.io/service-account-token',
      },
      {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name: 'n', labels: 'x' as unknown as Record<string, string> },
        spec: 'x',
      },
    ]);
    const result = findPaths(model);
    assert.ok(attackGraph(model).vertices.some((v) => v.id === 'workload:app/junk'));
    assert.equal(result.summary.targets['node-root'].entries, 0);
  });
});
