// Every supported export format, read from the fixtures of test/fixtures/audit (written by generate.ts there):
// detection, layout, malformed records with their lines, one count per request, and the same normalised records
// whatever the format of one cluster's log.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { auditFiles } from '../src/audit/analyze.ts';
import { readAuditFile, readAuditStream } from '../src/audit/read/reader.ts';
import type { AuditRecord, ReadStats } from '../src/audit/types.ts';
import { KubeseamError } from '../src/errors.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures/audit/', import.meta.url));
const fixture = (rel: string): string => `${FIXTURES}${rel}`;

async function read(rel: string): Promise<{ records: AuditRecord[]; stats: ReadStats }> {
  const records: AuditRecord[] = [];
  const stats = await readAuditFile(fixture(rel), (r) => records.push(r));
  return { records, stats };
}

/** What every format must agree on. */
function projection(r: AuditRecord): unknown {
  return {
    auditID: r.auditID,
    timeMs: r.timeMs,
    verb: r.verb,
    username: r.user.username,
    groups: r.user.groups,
    podName: r.podName,
    sourceIPs: r.sourceIPs,
    userAgent: r.userAgent,
    objectRef: r.objectRef,
    requestURI: r.requestURI,
    code: r.code,
    decision: r.decision,
    stage: r.stage,
    level: r.level,
  };
}

/** The independent oracle for a JSON-lines file: lines that do not parse, and final-stage events. */
function scanLines(rel: string): { badLines: number[]; finals: number; others: number } {
  const lines = readFileSync(fixture(rel), 'utf8').split('\n');
  const badLines: number[] = [];
  let finals = 0;
  let others = 0;
  lines.forEach((l, i) => {
    if (l.trim() === '') return;
    try {
      const e = JSON.parse(l) as { stage?: string; user?: { username?: string } };
      if (e.stage !== 'ResponseComplete' && e.stage !== 'Panic') others++;
      else if (typeof e.user?.username === 'string') finals++;
      else badLines.push(i + 1);
    } catch {
      badLines.push(i + 1);
    }
  });
  return { badLines, finals, others };
}

describe('EKS exports', () => {
  it('native JSON lines: one record per final-stage event, malformed lines counted with their numbers', async () => {
    const { records, stats } = await read('eks/native.jsonl');
    const oracle = scanLines('eks/native.jsonl');
    assert.equal(stats.layout, 'json-lines');
    assert.equal(stats.format, 'k8s-event');
    assert.equal(stats.events, oracle.finals);
    assert.equal(records.length, oracle.finals);
    assert.equal(stats.skippedStages, oracle.others);
    assert.equal(stats.malformed, oracle.badLines.length);
    assert.deepEqual(
      stats.malformedSamples.map((m) => m.line),
      oracle.badLines.slice(0, 5),
    );
    assert.equal(new Set(records.map((r) => r.auditID)).size, records.length, 'no request counted twice');
  });

  it('EventList, CloudWatch filter-log-events and Firehose gzip deliveries give the very same records', async () => {
    const native = await read('eks/native.jsonl');
    const want = native.records.map(projection);
    for (const [rel, format, layout] of [
      ['eks/eventlist.json', 'k8s-event', 'json-document'],
      ['eks/cloudwatch-filter-log-events.json', 'eks-cloudwatch', 'json-document'],
      ['eks/firehose-delivery.json.gz', 'eks-firehose', 'json-document'],
    ] as const) {
      const { records, stats } = await read(rel);
      assert.equal(stats.format, format, rel);
      assert.equal(stats.layout, layout, rel);
      assert.deepEqual(records.map(projection), want, rel);
      assert.ok(records.every((r) => r.format === format));
    }
  });

  it('CloudWatch: plain-text streams are skipped, a cut-off message is malformed at its line', async () => {
    const { stats } = await read('eks/cloudwatch-filter-log-events.json');
    assert.equal(stats.skippedOther, 1);
    assert.equal(stats.malformed, 1);
    const text = readFileSync(fixture('eks/cloudwatch-filter-log-events.json'), 'utf8').split('\n');
    const line = stats.malformedSamples[0]!.line;
    assert.match(text[line - 1]!, /^\s*\{$/, 'the line where the bad event object starts');
    assert.ok(text.slice(line, line + 4).some((l) => l.includes('"message"')));
  });

  it('Firehose: gzip members are inflated one after the other and control messages skipped', async () => {
    const { stats } = await read('eks/firehose-delivery.json.gz');
    assert.equal(stats.compressed, true);
    assert.equal(stats.skippedOther, 1);
    assert.equal(stats.malformed, 0);
  });
});

describe('AKS exports', () => {
  it('storage account records and Log Analytics rows give the same records', async () => {
    const storage = await read('aks/storage-kube-audit.json');
    const la = await read('aks/log-analytics-aksaudit.json');
    assert.equal(storage.stats.format, 'aks-diagnostics');
    assert.equal(storage.stats.layout, 'json-lines');
    assert.equal(la.stats.format, 'aks-log-analytics');
    assert.equal(la.stats.layout, 'json-document');
    assert.ok(storage.records.length > 50);
    assert.deepEqual(storage.records.map(projection), la.records.map(projection));
  });

  it('storage: other categories are skipped; a cut-off line and a broken embedded event are malformed', async () => {
    const { stats } = await read('aks/storage-kube-audit.json');
    const lines = readFileSync(fixture('aks/storage-kube-audit.json'), 'utf8').split('\n');
    assert.equal(stats.skippedOther, lines.filter((l) => l.includes('"category":"kube-apiserver"')).length);
    assert.equal(stats.malformed, 2);
    for (const m of stats.malformedSamples) {
      const l = lines[m.line - 1]!;
      let parses = true;
      try {
        JSON.parse(l);
      } catch {
        parses = false;
      }
      if (parses) assert.match(m.reason, /embedded audit event/);
      else assert.match(m.reason, /not JSON/);
    }
  });

  it('Log Analytics: a row without a user is malformed; other stages are skipped', async () => {
    const { stats } = await read('aks/log-analytics-aksaudit.json');
    assert.equal(stats.malformed, 1);
    const rows = JSON.parse(readFileSync(fixture('aks/log-analytics-aksaudit.json'), 'utf8')) as { Stage: string }[];
    assert.equal(stats.skippedStages, rows.filter((r) => r.Stage !== 'ResponseComplete').length);
  });
});

describe('GKE exports', () => {
  it('a sink in JSON lines and gcloud logging read output give the same records', async () => {
    const sink = await read('gke/cloud-logging-sink.jsonl');
    const array = await read('gke/gcloud-logging-read.json');
    assert.equal(sink.stats.format, 'gke-cloud-logging');
    assert.equal(sink.stats.layout, 'json-lines');
    assert.equal(array.stats.layout, 'json-document');
    assert.deepEqual(sink.records.map(projection), array.records.map(projection));
    // The cluster-API entry is not a Kubernetes request; the start of each watch is not counted.
    assert.equal(sink.stats.skippedOther, 1);
    assert.equal(sink.stats.skippedStages, sink.records.filter((r) => r.verb === 'watch').length);
    assert.equal(sink.stats.malformed, 2);
  });

  it('agrees with the native Events of the same requests on what GKE exports', async () => {
    const gke = await read('gke/cloud-logging-sink.jsonl');
    const native = await read('gke/native-equivalent.jsonl');
    // GKE carries no groups, stage, level or URI for resource requests, and gRPC status codes.
    const common = (r: AuditRecord): unknown => ({
      auditID: r.auditID,
      timeMs: r.timeMs,
      verb: r.verb,
      username: r.user.username,
      sourceIP: r.sourceIPs[0],
      userAgent: r.userAgent,
      objectRef: r.objectRef === undefined ? r.requestURI : { ...r.objectRef },
      // Success is gRPC OK for GKE, whatever HTTP code (200, 201, 101 for exec) the API server answered.
      ok: r.code !== undefined && r.code < 400,
      decision: r.decision,
    });
    assert.equal(gke.records.length, native.records.length);
    assert.deepEqual(gke.records.map(common), native.records.map(common));
  });
});

describe('reading', () => {
  it('recognises gzip by content, not by name, and reads gzip JSON lines like plain ones', async () => {
    const plain = await read('eks/native.jsonl');
    const gz = gzipSync(readFileSync(fixture('eks/native.jsonl')));
    const records: AuditRecord[] = [];
    const stats = await readAuditStream(Readable.from([gz]), 'audit.log', (r) => records.push(r));
    assert.equal(stats.compressed, true);
    assert.equal(stats.layout, 'json-lines');
    assert.deepEqual(records.map(projection), plain.records.map(projection));
    assert.equal(stats.malformed, plain.stats.malformed);
  });

  it('a truncated gzip keeps what was read and reports the damage instead of failing', async () => {
    const gz = readFileSync(fixture('eks/firehose-delivery.json.gz'));
    const records: AuditRecord[] = [];
    const stats = await readAuditStream(Readable.from([gz.subarray(0, Math.floor(gz.length * 0.6))]), 'cut.gz', (r) =>
      records.push(r),
    );
    assert.ok(records.length > 0 && records.length < 223, `${records.length} records`);
    assert.ok(stats.malformedSamples.some((m) => /gzip data corrupt or truncated/.test(m.reason)));
  });

  it('empty input is no error', async () => {
    const stats = await readAuditStream(Readable.from([Buffer.from('\n\n')]), 'empty', () => assert.fail());
    assert.equal(stats.layout, 'empty');
    assert.equal(stats.events, 0);
  });

  it('a missing file is an input error naming the file', async () => {
    await assert.rejects(auditFiles([fixture('nope/missing.jsonl')]), (e: unknown) => {
      assert.ok(e instanceof KubeseamError);
      assert.equal(e.kind, 'input');
      assert.match(e.oneLine(), /missing\.jsonl/);
      return true;
    });
  });
});
