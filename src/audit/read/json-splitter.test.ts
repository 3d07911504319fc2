import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JsonSplitter } from './json-splitter.ts';

interface Split {
  values: { value: unknown; line: number }[];
  garbage: { line: number; reason: string }[];
}

/** Feeds `text` in chunks of `size` bytes (1: every byte boundary, including inside multi-byte characters). */
function split(text: string, size = 7): Split {
  const out: Split = { values: [], garbage: [] };
  const s = new JsonSplitter(
    (t, line) => out.values.push({ value: JSON.parse(t) as unknown, line }),
    (line, reason) => out.garbage.push({ line, reason }),
  );
  const buf = Buffer.from(text, 'utf8');
  for (let i = 0; i < buf.length; i += size) s.push(buf.subarray(i, i + size));
  s.end();
  return out;
}

describe('JsonSplitter', () => {
  it('cuts the elements of a top-level array, at any chunk boundary', () => {
    const text = '[\n  {"a": 1},\n  {"b": [1, 2, {"c": "}]"}]},\n  {"d": "é\\"{"}\n]\n';
    for (const size of [1, 2, 3, 5, 64]) {
      const r = split(text, size);
      assert.deepEqual(
        r.values.map((v) => v.value),
        [{ a: 1 }, { b: [1, 2, { c: '}]' }] }, { d: 'é"{' }],
        `chunk size ${size}`,
      );
      assert.deepEqual(
        r.values.map((v) => v.line),
        [2, 3, 4],
      );
      assert.deepEqual(r.garbage, []);
    }
  });

  it('streams the items of an EventList and the events of a CloudWatch export, skipping the wrapper', () => {
    const list =
      '{"kind":"EventList","apiVersion":"audit.k8s.io/v1","metadata":{"x":{"items":[9]}},\n"items":[{"n":1},\n{"n":2}]}';
    assert.deepEqual(
      split(list, 4).values.map((v) => v.value),
      [{ n: 1 }, { n: 2 }],
    );
    const cw =
      '{\n    "events": [\n        {"message": "{\\"verb\\":\\"get\\"}"}\n    ],\n    "searchedLogStreams": [{"logStreamName": "s"}]\n}';
    assert.deepEqual(
      split(cw, 3).values.map((v) => v.value),
      [{ message: '{"verb":"get"}' }],
    );
  });

  it('only streams a wrapper array at the top level, not one nested inside a record', () => {
    const r = split('{"metadata":{"items":[{"x":1}]},"other":true}');
    assert.deepEqual(
      r.values.map((v) => v.value),
      [{ metadata: { items: [{ x: 1 }] }, other: true }],
    );
  });

  it('emits concatenated top-level objects one by one, as Firehose writes them', () => {
    const r = split(
      '{"messageType":"DATA_MESSAGE","logEvents":[{"id":"1"}]}{"messageType":"DATA_MESSAGE","logEvents":[]}',
    );
    assert.equal(r.values.length, 2);
    assert.deepEqual((r.values[1]!.value as { logEvents: unknown[] }).logEvents, []);
  });

  it('reports text outside JSON values and non-object array elements once per line, and an unterminated value', () => {
    const r = split('garbage here\n[1, {"a":1}, "s"]\n{"open": [1, 2');
    assert.deepEqual(
      r.values.map((v) => v.value),
      [{ a: 1 }],
    );
    assert.deepEqual(
      r.garbage.map((g) => g.line),
      [1, 2, 3],
    );
    assert.match(r.garbage[2]!.reason, /not terminated/);
  });
});
