// The embedded engine: node:sqlite in WAL mode. SQLite has one writer, and its
// calls are synchronous, so write transactions are serialised by a mutex: an
// `await` inside a transaction never lets another one interleave. Reads use a
// second connection and see the last committed state. The WAL is checkpointed by a
// thread of its own (checkpointer.ts), not inside the writer's commits.
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { ChargingError } from '../../model/errors.ts';
import { wireNow } from '../../model/values.ts';
import { placeholders, type SqlEngine, type SqlParam, type SqlSession, type SqlValue } from '../sql/session.ts';
import { MIGRATIONS, MIGRATION_TABLE, statementsFor } from '../sql/migrations.ts';
import { WalIndex } from './walIndex.ts';
import { Checkpointer } from './checkpointer.ts';

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

/** Attempts of a read that keeps meeting commits under its kept documents; the last reads without them. */
const MAX_READ_ATTEMPTS = 4;

/** Documents at most kept by the reader (about 2 KB each for a subscriber account). */
export const KEPT_DOCUMENTS = 10_000;

/**
 * Documents the reader has read, kept while the database stays as it was when they
 * were read: all of them were read at the database state `version` (a wal-index
 * header), and any commit since, by this process or another on the file, changes
 * the header, so one pread tells whether they are all still current.
 *
 * A read may trust a header read after it began (whatever committed before the
 * read was asked for is in it), not one read before. So the reads that arrive in
 * one turn of the event loop share one pread: the first to ask waits for the turn's
 * end (setImmediate, after every request that arrived with it has asked), and the
 * others, queued behind it on the reader's lock, find that check newer than
 * themselves. Under load this is one pread for many requests instead of one each,
 * a syscall that costs several microseconds on a virtual machine.
 */
class DocumentCache {
  /** the wal-index header of the state every kept document was read at: what the last check found */
  version = '';
  readonly documents = new Map<string, object>();
  readonly header: WalIndex;
  /** checks begun so far: check n serves the reads that began when fewer than n had */
  private checks = 0;
  /** the check the next turn makes, awaited by every read that needs it */
  private next: Promise<string> | undefined;

  constructor(header: WalIndex) {
    this.header = header;
  }

  /** A mark of now, for validatedAfter: taken when a read begins. */
  mark(): number {
    return this.checks;
  }

  /**
   * The database state as a check begun after `mark` found it: the last check's, if
   * it began after the mark, else the one made at the end of this turn.
   */
  validatedAfter(mark: number): string | Promise<string> {
    if (this.checks > mark) return this.version;
    return (this.next ??= new Promise<string>((resolve, reject) =>
      setImmediate(() => {
        this.next = undefined;
        try {
          resolve(this.validate());
        } catch (error) {
          reject(error);
        }
      }),
    ));
  }

  /** The database state now; the kept documents are forgotten when it moved since. */
  private validate(): string {
    this.checks++;
    const now = this.header.read();
    if (now !== this.version) {
      this.documents.clear();
      this.version = now;
    }
    return now;
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

/** A read served kept documents, then found the database changed before its own snapshot: it runs again. */
class StaleRead extends Error {}

/** How a read session stands with the kept documents. */
const Kept = {
  /** not asked yet */
  Unchecked: 0,
  /** validated before the session's snapshot: hits and keeps are of the session's state */
  Valid: 1,
  /** not for this session: its snapshot was taken first, or the database moved under it */
  Bypassed: 2,
} as const;
type Kept = (typeof Kept)[keyof typeof Kept];

class SqliteSession implements SqlSession {
  readonly dialect = 'sqlite' as const;
  private savepoints = 0;
  private readonly connection: Connection;
  private readonly cache: DocumentCache | undefined;
  /** BEGIN has run; a read session begins at its first statement, so one answered from kept documents never does */
  begun: boolean;
  private kept: Kept = Kept.Unchecked;
  /** the header the kept documents were validated at, in this session */
  private validatedAt = '';
  /** when the session began, in the cache's checks: only a later check may validate it */
  private readonly mark: number;
  /** kept documents were handed out in this session */
  private served = false;
  /** the database moved between validation and the snapshot after documents were served: the result is void */
  stale = false;

  constructor(connection: Connection, begun: boolean, cache?: DocumentCache) {
    this.connection = connection;
    this.begun = begun;
    this.cache = cache;
    this.mark = cache ? cache.mark() : 0;
  }

  async document<T extends object>(key: string, load: () => Promise<T | undefined>): Promise<T | undefined> {
    const cache = this.cache;
    if (!cache) return load();
    if (this.kept === Kept.Unchecked) {
      // a session whose snapshot is already taken cannot tell it from the header: it reads for itself
      if (this.begun) this.kept = Kept.Bypassed;
      else {
        const checked = cache.validatedAfter(this.mark);
        this.validatedAt = typeof checked === 'string' ? checked : await checked;
        // a statement may have run while the check was awaited (it took the snapshot then)
        this.kept = this.begun ? Kept.Bypassed : Kept.Valid;
      }
    }
    // kept documents of a later state than the one this session validated are not for it
    if (this.kept !== Kept.Valid || cache.version !== this.validatedAt) return load();
    const kept = cache.documents.get(key);
    if (kept) {
      this.served = true;
      return kept as T;
    }
    const document = await load();
    // still Valid: the load's snapshot is the state the cache was validated at
    if (document && this.kept === Kept.Valid && cache.version === this.validatedAt) cache.keep(key, document);
    return document;
  }

  /** Runs a statement, beginning the transaction first where it has not begun. */
  private sql<T>(fn: () => T): T {
    if (this.begun) return translate(fn);
    translate(() => this.connection.begin.run());
    this.begun = true;
    const result = translate(fn);
    // the first statement took the snapshot: is it the state the kept documents were validated at?
    if (this.kept === Kept.Valid && this.cache!.header.read() !== this.validatedAt) {
      this.kept = Kept.Bypassed;
      if (this.served) {
        this.stale = true;
        throw new StaleRead('the database changed under a read of kept documents');
      }
    }
    return result;
  }

  async all<T>(sql: string, params: SqlParam[] = []): Promise<T[]> {
    return this.sql(() => this.connection.statement(sql).all(...(params as SqlValue[])) as T[]);
  }

  async get<T>(sql: string, params: SqlParam[] = []): Promise<T | undefined> {
    return this.sql(() => this.connection.statement(sql).get(...(params as SqlValue[])) as T | undefined);
  }

  async run(sql: string, params: SqlParam[] = []): Promise<number> {
    return this.sql(() => Number(this.connection.statement(sql).run(...(params as SqlValue[])).changes));
  }

  /**
   * Prepared inserts bound row by row, ROWS_PER_INSERT rows per statement (fewer
   * calls into SQLite), the rest one by one: binding is cheaper than handing SQLite
   * a JSON text to take apart (json_each), which costs it a parse per row and value.
   */
  async insertRows(table: string, columns: readonly string[], values: ReadonlyArray<string | null>, onConflict = ''): Promise<void> {
    this.sql(() => {
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
    this.sql(() => this.connection.db.exec(`SAVEPOINT ${name}`));
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
  /** undefined where the database has no `-shm` file to tell its state by */
  private readonly documents: DocumentCache | undefined;
  /** checkpoints in a thread of their own; undefined where the database has no `-shm` file */
  private readonly checkpointer: Checkpointer | undefined;
  /** the `-shm` file, read by the checkpointer and the kept documents' checks; undefined where there is none */
  private readonly wal: WalIndex | undefined;

  /** `walLimit`: the WAL's size beyond which a write waits for it to be checkpointed (checkpointer.ts; tests set a small one) */
  constructor(path: string, options: { walLimit?: number } = {}) {
    this.path = path;
    mkdirSync(dirname(path), { recursive: true });
    this.writer = new Connection(path);
    // 64 MB of page cache for the writer: bulk imports touch many index pages per batch
    this.writer.db.exec('PRAGMA cache_size = -65536');
    // statement journals (a multi-row INSERT's undo within its transaction) in memory, not a temporary file
    this.writer.db.exec('PRAGMA temp_store = MEMORY');
    this.migrate();
    // one look at the `-shm` file for both: the checkpointer's WAL length, the reader's database state
    this.wal = WalIndex.open(path);
    const pageSize = (this.writer.db.prepare('PRAGMA page_size').get() as { page_size: number }).page_size;
    this.checkpointer = this.wal && new Checkpointer(path, this.writer.db, this.wal, pageSize, options.walLimit);
    this.reader = new Connection(path);
    this.documents = this.wal && new DocumentCache(this.wal);
  }

  /** how many times the reader has read the wal-index header to validate its kept documents */
  get headerChecks(): number {
    return this.documents?.mark() ?? 0;
  }

  /** how many checkpoints the checkpointer's thread has run */
  get checkpoints(): number {
    return this.checkpointer?.checkpoints ?? 0;
  }

  /** how many documents the reader keeps now */
  get keptDocuments(): number {
    return this.documents?.documents.size ?? 0;
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

  /**
   * Reads on the reader connection, under its own lock: never behind a write. The
   * transaction begins at the first statement, so a read answered from kept
   * documents alone takes no snapshot at all; one that served kept documents and
   * then found the database moved before its snapshot runs again (StaleRead).
   */
  async read<T>(fn: (session: SqlSession) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      // the last attempt reads everything for itself
      const cache = attempt < MAX_READ_ATTEMPTS ? this.documents : undefined;
      const session = new SqliteSession(this.reader, false, cache);
      try {
        const result = await this.readLock.run(() => this.transaction(this.reader, session, fn));
        if (!session.stale) return result;
      } catch (error) {
        if (!session.stale) throw error;
      }
    }
  }

  write<T>(fn: (session: SqlSession) => Promise<T>): Promise<T> {
    return this.writeLock.run(() => {
      const full = this.checkpointer?.beforeWrite();
      return full ? full.then(() => this.writeNow(fn)) : this.writeNow(fn);
    });
  }

  private async writeNow<T>(fn: (session: SqlSession) => Promise<T>): Promise<T> {
    translate(() => this.writer.beginImmediate.run());
    try {
      return await this.transaction(this.writer, new SqliteSession(this.writer, true), fn);
    } finally {
      this.checkpointer?.committed();
    }
  }

  /** Runs `fn` in `session`'s transaction (begun already, or at its first statement) and ends it. */
  private async transaction<T>(connection: Connection, session: SqliteSession, fn: (session: SqlSession) => Promise<T>): Promise<T> {
    try {
      const result = await fn(session);
      if (session.begun) connection.commit.run();
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
    await this.writeLock.run(async () => {
      await this.checkpointer?.close();
      this.writer.db.close();
    });
    await this.readLock.run(async () => {
      this.reader.db.close();
    });
    this.wal?.close();
  }
}
