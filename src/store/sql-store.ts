import { randomUUID } from 'node:crypto';
import { KubeseamError } from '../errors.ts';
import type { ScanResult } from '../result.ts';
import { DIALECTS, renderSql } from './dialect.ts';
import type { Driver, Queryable, SqlValue } from './driver.ts';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, MIGRATIONS_TABLE, type Migration } from './migrations.ts';
import { parseScanRef } from './ref.ts';
import {
  COMPONENT_COLUMNS,
  componentRows,
  decodeResult,
  FINDING_COLUMNS,
  findingRows,
  isoTime,
  SCAN_COLUMNS,
  scanRow,
  toScanRow,
  type ScanRow,
} from './rows.ts';

/** Test seams inside the save transaction; the crash test pauses here and is killed. */
export interface SaveHooks {
  /** Called after the scan and finding rows are written, before the components and COMMIT. */
  afterFindings?: () => void | Promise<void>;
}

export interface SaveOptions {
  /** Which cluster this scan belongs to; history, `last` and diffs are per cluster key. */
  clusterKey: string;
  hooks?: SaveHooks;
  /** Clock for saved_at; tests pass a fixed one. */
  now?: () => Date;
}

export interface ClusterRow {
  clusterKey: string;
  provider?: string;
  k8sVersion?: string;
  scans: number;
  lastScanId: string;
  lastScannedAt: string;
}

export interface Store {
  readonly backend: 'sqlite' | 'postgres';
  /** Where the store is, with any password redacted. */
  readonly location: string;
  /** Saves the whole scan in one transaction and returns its id. */
  saveScan(result: ScanResult, options: SaveOptions): Promise<string>;
  /** Scans, newest first. */
  listScans(options?: { cluster?: string; limit?: number }): Promise<ScanRow[]>;
  /** The row of the scan a ref names: an id or unique id prefix, `last`, `last~N` (N scans before the last). */
  resolveScan(ref: string, options?: { cluster?: string }): Promise<ScanRow>;
  /** The full saved ScanResult a ref names. */
  getScan(ref: string, options?: { cluster?: string }): Promise<ScanResult>;
  /** Every cluster with its scan count and newest scan. */
  clusters(): Promise<ClusterRow[]>;
  /** Deletes scans older than `before`, always keeping each cluster's newest scan; returns how many. */
  prune(options: { before: Date }): Promise<number>;
  /** The schema version the store is at after migrating. */
  schemaVersion(): Promise<number>;
  close(): Promise<void>;
}

// Rows per INSERT: 14 columns x 500 rows stays far below SQLite's 32,766 and PostgreSQL's 65,535 parameters.
const CHUNK = 500;

/** Multi-row INSERTs with bound parameters: one round trip per 500 rows on PostgreSQL. */
async function insertRows(
  tx: Queryable,
  table: string,
  columns: readonly string[],
  rows: readonly SqlValue[][],
): Promise<void> {
  const one = `(${columns.map(() => '?').join(', ')})`;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    await tx.run(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${chunk.map(() => one).join(', ')}`,
      chunk.flat(),
    );
  }
}

/**
 * Applies pending migrations in one transaction. A store already migrated further by a newer kubeseam is used as
 * it is when that migration says older versions stay compatible, and refused otherwise.
 */
export async function migrate(driver: Driver, migrations: readonly Migration[] = MIGRATIONS): Promise<number> {
  const latest = migrations.reduce((m, x) => Math.max(m, x.version), 0);
  return driver.transaction(async (tx) => {
    const [exists] = await tx.all(DIALECTS[driver.dialect].tableExists, ['schema_migrations']);
    if (exists?.name === null || exists?.name === undefined) await tx.run(renderSql(MIGRATIONS_TABLE, driver.dialect));
    const rows = await tx.all('SELECT version, name, compatible_from FROM schema_migrations');
    const applied = new Map(rows.map((r) => [Number(r.version), String(r.name)]));
    // The newest kubeseam a migrated store needs; additive migrations keep it low so older versions keep saving.
    const needs = Math.max(0, ...rows.map((r) => Number(r.compatible_from)));
    if (needs > latest) {
      throw new KubeseamError(
        'config',
        `store schema needs a kubeseam that knows schema version ${needs} or later (this one knows ${latest}); ` +
          'upgrade kubeseam',
      );
    }
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      const name = applied.get(m.version);
      if (name !== undefined) {
        if (name !== m.name) {
          throw new KubeseamError('config', `store migration ${m.version} is "${name}", expected "${m.name}"`);
        }
        continue;
      }
      for (const stmt of m.statements) await tx.run(renderSql(stmt, driver.dialect));
      await tx.run('INSERT INTO schema_migrations (version, name, compatible_from, applied_at) VALUES (?, ?, ?, ?)', [
        m.version,
        m.name,
        m.compatibleFrom,
        new Date().toISOString(),
      ]);
    }
    return latest;
  }, DIALECTS[driver.dialect].migrationLock);
}

const SCAN_LIST_COLUMNS = SCAN_COLUMNS.filter((c) => c !== 'result').join(', ');

/** The store over either backend: the same SQL, the driver supplies the dialect. */
export class SqlStore implements Store {
  readonly backend: 'sqlite' | 'postgres';
  readonly location: string;
  readonly #db: Driver;

  constructor(db: Driver, location: string) {
    this.#db = db;
    this.backend = db.dialect;
    this.location = location;
  }

  async saveScan(result: ScanResult, options: SaveOptions): Promise<string> {
    const clusterKey = typeof options.clusterKey === 'string' ? options.clusterKey.trim() : '';
    if (clusterKey === '') throw new KubeseamError('usage', 'a cluster key is needed to save a scan');
    const scannedAt = isoTime(result.scannedAt);
    if (scannedAt === undefined) throw new KubeseamError('input', 'scan result has no valid scannedAt time');
    const id = randomUUID();
    const savedAt = (options.now?.() ?? new Date()).toISOString();
    // Rows are built before the transaction opens, so it stays short.
    const scan = scanRow(result, { id, clusterKey, scannedAt, savedAt });
    const findings = findingRows(result, id);
    const components = componentRows(result, id);
    const hooks = options.hooks ?? {};
    await this.#db.transaction(async (tx) => {
      await insertRows(tx, 'scans', SCAN_COLUMNS, [scan]);
      await insertRows(tx, 'findings', FINDING_COLUMNS, findings);
      if (hooks.afterFindings) await hooks.afterFindings();
      await insertRows(tx, 'components', COMPONENT_COLUMNS, components);
    });
    return id;
  }

  async listScans(options: { cluster?: string; limit?: number } = {}): Promise<ScanRow[]> {
    const params: SqlValue[] = [];
    let sql = `SELECT ${SCAN_LIST_COLUMNS} FROM scans`;
    if (options.cluster !== undefined) {
      sql += ' WHERE cluster_key = ?';
      params.push(options.cluster);
    }
    sql += ' ORDER BY scanned_at DESC, saved_at DESC, id DESC';
    if (options.limit !== undefined) {
      sql += ' LIMIT ?';
      params.push(Math.max(0, Math.trunc(options.limit)));
    }
    return (await this.#db.all(sql, params)).map(toScanRow);
  }

  async resolveScan(ref: string, options: { cluster?: string } = {}): Promise<ScanRow> {
    const parsed = parseScanRef(ref);
    if (parsed === undefined) {
      throw new KubeseamError('usage', `not a scan reference: ${JSON.stringify(ref)} (use an id, last or last~N)`);
    }
    const where: string[] = [];
    const params: SqlValue[] = [];
    if (options.cluster !== undefined) {
      where.push('cluster_key = ?');
      params.push(options.cluster);
    }
    const inCluster = options.cluster !== undefined ? ` for cluster ${JSON.stringify(options.cluster)}` : '';
    if (parsed.kind === 'last') {
      const rows = await this.#db.all(
        `SELECT ${SCAN_LIST_COLUMNS} FROM scans${where.length ? ` WHERE ${where.join(' AND ')}` : ''}` +
          ' ORDER BY scanned_at DESC, saved_at DESC, id DESC LIMIT 1 OFFSET ?',
        [...params, parsed.back],
      );
      const row = rows[0];
      if (row === undefined) throw new KubeseamError('input', `no scan ${ref} in the store${inCluster}`);
      return toScanRow(row);
    }
    where.push('id LIKE ?');
    params.push(`${parsed.prefix}%`);
    const rows = await this.#db.all(
      `SELECT ${SCAN_LIST_COLUMNS} FROM scans WHERE ${where.join(' AND ')} ORDER BY id LIMIT 2`,
      params,
    );
    if (rows.length > 1) throw new KubeseamError('usage', `scan id prefix ${ref} is ambiguous; give more characters`);
    const row = rows[0];
    if (row === undefined) throw new KubeseamError('input', `no scan with id ${ref} in the store${inCluster}`);
    return toScanRow(row);
  }

  async getScan(ref: string, options: { cluster?: string } = {}): Promise<ScanResult> {
    const { id } = await this.resolveScan(ref, options);
    const rows = await this.#db.all('SELECT result_encoding, result FROM scans WHERE id = ?', [id]);
    const row = rows[0];
    if (row === undefined) throw new KubeseamError('input', `scan ${id} was deleted while being read`);
    return decodeResult(row.result, row.result_encoding);
  }

  async clusters(): Promise<ClusterRow[]> {
    const rows = await this.#db.all(
      `SELECT s.cluster_key, s.provider, s.k8s_version, s.id, s.scanned_at, c.n
       FROM scans s
       JOIN (SELECT cluster_key, CAST(COUNT(*) AS INTEGER) AS n, MAX(scanned_at) AS newest
             FROM scans GROUP BY cluster_key) c
         ON s.cluster_key = c.cluster_key AND s.scanned_at = c.newest
       ORDER BY s.cluster_key, s.saved_at DESC, s.id DESC`,
    );
    const out = new Map<string, ClusterRow>();
    for (const r of rows) {
      const key = String(r.cluster_key);
      if (out.has(key)) continue; // two scans at the same newest time: the later saved one wins
      const c: ClusterRow = {
        clusterKey: key,
        scans: Number(r.n),
        lastScanId: String(r.id),
        lastScannedAt: isoTime(r.scanned_at) ?? '',
      };
      if (typeof r.provider === 'string') c.provider = r.provider;
      if (typeof r.k8s_version === 'string') c.k8sVersion = r.k8s_version;
      out.set(key, c);
    }
    return [...out.values()];
  }

  async prune(options: { before: Date }): Promise<number> {
    const before = options.before.toISOString();
    const doomed = `SELECT id FROM scans s WHERE s.scanned_at < ?
      AND s.scanned_at < (SELECT MAX(t.scanned_at) FROM scans t WHERE t.cluster_key = s.cluster_key)`;
    return this.#db.transaction(async (tx) => {
      await tx.run(`DELETE FROM findings WHERE scan_id IN (${doomed})`, [before]);
      await tx.run(`DELETE FROM components WHERE scan_id IN (${doomed})`, [before]);
      return tx.run(`DELETE FROM scans WHERE id IN (${doomed})`, [before]);
    });
  }

  async schemaVersion(): Promise<number> {
    const rows = await this.#db.all('SELECT MAX(version) AS v FROM schema_migrations');
    return Number(rows[0]?.v ?? 0);
  }

  close(): Promise<void> {
    return this.#db.close();
  }
}

export { LATEST_SCHEMA_VERSION };
