import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fixtureScan } from '../history/fixtures.ts';
import { numberPlaceholders, renderSql } from './dialect.ts';
import { defaultClusterKey, openStore } from './index.ts';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, MIGRATIONS_TABLE } from './migrations.ts';
import { parseScanRef } from './ref.ts';
import { defaultSqlitePath, parseStoreUrl, redactUrl, resolveStoreUrl } from './url.ts';

describe('store URLs', () => {
  it('puts the default SQLite file in the XDG data folder', () => {
    assert.equal(defaultSqlitePath({ XDG_DATA_HOME: '/data' }, '/home/u'), '/data/kubeseam/history.db');
    // A relative XDG_DATA_HOME is invalid per the spec and ignored.
    assert.equal(defaultSqlitePath({ XDG_DATA_HOME: 'rel' }, '/home/u'), '/home/u/.local/share/kubeseam/history.db');
    assert.equal(defaultSqlitePath({}, '/home/u'), '/home/u/.local/share/kubeseam/history.db');
  });

  it('parses sqlite and postgres URLs and rejects others', () => {
    const env = { XDG_DATA_HOME: '/data' };
    assert.deepEqual(parseStoreUrl('sqlite:', env), { backend: 'sqlite', path: '/data/kubeseam/history.db' });
    assert.deepEqual(parseStoreUrl('sqlite:./h.db', env), { backend: 'sqlite', path: './h.db' });
    assert.deepEqual(parseStoreUrl('sqlite:///var/h.db', env), { backend: 'sqlite', path: '/var/h.db' });
    assert.deepEqual(parseStoreUrl('postgresql://u@db/k', env), { backend: 'postgres', url: 'postgresql://u@db/k' });
    assert.throws(
      () => parseStoreUrl('mysql://u:secret@db/k', env),
      (e: Error) => !e.message.includes('secret'),
    );
  });

  it('prefers --store, then KUBESEAM_STORE_URL, then the default file', () => {
    const env = { XDG_DATA_HOME: '/data', KUBESEAM_STORE_URL: 'postgres://db/k' };
    assert.equal(resolveStoreUrl('sqlite:/x.db', env), 'sqlite:/x.db');
    assert.equal(resolveStoreUrl(true, env), 'postgres://db/k');
    assert.equal(resolveStoreUrl(undefined, { XDG_DATA_HOME: '/data' }), 'sqlite:/data/kubeseam/history.db');
  });

  it('redacts passwords', () => {
    assert.equal(redactUrl('postgres://kubeseam:s3cr%40t@db:5432/h'), 'postgres://kubeseam:***@db:5432/h');
    assert.equal(
      redactUrl('postgres://db/h?user=k&password=s3cret&sslmode=require'),
      'postgres://db/h?user=k&password=***&sslmode=require',
    );
    assert.equal(redactUrl('postgres://kubeseam@db/h'), 'postgres://kubeseam@db/h');
  });
});

describe('scan refs', () => {
  it('knows last, last~N and id prefixes', () => {
    assert.deepEqual(parseScanRef('last'), { kind: 'last', back: 0 });
    assert.deepEqual(parseScanRef('last~3'), { kind: 'last', back: 3 });
    assert.deepEqual(parseScanRef('3407402A'), { kind: 'id', prefix: '3407402a' });
    for (const bad of ['last~', 'last~-1', 'abc', 'scan.json', "3407402a' OR 1=1", '3407%', '']) {
      assert.equal(parseScanRef(bad), undefined, bad);
    }
  });
});

describe('migrations', () => {
  it('are numbered 1..n with unique names and render in both dialects', () => {
    assert.deepEqual(
      MIGRATIONS.map((m) => m.version),
      MIGRATIONS.map((_m, i) => i + 1),
    );
    assert.equal(new Set(MIGRATIONS.map((m) => m.name)).size, MIGRATIONS.length);
    // compatibleFrom never points forward and never goes back down.
    let floor = 1;
    for (const m of MIGRATIONS) {
      assert.ok(m.compatibleFrom >= floor && m.compatibleFrom <= m.version, `migration ${m.version}`);
      floor = m.compatibleFrom;
    }
    assert.equal(LATEST_SCHEMA_VERSION, MIGRATIONS.length);
    for (const sql of [MIGRATIONS_TABLE, ...MIGRATIONS.flatMap((m) => m.statements)]) {
      for (const d of ['sqlite', 'postgres'] as const) {
        const out = renderSql(sql, d);
        assert.ok(!out.includes('{{'), out);
        assert.ok(!out.includes('?'), 'migrations take no parameters');
      }
    }
    assert.throws(() => renderSql('x {{NOPE}}', 'sqlite'), /unknown type token/);
    assert.equal(numberPlaceholders('a = ? AND b IN (?, ?)'), 'a = $1 AND b IN ($2, $3)');
  });
});

describe('openStore', () => {
  it('creates the folder of a new SQLite file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubeseam-url-'));
    try {
      const file = join(dir, 'a', 'b', 'history.db');
      const s = await openStore(`sqlite:${file}`);
      await s.close();
      assert.ok(statSync(file).isFile());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports an unreachable PostgreSQL as an access error without the password', async () => {
    await assert.rejects(
      openStore('postgres://kubeseam:hunter2@127.0.0.1:1/h?connect_timeout=2'),
      (e: Error & { kind?: string }) => {
        assert.equal(e.kind, 'access');
        assert.match(e.message, /^cannot open store postgres:\/\/kubeseam:\*\*\*@127\.0\.0\.1:1\/h/);
        assert.ok(!e.message.includes('hunter2'));
        return true;
      },
    );
  });

  it('files a scan under its cluster name, else context, else server', () => {
    const r = fixtureScan('a');
    assert.equal(defaultClusterKey(r), 'prod-eks');
    r.cluster = { context: ' ctx ', server: 'https://x' };
    assert.equal(defaultClusterKey(r), 'ctx');
    r.cluster = {};
    assert.equal(defaultClusterKey(r), undefined);
  });
});
