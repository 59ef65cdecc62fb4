// The embedded engine: node:sqlite in WAL mode. SQLite has one writer, and its
// calls are synchronous, so write transactions are serialised by a mutex: an
// `await` inside a transaction never lets another one interleave. Reads use a
// second connection and see the last committed state.
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { ChargingError } from '../../model/errors.ts';
import { wireNow } from '../../model/values.ts';
import { placeholders, type SqlEngine, type SqlParam, type SqlSession, type SqlValue } from '../sql/session.ts';
import { MIGRATIONS, MIGRATION_TABLE, statementsFor } from '../sql/migrations.ts';

/**
 * Runs functions one at a time, in the order they asked. An idle mutex runs the
 * function at once, without a turn through a promise chain (every read takes it).
 */
export class Mutex {
  private busy = false;
  private readonly waiting: Array<() => void> = [];

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.busy) await new Promise<void>((resume) => this.waiting.push(resume));
    else this.busy = true;
    try {
      return await fn();
    } finally {
      // handed to the next in line still held, so that nobody slips in between
      const next = this.waiting.shift();
      if (next) next();
      else this.busy = false;
    }
  }
}

class Connection {
  readonly db: DatabaseSync;
  private readonly statements = new Map<string, StatementSync>();
  /** transaction control, prepared once: exec() compiles its text again on every call */
  readonly begin: StatementSync;
  readonly beginImmediate: StatementSync;
  readonly commit: StatementSync;
  readonly rollback: StatementSync;

  constructor(path: string) {
    this.db = new DatabaseSync(path);
    this.db.exec('PRAGMA busy_timeout = 10000');
    this.db.exec('PRAGMA journal_mode = WAL');
    this.db.exec('PRAGMA synchronous = NORMAL');
    this.begin = this.db.prepare('BEGIN');
    this.beginImmediate = this.db.prepare('BEGIN IMMEDIATE');
    this.commit = this.db.prepare('COMMIT');
    this.rollback = this.db.prepare('ROLLBACK');
  }

  statement(sql: string): StatementSync {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

/** Rows per multi-row INSERT of a bulk import. */
const ROWS_PER_INSERT = 32;

/** Documents at most kept by the reader (about 2 KB each for a subscriber account). */
export const KEPT_DOCUMENTS = 10_000;

/**
 * Documents the reader has read, kept while the database stays as it was when they
 * were read. SQLite's `PRAGMA data_version` on the reader changes whenever another
 * connection commits (the writer of this process, or any other process on the
 * file), so one check per read transaction tells whether any of them is stale.
 */
class DocumentCache {
  /** the data_version the documents were read at */
  version: number | bigint = -1;
  readonly documents = new Map<string, object>();
  private readonly dataVersion: StatementSync;

  constructor(connection: Connection) {
    this.dataVersion = connection.db.prepare('PRAGMA data_version');
  }

  /** Inside a read transaction: forgets everything when the database changed since. */
  validate(): void {
    const version = (this.dataVersion.get() as { data_version: number }).data_version;
    if (version === this.version) return;
    this.documents.clear();
    this.version = version;
  }

  keep(key: string, document: object): void {
    if (this.documents.size >= KEPT_DOCUMENTS) this.documents.delete(this.documents.keys().next().value!);
    this.documents.set(key, deepFreeze(document));
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

class SqliteSession implements SqlSession {
  readonly dialect = 'sqlite' as const;
  private savepoints = 0;
  private readonly connection: Connection;
  private readonly cache: DocumentCache | undefined;
  /** the cache was validated in this transaction */
  private validated = false;

  constructor(connection: Connection, cache?: DocumentCache) {
    this.connection = connection;
    this.cache = cache;
  }

  async document<T extends object>(key: string, load: () => Promise<T | undefined>): Promise<T | undefined> {
    const cache = this.cache;
    if (!cache) return load();
    if (!this.validated) {
      translate(() => cache.validate());
      this.validated = true;
    }
    const kept = cache.documents.get(key);
    if (kept) return kept as T;
    const document = await load();
    if (document) cache.keep(key, document);
    return document;
  }

  async all<T>(sql: string, params: SqlParam[] = []): Promise<T[]> {
    return translate(() => this.connection.statement(sql).all(...(params as SqlValue[])) as T[]);
  }

  async get<T>(sql: string, params: SqlParam[] = []): Promise<T | undefined> {
    return translate(() => this.connection.statement(sql).get(...(params as SqlValue[])) as T | undefined);
  }

  async run(sql: string, params: SqlParam[] = []): Promise<number> {
    return translate(() => Number(this.connection.statement(sql).run(...(params as SqlValue[])).changes));
  }

  /**
   * Prepared inserts bound row by row, ROWS_PER_INSERT rows per statement (fewer
   * calls into SQLite), the rest one by one: binding is cheaper than handing SQLite
   * a JSON text to take apart (json_each), which costs it a parse per row and value.
   */
  async insertRows(table: string, columns: readonly string[], values: ReadonlyArray<string | null>, onConflict = ''): Promise<void> {
    translate(() => {
      const row = `(${columns.map(() => '?').join(', ')})`;
      const head = `INSERT INTO ${table} (${columns.join(', ')}) VALUES `;
      const tail = onConflict ? ` ${onConflict}` : '';
      const width = columns.length;
      const many = ROWS_PER_INSERT * width;
      let i = 0;
      if (values.length >= many) {
        const statement = this.connection.statement(`${head}${new Array(ROWS_PER_INSERT).fill(row).join(', ')}${tail}`);
        for (; i + many <= values.length; i += many) statement.run(...values.slice(i, i + many));
      }
      if (i < values.length) {
        const statement = this.connection.statement(`${head}${row}${tail}`);
        for (; i < values.length; i += width) statement.run(...values.slice(i, i + width));
      }
    });
  }

  inList(column: string, values: readonly string[]): { sql: string; params: SqlParam[] } {
    return { sql: `${column} IN ${placeholders(values.length)}`, params: [...values] };
  }

  async savepoint<T>(fn: () => Promise<T>): Promise<T> {
    const name = `sp${++this.savepoints}`;
    this.connection.db.exec(`SAVEPOINT ${name}`);
    try {
      const result = await fn();
      this.connection.db.exec(`RELEASE ${name}`);
      return result;
    } catch (error) {
      this.connection.db.exec(`ROLLBACK TO ${name}`);
      this.connection.db.exec(`RELEASE ${name}`);
      throw error;
    }
  }
}

function translate<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    const code = (error as { errcode?: number }).errcode;
    // SQLITE_BUSY / SQLITE_LOCKED: another process holds the file
    if (code === 5 || code === 6) throw new ChargingError('STORE-102', (error as Error).message);
    throw error;
  }
}

export class SqliteEngine implements SqlEngine {
  readonly dialect = 'sqlite' as const;
  readonly path: string;
  private readonly writer: Connection;
  private readonly reader: Connection;
  private readonly writeLock = new Mutex();
  private readonly readLock = new Mutex();
  private readonly documents: DocumentCache;

  constructor(path: string) {
    this.path = path;
    mkdirSync(dirname(path), { recursive: true });
    this.writer = new Connection(path);
    // 64 MB of page cache for the writer: bulk imports touch many index pages per batch
    this.writer.db.exec('PRAGMA cache_size = -65536');
    // statement journals (a multi-row INSERT's undo within its transaction) in memory, not a temporary file
    this.writer.db.exec('PRAGMA temp_store = MEMORY');
    this.migrate();
    this.reader = new Connection(path);
    this.documents = new DocumentCache(this.reader);
  }

  /** how many documents the reader keeps now */
  get keptDocuments(): number {
    return this.documents.documents.size;
  }

  private migrate(): void {
    const db = this.writer.db;
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(MIGRATION_TABLE);
      const applied = new Set((db.prepare('SELECT version FROM schema_migration').all() as Array<{ version: number }>).map((r) => r.version));
      for (const migration of MIGRATIONS) {
        if (applied.has(migration.version)) continue;
        for (const sql of statementsFor(migration, 'sqlite')) db.exec(sql);
        db.prepare('INSERT INTO schema_migration (version, description, applied_at) VALUES (?, ?, ?)').run(migration.version, migration.description, wireNow());
      }
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }

  /** Reads on the reader connection, under its own lock: never behind a write. */
  read<T>(fn: (session: SqlSession) => Promise<T>): Promise<T> {
    return this.readLock.run(() => this.transaction(this.reader, this.reader.begin, fn, this.documents));
  }

  write<T>(fn: (session: SqlSession) => Promise<T>): Promise<T> {
    return this.writeLock.run(() => this.transaction(this.writer, this.writer.beginImmediate, fn));
  }

  private async transaction<T>(connection: Connection, begin: StatementSync, fn: (session: SqlSession) => Promise<T>, cache?: DocumentCache): Promise<T> {
    translate(() => begin.run());
    try {
      const result = await fn(new SqliteSession(connection, cache));
      connection.commit.run();
      return result;
    } catch (error) {
      if (connection.db.isTransaction) connection.rollback.run();
      throw error;
    }
  }

  async ping(): Promise<void> {
    this.reader.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    await this.writeLock.run(async () => this.writer.db.close());
    await this.readLock.run(async () => this.reader.db.close());
  }
}
