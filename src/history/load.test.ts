import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { ScanResult } from '../result.ts';
import type { Store } from '../store/sql-store.ts';
import { fixtureScan } from './fixtures.ts';
import { loadScanRef, readScanResultFile } from './load.ts';

const dir = mkdtempSync(join(tmpdir(), 'kubeseam-load-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A store that only answers getScan, recording what it was asked. */
function fakeStore(asked: string[]): () => Promise<Store> {
  return () =>
    Promise.resolve({
      getScan: (ref: string, o?: { cluster?: string }) => {
        asked.push(`${ref}@${o?.cluster ?? ''}`);
        return Promise.resolve(fixtureScan('b'));
      },
    } as unknown as Store);
}

describe('loading scans for diff', () => {
  it('reads result JSON files, plain or gzip', async () => {
    const a = fixtureScan('a');
    writeFileSync(join(dir, 'a.json'), JSON.stringify(a));
    writeFileSync(join(dir, 'a.json.gz'), gzipSync(JSON.stringify(a)));
    const want = JSON.parse(JSON.stringify(a)) as ScanResult;
    assert.deepEqual(await readScanResultFile(join(dir, 'a.json')), want);
    assert.deepEqual(await readScanResultFile(join(dir, 'a.json.gz')), want);
  });

  it('refuses files that are not scan results, naming the file', async () => {
    writeFileSync(join(dir, 'snap.json'), JSON.stringify({ kind: 'KubeseamSnapshot', objects: [] }));
    writeFileSync(join(dir, 'bad.json'), '{');
    await assert.rejects(readScanResultFile(join(dir, 'snap.json')), /not a kubeseam scan result/);
    await assert.rejects(
      readScanResultFile(join(dir, 'bad.json')),
      (e: Error & { file?: string }) => e.file === join(dir, 'bad.json'),
    );
    await assert.rejects(readScanResultFile(join(dir, 'missing.json')), /cannot read/);
  });

  it('sends last, last~N and ids to the store, and paths to files', async () => {
    const asked: string[] = [];
    const store = fakeStore(asked);
    writeFileSync(join(dir, 'a.json'), JSON.stringify(fixtureScan('a')));
    await loadScanRef('last~2', { store, cluster: 'prod-eks' });
    await loadScanRef('3407402a', { store });
    const fromFile = await loadScanRef(join(dir, 'a.json'), { store });
    assert.deepEqual(asked, ['last~2@prod-eks', '3407402a@']);
    assert.equal(fromFile.scannedAt, fixtureScan('a').scannedAt);
  });
});
