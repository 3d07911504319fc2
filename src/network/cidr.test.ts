import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cidrContains, cidrWithin, formatIp, hostCidr, parseCidr, parseIp } from './cidr.ts';

function contains(cidr: string, ip: string): boolean {
  const c = parseCidr(cidr);
  const a = parseIp(ip);
  assert.ok(c, cidr);
  assert.ok(a, ip);
  return cidrContains(c, a);
}

test('IPv4 addresses parse to 32-bit values; malformed ones do not parse', () => {
  assert.deepEqual(parseIp('169.254.169.254'), { family: 4, value: 0xa9fea9fen });
  assert.deepEqual(parseIp('0.0.0.0'), { family: 4, value: 0n });
  assert.equal(parseIp('256.1.1.1'), undefined);
  assert.equal(parseIp('1.2.3'), undefined);
  assert.equal(parseIp('1.2.3.4.5'), undefined);
  assert.equal(parseIp('1.2.3.x'), undefined);
  assert.equal(parseIp(''), undefined);
  // Leading zeros are read as decimal, as ParseCIDRSloppy does for ipBlock.
  assert.deepEqual(parseIp('010.0.0.1'), parseIp('10.0.0.1'));
});

test('IPv6 addresses parse with :: compression and an embedded IPv4 tail', () => {
  assert.deepEqual(parseIp('fd00:ec2::254'), { family: 6, value: (0xfd00n << 112n) | (0xec2n << 96n) | 0x254n });
  assert.deepEqual(parseIp('::'), { family: 6, value: 0n });
  assert.deepEqual(parseIp('::1'), { family: 6, value: 1n });
  assert.deepEqual(parseIp('2001:db8:0:0:0:0:0:1'), parseIp('2001:db8::1'));
  assert.deepEqual(parseIp('64:ff9b::169.254.169.254'), parseIp('64:ff9b::a9fe:a9fe'));
  for (const bad of [
    '1::2::3',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7',
    '12345::',
    'fe80::1%eth0',
    ':1::',
    'g::1',
    '1:2:3:4:5:6:7::8',
  ]) {
    assert.equal(parseIp(bad), undefined, bad);
  }
});

test('IPv4-mapped IPv6 addresses are compared as IPv4', () => {
  assert.deepEqual(parseIp('::ffff:169.254.169.254'), parseIp('169.254.169.254'));
  assert.deepEqual(parseIp('::ffff:a9fe:a9fe'), parseIp('169.254.169.254'));
  assert.equal(contains('169.254.169.254/32', '::ffff:169.254.169.254'), true);
  assert.equal(contains('::/0', '::ffff:169.254.169.254'), false);
});

test('CIDR containment masks host bits and respects family', () => {
  assert.equal(contains('172.17.0.0/16', '172.17.1.5'), true);
  assert.equal(contains('172.17.0.0/16', '172.18.0.1'), false);
  assert.equal(contains('172.17.1.0/24', '172.17.1.255'), true);
  assert.equal(contains('172.17.1.0/24', '172.17.2.0'), false);
  assert.equal(contains('0.0.0.0/0', '8.8.8.8'), true);
  assert.equal(contains('0.0.0.0/0', '2001:db8::1'), false, 'an IPv4 block never matches IPv6');
  assert.equal(contains('::/0', '2001:db8::1'), true);
  assert.equal(contains('::/0', '8.8.8.8'), false, 'an IPv6 block never matches IPv4');
  assert.equal(contains('169.254.169.254/32', '169.254.169.254'), true);
  assert.equal(contains('169.254.169.254/32', '169.254.169.253'), false);
  assert.equal(contains('fd00:ec2::254/128', 'fd00:ec2::254'), true);
  assert.equal(contains('fd00:ec2::254/128', 'fd00:ec2::23'), false);
  assert.equal(contains('fd00::/8', 'fd20:ce::254'), true);
  // Host bits in the written network are masked (10.0.0.1/24 means 10.0.0.0/24).
  assert.equal(contains('10.0.0.1/24', '10.0.0.200'), true);
});

test('malformed CIDRs do not parse', () => {
  for (const bad of ['10.0.0.0', '10.0.0.0/33', '::/129', '10.0.0.0/-1', '10.0.0.0/a', '/8', '10.0.0.0/8/8', 'x/8']) {
    assert.equal(parseCidr(bad), undefined, bad);
  }
});

test('cidrWithin checks that an except lies inside its cidr', () => {
  const outer = parseCidr('172.17.0.0/16')!;
  assert.equal(cidrWithin(parseCidr('172.17.1.0/24')!, outer), true);
  assert.equal(cidrWithin(parseCidr('172.18.1.0/24')!, outer), false);
  assert.equal(cidrWithin(parseCidr('172.0.0.0/8')!, outer), false);
  assert.equal(cidrWithin(parseCidr('::/0')!, parseCidr('0.0.0.0/0')!), false);
});

test('formatIp and hostCidr produce canonical text', () => {
  assert.equal(hostCidr(parseIp('169.254.169.254')!), '169.254.169.254/32');
  assert.equal(hostCidr(parseIp('fd00:ec2:0:0:0:0:0:254')!), 'fd00:ec2::254/128');
  assert.equal(formatIp(parseIp('2001:db8:0:0:1:0:0:1')!), '2001:db8::1:0:0:1');
  assert.equal(formatIp(parseIp('::')!), '::');
  assert.equal(formatIp(parseIp('1:2:3:4:5:6:7:8')!), '1:2:3:4:5:6:7:8');
});
