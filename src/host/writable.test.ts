import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Workload } from '../model/types.ts';
import { hostPathMountsOf, pathCovers, writableByPods } from './writable.ts';
import type { HostScanResult, HostPathMount } from './types.ts';

const ds = (name: string): HostPathMount['workload'] => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  namespace: 'kube-system',
  name,
});

function scan(
  paths: { path: string; severity: 'critical' | 'high' }[],
  aliases: Record<string, string> = {},
): HostScanResult {
  return {
    kind: 'KubeseamHostScan',
    schemaVersion: 1,
    node: 'n1',
    sensitivePaths: paths.map((p) => ({ ...p, why: 'w', services: [] })),
    facts: { aliases },
  } as unknown as HostScanResult;
}

describe('pods that can write where root agents read', () => {
  it('compares whole path segments', () => {
    assert.equal(pathCovers('/etc', '/etc/eks'), true);
    assert.equal(pathCovers('/etc', '/etcd'), false);
    assert.equal(pathCovers('/', '/anything'), true);
    assert.equal(pathCovers('/etc/eks', '/etc'), false);
  });

  it('matches parents (covers) and children (inside), ignores read-only mounts, normalises paths', () => {
    const node = scan(
      [
        { path: '/etc/node-problem-detector.d/plugin', severity: 'critical' },
        { path: '/run/containerd', severity: 'high' },
        { path: '/usr/lib/systemd/system', severity: 'critical' },
      ],
      { '/lib': '/usr/lib' },
    );
    const got = writableByPods(node, [
      { workload: ds('a'), path: '/etc/', readOnly: false },
      { workload: ds('b'), path: '/etc/node-problem-detector.d/plugin/sub', readOnly: false },
      { workload: ds('c'), path: '/etc', readOnly: true },
      { workload: ds('d'), path: '/var/run', readOnly: false },
      { workload: ds('e'), path: '/lib/systemd', readOnly: false },
      { workload: ds('f'), path: 'relative/path', readOnly: false },
      { workload: ds('g'), path: '/etc/./node-problem-detector.d/../node-problem-detector.d', readOnly: false },
    ]);
    const summary = got.map((g) => [g.path, g.node, g.writers.map((w) => `${w.workload.name}:${w.coverage}`)]);
    assert.deepEqual(summary, [
      ['/etc/node-problem-detector.d/plugin', 'n1', ['a:covers', 'b:inside', 'g:covers']],
      ['/usr/lib/systemd/system', 'n1', ['e:covers']],
      ['/run/containerd', 'n1', ['d:covers']],
    ]);
  });

  it('collects hostPath mounts from every container kind, with subPath', () => {
    const w = {
      ref: ds('csi'),
      podSpec: {
        volumes: [
          { name: 'etc', hostPath: { path: '/etc' } },
          { name: 'cfg', configMap: { name: 'x' } },
          { name: 'bad', hostPath: {} },
        ],
        initContainers: [{ name: 'install', volumeMounts: [{ name: 'etc', mountPath: '/host/etc' }] }],
        containers: [
          {
            name: 'main',
            volumeMounts: [
              { name: 'etc', mountPath: '/e', readOnly: true, subPath: 'kubernetes' },
              { name: 'cfg', mountPath: '/c' },
            ],
          },
        ],
      },
    } as unknown as Workload;
    assert.deepEqual(hostPathMountsOf([w]), [
      { workload: ds('csi'), path: '/etc', readOnly: false, container: 'install' },
      { workload: ds('csi'), path: '/etc/kubernetes', readOnly: true, container: 'main' },
    ]);
  });
});
