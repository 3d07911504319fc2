// Smoke test on the machine running the tests: the reader must cope with a real root (whatever distribution, with
// or without systemd) and a real /proc, and find at least one process. Nothing about the machine is asserted.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { analyzeHost, readHostFactsSync } from '../../src/host/index.ts';

describe('reading this machine’s root', { skip: existsSync('/proc/self') ? false : 'no /proc here' }, () => {
  it('reads / without error, finds processes, and analyses the result', () => {
    const started = Date.now();
    const facts = readHostFactsSync('/', { maxProcesses: 64, maxWalkEntries: 2000, maxUnits: 800 });
    assert.ok(facts.processes.length > 0, 'at least one process');
    assert.ok(facts.processes.length <= 64, 'the cap holds');
    assert.ok(facts.processes.some((p) => p.pid === process.pid || p.uids !== undefined));
    const analysis = analyzeHost(facts);
    assert.ok(Array.isArray(analysis.findings));
    assert.ok(Date.now() - started < 20_000, 'stays fast');
  });
});
