// The scan history against a real SQLite file and a real PostgreSQL server, one test body for both backends.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { diffScans } from '../src/history/diff.ts';
import { fixtureScan } from '../src/history/fixtures.ts';
import type { ScanResult } from '../src/result.ts';
import { openPostgresDriver } from '../src/store/driver-postgres.ts';
import { openSqliteDriver } from '../src/store/driver-sqlite.ts';
import type { Driver } from '../src/store/driver.ts';
import { LATEST_SCHEMA_VERSION, openStore, parseStoreUrl, type Store } from '../src/store/index.ts';
import { MIGRATIONS } from '../src/store/migrations.ts';
import { migrate } from '../src/store/sql-store.ts';
import { startPostgres, type PgServer } from './pg-harness.ts';

type Backend = 'sqlite' | 'postgres';
const BACKENDS: readonly Backend[] = ['sqlite', 'postgres'];
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CRASH_CHILD = fileURLToPath(new URL('../src/store/crash-child.ts', import.meta.url));
const CRASH_APP = 'kubeseam-crash-child';

let server: PgServer | undefined;
// Without PostgreSQL the SQLite tests still run, and every PostgreSQL test fails with the harness's message.
let serverError: unknown;
let dir = '';
let files = 0;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kubeseam-store-'));
  try {
    server = await startPostgres();
  } catch (e) {
    serverError = e;
  }
});

after(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A new, empty store location of the backend. */
async function freshUrl(backend: Backend): Promise<string> {
  if (backend === 'sqlite') return `sqlite:${join(dir, `h${++files}`, 'history.db')}`;
  if (!server) throw serverError instanceof Error ? serverError : new Error('the PostgreSQL server did not start');
  return server.createSchema();
}

/** Direct access to the database behind a store URL, for checking rows the API does not show. */
function rawDriver(url: string): Driver {
  const loc = parseStoreUrl(url);
  return loc.backend === 'sqlite' ? openSqliteDriver(loc.path) : openPostgresDriver(loc.url);
}

async function count(db: Driver, sql: string, params: (string | number)[] = []): Promise<number> {
  const rows = await db.all(`SELECT CAST(COUNT(*) AS INTEGER) AS n FROM ${sql}`, params);
  return Number(rows[0]?.n);
}

/** The schema a harness URL points its connections at. */
function schemaOf(url: string): string {
  return /search_path=(\w+)/.exec(new URL(url).searchParams.get('options') ?? '')?.[1] ?? 'public';
}

function withParam(url: string, name: string, value: string): string {
  const u = new URL(url);
  u.searchParams.set(name, value);
  return u.toString();
}

/** What a result looks like after JSON (undefined fields gone): what a store can promise to give back. */
const asJson = (r: ScanResult): unknown => JSON.parse(JSON.stringify(r));

async function withStore<T>(url: string, fn: (s: Store) => Promise<T>): Promise<T> {
  const store = await openStore(url);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

for (const backend of BACKENDS) {
  describe(`scan history on ${backend}`, () => {
    it('applies migrations once, however often it is opened', async () => {
      const url = await freshUrl(backend);
      for (let i = 0; i < 3; i++) {
        await withStore(url, async (s) => assert.equal(await s.schemaVersion(), LATEST_SCHEMA_VERSION));
      }
      const db = rawDriver(url);
      try {
        assert.equal(await count(db, 'schema_migrations'), MIGRATIONS.length);
        // Running the migrator directly again changes nothing.
        assert.equal(await migrate(db), LATEST_SCHEMA_VERSION);
        assert.equal(await count(db, 'schema_migrations'), MIGRATIONS.length);
      } finally {
        await db.close();
      }
    });

    it('keeps saving after an additive migration by a newer kubeseam, and refuses a breaking one', async () => {
      const url = await freshUrl(backend);
      await withStore(url, () => Promise.resolve());
      const future = async (version: number, compatibleFrom: number): Promise<void> => {
        const db = rawDriver(url);
        try {
          await db.run(
            'INSERT INTO schema_migrations (version, name, compatible_from, applied_at) VALUES (?, ?, ?, ?)',
            [version, `from-the-future-${version}`, compatibleFrom, new Date().toISOString()],
          );
        } finally {
          await db.close();
        }
      };
      await future(LATEST_SCHEMA_VERSION + 1, LATEST_SCHEMA_VERSION);
      await withStore(url, async (s) => {
        await s.saveScan(fixtureScan('a'), { clusterKey: 'prod-eks' });
        assert.equal(await s.schemaVersion(), LATEST_SCHEMA_VERSION + 1);
      });
      await future(LATEST_SCHEMA_VERSION + 2, LATEST_SCHEMA_VERSION + 2);
      await assert.rejects(openStore(url), /needs a kubeseam that knows schema version \d+ or later/);
    });

    it('saves a scan and gives the full result back, with indexed findings and components', async () => {
      const url = await freshUrl(backend);
      const a = fixtureScan('a');
      const id = await withStore(url, async (s) => {
        const id = await s.saveScan(a, { clusterKey: 'prod-eks' });
        assert.deepEqual(await s.getScan(id), asJson(a));
        assert.deepEqual(await s.getScan(id.slice(0, 8)), asJson(a));
        const [row] = await s.listScans();
        assert.equal(row?.id, id);
        assert.equal(row?.provider, 'eks');
        assert.equal(row?.k8sVersion, 'v1.29.3-eks-ae9a62a');
        assert.equal(row?.scannedAt, a.scannedAt);
        assert.deepEqual(row?.summary, a.summary);
        assert.equal(row?.findingCount, a.findings.length);
        assert.equal(row?.componentCount, a.inventory.length);
        return id;
      });
      const db = rawDriver(url);
      try {
        const findings = await db.all(
          'SELECT fingerprint, check_id, severity, status, resource_kind, resource_namespace, resource_name, path ' +
            'FROM findings WHERE scan_id = ? ORDER BY ordinal',
          [id],
        );
        assert.deepEqual(
          findings.map((f) => [
            f.fingerprint,
            f.check_id,
            f.severity,
            f.status,
            f.resource_kind,
            f.resource_namespace,
            f.resource_name,
            f.path,
          ]),
          a.findings.map((f) => [
            f.fingerprint,
            f.checkId,
            f.severity,
            f.status,
            f.resource.kind,
            f.resource.namespace ?? null,
            f.resource.name,
            f.path,
          ]),
        );
        const comps = await db.all(
          'SELECT resource_name, class, provider, component, images, privileges FROM components WHERE scan_id = ? ORDER BY ordinal',
          [id],
        );
        // SQLite gives JSON text, PostgreSQL parsed jsonb: both must hold the same privileges.
        const parse = (v: unknown): unknown => (typeof v === 'string' ? (JSON.parse(v) as unknown) : v);
        assert.deepEqual(
          comps.map((c) => [c.resource_name, c.class, c.provider, c.component, parse(c.images), parse(c.privileges)]),
          a.inventory.map((e) => [
            e.resource.name,
            e.classification.class,
            e.classification.provider ?? null,
            e.classification.component ?? null,
            e.images,
            JSON.parse(JSON.stringify(e.privileges)) as unknown,
          ]),
        );
      } finally {
        await db.close();
      }
    });

    it('resolves last and last~N per cluster, and lists scans and clusters newest first', async () => {
      const url = await freshUrl(backend);
      await withStore(url, async (s) => {
        const a = await s.saveScan(fixtureScan('a'), { clusterKey: 'prod-eks' });
        const b = await s.saveScan(fixtureScan('b'), { clusterKey: 'prod-eks' });
        const staging = await s.saveScan(
          fixtureScan('a', { cluster: 'staging', scannedAt: '2025-03-01T12:30:00.000Z' }),
          { clusterKey: 'staging' },
        );
        assert.equal((await s.resolveScan('last', { cluster: 'prod-eks' })).id, b);
        assert.equal((await s.resolveScan('last~1', { cluster: 'prod-eks' })).id, a);
        assert.equal((await s.getScan('last~1', { cluster: 'prod-eks' })).scannedAt, fixtureScan('a').scannedAt);
        await assert.rejects(s.resolveScan('last~2', { cluster: 'prod-eks' }), /no scan last~2 in the store/);
        // Without a cluster, last is the newest scan of any cluster.
        assert.equal((await s.resolveScan('last')).id, staging);
        // An id from another cluster is not found when the cluster is given.
        await assert.rejects(s.resolveScan(a, { cluster: 'staging' }), /no scan with id/);
        await assert.rejects(s.resolveScan('not a ref'), /not a scan reference/);

        assert.deepEqual(
          (await s.listScans({ cluster: 'prod-eks' })).map((r) => r.id),
          [b, a],
        );
        assert.deepEqual(
          (await s.listScans()).map((r) => r.id),
          [staging, b, a],
        );
        assert.deepEqual(
          (await s.listScans({ limit: 1 })).map((r) => r.id),
          [staging],
        );
        assert.deepEqual(await s.listScans({ cluster: 'nope' }), []);
        assert.deepEqual(
          (await s.clusters()).map((c) => [c.clusterKey, c.scans, c.lastScanId, c.k8sVersion]),
          [
            ['prod-eks', 2, b, 'v1.30.0-eks-036c24b'],
            ['staging', 1, staging, 'v1.29.3-eks-ae9a62a'],
          ],
        );
      });
    });

    it('prunes old scans but keeps the newest of every cluster', async () => {
      const url = await freshUrl(backend);
      await withStore(url, async (s) => {
        await s.saveScan(fixtureScan('a'), { clusterKey: 'prod-eks' });
        const b = await s.saveScan(fixtureScan('b'), { clusterKey: 'prod-eks' });
        const old = await s.saveScan(fixtureScan('a', { cluster: 'old' }), { clusterKey: 'old' });
        assert.equal(await s.prune({ before: new Date('2030-01-01T00:00:00Z') }), 1);
        assert.deepEqual(
          (await s.listScans()).map((r) => r.id),
          [b, old],
        );
      });
      const db = rawDriver(url);
      try {
        assert.equal(await count(db, 'findings'), fixtureScan('b').findings.length + fixtureScan('a').findings.length);
      } finally {
        await db.close();
      }
    });

    it('stores hostile strings as data', async () => {
      const url = await freshUrl(backend);
      const a = fixtureScan('a');
      const evil = `x'); DROP TABLE scans; -- \u0000?$1`.replace('\u0000', '');
      a.findings[0]!.message = evil;
      a.inventory[0]!.resource.name = evil;
      await withStore(url, async (s) => {
        const id = await s.saveScan(a, { clusterKey: `c'"; DELETE FROM scans; --` });
        const back = await s.getScan(id);
        assert.equal(back.findings[0]?.message, evil);
        assert.equal((await s.listScans({ cluster: `c'"; DELETE FROM scans; --` })).length, 1);
      });
    });

    it('leaves no partial scan when kubeseam is killed in the middle of a save', async () => {
      const url = await freshUrl(backend);
      // Migrate first so the child's transaction is the save alone.
      await withStore(url, () => Promise.resolve());
      const childUrl = backend === 'postgres' ? withParam(url, 'application_name', CRASH_APP) : url;
      const child = spawn(process.execPath, ['--import', 'tsx', CRASH_CHILD, childUrl, '1000'], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
        child.on('exit', (code, signal) => resolve(signal ?? code)),
      );
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      await new Promise<void>((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error(`child never paused; stderr: ${stderr}`)), 15_000);
        child.stdout.setEncoding('utf8').on('data', (d: string) => {
          out += d;
          if (out.includes('PAUSED\n')) {
            clearTimeout(timer);
            resolve();
          }
        });
        void exited.then((how) => reject(new Error(`child exited (${String(how)}) before pausing: ${stderr}`)));
      });

      const db = rawDriver(url);
      try {
        // Prove the child is inside an open write transaction with rows written, then kill it there.
        if (backend === 'postgres') {
          const rows = await db.all(
            'SELECT state, backend_xid IS NOT NULL AS wrote FROM pg_stat_activity WHERE application_name = ?',
            [CRASH_APP],
          );
          assert.deepEqual(rows, [{ state: 'idle in transaction', wrote: true }]);
        } else {
          const probe = rawDriver(url);
          try {
            await probe.run('PRAGMA busy_timeout = 0');
            await assert.rejects(
              probe.transaction(() => Promise.resolve()),
              /locked|busy/i,
            );
          } finally {
            await probe.close();
          }
        }
        child.kill('SIGKILL');
        assert.equal(await exited, 'SIGKILL');
        if (backend === 'postgres') {
          // The server rolls back when it notices the dropped connection; wait until the session is gone.
          const deadline = Date.now() + 5000;
          while ((await count(db, 'pg_stat_activity WHERE application_name = ?', [CRASH_APP])) > 0) {
            assert.ok(Date.now() < deadline, 'the killed session never ended');
            await new Promise((r) => setTimeout(r, 25));
          }
        }
      } finally {
        await db.close();
      }

      await withStore(url, async (s) => {
        assert.deepEqual(await s.listScans(), []);
        const check = rawDriver(url);
        try {
          assert.equal(await count(check, 'scans'), 0);
          assert.equal(await count(check, 'findings'), 0);
          assert.equal(await count(check, 'components'), 0);
          if (backend === 'sqlite')
            assert.deepEqual(await check.all('PRAGMA integrity_check'), [{ integrity_check: 'ok' }]);
        } finally {
          await check.close();
        }
        // The store is usable: a new save goes through whole.
        const id = await s.saveScan(fixtureScan('b'), { clusterKey: 'crash-test' });
        assert.deepEqual(
          (await s.listScans()).map((r) => [r.id, r.findingCount]),
          [[id, fixtureScan('b').findings.length]],
        );
      });
    });
  });
}

describe('SQLite and PostgreSQL agree', () => {
  it('give the same diff for the same pair of scans', async () => {
    const diffs = [];
    for (const backend of BACKENDS) {
      const url = await freshUrl(backend);
      diffs.push(
        await withStore(url, async (s) => {
          await s.saveScan(fixtureScan('a'), { clusterKey: 'prod-eks' });
          await s.saveScan(fixtureScan('b'), { clusterKey: 'prod-eks' });
          return diffScans(
            await s.getScan('last~1', { cluster: 'prod-eks' }),
            await s.getScan('last', { cluster: 'prod-eks' }),
          );
        }),
      );
    }
    const [fromSqlite, fromPostgres] = diffs;
    assert.deepEqual(fromSqlite, fromPostgres);
    // And both equal the diff of the results as they were before storing: nothing was lost on the way.
    assert.deepEqual(fromSqlite, diffScans(fixtureScan('a'), fixtureScan('b')));
    assert.equal(fromSqlite?.empty, false);
    assert.equal(fromSqlite?.totals.findingsNew, 3);
  });

  it('have the same logical schema: tables and columns', async () => {
    const schemas = [];
    for (const backend of BACKENDS) {
      const url = await freshUrl(backend);
      await withStore(url, () => Promise.resolve());
      const db = rawDriver(url);
      try {
        const rows =
          backend === 'sqlite'
            ? await db.all(
                'SELECT m.name AS t, p.name AS c, p."notnull" AS nn FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = \'table\' ORDER BY m.name, p.name',
              )
            : await db.all(
                "SELECT table_name AS t, column_name AS c, CASE WHEN is_nullable = 'NO' THEN 1 ELSE 0 END AS nn FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, column_name",
              );
        schemas.push(rows.map((r) => `${String(r.t)}.${String(r.c)}${Number(r.nn) === 1 ? ' not null' : ''}`));
      } finally {
        await db.close();
      }
    }
    assert.deepEqual(schemas[0], schemas[1]);
    assert.ok(schemas[0]?.includes('findings.fingerprint not null'));
    assert.ok(schemas[0]?.includes('components.provider'));
  });
});

describe('the PostgreSQL test harness', () => {
  it('fails with the install line when no PostgreSQL binaries are found', async () => {
    await assert.rejects(
      startPostgres({ env: { PATH: '/nonexistent' }, libDir: '/nonexistent' }),
      /initdb, pg_ctl\) were not found.*apt-get install -y postgresql/s,
    );
  });
});

describe('PostgreSQL fleet roles', () => {
  it('let a cluster save with a write-only role that cannot read any scan', async () => {
    const url = await freshUrl('postgres');
    await withStore(url, () => Promise.resolve()); // migrated by the owner, as docs/history.md says
    const role = `kubeseam_writer_${process.pid}`;
    const db = rawDriver(url);
    try {
      for (const sql of [
        `CREATE ROLE ${role} LOGIN`,
        `GRANT USAGE ON SCHEMA ${schemaOf(url)} TO ${role}`,
        `GRANT SELECT ON schema_migrations TO ${role}`,
        `GRANT INSERT ON scans, findings, components TO ${role}`,
      ]) {
        await db.run(sql);
      }
    } finally {
      await db.close();
    }
    const asWriter = new URL(url);
    asWriter.username = role;
    try {
      await withStore(asWriter.toString(), async (s) => {
        await s.saveScan(fixtureScan('a'), { clusterKey: 'prod-eks' });
        await assert.rejects(s.listScans(), /permission denied for table scans/);
        await assert.rejects(s.getScan('last'), /permission denied/);
      });
      await withStore(url, async (s) => assert.equal((await s.listScans()).length, 1));
    } finally {
      // Roles are server-wide: remove this one so a shared server (KUBESEAM_TEST_PG_URL) is left as it was.
      const cleanup = rawDriver(url);
      try {
        await cleanup.run(`DROP OWNED BY ${role}`);
        await cleanup.run(`DROP ROLE ${role}`);
      } finally {
        await cleanup.close();
      }
    }
  });
});
