import Database from 'better-sqlite3';
import { DIALECTS } from './dialect.ts';
import type { Driver, Queryable, Row, SqlValue } from './driver.ts';

/**
 * SQLite through better-sqlite3 (synchronous). One connection; operations are queued so an awaited step inside a
 * transaction (a save hook) never lets another operation run on the same connection mid-transaction.
 */
export function openSqliteDriver(file: string): Driver {
  const db = new Database(file);
  // WAL lets `kubeseam history` read while a scan is being saved; a killed writer leaves only uncommitted frames,
  // which recovery discards. Foreign keys are per connection in SQLite.
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 10000');

  const raw: Queryable = {
    all: (sql, params = []) => Promise.resolve(query(db, sql, params)),
    run: (sql, params = []) => Promise.resolve(db.prepare(sql).run(...bind(params)).changes),
  };

  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.then(fn, fn);
    queue = next.catch(() => undefined);
    return next;
  };

  return {
    dialect: 'sqlite',
    all: (sql, params) => serial(() => raw.all(sql, params)),
    run: (sql, params) => serial(() => raw.run(sql, params)),
    transaction: (fn, lock) =>
      serial(async () => {
        db.exec(DIALECTS.sqlite.begin);
        try {
          if (lock !== undefined) db.exec(lock);
          const out = await fn(raw);
          db.exec('COMMIT');
          return out;
        } catch (e) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw e;
        }
      }),
    close: () =>
      serial(() => {
        db.close();
        return Promise.resolve();
      }),
  };
}

function query(db: Database.Database, sql: string, params: readonly SqlValue[]): Row[] {
  const stmt = db.prepare(sql);
  if (stmt.reader) return stmt.all(...bind(params)) as Row[];
  stmt.run(...bind(params));
  return [];
}

function bind(params: readonly SqlValue[]): SqlValue[] {
  return params.map((p) => (p === undefined ? null : p));
}
