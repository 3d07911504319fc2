import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildModel } from '../model/build.ts';
import type { KubeObject } from '../model/k8s.ts';
import type { ClusterFacts } from '../model/types.ts';
import { detectProvider, providerOfVersion } from './provider.ts';

const node = (
  name: string,
  extra: { providerID?: string; labels?: Record<string, string>; kubelet?: string },
): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels: extra.labels ?? {} },
  spec: extra.providerID ? { providerID: extra.providerID } : {},
  status: extra.kubelet ? { nodeInfo: { kubeletVersion: extra.kubelet } } : {},
});

const ds = (name: string, ns: string, image: string, labels: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name, namespace: ns, labels },
  spec: { template: { metadata: { labels }, spec: { containers: [{ name, image }] } } },
});

const detect = (objects: KubeObject[], cluster: ClusterFacts = {}) =>
  detectProvider(
    buildModel({ objects: objects.map((object) => ({ object, origin: {} })), cluster, sourceKind: 'snapshot' }),
  );

describe('provider detection', () => {
  it('reads provider IDs', () => {
    const eks = detect([node('a', { providerID: 'aws:///us-east-1a/i-0a3f9c2e71b4d5e68' })]);
    assert.equal(eks.provider, 'eks');
    assert.equal(eks.confidence, 'strong');
    assert.match(eks.summary, /1 of 1 node\(s\) have a aws:\/\/ providerID/);
    assert.equal(detect([node('a', { providerID: 'gce://proj/us-central1-a/gke-x' })]).provider, 'gke');
    assert.equal(
      detect([
        node('a', {
          providerID:
            'azure:///subscriptions/0/resourceGroups/mc/providers/Microsoft.Compute/virtualMachineScaleSets/v/virtualMachines/0',
        }),
      ]).provider,
      'aks',
    );
  });

  it('reads reserved node labels and kubelet builds', () => {
    assert.equal(detect([node('a', { labels: { 'kubernetes.azure.com/agentpool': 'nodepool1' } })]).provider, 'aks');
    assert.equal(detect([node('a', { labels: { 'cloud.google.com/gke-nodepool': 'default-pool' } })]).provider, 'gke');
    assert.equal(detect([node('a', { labels: { 'eks.amazonaws.com/nodegroup': 'ng-1' } })]).provider, 'eks');
    assert.equal(detect([node('a', { kubelet: 'v1.33.5-eks-ecaa3a6' })]).provider, 'eks');
    // A label that merely mentions the provider elsewhere in its key is no evidence.
    assert.equal(
      detect([node('a', { labels: { 'example.com/cloud.google.com/gke-nodepool': 'x' } })]).provider,
      'unknown',
    );
  });

  it('reads server version suffixes; AKS builds carry none', () => {
    assert.equal(providerOfVersion('v1.29.5-gke.1091000'), 'gke');
    assert.equal(providerOfVersion('v1.30.4-eks-a737599'), 'eks');
    assert.equal(providerOfVersion('v1.30.3'), undefined);
    assert.equal(detect([], { version: { gitVersion: 'v1.29.5-gke.1091000' } }).provider, 'gke');
    assert.equal(detect([], { version: { gitVersion: 'v1.30.3' } }).provider, 'unknown');
  });

  it('answers unknown when sources disagree, and says which', () => {
    const d = detect([node('a', { providerID: 'aws:///us-east-1a/i-1' })], {
      version: { gitVersion: 'v1.29.5-gke.1091000' },
    });
    assert.equal(d.provider, 'unknown');
    assert.match(d.summary, /disagree \(EKS vs GKE\)/);
    assert.equal(d.evidence.length, 2);
  });

  it('answers unknown with no evidence, and weakly from three recognised components of one provider', () => {
    assert.equal(detect([]).provider, 'unknown');
    const ecr = '602401143452.dkr.ecr.us-east-1.amazonaws.com';
    const two = [
      ds('aws-node', 'kube-system', `${ecr}/amazon-k8s-cni:v1.19.2-eksbuild.1`),
      ds('kube-proxy', 'kube-system', `${ecr}/eks/kube-proxy:v1.33.0-eksbuild.2`),
    ];
    assert.equal(detect(two).provider, 'unknown');
    const three = [...two, ds('eks-pod-identity-agent', 'kube-system', `${ecr}/eks/eks-pod-identity-agent:v0.1.20`)];
    const d = detect(three);
    assert.equal(d.provider, 'eks');
    assert.equal(d.confidence, 'weak');
    assert.match(d.summary, /weak/);
    // Named like middleware with foreign images: no evidence at all.
    const fakes = ['aws-node', 'kube-proxy', 'eks-pod-identity-agent'].map((n) =>
      ds(n, 'kube-system', `docker.io/x/${n}:1.0`),
    );
    assert.equal(detect(fakes).provider, 'unknown');
  });

  it('keeps strong evidence over catalog matches of another provider', () => {
    const gke = ['netd', 'fluentbit-gke', 'gke-metadata-server'].map((n) =>
      ds(n, 'kube-system', `gke.gcr.io/${n === 'fluentbit-gke' ? 'fluent-bit' : n}:v1.0.0`),
    );
    const d = detect([...gke, node('a', { providerID: 'aws:///us-east-1a/i-1' })]);
    assert.equal(d.provider, 'eks');
    assert.ok(d.evidence.some((e) => e.source === 'catalog-images' && e.provider === 'gke'));
  });
});
