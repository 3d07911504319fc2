// End to end over the middleware checks: a cluster with a tampered middleware DaemonSet (extra host path and
// capability), an impersonating DaemonSet and an unknown privileged Deployment in kube-system, among genuine
// middleware and a customer application, yields exactly those findings and no others.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { findCheck } from '../checks/index.ts';
import { runChecks } from '../checks/run.ts';
import { buildModel } from '../model/build.ts';
import type { KubeObject, PodSpec } from '../model/k8s.ts';
import { formatRef } from '../model/refs.ts';
import type { SourcedObject } from '../model/types.ts';
import { parseManifestText } from '../sources/files.ts';

const EKS = fileURLToPath(new URL('../../../shared/conformance/provider-manifests/eks/', import.meta.url));
const IDS = [
  'middleware-privilege-drift',
  'middleware-impersonation',
  'unknown-privileged-kube-system',
  'customer-workload-in-kube-system',
  'middleware-advisory',
];

const manifest = (file: string): SourcedObject[] => parseManifestText(readFileSync(EKS + file, 'utf8'), file);
const inline = (object: KubeObject): SourcedObject => ({ object, origin: { file: 'cluster.yaml' } });
const ECR = '602401143452.dkr.ecr.us-east-1.amazonaws.com';

function tamper(objects: SourcedObject[]): SourcedObject[] {
  for (const so of objects) {
    if (so.object.kind !== 'DaemonSet' || so.object.metadata.name !== 'aws-node') continue;
    const spec = (so.object.spec as { template: { spec: PodSpec } }).template.spec;
    const node = spec.containers!.find((c) => c.name === 'aws-node')!;
    node.securityContext!.capabilities!.add!.push('SYS_ADMIN');
    node.volumeMounts!.push({ name: 'host-etc', mountPath: '/host/etc' });
    spec.volumes!.push({ name: 'host-etc', hostPath: { path: '/etc' } });
  }
  return objects;
}

describe('middleware checks on a tampered cluster', () => {
  const objects: SourcedObject[] = [
    ...tamper(manifest('amazon-vpc-cni-k8s__config_master_aws-k8s-cni.yaml')),
    ...manifest('amazon-vpc-cni-k8s__config_master_cni-metrics-helper.yaml'),
    inline({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'ip-10-0-1-10.ec2.internal', labels: { 'eks.amazonaws.com/nodegroup': 'ng-1' } },
      spec: { providerID: 'aws:///us-east-1a/i-0a3f9c2e71b4d5e68' },
      status: { nodeInfo: { kubeletVersion: 'v1.33.5-eks-ecaa3a6' } },
    }),
    inline({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: 'coredns',
        namespace: 'kube-system',
        labels: { 'k8s-app': 'kube-dns', 'eks.amazonaws.com/component': 'coredns' },
      },
      spec: {
        template: {
          metadata: { labels: { 'k8s-app': 'kube-dns' } },
          spec: { containers: [{ name: 'coredns', image: `${ECR}/eks/coredns:v1.11.4-eksbuild.2` }] },
        },
      },
    }),
    inline({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'kube-proxy', namespace: 'kube-system', labels: { 'k8s-app': 'kube-proxy' } },
      spec: {
        template: {
          metadata: { labels: { 'k8s-app': 'kube-proxy' } },
          spec: {
            hostNetwork: true,
            containers: [
              {
                name: 'kube-proxy',
                image: 'docker.io/kubeproxy/kube-proxy:v1.33.5',
                securityContext: { privileged: true },
              },
            ],
          },
        },
      },
    }),
    inline({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'node-debugger', namespace: 'kube-system' },
      spec: {
        template: {
          spec: {
            containers: [
              { name: 'shell', image: 'docker.io/library/busybox:1.36', securityContext: { privileged: true } },
            ],
          },
        },
      },
    }),
    inline({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'shop' },
      spec: { template: { spec: { containers: [{ name: 'web', image: 'registry.example.com/shop/web:2.4.1' }] } } },
    }),
  ];
  const model = buildModel({
    objects,
    sourceKind: 'snapshot',
    cluster: { version: { gitVersion: 'v1.33.5-eks-3025e55' } },
  });
  const checks = IDS.map((id) => findCheck(id)!);
  const { findings, errors } = runChecks(model, checks);

  it('runs every middleware check without errors', () => {
    assert.equal(checks.length, IDS.length);
    assert.deepEqual(errors, []);
  });

  it('yields exactly the tampering, impersonation and unknown privileged findings', () => {
    const awsNode = model.workloads.find((w) => w.name === 'aws-node')!;
    const added = awsNode.podSpec.volumes!.length - 1;
    assert.deepEqual(
      findings.map((f) => `${f.checkId} ${f.severity} ${formatRef(f.resource)} ${f.path}`).sort(),
      [
        'middleware-impersonation critical DaemonSet/kube-system/kube-proxy spec.template.spec.containers[0].image',
        `middleware-privilege-drift high DaemonSet/kube-system/aws-node spec.template.spec.containers[0].securityContext.capabilities.add[2]`,
        `middleware-privilege-drift high DaemonSet/kube-system/aws-node spec.template.spec.volumes[${added}].hostPath.path`,
        'unknown-privileged-kube-system high Deployment/kube-system/node-debugger spec.template.spec.containers[0].securityContext.privileged',
      ].sort(),
    );
  });

  it('classifies the rest as shipped: middleware, core and the customer’s own workload', () => {
    const cls = Object.fromEntries(
      model.workloads.map((w) => [w.name, `${w.classification?.class} ${w.classification?.component ?? ''}`.trim()]),
    );
    assert.deepEqual(cls, {
      'aws-node': 'middleware eks/aws-node',
      'cni-metrics-helper': 'middleware eks/cni-metrics-helper',
      coredns: 'core eks/coredns',
      'kube-proxy': 'workload',
      'node-debugger': 'workload',
      web: 'workload',
    });
  });

  it('points drift findings at the lines of the manifest', () => {
    const drift = findings.filter((f) => f.checkId === 'middleware-privilege-drift');
    for (const f of drift) {
      assert.equal(f.origin.file, 'amazon-vpc-cni-k8s__config_master_aws-k8s-cni.yaml');
      assert.ok((f.origin.line ?? 0) > 1);
    }
  });
});
