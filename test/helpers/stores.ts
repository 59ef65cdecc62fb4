// The stores a suite runs on: SQLite always, PostgreSQL where it is reachable
// (CONVERGENT_TEST_PG_URL). Each suite gets a fresh SQLite file or PostgreSQL schema.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export type StoreKind = 'sqlite' | 'postgres';

export const PG_URL = process.env.CONVERGENT_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let pgReachable: Promise<boolean> | undefined;

/** Is the test PostgreSQL reachable? CI sets CONVERGENT_TEST_REQUIRE_PG=1 to fail instead of skipping. */
export function postgresReachable(): Promise<boolean> {
  pgReachable ??= (async () => {
    const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch (error) {
      if (process.env.CONVERGENT_TEST_REQUIRE_PG === '1') throw new Error(`PostgreSQL at ${PG_URL} is required but unreachable: ${(error as Error).message}`);
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return pgReachable;
}

/**
 * Whether the test PostgreSQL is reachable, asked once as the helpers load: suites
 * are declared knowing it, so that none declares its tests after an await (the
 * runner would then report them under another suite).
 */
export const PG_AVAILABLE: boolean = await postgresReachable();

export interface TestDatabase {
  kind: StoreKind;
  /** the --db value */
  db: string;
  /** a directory for files of this test */
  dir: string;
  drop(): Promise<void>;
}

/** A fresh empty database of `kind`. */
export async function freshDatabase(kind: StoreKind): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'convergent-test-'));
  if (kind === 'sqlite') {
    return { kind, db: join(dir, 'convergent.db'), dir, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const url = new URL(PG_URL);
  url.searchParams.set('schema', schema);
  return {
    kind,
    db: url.toString(),
    dir,
    drop: async () => {
      rmSync(dir, { recursive: true, force: true });
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}
