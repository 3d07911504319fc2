import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PodSpec } from '../model/k8s.ts';
import { nodeRoutes } from './escape.ts';

function hostPathPod(path: string, readOnly: boolean, mounted = true): PodSpec {
  return {
    containers: [{ name: 'c', ...(mounted ? { volumeMounts: [{ name: 'h', mountPath: '/host', readOnly }] } : {}) }],
    volumes: [{ name: 'h', hostPath: { path } }],
  };
}

const kinds = (spec: PodSpec, provider: Parameters<typeof nodeRoutes>[1] = 'unknown'): string[] =>
  nodeRoutes(spec, provider).map((r) => `${r.kind}>${r.to}`);

describe('nodeRoutes', () => {
  it('privileged containers escape, with the field that says so', () => {
    const routes = nodeRoutes(
      { initContainers: [{ name: 'init' }], containers: [{ name: 'a', securityContext: { privileged: true } }] },
      'eks',
    );
    assert.deepEqual(
      routes.map((r) => [r.kind, r.path]),
      [['escape-privileged', 'containers[0].securityContext.privileged']],
    );
  });

  it('SYS_PTRACE escapes only with the host PID namespace', () => {
    const ptrace = { containers: [{ name: 'a', securityContext: { capabilities: { add: ['SYS_PTRACE'] } } }] };
    assert.deepEqual(kinds(ptrace), []);
    assert.deepEqual(kinds({ ...ptrace, hostPID: true }), ['escape-ptrace>node-root']);
  });

  it('SYS_MODULE and SYS_ADMIN escape; CAP_ prefixes and case do not matter', () => {
    assert.deepEqual(kinds({ containers: [{ securityContext: { capabilities: { add: ['cap_sys_module'] } } }] }), [
      'escape-capability>node-root',
    ]);
    const admin = nodeRoutes(
      { containers: [{ securityContext: { capabilities: { add: ['SYS_ADMIN'] } } }] },
      'unknown',
    );
    assert.equal(admin[0]?.weight, 2);
  });

  it('a writable CNI folder is a host agent plugin route; a read-only one is not', () => {
    assert.deepEqual(kinds(hostPathPod('/etc/cni/net.d', false), 'eks'), ['host-agent-plugin>node-root']);
    assert.deepEqual(kinds(hostPathPod('/etc/cni/net.d', true), 'eks'), []);
    const r = nodeRoutes(hostPathPod('/opt/cni/bin/', false), 'aks')[0];
    assert.match(r?.explanation ?? '', /\/opt\/cni\/bin/);
    assert.equal(r?.path, 'volumes[0].hostPath.path');
  });

  it('a writable critical path is a host write; an ordinary one is nothing', () => {
    assert.deepEqual(kinds(hostPathPod('/etc/kubernetes/manifests', false), 'gke'), ['host-agent-plugin>node-root']);
    assert.deepEqual(kinds(hostPathPod('/root', false), 'gke'), ['host-write>node-root']);
    assert.deepEqual(kinds(hostPathPod('/data/cache', false)), []);
  });

  it('a runtime socket is root even read-only', () => {
    assert.deepEqual(kinds(hostPathPod('/var/run/containerd/containerd.sock', true)), ['host-socket>node-root']);
  });

  it('the kubelet pod folders read-only give the tokens of pods on the node', () => {
    assert.deepEqual(kinds(hostPathPod('/var/lib/kubelet/pods', true)), ['host-read-tokens>node-tokens']);
  });

  it('writable /var/log needs the pod to read logs too', () => {
    const r = nodeRoutes(hostPathPod('/var/log', false), 'eks').find((x) => x.kind === 'var-log-symlink');
    assert.equal(r?.needsLogRead, true);
    assert.equal(r?.to, 'node-tokens');
  });

  it('unmounted volumes and malformed input give nothing', () => {
    assert.deepEqual(kinds(hostPathPod('/', false, false)), []);
    const junk = {
      containers: 'x',
      volumes: [null, 3, { hostPath: 'nope' }, { hostPath: { path: 12 } }],
    } as unknown as PodSpec;
    assert.deepEqual(kinds(junk), []);
  });
});
