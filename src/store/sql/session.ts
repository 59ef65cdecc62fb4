// What the shared SQL repositories need from an engine: statements with `?`
// placeholders (the PostgreSQL engine numbers them), inside one transaction.
import type { Dialect } from '../port.ts';

export type SqlValue = string | number | null;
/** A parameter: a value, or (PostgreSQL only, for `= ANY(?)`) a list of texts. */
export type SqlParam = SqlValue | string[];

export interface SqlSession {
  readonly dialect: Dialect;
  all<T>(sql: string, params?: SqlParam[]): Promise<T[]>;
  get<T>(sql: string, params?: SqlParam[]): Promise<T | undefined>;
  run(sql: string, params?: SqlParam[]): Promise<number>;
  savepoint<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * Inserts many rows of TEXT columns (bulk import): `values` holds the rows one
   * after the other, texts or null in column order. `onConflict` is the ON
   * CONFLICT clause, if any.
   */
  insertRows(table: string, columns: readonly string[], values: ReadonlyArray<string | null>, onConflict?: string): Promise<void>;
  /**
   * The committed document `key` (e.g. `subscriber_account:ID`): kept by the engine
   * while the database is unchanged where it can tell (SQLite's reader), else read
   * by `load`. A kept document is frozen: read it, never change it.
   */
  document<T extends object>(key: string, load: () => Promise<T | undefined>): Promise<T | undefined>;
  /** `column IN (…)` for `values`, with its parameters, in the engine's best form. */
  inList(column: string, values: readonly string[]): { sql: string; params: SqlParam[] };
}

/** An engine runs functions on sessions: reads on a consistent view, writes in a transaction. */
export interface SqlEngine {
  readonly dialect: Dialect;
  read<T>(fn: (session: SqlSession) => Promise<T>): Promise<T>;
  write<T>(fn: (session: SqlSession) => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** `?`-placeholders for a list of values, e.g. `(?, ?, ?)`. */
export function placeholders(count: number): string {
  return `(${new Array(count).fill('?').join(', ')})`;
}
