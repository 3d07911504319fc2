import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { isKubeseamError, KubeseamError } from '../errors.ts';
import type { ScanResult } from '../result.ts';
import type { Driver } from './driver.ts';
import { migrate, SqlStore, type Store } from './sql-store.ts';
import { parseStoreUrl, redactUrl } from './url.ts';

export type { ClusterRow, SaveHooks, SaveOptions, Store } from './sql-store.ts';
export { LATEST_SCHEMA_VERSION } from './sql-store.ts';
export type { ScanRow } from './rows.ts';
export { defaultSqlitePath, parseStoreUrl, redactUrl, resolveStoreUrl } from './url.ts';
export { isScanRef, parseScanRef } from './ref.ts';
export { scanFleet } from './fleet.ts';
export type { FleetOptions, FleetOutcome } from './fleet.ts';

/**
 * Opens (creating and migrating as needed) the scan history at `url`: `sqlite:PATH` (`sqlite:` alone is the
 * default file in the user's data folder) or `postgres://…`.
 */
export async function openStore(url: string): Promise<Store> {
  const loc = parseStoreUrl(url);
  const where = loc.backend === 'sqlite' ? `sqlite:${loc.path}` : redactUrl(loc.url);
  let driver: Driver | undefined;
  try {
    // Drivers load on first use: commands that never touch a store skip the native SQLite module and pg.
    if (loc.backend === 'sqlite') {
      if (loc.path !== ':memory:') mkdirSync(dirname(loc.path), { recursive: true });
      driver = (await import('./driver-sqlite.ts')).openSqliteDriver(loc.path);
    } else {
      driver = (await import('./driver-postgres.ts')).openPostgresDriver(loc.url);
    }
    await migrate(driver);
    return new SqlStore(driver, where);
  } catch (e) {
    await driver?.close().catch(() => undefined);
    if (isKubeseamError(e)) throw e;
    throw new KubeseamError('access', `cannot open store ${where}: ${(e as Error).message}`, {}, { cause: e });
  }
}

/** The key a scan is filed under when none is given: the cluster's name, else its context, else its server. */
export function defaultClusterKey(result: ScanResult): string | undefined {
  const c = result.cluster as Partial<Record<string, unknown>> | undefined;
  for (const v of [c?.name, c?.context, c?.server]) if (typeof v === 'string' && v.trim() !== '') return v.trim();
  return undefined;
}
