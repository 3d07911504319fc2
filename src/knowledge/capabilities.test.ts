import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BASELINE_ADDABLE_CAPABILITIES } from '../pss/facts.ts';
import {
  CAPABILITIES,
  LINUX_CAPABILITY_BITS,
  RUNTIME_DEFAULT_CAPABILITIES,
  capabilityFact,
  normalizeCapabilityName,
} from './capabilities.ts';

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];
const rank = (s: string): number => SEVERITIES.length - SEVERITIES.indexOf(s);
const SOURCE = /^(https:\/\/[a-z0-9.-]+\.[a-z]{2,}\/\S*|[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+:[^\s:]+)$/;

// Every capability the kernel defines (capability.h bit table): each needs a rated fact.
const LINUX_CAPABILITIES = [...LINUX_CAPABILITY_BITS];

describe('capability knowledge', () => {
  it('has one well-formed entry per capability, with why and sources', () => {
    const names = CAPABILITIES.map((c) => c.name);
    assert.equal(new Set(names).size, names.length, 'duplicate names');
    for (const c of CAPABILITIES) {
      assert.match(c.name, /^[A-Z][A-Z_]*$/, c.name);
      assert.ok(SEVERITIES.includes(c.severity), c.name);
      assert.ok(c.why.length > 20 && !c.why.includes('CAP_CAP'), `${c.name}: why`);
      assert.ok(c.sources.length > 0, `${c.name}: sources`);
      for (const s of c.sources) assert.match(s, SOURCE, `${c.name}: source ${s}`);
      if (c.escalatesWith) {
        assert.ok(rank(c.escalatesWith.severity) > rank(c.severity), `${c.name}: escalation must raise severity`);
        assert.ok(c.escalatesWith.why.length > 10);
      }
    }
  });

  it('covers every Linux capability and ALL, and nothing else', () => {
    assert.deepEqual(CAPABILITIES.map((c) => c.name).sort(), [...LINUX_CAPABILITIES, 'ALL'].sort());
  });

  it('rates the escape primitives critical and the runtime defaults low or below, except the known risky ones', () => {
    for (const n of ['ALL', 'SYS_ADMIN', 'SYS_MODULE', 'DAC_READ_SEARCH'])
      assert.equal(capabilityFact(n)?.severity, 'critical', n);
    for (const n of RUNTIME_DEFAULT_CAPABILITIES) {
      if (n === 'NET_RAW' || n === 'DAC_OVERRIDE') continue;
      assert.ok(rank(capabilityFact(n)!.severity) <= rank('low'), `${n} is a runtime default`);
    }
  });

  it('marks exactly the containerd/Docker default set (14 capabilities) as runtime defaults', () => {
    assert.deepEqual([...RUNTIME_DEFAULT_CAPABILITIES].sort(), [
      'AUDIT_WRITE',
      'CHOWN',
      'DAC_OVERRIDE',
      'FOWNER',
      'FSETID',
      'KILL',
      'MKNOD',
      'NET_BIND_SERVICE',
      'NET_RAW',
      'SETFCAP',
      'SETGID',
      'SETPCAP',
      'SETUID',
      'SYS_CHROOT',
    ]);
  });

  it('agrees with Pod Security baseline: nothing baseline allows is rated above medium', () => {
    for (const f of BASELINE_ADDABLE_CAPABILITIES) {
      const c = capabilityFact(f.value);
      assert.ok(c, f.value);
      assert.ok(rank(c.severity) <= rank('medium'), `${f.value} is allowed by baseline but rated ${c.severity}`);
    }
  });

  it('normalises names as the runtime does', () => {
    assert.equal(normalizeCapabilityName(' cap_sys_admin '), 'SYS_ADMIN');
    assert.equal(capabilityFact('CAP_NET_RAW')?.name, 'NET_RAW');
    assert.equal(capabilityFact('sys_ptrace')?.name, 'SYS_PTRACE');
    assert.equal(capabilityFact('NOT_A_CAP'), undefined);
  });
});
