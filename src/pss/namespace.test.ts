import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseNamespacePolicy, strictestAllowedLevel, wouldBreak } from './index.ts';
import type { PodEntry } from './index.ts';

describe('parseNamespacePolicy', () => {
  it('falls back to privileged at latest when no label is set', () => {
    const p = parseNamespacePolicy({ team: 'a' });
    for (const mode of ['enforce', 'audit', 'warn'] as const) {
      assert.deepEqual(p[mode], { level: 'privileged', version: 'latest', explicit: false });
    }
    assert.deepEqual(parseNamespacePolicy(undefined), p);
  });

  it('reads valid labels per mode', () => {
    const p = parseNamespacePolicy({
      'pod-security.kubernetes.io/enforce': 'baseline',
      'pod-security.kubernetes.io/enforce-version': 'v1.29',
      'pod-security.kubernetes.io/warn': 'restricted',
    });
    assert.deepEqual(p.enforce, { level: 'baseline', version: 'v1.29', explicit: true });
    assert.deepEqual(p.warn, { level: 'restricted', version: 'latest', explicit: true });
    assert.deepEqual(p.audit, { level: 'privileged', version: 'latest', explicit: false });
  });

  it('fails closed on an invalid enforce level and open on invalid audit and warn levels', () => {
    const p = parseNamespacePolicy({
      'pod-security.kubernetes.io/enforce': 'strict',
      'pod-security.kubernetes.io/audit': 'Restricted',
      'pod-security.kubernetes.io/warn': '',
    });
    assert.equal(p.enforce.level, 'restricted');
    assert.equal(
      p.enforce.error,
      'metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: "strict": ' +
        'must be one of privileged, baseline, restricted',
    );
    assert.equal(p.audit.level, 'privileged');
    assert.match(p.audit.error ?? '', /audit\]: Invalid value: "Restricted"/);
    assert.equal(p.warn.level, 'privileged');
    assert.equal(p.warn.explicit, true);
  });

  it('evaluates an invalid version as latest and reports it', () => {
    const p = parseNamespacePolicy({
      'pod-security.kubernetes.io/enforce': 'baseline',
      'pod-security.kubernetes.io/enforce-version': 'v1.29.1',
    });
    assert.equal(p.enforce.level, 'baseline');
    assert.equal(p.enforce.version, 'latest');
    assert.equal(
      p.enforce.error,
      'metadata.labels[pod-security.kubernetes.io/enforce-version]: Invalid value: "v1.29.1": must be "latest" or "v1.x"',
    );
  });

  it('joins a bad level and a bad version of one mode', () => {
    const p = parseNamespacePolicy({
      'pod-security.kubernetes.io/warn': 'x',
      'pod-security.kubernetes.io/warn-version': 'y',
    });
    assert.equal(p.warn.error?.split('; ').length, 2);
  });
});

const hostNetworkPod: PodEntry<string> = {
  ref: 'ns/host-net',
  pod: { spec: { hostNetwork: true, containers: [{ name: 'agent' }] } },
};
const plainPod: PodEntry<string> = { ref: 'ns/plain', pod: { spec: { containers: [{ name: 'web' }] } } };
const hardenedPod: PodEntry<string> = {
  ref: 'ns/hardened',
  pod: {
    spec: {
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [
        { name: 'api', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } },
      ],
    },
  },
};

describe('wouldBreak', () => {
  it('lists the pods a level would reject, with upstream messages', () => {
    const broken = wouldBreak([hostNetworkPod, plainPod, hardenedPod], 'baseline', 'v1.30');
    assert.deepEqual(
      broken.map((b) => b.ref),
      ['ns/host-net'],
    );
    assert.equal(broken[0]!.message, 'violates PodSecurity "baseline:v1.30": host namespaces (hostNetwork=true)');
    assert.deepEqual(
      wouldBreak([hostNetworkPod, plainPod, hardenedPod], 'restricted').map((b) => b.ref),
      ['ns/host-net', 'ns/plain'],
    );
    assert.deepEqual(wouldBreak([hostNetworkPod], 'privileged'), []);
  });
});

describe('strictestAllowedLevel', () => {
  it('is the strictest level every pod passes', () => {
    assert.equal(strictestAllowedLevel([hardenedPod]), 'restricted');
    assert.equal(strictestAllowedLevel([hardenedPod, plainPod]), 'baseline');
    assert.equal(strictestAllowedLevel([hardenedPod, plainPod, hostNetworkPod]), 'privileged');
    assert.equal(strictestAllowedLevel([]), 'restricted');
  });

  it('depends on the version', () => {
    const probe: PodEntry<string> = {
      ref: 'ns/probe',
      pod: { spec: { containers: [{ name: 'a', readinessProbe: { tcpSocket: { host: '10.0.0.1', port: 1 } } }] } },
    };
    assert.equal(strictestAllowedLevel([probe], 'v1.33'), 'baseline');
    assert.equal(strictestAllowedLevel([probe], 'v1.34'), 'privileged');
  });
});
