// Opens the store a `--db` value names: a postgres:// URL or an SQLite file path.
import { resolve } from 'node:path';
import type { Store } from './port.ts';
import { SqlStore } from './sql/store.ts';
import { SqliteEngine } from './sqlite/engine.ts';
import { PostgresEngine, parsePostgresUrl } from './postgres/engine.ts';

export const DEFAULT_DB = './data/convergent.db';

export function isPostgresUrl(db: string): boolean {
  return /^postgres(ql)?:\/\//.test(db);
}

export async function openStore(db: string = DEFAULT_DB): Promise<SqlStore> {
  if (isPostgresUrl(db)) return new SqlStore(await PostgresEngine.open(parsePostgresUrl(db)));
  return new SqlStore(new SqliteEngine(resolve(db)));
}

export type { Store };
