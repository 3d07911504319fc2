import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KubeseamError } from '../errors.ts';
import { scanFleet, type FleetOutcome } from './fleet.ts';

const tick = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('scanFleet', () => {
  it('never runs more than `concurrency` scans at once, and keeps the input order', async () => {
    let running = 0;
    let peak = 0;
    const out = await scanFleet(
      ['a', 'b', 'c', 'd', 'e', 'f', 'g'],
      async (ctx) => {
        running++;
        peak = Math.max(peak, running);
        await tick(ctx === 'a' ? 30 : 5); // the first finishes last
        running--;
        return ctx.toUpperCase();
      },
      { concurrency: 3 },
    );
    assert.equal(peak, 3);
    assert.deepEqual(
      out.map((o) => (o.ok ? o.result : o.error)),
      ['A', 'B', 'C', 'D', 'E', 'F', 'G'],
    );
  });

  it('reports one cluster failing without stopping the others', async () => {
    const seen: string[] = [];
    const out = await scanFleet(
      ['good', 'forbidden', 'sync-throw', 'also-good'],
      (ctx) => {
        if (ctx === 'sync-throw') throw new Error('kubeconfig entry is broken');
        return ctx === 'forbidden'
          ? Promise.reject(
              new KubeseamError('access', 'forbidden: cannot list pods', { resource: 'context forbidden' }),
            )
          : tick(1).then(() => ctx);
      },
      { concurrency: 2, onOutcome: (o) => seen.push(o.context) },
    );
    assert.deepEqual(
      out.map((o): [string, boolean, string] => [o.context, o.ok, o.ok ? o.result : o.error]),
      [
        ['good', true, 'good'],
        ['forbidden', false, 'context forbidden: forbidden: cannot list pods'],
        ['sync-throw', false, 'kubeconfig entry is broken'],
        ['also-good', true, 'also-good'],
      ],
    );
    assert.deepEqual([...seen].sort(), ['also-good', 'forbidden', 'good', 'sync-throw']);
  });

  it('times out a hanging cluster, aborting its scan, and finishes the rest', async () => {
    let aborted: unknown;
    const started = Date.now();
    const out = await scanFleet(
      ['hangs', 'fast'],
      (ctx, signal) =>
        ctx === 'hangs'
          ? new Promise<string>(() => signal.addEventListener('abort', () => (aborted = signal.reason as unknown)))
          : Promise.resolve(ctx),
      { concurrency: 2, timeoutMs: 50 },
    );
    assert.ok(Date.now() - started < 2000);
    assert.deepEqual(
      out.map((o) => o.ok),
      [false, true],
    );
    assert.match((out[0] as Extract<FleetOutcome<string>, { ok: false }>).error, /timed out/);
    assert.ok(aborted instanceof Error);
  });

  it('scans a context listed twice once, and survives a failing progress callback', async () => {
    let calls = 0;
    const out = await scanFleet(
      ['x', 'x', 'y'],
      (ctx) => {
        calls++;
        return Promise.resolve(ctx);
      },
      {
        concurrency: 4,
        onOutcome: () => {
          throw new Error('stdout closed');
        },
      },
    );
    assert.equal(calls, 2);
    assert.deepEqual(
      out.map((o) => o.context),
      ['x', 'y'],
    );
  });

  it('measures each cluster with the given clock and rejects a bad concurrency', async () => {
    let t = 0;
    const out = await scanFleet(['a'], () => Promise.resolve(1), { concurrency: 1, now: () => (t += 10) });
    assert.equal(out[0]?.durationMs, 10);
    await assert.rejects(
      scanFleet(['a'], () => Promise.resolve(1), { concurrency: 0 }),
      /concurrency must be a whole number/,
    );
    assert.deepEqual(await scanFleet([], () => Promise.resolve(1), { concurrency: 2 }), []);
  });
});
