import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAllowed, parseAllowList } from './allow.ts';

describe('image gate allow list', () => {
  it('accepts a bare list or an allow: mapping with typed items', () => {
    const a = parseAllowList('- eks/kubelet\n- my-agent.service\n- /opt/vendor/bin/*\n- falco\n');
    assert.deepEqual(
      a.entries.map((e) => e.kind),
      ['id', 'unit', 'exe', 'any'],
    );
    const b = parseAllowList('allow:\n  - unit: "vendor-*.service"\n    reason: EDR\n  - exe: /usr/bin/x\n');
    assert.deepEqual(b.entries, [
      { pattern: 'vendor-*.service', kind: 'unit', reason: 'EDR' },
      { pattern: '/usr/bin/x', kind: 'exe' },
    ]);
    assert.deepEqual(parseAllowList('').entries, []);
  });

  it('matches by kind, with * inside one path segment', () => {
    const a = parseAllowList('- /opt/vendor/bin/*\n- vendor-*.service\n- falco\n');
    assert.equal(isAllowed(a, { exe: '/opt/vendor/bin/agent' }), true);
    assert.equal(isAllowed(a, { exe: '/opt/vendor/bin/sub/agent' }), false);
    assert.equal(isAllowed(a, { unit: 'vendor-edr.service' }), true);
    assert.equal(isAllowed(a, { exe: '/vendor-edr.service' }), false, 'a unit pattern never matches an exe');
    assert.equal(isAllowed(a, { name: 'falco' }), true);
    assert.equal(isAllowed(undefined, { name: 'falco' }), false);
  });

  it('rejects what it cannot read, naming the file', () => {
    assert.throws(() => parseAllowList('allow: 3', 'allow.yaml'), /expected a list/);
    assert.throws(() => parseAllowList('- [1]', 'allow.yaml'), /unsupported allow-list item/);
    assert.throws(
      () => parseAllowList('a: [', 'allow.yaml'),
      (e: unknown) => e instanceof Error && /invalid YAML/.test(e.message),
    );
  });
});
