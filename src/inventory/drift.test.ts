import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findComponent } from '../knowledge/catalog/index.ts';
import type { CatalogComponent } from '../knowledge/catalog/types.ts';
import { buildModel } from '../model/build.ts';
import type { KubeObject, PodSpec } from '../model/k8s.ts';
import { withinBaseline } from './baseline.ts';
import { classifyWorkloads } from './classify.ts';
import { computeDrift, hostPathCovers } from './drift.ts';

const component = (id: string): CatalogComponent => {
  const c = findComponent(id);
  assert.ok(c, id);
  return c;
};
const ECR = '602401143452.dkr.ecr.us-east-1.amazonaws.com';

describe('drift', () => {
  it('compares host paths on canonical paths, with sub-paths covered', () => {
    assert.ok(hostPathCovers('/var/run/aws-node', '/run/aws-node'));
    assert.ok(hostPathCovers('/var/lib/kubelet', '/var/lib/kubelet/pods'));
    assert.ok(!hostPathCovers('/var/lib/kubelet', '/var/lib/kubelet-evil'));
    assert.ok(hostPathCovers('/', '/etc'));
    assert.ok(hostPathCovers('C:\\k', 'C:\\k\\config'));
  });

  it('names exactly what was added, per container, at template-relative paths', () => {
    const spec: PodSpec = {
      hostIPC: true,
      containers: [
        {
          name: 'aws-node',
          image: `${ECR}/amazon-k8s-cni:v1.19.2`,
          securityContext: { privileged: true, capabilities: { add: ['NET_ADMIN', 'CAP_SYS_PTRACE'] } },
          ports: [{ containerPort: 61678, hostPort: 61678 }],
          volumeMounts: [
            { name: 'bpf', mountPath: '/sys/fs/bpf' },
            { name: 'log', mountPath: '/host/var/log/aws-routed-eni/sub' },
          ],
        },
        {
          name: 'debug',
          image: `${ECR}/amazon-k8s-cni:v1.19.2`,
          volumeMounts: [{ name: 'log', mountPath: '/l', readOnly: true }],
        },
      ],
      volumes: [
        { name: 'bpf', hostPath: { path: '/sys/fs/bpf' } },
        { name: 'log', hostPath: { path: '/var/log/aws-routed-eni/sub/' } },
      ],
    };
    const items = computeDrift(spec, component('eks/aws-node'));
    assert.deepEqual(
      items.map((i) => `${i.kind} ${i.detail} ${i.path}`),
      [
        'hostIPC hostIPC spec.hostIPC',
        'privileged privileged spec.containers[0].securityContext.privileged',
        'capability SYS_PTRACE spec.containers[0].securityContext.capabilities.add[1]',
        'hostPort 61678 spec.containers[0].ports[0].hostPort',
        'hostPath /sys/fs/bpf spec.containers[0].volumeMounts[0]',
        'hostPath /var/log/aws-routed-eni/sub spec.containers[1].volumeMounts[0]',
      ],
    );
  });

  it('ignores host ports of host-network pods, which the API server defaults to the container ports', () => {
    const spec: PodSpec = {
      hostNetwork: true,
      containers: [{ name: 'aws-node', ports: [{ containerPort: 61678, hostPort: 61678 }] }],
    };
    assert.deepEqual(computeDrift(spec, component('eks/aws-node')), []);
  });

  it('reports a mount made writable at its readOnly field, and nothing for narrower read-only mounts', () => {
    const cw = component('eks/cloudwatch-agent');
    const spec = (readOnly: boolean | undefined, path = '/'): PodSpec => ({
      containers: [
        {
          name: 'cloudwatch-agent',
          volumeMounts: [{ name: 'r', mountPath: '/rootfs', ...(readOnly === undefined ? {} : { readOnly }) }],
        },
      ],
      volumes: [{ name: 'r', hostPath: { path } }],
    });
    assert.deepEqual(computeDrift(spec(true), cw), []);
    assert.deepEqual(computeDrift(spec(true, '/etc'), cw), []);
    assert.deepEqual(
      computeDrift(spec(undefined), cw).map((i) => `${i.kind} ${i.path}`),
      ['writableHostPath spec.containers[0].volumeMounts[0].readOnly'],
    );
  });

  it('computes nothing against an unknown baseline', () => {
    assert.deepEqual(
      computeDrift(
        { hostPID: true, containers: [{ name: 'x', securityContext: { privileged: true } }] },
        component('gke/gke-metrics-agent'),
      ),
      [],
    );
  });
});

describe('withinBaseline', () => {
  const objects: KubeObject[] = [
    {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'cloudwatch-agent', namespace: 'amazon-cloudwatch' },
      spec: {
        template: {
          metadata: { labels: { name: 'cloudwatch-agent' } },
          spec: {
            containers: [
              {
                name: 'cloudwatch-agent',
                image: 'public.ecr.aws/cloudwatch-agent/cloudwatch-agent:1.300066.1b1374',
                volumeMounts: [
                  { name: 'rootfs', mountPath: '/rootfs' },
                  { name: 'sys', mountPath: '/sys', readOnly: true },
                ],
              },
            ],
            volumes: [
              { name: 'rootfs', hostPath: { path: '/' } },
              { name: 'sys', hostPath: { path: '/sys' } },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: 'monitoring' },
      spec: { template: { spec: { hostNetwork: true, containers: [{ name: 'a', image: 'x/agent:1' }] } } },
    },
  ];
  const m = buildModel({ objects: objects.map((object) => ({ object, origin: {} })), sourceKind: 'files' });
  classifyWorkloads(m);
  const agent = m.workloads.find((w) => w.name === 'cloudwatch-agent')!;
  const customer = m.workloads.find((w) => w.name === 'agent')!;

  it('weighs writability: a writable mount of a read-only baseline path is outside it', () => {
    assert.equal(agent.classification?.component, 'eks/cloudwatch-agent');
    assert.equal(withinBaseline(agent, 'hostPath', '/sys'), true, 'the live mount of /sys is read-only');
    assert.equal(withinBaseline(agent, 'hostPath', '/'), false, 'the live mount of / is writable');
    assert.equal(withinBaseline(agent, 'hostPath', '/:ro'), true);
    assert.equal(withinBaseline(agent, 'hostPath', '/var/lib/docker/containers:ro'), true);
    assert.equal(withinBaseline(agent, 'hostPath', '/sys:rw'), false);
  });

  it('is false for privileges the component does not ship', () => {
    assert.equal(withinBaseline(agent, 'hostNetwork'), false);
    assert.equal(withinBaseline(agent, 'capability', 'NET_ADMIN'), false);
    assert.equal(withinBaseline(agent, 'privileged'), false);
    assert.equal(withinBaseline(agent, 'hostPort', '2020'), false);
  });

  it('is false for anything not recognised', () => {
    assert.equal(customer.classification?.class, 'workload');
    assert.equal(withinBaseline(customer, 'hostNetwork'), false);
  });
});
