import pg from 'pg';
import { DIALECTS, numberPlaceholders } from './dialect.ts';
import type { Driver, Queryable, SqlValue } from './driver.ts';

/** PostgreSQL through node-postgres. A small pool so a fleet run can save several clusters at once. */
export function openPostgresDriver(url: string): Driver {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  // An idle client losing its connection emits 'error' on the pool; without a listener Node would crash. The
  // next query gets a fresh connection and reports its own error.
  pool.on('error', () => undefined);

  const on = (c: pg.Pool | pg.PoolClient): Queryable => ({
    all: async (sql, params = []) =>
      (await c.query(numberPlaceholders(sql), [...params])).rows as Record<string, unknown>[],
    run: async (sql, params = []) => (await c.query(numberPlaceholders(sql), [...params] as SqlValue[])).rowCount ?? 0,
  });

  return {
    dialect: 'postgres',
    ...on(pool),
    transaction: async (fn, lock) => {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query(DIALECTS.postgres.begin);
        if (lock !== undefined) await client.query(lock);
        const out = await fn(on(client));
        await client.query('COMMIT');
        return out;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => (broken = true));
        throw e;
      } finally {
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
