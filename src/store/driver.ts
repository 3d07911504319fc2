import type { Dialect } from './dialect.ts';

/** A value bound to a `?` placeholder. Untrusted strings only ever reach the database this way. */
export type SqlValue = string | number | Buffer | null;

export type Row = Record<string, unknown>;

export interface Queryable {
  /** Rows of a query. */
  all(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
  /** Runs a statement; returns the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

/** The little the store needs from a database: queries and all-or-nothing transactions. */
export interface Driver extends Queryable {
  readonly dialect: Dialect;
  /**
   * Runs `fn` in one transaction: committed when it resolves, rolled back when it throws (or when the process
   * dies before COMMIT). `lock` is a statement run first (the migration lock).
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>, lock?: string): Promise<T>;
  close(): Promise<void>;
}
