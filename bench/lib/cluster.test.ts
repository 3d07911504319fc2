import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { classify } from '../../src/analyze.ts';
import { CHECKS } from '../../src/checks/index.ts';
import { runChecks } from '../../src/checks/run.ts';
import { buildModel } from '../../src/model/build.ts';
import type { Provider } from '../../src/model/types.ts';
import { readSnapshotFile, snapshotObjects } from '../../src/sources/snapshot.ts';
import { generateCluster, generateSnapshot, scaledSize, type GenerateOptions } from './cluster.ts';
import { createRng } from './prng.ts';
import { writeSnapshot } from './write.ts';

const dir = mkdtempSync(join(tmpdir(), 'kubeseam-bench-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const small = (provider: Provider, seed?: number): GenerateOptions => ({
  provider,
  ...scaledSize(1500),
  ...(seed !== undefined ? { seed } : {}),
});

function digest(options: GenerateOptions): string {
  const h = createHash('sha256');
  for (const o of generateCluster(options).objects) h.update(o.json).update('\n');
  return h.digest('hex');
}

describe('synthetic cluster generator', () => {
  it('is deterministic for a seed, and the seed matters', () => {
    assert.equal(digest(small('eks')), digest(small('eks')));
    assert.notEqual(digest(small('eks')), digest(small('eks', 7)));
    const a = createRng(1);
    const b = createRng(1);
    assert.deepEqual(
      Array.from({ length: 5 }, () => a.next()),
      Array.from({ length: 5 }, () => b.next()),
    );
  });

  for (const provider of ['eks', 'aks', 'gke'] as const) {
    it(`makes the requested ${provider} cluster, real-shaped: pods fold into workloads, the provider is detected`, () => {
      const options = small(provider);
      const snap = generateSnapshot(options);
      const count = (kind: string) => snap.objects.filter((o) => o.kind === kind).length;
      assert.equal(count('Pod'), options.pods);
      assert.equal(count('Node'), options.nodes);
      assert.equal(count('Namespace'), options.namespaces);
      assert.equal(count('RoleBinding') + count('ClusterRoleBinding'), options.bindings);
      assert.equal(count('NetworkPolicy'), options.netpols);
      // Coverage counts what was generated.
      for (const c of snap.coverage) assert.equal(c.count, count(c.kind ?? ''), c.resource);
      // Unique identities, as in a cluster: objects by kind, namespace and name; nodes by providerID.
      const keys = snap.objects.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`);
      assert.equal(new Set(keys).size, keys.length);
      const providerIds = snap.objects.filter((o) => o.kind === 'Node').map((o) => JSON.stringify(o.spec));
      assert.equal(new Set(providerIds).size, options.nodes);

      const model = buildModel({
        objects: snapshotObjects(snap, {}),
        cluster: { ...snap.cluster, provider: undefined },
        sourceKind: 'snapshot',
      });
      classify(model);
      assert.equal(model.cluster.provider, provider);
      // Every pod folds into a controller the snapshot holds (or is one of the demo's bare or static pods).
      assert.deepEqual(
        model.workloads.filter((w) => w.inferredFromPod),
        [],
      );
      assert.equal(
        model.workloads.reduce((n, w) => n + w.podCount, 0),
        options.pods,
      );
      // Provider middleware DaemonSets run on the nodes; customers' workloads are the majority.
      const middleware = model.workloads.filter(
        (w) => w.kind === 'DaemonSet' && w.classification?.class !== 'workload',
      );
      assert.ok(middleware.length >= 5);
      assert.ok(middleware.some((w) => w.nodeCount === options.nodes));
      const customer = model.workloads.filter((w) => w.classification?.class === 'workload');
      assert.ok(customer.length > model.workloads.length / 2);
      // Every check runs on it without error.
      assert.deepEqual(runChecks(model, CHECKS, { asOf: new Date('2026-11-20T00:00:00Z') }).errors, []);
    });
  }

  it('streams to a gzip snapshot that reads back as the in-memory cluster', async () => {
    const options = small('gke');
    const file = join(dir, 'gke.snapshot.json.gz');
    const written = await writeSnapshot(file, generateCluster(options));
    const read = await readSnapshotFile(file);
    assert.equal(written.objects, read.objects.length);
    assert.deepEqual(read, generateSnapshot(options));
  });
});
