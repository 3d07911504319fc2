/**
 * Everything that differs between the SQLite and PostgreSQL backends, in one place. The schema and queries are
 * written once; these tables say how a few tokens and statements read in each dialect.
 */
export type Dialect = 'sqlite' | 'postgres';

/** Column types written as `{{NAME}}` in migrations. */
export type TypeToken = 'TIMESTAMP' | 'BYTES' | 'JSON';

export interface DialectSpec {
  types: Record<TypeToken, string>;
  /** Statement that opens a write transaction. */
  begin: string;
  /**
   * Statement run first inside the migration transaction so concurrent kubeseam processes (hundreds of CronJobs
   * starting at once) migrate one at a time. SQLite needs none: BEGIN IMMEDIATE already takes the write lock.
   */
  migrationLock?: string;
  /**
   * One row whose `name` is non-null when table `?` exists. Asked before `CREATE TABLE schema_migrations`, so a
   * role without CREATE on the schema (the fleet's write-only role) can open an already migrated store.
   */
  tableExists: string;
}

export const DIALECTS: Record<Dialect, DialectSpec> = {
  sqlite: {
    // ISO-8601 UTC text with milliseconds sorts in time order; JSON as text.
    types: { TIMESTAMP: 'TEXT', BYTES: 'BLOB', JSON: 'TEXT' },
    begin: 'BEGIN IMMEDIATE',
    tableExists: "SELECT (SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?) AS name",
  },
  postgres: {
    // timestamptz and jsonb so fleet dashboards can query time ranges and privilege fields natively.
    types: { TIMESTAMP: 'TIMESTAMPTZ', BYTES: 'BYTEA', JSON: 'JSONB' },
    begin: 'BEGIN',
    // Key: the first 8 bytes of sha256("kubeseam schema_migrations") as a signed bigint; any constant works.
    migrationLock: 'SELECT pg_advisory_xact_lock(-2190246629358621601)',
    tableExists: 'SELECT CAST(to_regclass(?) AS TEXT) AS name',
  },
};

const TOKEN = /\{\{([A-Z]+)\}\}/g;

/** Replaces `{{TYPE}}` tokens with the dialect's column types; an unknown token is a bug in a migration. */
export function renderSql(sql: string, dialect: Dialect): string {
  const types = DIALECTS[dialect].types;
  return sql.replace(TOKEN, (_m, name: string) => {
    if (!(name in types)) throw new Error(`unknown type token {{${name}}} in migration SQL`);
    return types[name as TypeToken];
  });
}

/** Queries are written with `?` placeholders; PostgreSQL numbers them. Our SQL never has `?` in literals. */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
