import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  NAMESPACED_SYSCTL_FAMILIES,
  SAFE_SYSCTL_SET,
  normalizeSysctlName,
  safeSysctlsAt,
  sysctlFamily,
} from './sysctls.ts';

const SOURCE = /^(https:\/\/[a-z0-9.-]+\.[a-z]{2,}\/\S*|[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+:[^\s:]+)$/;

describe('sysctl knowledge', () => {
  it('lists each safe sysctl once, with a version and sources', () => {
    const names = SAFE_SYSCTL_SET.map((s) => s.name);
    assert.equal(new Set(names).size, names.length);
    for (const s of SAFE_SYSCTL_SET) {
      assert.match(s.name, /^[a-z0-9_]+(\.[a-z0-9_]+)+$/, s.name);
      assert.ok(Number.isInteger(s.since) && s.since >= 0, s.name);
      assert.ok(s.sources.length > 0);
      for (const src of s.sources) assert.match(src, SOURCE);
    }
    for (const f of NAMESPACED_SYSCTL_FAMILIES) {
      assert.ok(f.why.length > 20 && f.sources.length > 0, f.pattern);
      for (const src of f.sources) assert.match(src, SOURCE);
    }
  });

  it('every safe sysctl is namespaced', () => {
    for (const s of SAFE_SYSCTL_SET) assert.ok(sysctlFamily(s.name)?.namespaced, s.name);
  });

  it('grows with the Kubernetes version', () => {
    assert.equal(safeSysctlsAt(26).has('net.ipv4.ip_local_reserved_ports'), false);
    assert.equal(safeSysctlsAt(27).has('net.ipv4.ip_local_reserved_ports'), true);
    assert.equal(safeSysctlsAt(31).has('net.ipv4.tcp_rmem'), false);
    assert.equal(safeSysctlsAt().has('net.ipv4.tcp_rmem'), true);
  });

  it('converts slash-separated names like the kubelet', () => {
    assert.equal(normalizeSysctlName('net/ipv4/ip_local_port_range'), 'net.ipv4.ip_local_port_range');
    assert.equal(normalizeSysctlName('net/ipv4/conf/eno2.100/rp_filter'), 'net.ipv4.conf.eno2/100.rp_filter');
    assert.equal(normalizeSysctlName('net.ipv4.conf.eno2/100.rp_filter'), 'net.ipv4.conf.eno2/100.rp_filter');
  });

  it('tells namespaced families from node-level sysctls', () => {
    assert.equal(sysctlFamily('kernel.msgmax')?.pattern, 'kernel.msg*');
    assert.equal(sysctlFamily('net.ipv4.ip_forward')?.pattern, 'net.*');
    assert.equal(sysctlFamily('kernel.sem')?.pattern, 'kernel.sem');
    assert.equal(sysctlFamily('kernel.semx'), undefined);
    assert.equal(sysctlFamily('kernel.core_pattern'), undefined);
    assert.equal(sysctlFamily('vm.overcommit_memory'), undefined);
  });
});
