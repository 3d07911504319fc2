import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configFlags, effectiveKubelet, isZeroDuration, mergeConfig, parseFlags } from './kubelet.ts';
import type { KubeletSourcesFact } from './types.ts';

const sources = (argv: string[], extra: Partial<KubeletSourcesFact> = {}): KubeletSourcesFact => ({
  from: 'unit',
  argv,
  unresolved: [],
  configDropIns: [],
  configFromFlag: false,
  ...extra,
});

describe('kubelet flags and configuration', () => {
  it('parses pflag long flags: =value, space value, bare booleans, last one wins', () => {
    const f = parseFlags([
      'kubelet',
      '--config',
      '/c.yaml',
      '--anonymous-auth',
      '--v=2',
      '--read-only-port=1',
      '--read-only-port=0',
      'stray',
    ]);
    assert.equal(f.get('config'), '/c.yaml');
    assert.equal(f.get('anonymous-auth'), 'true');
    assert.equal(f.get('read-only-port'), '0');
    assert.deepEqual(configFlags(['kubelet', '--config-dir=/d', '--config=/c']), { config: '/c', configDir: '/d' });
  });

  it('uses the insecure flag defaults when there is no config file', () => {
    const s = effectiveKubelet(sources(['kubelet', '--kubeconfig=/k'])).settings;
    assert.deepEqual(s.anonymousAuth, { value: true, origin: 'legacy-default' });
    assert.deepEqual(s.authorizationMode, { value: 'AlwaysAllow', origin: 'legacy-default' });
    assert.deepEqual(s.readOnlyPort, { value: 10255, origin: 'legacy-default' });
  });

  it('uses the v1beta1 defaults with a config file, then config, then drop-ins, then flags', () => {
    const eff = effectiveKubelet(
      sources(['kubelet', '--config=/c.json', '--authorization-mode=AlwaysAllow'], {
        configFromFlag: true,
        config: {
          path: '/c.json',
          found: true,
          value: {
            readOnlyPort: 10255,
            authorization: { mode: 'Webhook' },
            authentication: { x509: { clientCAFile: '/ca' } },
          },
        },
        configDropIns: [
          {
            path: '/d/10.conf',
            found: true,
            value: { readOnlyPort: 0, authentication: { anonymous: { enabled: 'true' } } },
          },
        ],
      }),
    );
    const s = eff.settings;
    assert.deepEqual(s.readOnlyPort, { value: 0, origin: 'config-drop-in', from: '/d/10.conf' });
    assert.deepEqual(s.authorizationMode, { value: 'AlwaysAllow', origin: 'flag', from: '--authorization-mode' });
    assert.deepEqual(s.anonymousAuth, { value: true, origin: 'config-drop-in', from: '/d/10.conf' });
    assert.deepEqual(s.clientCAFile, { value: '/ca', origin: 'config', from: '/c.json' });
    assert.deepEqual(s.webhookAuthentication, { value: true, origin: 'default' });
    assert.ok(eff.files.some((f) => f.path === '/ca' && f.role === 'client-ca'));
    assert.ok(eff.files.some((f) => f.path === '/d/10.conf' && f.role === 'kubelet-config-drop-in'));
  });

  it('ignores values of the wrong type and merges objects but replaces lists', () => {
    const s = effectiveKubelet(
      sources(['kubelet', '--config=/c'], {
        configFromFlag: true,
        config: { path: '/c', found: true, value: { readOnlyPort: 'ten', protectKernelDefaults: [true] } },
      }),
    ).settings;
    assert.deepEqual(s.readOnlyPort, { value: 0, origin: 'default' });
    assert.deepEqual(s.protectKernelDefaults, { value: false, origin: 'default' });
    assert.deepEqual(mergeConfig({ a: { b: 1, c: 2 }, l: [1, 2] }, { a: { c: 3 }, l: [9] }), {
      a: { b: 1, c: 3 },
      l: [9],
    });
  });

  it('recognises zero durations', () => {
    for (const z of ['0', '0s', '0h0m0s', 0]) assert.equal(isZeroDuration(z), true, String(z));
    for (const nz of ['4h0m0s', '5m', '', 'x', 1]) assert.equal(isZeroDuration(nz), false, String(nz));
  });
});
