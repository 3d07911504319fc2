import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildModel } from '../model/build.ts';
import type { KubeObject } from '../model/k8s.ts';
import { minorOf, nodeFacts } from './nodes.ts';

const node = (
  name: string,
  labels: Record<string, string>,
  providerID: string,
  nodeInfo: Record<string, string>,
): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels },
  spec: { providerID },
  status: { nodeInfo },
});

describe('node facts', () => {
  const model = buildModel({
    objects: [
      node(
        'aks-1',
        { 'kubernetes.azure.com/node-image-version': 'AKSUbuntu-2204gen2containerd-202410.09.0' },
        'azure:///subscriptions/0/x',
        {
          kubeletVersion: 'v1.31.2',
          osImage: 'Ubuntu 22.04.5 LTS',
          kernelVersion: '5.15.0-1073-azure',
          containerRuntimeVersion: 'containerd://1.7.22-1',
        },
      ),
      node('eks-1', { 'eks.amazonaws.com/nodegroup-image': 'ami-0c2f3a9b8e7d61f45' }, 'aws:///us-east-1a/i-1', {
        kubeletVersion: 'v1.33.5-eks-ecaa3a6',
        osImage: 'Amazon Linux 2023.9.20251110',
      }),
      node('gke-1', { 'cloud.google.com/gke-os-distribution': 'cos' }, 'gce://p/z/gke-1', {
        kubeletVersion: 'v1.33.5-gke.1201000',
        osImage: 'Container-Optimized OS from Google',
      }),
      { apiVersion: 'v1', kind: 'Node', metadata: { name: 'bare' } },
    ].map((object) => ({ object, origin: {} })),
    cluster: { version: { gitVersion: 'v1.33.4' } },
    sourceKind: 'snapshot',
  });
  const facts = Object.fromEntries(nodeFacts(model, new Date('2026-11-17T00:00:00Z')).map((f) => [f.name, f]));

  it('reads AKS node image dates, skew and age', () => {
    const f = facts['aks-1']!;
    assert.deepEqual(f.nodeImage, {
      version: 'AKSUbuntu-2204gen2containerd-202410.09.0',
      source: 'kubernetes.azure.com/node-image-version',
      date: '2024-10-09',
    });
    assert.equal(f.provider, 'aks');
    assert.equal(f.skew, 2);
    assert.equal(f.imageAgeDays, 769);
    assert.equal(f.containerRuntime, 'containerd://1.7.22-1');
    assert.equal(f.kernelVersion, '5.15.0-1073-azure');
  });

  it('reads the AL2023 release date on EKS and no date where the version encodes none', () => {
    assert.equal(facts['eks-1']!.nodeImage?.date, '2025-11-10');
    assert.equal(facts['eks-1']!.skew, 0);
    assert.equal(facts['gke-1']!.nodeImage?.date, undefined);
    assert.equal(facts['gke-1']!.imageAgeDays, undefined);
    assert.equal(facts['gke-1']!.provider, 'gke');
  });

  it('leaves unknown facts out rather than guessing', () => {
    assert.deepEqual(facts['bare'], { name: 'bare' });
    assert.equal(minorOf('v1.31.2'), 31);
    assert.equal(minorOf('garbage'), undefined);
  });
});
