// A dump of every table of a test database, row by row in a stable order: two
// dumps are equal when nothing was written between them.
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { PG_URL, type TestDatabase } from './stores.ts';

export type Snapshot = Record<string, unknown[]>;

/** Every table but `except`, each as its rows sorted by all columns. */
export async function snapshotOf(database: TestDatabase, except: readonly string[] = []): Promise<Snapshot> {
  return database.kind === 'sqlite' ? sqliteSnapshot(database.db, except) : postgresSnapshot(database.db, except);
}

function sqliteSnapshot(path: string, except: readonly string[]): Snapshot {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ name: string }>;
    const snapshot: Snapshot = {};
    for (const { name } of tables) {
      if (except.includes(name)) continue;
      const columns = (db.prepare(`PRAGMA table_info("${name}")`).all() as Array<{ name: string }>).map((c) => `"${c.name}"`);
      snapshot[name] = db.prepare(`SELECT * FROM "${name}" ORDER BY ${columns.join(', ')}`).all().map((row) => ({ ...row }));
    }
    return snapshot;
  } finally {
    db.close();
  }
}

async function postgresSnapshot(url: string, except: readonly string[]): Promise<Snapshot> {
  const schema = new URL(url).searchParams.get('schema')!;
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    const tables = await client.query("SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY table_name", [schema]);
    const snapshot: Snapshot = {};
    for (const { table_name: name } of tables.rows as Array<{ table_name: string }>) {
      if (except.includes(name)) continue;
      const columns = await client.query('SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position', [schema, name]);
      const order = (columns.rows as Array<{ column_name: string }>).map((c) => `"${c.column_name}"`).join(', ');
      snapshot[name] = (await client.query(`SELECT * FROM "${schema}"."${name}" ORDER BY ${order}`)).rows;
    }
    return snapshot;
  } finally {
    await client.end();
  }
}
