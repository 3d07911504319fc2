import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SENSITIVE_HOST_PATHS, canonicalHostPath, exposureOf, isWithin, worstExposure } from './host-paths.ts';

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];
const rank = (s: string): number => SEVERITIES.length - SEVERITIES.indexOf(s);
const SOURCE = /^(https:\/\/[a-z0-9.-]+\.[a-z]{2,}\/\S*|[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+:[^\s:]+)$/;

const worst = (p: string, writable: boolean): string | undefined => {
  const e = exposureOf(p);
  return e && worstExposure(e, writable)?.severity;
};

describe('sensitive host path knowledge', () => {
  it('has canonical, unique paths with why, sources and coherent severities', () => {
    const paths = SENSITIVE_HOST_PATHS.map((e) => e.path);
    assert.equal(new Set(paths).size, paths.length, 'duplicate paths');
    for (const e of SENSITIVE_HOST_PATHS) {
      assert.equal(canonicalHostPath(e.path), e.path, `${e.path} is not canonical`);
      assert.ok(SEVERITIES.includes(e.readSeverity) && SEVERITIES.includes(e.writeSeverity), e.path);
      assert.ok(rank(e.writeSeverity) >= rank(e.readSeverity), `${e.path}: writable cannot be safer than read-only`);
      if (e.socket) assert.equal(e.readSeverity, e.writeSeverity, `${e.path}: readOnly does not protect a socket`);
      assert.ok(e.why.length > 20, `${e.path}: why`);
      assert.ok(e.sources.length > 0, `${e.path}: sources`);
      for (const s of e.sources) assert.match(s, SOURCE, `${e.path}: ${s}`);
      if (e.kubehoundAttack) assert.match(e.kubehoundAttack, /^[A-Z_]+$/);
    }
  });

  it('lists the paths the threat model needs', () => {
    const need = [
      '/',
      '/etc',
      '/proc',
      '/sys',
      '/dev',
      '/boot',
      '/root',
      '/home',
      '/run',
      '/run/docker.sock',
      '/run/containerd/containerd.sock',
      '/run/crio/crio.sock',
      '/run/k3s/containerd/containerd.sock',
      '/var/lib/kubelet',
      '/var/lib/kubelet/pods',
      '/var/lib/kubelet/pki',
      '/etc/kubernetes',
      '/home/kubernetes',
      '/var/lib/docker',
      '/var/lib/containerd',
      '/etc/cni/net.d',
      '/opt/cni/bin',
      '/etc/node-problem-detector.d',
      '/home/kubernetes/node-problem-detector',
      '/var/lib/waagent',
      '/etc/eks',
      '/etc/amazon',
      '/var/log',
      '/lib/modules',
      '/usr/src',
    ];
    const have = new Set(SENSITIVE_HOST_PATHS.map((e) => e.path));
    for (const p of need) assert.ok(have.has(p), p);
  });

  it('canonicalises paths: slashes, dots, trailing slash, /var/run', () => {
    assert.equal(canonicalHostPath('/var/lib//kubelet/'), '/var/lib/kubelet');
    assert.equal(canonicalHostPath('/var/lib/x/../kubelet/./pods'), '/var/lib/kubelet/pods');
    assert.equal(canonicalHostPath('/var/run/docker.sock'), '/run/docker.sock');
    assert.equal(canonicalHostPath('/var/run'), '/run');
    assert.equal(canonicalHostPath('/var/runner'), '/var/runner');
    assert.equal(canonicalHostPath('/'), '/');
    assert.equal(canonicalHostPath('relative/path'), undefined);
    assert.equal(canonicalHostPath('C:\\var\\log'), undefined);
  });

  it('matches on whole segments, never on string prefixes', () => {
    assert.ok(isWithin('/etc/passwd', '/etc'));
    assert.ok(isWithin('/etc', '/etc'));
    assert.ok(!isWithin('/etcd', '/etc'));
    assert.ok(!isWithin('/etc-backup/x', '/etc'));
    assert.ok(isWithin('/anything', '/'));
    assert.equal(exposureOf('/etcd/data')?.within, undefined);
    assert.equal(exposureOf('/var/logs')?.within, undefined);
    assert.equal(exposureOf('/devices')?.within, undefined);
  });

  it('a parent folder exposes the sensitive paths inside it', () => {
    const e = exposureOf('/var')!;
    assert.equal(e.within, undefined);
    assert.ok(e.covers.some((c) => c.path === '/var/lib/kubelet/pods'));
    assert.equal(worst('/var', true), 'critical');
    assert.equal(worst('/var/lib', false), 'critical');
    // /var/run is a symlink to /run, not a folder of /var: mounting /var does not expose the runtime socket.
    assert.ok(!e.covers.some((c) => c.path.startsWith('/run')));
  });

  it('a child of a sensitive path takes the most specific entry', () => {
    assert.equal(exposureOf('/var/lib/kubelet/pods/123/volumes')?.within?.path, '/var/lib/kubelet/pods');
    assert.equal(exposureOf('/etc/kubernetes/manifests/x.yaml')?.within?.path, '/etc/kubernetes/manifests');
    assert.equal(worst('/var/lib/kubelet/plugins/ebs.csi.aws.com', true), 'high');
    assert.equal(worst('/etc/ssl/certs', false), 'info');
    assert.equal(worst('/etc/ssl/certs', true), 'high');
    assert.equal(worst('/etc/foo', false), 'high');
  });

  it('rates by mount mode where it matters, not where readOnly does not protect', () => {
    assert.equal(worst('/var/log', false), 'low');
    assert.equal(worst('/var/log', true), 'high');
    assert.equal(worst('/var/lib/kubelet/pods', true), 'critical');
    assert.equal(worst('/var/run/docker.sock', false), 'critical');
    assert.equal(worst('/run/containerd', false), 'critical');
    assert.equal(worst('/run', false), 'critical');
    assert.equal(worst('/opt/cni/bin', false), 'low');
    assert.equal(worst('/opt/cni/bin', true), 'critical');
    assert.equal(worst('/data/app', true), undefined);
  });

  it('names the entry that drives the severity, preferring the path itself on ties', () => {
    const e = worstExposure(exposureOf('/var/lib/kubelet')!, false)!;
    assert.equal(e.entry.path, '/var/lib/kubelet');
    assert.equal(e.covered, false);
    const p = worstExposure(exposureOf('/var/lib')!, false)!;
    assert.equal(p.entry.path, '/var/lib/kubelet');
    assert.equal(p.covered, true);
  });
});
