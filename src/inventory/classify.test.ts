import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildModel, type Model } from '../model/build.ts';
import type { KubeObject, PodSpec } from '../model/k8s.ts';
import { bindingsFor, classificationDetail, classifyWorkloads, ensureClassified, tokenMounted } from './classify.ts';

const ECR = '602401143452.dkr.ecr.us-east-1.amazonaws.com';

const ds = (name: string, ns: string, spec: PodSpec, labels: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name, namespace: ns, labels },
  spec: { template: { metadata: { labels }, spec } },
});

function model(objects: KubeObject[]): Model {
  const m = buildModel({ objects: objects.map((object) => ({ object, origin: {} })), sourceKind: 'files' });
  classifyWorkloads(m);
  return m;
}

const podIdentity = (spec: Partial<PodSpec> = {}): KubeObject =>
  ds('eks-pod-identity-agent', 'kube-system', {
    hostNetwork: true,
    automountServiceAccountToken: false,
    containers: [{ name: 'eks-pod-identity-agent', image: `${ECR}/eks/eks-pod-identity-agent:v0.1.20` }],
    ...spec,
  });

describe('classification', () => {
  it('recognised middleware without a token or bindings is an agent; with either it is middleware', () => {
    const agent = model([podIdentity()]).workloads[0]!;
    assert.equal(agent.classification?.class, 'agent');
    assert.equal(agent.classification?.component, 'eks/eks-pod-identity-agent');
    assert.match(agent.classification?.reason ?? '', /no service account token mounted and no RBAC binding/);

    const withToken = model([podIdentity({ automountServiceAccountToken: true })]).workloads[0]!;
    assert.equal(withToken.classification?.class, 'middleware');

    const bound = model([
      podIdentity({ serviceAccountName: 'agent' }),
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name: 'agent-read' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
        subjects: [{ kind: 'ServiceAccount', name: 'agent', namespace: 'kube-system' }],
      },
    ]).workloads[0]!;
    assert.equal(bound.classification?.class, 'middleware');
    assert.deepEqual(classificationDetail(bound)?.bindings, ['ClusterRoleBinding/agent-read']);
  });

  it('counts tokens from the ServiceAccount default and projected volumes', () => {
    const sa = (automount: boolean): KubeObject => ({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'default', namespace: 'kube-system' },
      automountServiceAccountToken: automount,
    });
    const spec: Partial<PodSpec> = { automountServiceAccountToken: undefined };
    let m = model([podIdentity(spec), sa(false)]);
    assert.equal(tokenMounted(m, m.workloads[0]!), false);
    m = model([podIdentity(spec), sa(true)]);
    assert.equal(tokenMounted(m, m.workloads[0]!), true);
    m = model([
      podIdentity({
        volumes: [{ name: 't', projected: { sources: [{ serviceAccountToken: { path: 'token', audience: 'x' } }] } }],
      }),
    ]);
    assert.equal(tokenMounted(m, m.workloads[0]!), true);
    assert.equal(m.workloads[0]!.classification?.class, 'middleware');
  });

  it('matches bindings by service account, by namespace-defaulted RoleBinding subject, and by group', () => {
    const m = model([
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'rb', namespace: 'kube-system' },
        roleRef: { kind: 'Role', name: 'r' },
        subjects: [{ kind: 'ServiceAccount', name: 'agent' }],
      },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'elsewhere', namespace: 'other' },
        roleRef: { kind: 'Role', name: 'r' },
        subjects: [{ kind: 'ServiceAccount', name: 'agent', namespace: 'kube-system' }],
      },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name: 'all-sa' },
        roleRef: { kind: 'ClusterRole', name: 'c' },
        subjects: [{ kind: 'Group', name: 'system:serviceaccounts:kube-system' }],
      },
    ]);
    assert.deepEqual(bindingsFor(m, 'kube-system', 'agent'), [
      'ClusterRoleBinding/all-sa',
      'RoleBinding/kube-system/rb',
    ]);
    assert.deepEqual(bindingsFor(m, 'default', 'agent'), []);
  });

  it('classifies core components as core, with their provider', () => {
    const w = model([
      ds(
        'kube-proxy',
        'kube-system',
        { hostNetwork: true, containers: [{ name: 'kube-proxy', image: `${ECR}/eks/kube-proxy:v1.33.0-eksbuild.2` }] },
        { 'k8s-app': 'kube-proxy' },
      ),
    ]).workloads[0]!;
    assert.deepEqual(
      { class: w.classification?.class, provider: w.classification?.provider, component: w.classification?.component },
      { class: 'core', provider: 'eks', component: 'eks/kube-proxy' },
    );
  });

  it('never trusts names alone: a look-alike with a foreign image in kube-system is an impersonating workload', () => {
    const w = model([
      ds('aws-node', 'kube-system', { containers: [{ name: 'aws-node', image: 'quay.io/x/amazon-k8s-cni:v1.19.2' }] }),
    ]).workloads[0]!;
    assert.equal(w.classification?.class, 'workload');
    assert.equal(w.classification?.component, undefined);
    assert.match(w.classification?.reason ?? '', /named like eks\/aws-node .* impersonating middleware/);
    assert.equal(classificationDetail(w)?.impersonates, 'eks/aws-node');
  });

  it('accepts an uncatalogued image from the provider’s own registry, and names it in the reason', () => {
    const w = model([
      ds(
        'gke-metrics-agent',
        'kube-system',
        {
          containers: [
            { name: 'agent', image: 'gke.gcr.io/gke-metrics-agent:1.14.0-gke.1' },
            { name: 'exporter', image: 'gke.gcr.io/gke-metrics-collector:20261002_2300_RC0' },
          ],
        },
        { 'k8s-app': 'gke-metrics-agent' },
      ),
    ]).workloads[0]!;
    assert.equal(w.classification?.component, 'gke/gke-metrics-agent');
    assert.match(w.classification?.reason ?? '', /not catalogued for it: gke\.gcr\.io\/gke-metrics-collector/);
    const d = classificationDetail(w);
    assert.deepEqual(d?.match.kind === 'recognised' ? d.match.images.map((i) => i.status) : [], [
      'trusted',
      'provider-registry',
    ]);
  });

  it('trusts only the detected provider’s catalog once the provider is known', () => {
    const aks = model([
      {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name: 'n', labels: { 'kubernetes.azure.com/agentpool': 'p' } },
        spec: {},
      },
      ds(
        'aws-node',
        'kube-system',
        { containers: [{ name: 'aws-node', image: `${ECR}/amazon-k8s-cni:v1.19.2-eksbuild.1` }] },
        { 'k8s-app': 'aws-node' },
      ),
    ]);
    const w = aks.workloads[0]!;
    assert.equal(w.classification?.class, 'workload');
    assert.equal(w.classification?.reason, 'matches no catalogued component');
  });

  it('classifies once per model through ensureClassified', () => {
    const m = buildModel({ objects: [{ object: podIdentity(), origin: {} }], sourceKind: 'files' });
    const w = m.workloads[0]!;
    assert.ok(!('classification' in w) || w.classification === undefined);
    ensureClassified(m);
    const first = m.workloads[0]?.classification;
    assert.equal(first?.class, 'agent');
    ensureClassified(m);
    assert.equal(m.workloads[0]!.classification, first);
  });
});
