import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HOST_SERVICES } from './host-services.ts';
import {
  KUBELET_BOOL_FLAGS,
  KUBELET_CHECKS,
  KUBELET_CLIENT_CREDENTIAL,
  KUBELET_FILE_LOCATIONS,
  KUBELET_SETTINGS,
  defaultKubeletConfigPaths,
  kubeletCheck,
  kubeletSetting,
} from './kubelet-config.ts';

const SOURCE = /^(https:\/\/[a-z0-9.-]+\.[a-z]{2,}\/\S*|[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+:[^\s:]+)$/;
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];

describe('kubelet configuration knowledge', () => {
  it('maps each setting to one flag and a typed default for both cases', () => {
    const keys = KUBELET_SETTINGS.map((s) => s.key);
    const flags = KUBELET_SETTINGS.map((s) => s.flag);
    assert.equal(new Set(keys).size, keys.length);
    assert.equal(new Set(flags).size, flags.length);
    for (const s of KUBELET_SETTINGS) {
      assert.match(s.flag, /^[a-z][a-z0-9-]*$/, s.flag);
      assert.equal(kubeletSetting(s.key), s);
      for (const d of [s.configDefault, s.legacyDefault]) {
        if (d === null) continue;
        const want = s.type === 'bool' ? 'boolean' : s.type === 'int' ? 'number' : 'string';
        assert.equal(typeof d, want, `${s.key}: default type`);
      }
      for (const src of s.sources) assert.match(src, SOURCE);
    }
    assert.ok(KUBELET_BOOL_FLAGS.has('anonymous-auth') && !KUBELET_BOOL_FLAGS.has('config'));
  });

  it('records the insecure flag defaults that a missing config file falls back to', () => {
    assert.equal(kubeletSetting('anonymousAuth')!.legacyDefault, true);
    assert.equal(kubeletSetting('authorizationMode')!.legacyDefault, 'AlwaysAllow');
    assert.equal(kubeletSetting('readOnlyPort')!.legacyDefault, 10255);
    assert.equal(kubeletSetting('anonymousAuth')!.configDefault, false);
  });

  it('has checks with ids, severities, CIS numbers and sources', () => {
    const ids = KUBELET_CHECKS.map((c) => c.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const c of KUBELET_CHECKS) {
      assert.match(c.id, /^kubelet-[a-z0-9-]+$/);
      assert.ok(SEVERITIES.includes(c.severity));
      assert.ok(c.why.length > 30 && c.remediation.length > 10, c.id);
      assert.equal(kubeletCheck(c.id), c);
      for (const n of c.cis) assert.match(n, /^(EKS )?\d+\.\d+\.\d+( \(CIS 1\.\d+\))?$/, `${c.id}: ${n}`);
      for (const src of c.sources) assert.match(src, SOURCE);
    }
  });

  it('keeps every provider file location in that provider’s kubelet catalog entry', () => {
    for (const l of KUBELET_FILE_LOCATIONS) {
      for (const src of l.sources) assert.match(src, SOURCE);
      if (l.inferred === true) assert.ok((l.note ?? '').length > 10);
      const kubelet = HOST_SERVICES.find((s) => s.id === `${l.provider}/kubelet`)!;
      const covered = [...kubelet.configPaths, ...(kubelet.pluginPaths ?? [])].some(
        (p) => l.path === p || l.path.startsWith(`${p}/`),
      );
      assert.ok(covered, `${l.provider}: ${l.path} is not under ${l.provider}/kubelet's paths`);
    }
    assert.deepEqual(defaultKubeletConfigPaths('gke'), ['/home/kubernetes/kubelet-config.yaml']);
    assert.ok(defaultKubeletConfigPaths().includes('/etc/kubernetes/kubelet/config.json'));
    assert.deepEqual(KUBELET_CLIENT_CREDENTIAL.map((c) => c.provider).sort(), ['aks', 'eks', 'gke']);
  });
});
