import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { KubeseamError } from '../errors.ts';
import type { KubeObject } from '../model/k8s.ts';
import type { Snapshot } from '../model/types.ts';
import { parseSnapshot, readSnapshotFile, serializeSnapshot } from './snapshot.ts';

const dir = mkdtempSync(join(tmpdir(), 'kubeseam-snapshot-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function pod(i: number, note = ''): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `p-${i}`, namespace: `ns-${i % 7}`, annotations: { note: `${note}${'x'.repeat(i % 300)}` } },
    spec: { containers: [{ name: 'c', image: `registry.example/app:${i}` }] },
  };
}

function snapshot(objects: KubeObject[]): Snapshot {
  return {
    kind: 'KubeseamSnapshot',
    schemaVersion: 1,
    collectedAt: '2026-01-01T00:00:00Z',
    tool: { name: 'kubeseam', version: '0.0.0' },
    cluster: { name: 'c', provider: 'eks' },
    coverage: [{ group: '', version: 'v1', resource: 'pods', kind: 'Pod', status: 'listed', count: objects.length }],
    objects,
  };
}

/** Result or error of parsing, comparable with deepEqual. */
function outcome(text: string): unknown {
  try {
    return { ok: parseSnapshot(Buffer.from(text), 'f.json') };
  } catch (e) {
    assert.ok(e instanceof KubeseamError, String(e));
    return { error: e.message, where: JSON.stringify(e) };
  }
}

/** The same document on one line: parsed as one JSON text, the reference for every other layout. */
const oneLine = (text: string): string => JSON.stringify(JSON.parse(text));

describe('snapshot files', () => {
  it('round-trips a snapshot, one object per line, plain and gzip, buffered and streamed', async () => {
    const snap = snapshot(Array.from({ length: 3000 }, (_, i) => pod(i, i % 10 === 0 ? 'é漢字 ' : '')));
    const plain = serializeSnapshot(snap, false);
    // Header line, one line per object, closing line: a reader never needs the whole text as one string.
    assert.equal(plain.toString('utf8').split('\n').length, snap.objects.length + 2);
    assert.deepEqual(parseSnapshot(plain, 'a.json'), snap);
    const gz = serializeSnapshot(snap, true);
    assert.deepEqual(parseSnapshot(gz, 'a.json.gz'), snap);
    // Streamed: lines cross read and gunzip chunk boundaries, multi-byte characters included.
    const file = join(dir, 'a.json.gz');
    writeFileSync(file, gz);
    assert.deepEqual(await readSnapshotFile(file), snap);
    writeFileSync(join(dir, 'a.json'), plain);
    assert.deepEqual(await readSnapshotFile(join(dir, 'a.json')), snap);
  });

  it('round-trips an empty snapshot', async () => {
    const snap = snapshot([]);
    assert.deepEqual(parseSnapshot(serializeSnapshot(snap, false), 'e.json'), snap);
    const file = join(dir, 'e.json.gz');
    writeFileSync(file, serializeSnapshot(snap, true));
    assert.deepEqual(await readSnapshotFile(file), snap);
  });

  it('reads other layouts exactly as parsing the whole text would', () => {
    const header = '{"kind":"KubeseamSnapshot","schemaVersion":1,"cluster":{"name":"c"},"objects":[';
    const a = JSON.stringify(pod(1));
    const b = JSON.stringify(pod(2));
    const valid = [
      `${header}\n${a},\n${b}\n]}`,
      // Pretty-printed header, as the demo snapshots are.
      `{\n "kind": "KubeseamSnapshot",\n "schemaVersion": 1,\n "objects": [\n  ${a},\n  ${b}\n ]\n}\n`,
      // CRLF line ends and blank lines.
      `${header}\r\n${a},\r\n\r\n${b}\r\n]}\r\n`,
      // The closing line carries more members.
      `${header}\n${a}\n],"coverage":[],"collectedAt":"x"}`,
      // A later "objects" member wins, as in JSON.parse.
      `${header}\n${a}\n],"objects":[${b}]}`,
      // "objects" opened inside another member is not the snapshot's objects.
      `{"kind":"KubeseamSnapshot","schemaVersion":1,"cluster":{"objects":[\n1\n]},"objects":[${a}]}`,
      // Elements spread over lines: not this layout, parsed whole.
      `${header}\n{"apiVersion":"v1","kind":"Pod",\n"metadata":{}}\n]}`,
      // No newline at the end.
      `${header}\n${a}\n]}`,
      // Own "__proto__" members stay own members, strings shared or not.
      `${header}\n{"kind":"Pod","metadata":{"__proto__":"x","labels":{"__proto__":{"a":"x"}}}},\n${a}\n]}`,
    ];
    for (const text of valid) assert.deepEqual(outcome(text), outcome(oneLine(text)), text);

    const invalid: [string, RegExp][] = [
      [`${header}\n${a},\n${b}\n`, /truncated/],
      [`${header}\n${a},\n${b},\n]}`, /invalid JSON/],
      [`${header}\n${a}\n${b}\n]}`, /invalid JSON/],
      [`${header}\n${a},\n{"kind":\n]}`, /invalid JSON/],
      [`${header}\n${a}\n]} trailing`, /invalid JSON/],
    ];
    for (const [text, message] of invalid) {
      const r = outcome(text) as { error?: string };
      assert.match(r.error ?? 'parsed', message, text);
    }
    // The error names the line of the missing comma, as parsing the whole text reports it.
    assert.throws(
      () => parseSnapshot(Buffer.from(`${header}\n${a}\n${b}\n]}`), 'f.json'),
      (e: unknown) => e instanceof KubeseamError && JSON.stringify(e).includes('"line":3'),
    );
  });

  it('gives the same errors whichever way the file is read', async () => {
    const header = '{"kind":"KubeseamSnapshot","schemaVersion":1,"objects":[';
    const cases = [`${header}\n${JSON.stringify(pod(1))},\n`, `${header}\n{"kind":"Pod"}\n]}`, 'not json\n'];
    for (const [i, text] of cases.entries()) {
      const file = join(dir, `bad-${i}.json.gz`);
      writeFileSync(file, gzipSync(Buffer.from(text)));
      const read = await readSnapshotFile(file).then(
        () => 'parsed',
        (e: unknown) => (e instanceof Error ? e.message : String(e)),
      );
      assert.deepEqual(read, (outcome(text) as { error?: string }).error ?? 'parsed', text);
    }
    await assert.rejects(readSnapshotFile(join(dir, 'missing.json')), /no such snapshot file/);
  });
});
