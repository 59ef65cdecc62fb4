// What the shared SQL repositories need from an engine: statements with `?`
// placeholders (the PostgreSQL engine numbers them), inside one transaction.
import type { Dialect } from '../port.ts';

export type SqlValue = string | number | null;

export interface SqlSession {
  readonly dialect: Dialect;
  all<T>(sql: string, params?: SqlValue[]): Promise<T[]>;
  get<T>(sql: string, params?: SqlValue[]): Promise<T | undefined>;
  run(sql: string, params?: SqlValue[]): Promise<number>;
  savepoint<T>(fn: () => Promise<T>): Promise<T>;
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
