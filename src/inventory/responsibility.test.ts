import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildModel } from '../model/build.ts';
import type { KubeObject } from '../model/k8s.ts';
import { responsibilityRows } from './responsibility.ts';

const dep = (name: string, ns: string, image: string, kind = 'DaemonSet'): KubeObject => ({
  apiVersion: 'apps/v1',
  kind,
  metadata: { name, namespace: ns },
  spec: { template: { spec: { containers: [{ name, image }] } } },
});

describe('shared responsibility rows', () => {
  it('says who patches each recognised component and leaves customer workloads out', () => {
    const model = buildModel({
      objects: [
        dep('csi-azuredisk-node', 'kube-system', 'mcr.microsoft.com/oss/kubernetes-csi/azuredisk-csi:v1.31.2'),
        dep('csi-azurefile-node', 'kube-system', 'mcr.microsoft.com/oss/kubernetes-csi/azurefile-csi:v1.31.1'),
        dep(
          'aws-node',
          'kube-system',
          '602401143452.dkr.ecr.us-east-1.amazonaws.com/amazon-k8s-cni:v1.19.2-eksbuild.1',
        ),
        dep('web', 'shop', 'registry.example.com/web:1', 'Deployment'),
      ].map((object) => ({ object, origin: {} })),
      sourceKind: 'files',
    });
    const rows = responsibilityRows(model);
    assert.deepEqual(
      rows.map((r) => `${r.component} ${r.patchedBy} ${r.workloads.map((w) => w.name).join(',')}`),
      [
        'aks/csi-azuredisk-node provider csi-azuredisk-node',
        'aks/csi-azurefile-node provider csi-azurefile-node',
        'eks/aws-node customer-addon aws-node',
      ],
    );
    assert.match(rows[2]!.action, /customer updates the add-on/);
    assert.ok(rows.every((r) => r.sources.length > 0));
  });
});
