// The production engine: PostgreSQL through pg. Writes run SERIALIZABLE and are
// retried when PostgreSQL reports a conflict with a concurrent transaction, so two
// server instances on one database cannot both win a race. Reads run in a
// read-only repeatable-read transaction: one consistent snapshot.
import pg from 'pg';
import { ChargingError, isChargingError } from '../../model/errors.ts';
import { wireNow } from '../../model/values.ts';
import type { SqlEngine, SqlParam, SqlSession, SqlValue } from '../sql/session.ts';
import { MIGRATIONS, MIGRATION_TABLE, statementsFor } from '../sql/migrations.ts';

const MAX_ATTEMPTS = 12;
/** serialization_failure, deadlock_detected, unique_violation (a concurrent insert of the same key) */
const RETRYABLE = new Set(['40001', '40P01', '23505']);
const UNAVAILABLE = /^(08|57P|53)/;

const numbered = new Map<string, { name: string; text: string }>();

/** `?` placeholders become `$1, $2, …`; each text gets a prepared statement name. */
function prepared(sql: string): { name: string; text: string } {
  let entry = numbered.get(sql);
  if (!entry) {
    let n = 0;
    entry = { name: `cv${numbered.size + 1}`, text: sql.replace(/\?/g, () => `$${++n}`) };
    numbered.set(sql, entry);
  }
  return entry;
}

class PostgresSession implements SqlSession {
  readonly dialect = 'postgres' as const;
  private savepoints = 0;
  private readonly client: pg.PoolClient;

  constructor(client: pg.PoolClient) {
    this.client = client;
  }

  async all<T>(sql: string, params: SqlParam[] = []): Promise<T[]> {
    const { name, text } = prepared(sql);
    // a list parameter is planned for its size each time: the generic plan of a named statement scans whole tables
    const result = await this.client.query(sql.includes('ANY(') ? { text, values: params } : { name, text, values: params });
    return result.rows as T[];
  }

  async get<T>(sql: string, params: SqlParam[] = []): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  async run(sql: string, params: SqlParam[] = []): Promise<number> {
    const { name, text } = prepared(sql);
    const result = await this.client.query({ name, text, values: params });
    return result.rowCount ?? 0;
  }

  /** The rows as one JSON array that PostgreSQL takes apart: one statement and round trip per table and batch. */
  async insertRows(table: string, columns: readonly string[], values: ReadonlyArray<string | null>, onConflict = ''): Promise<void> {
    const rows: Array<ReadonlyArray<string | null>> = [];
    for (let i = 0; i < values.length; i += columns.length) rows.push(values.slice(i, i + columns.length));
    const select = columns.map((_, i) => `r->>${i}`).join(', ');
    await this.run(`INSERT INTO ${table} (${columns.join(', ')}) SELECT ${select} FROM jsonb_array_elements(?::jsonb) AS r ${onConflict}`, [JSON.stringify(rows)]);
  }

  /** Nothing is kept: another server may change any row at any time, and nothing here would tell. */
  document<T extends object>(_key: string, load: () => Promise<T | undefined>): Promise<T | undefined> {
    return load();
  }

  inList(column: string, values: readonly string[]): { sql: string; params: SqlParam[] } {
    return { sql: `${column} = ANY(?::text[])`, params: [[...values]] };
  }

  async savepoint<T>(fn: () => Promise<T>): Promise<T> {
    const name = `sp${++this.savepoints}`;
    await this.client.query(`SAVEPOINT ${name}`);
    try {
      const result = await fn();
      await this.client.query(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      // a business failure undoes this item only; a database error aborts the whole transaction
      if (isChargingError(error)) await this.client.query(`ROLLBACK TO SAVEPOINT ${name}`);
      throw error;
    }
  }
}

export interface PostgresOptions {
  connectionString: string;
  /** schema to use (created when missing); from the URL's `schema` parameter */
  schema?: string;
  poolSize?: number;
}

/** Splits our own `schema` parameter off a postgres:// URL. */
export function parsePostgresUrl(url: string): PostgresOptions {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema') ?? undefined;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`the schema parameter must be a lower-case SQL name: ${schema}`);
  }
  parsed.searchParams.delete('schema');
  return { connectionString: parsed.toString(), schema };
}

export class PostgresEngine implements SqlEngine {
  readonly dialect = 'postgres' as const;
  private readonly pool: pg.Pool;
  private readonly options: PostgresOptions;

  private constructor(options: PostgresOptions) {
    this.options = options;
    this.pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.poolSize ?? 10,
      options: options.schema ? `-c search_path=${options.schema}` : undefined,
      connectionTimeoutMillis: 5000,
    });
    // an idle client that loses its server must not bring the process down
    this.pool.on('error', () => undefined);
  }

  static async open(options: PostgresOptions): Promise<PostgresEngine> {
    const engine = new PostgresEngine(options);
    try {
      await engine.migrate();
    } catch (error) {
      await engine.close();
      throw error;
    }
    return engine;
  }

  private async migrate(): Promise<void> {
    const client = await this.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SELECT pg_advisory_xact_lock(hashtext('convergent-migrate'))`);
      if (this.options.schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(this.options.schema)}`);
      await client.query(MIGRATION_TABLE);
      const applied = new Set((await client.query('SELECT version FROM schema_migration')).rows.map((r) => Number(r.version)));
      for (const migration of MIGRATIONS) {
        if (applied.has(migration.version)) continue;
        for (const sql of statementsFor(migration, 'postgres')) await client.query(sql);
        await client.query('INSERT INTO schema_migration (version, description, applied_at) VALUES ($1, $2, $3)', [migration.version, migration.description, wireNow()]);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw unavailable(error);
    } finally {
      client.release();
    }
  }

  private async connect(): Promise<pg.PoolClient> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw new ChargingError('STORE-100', (error as Error).message);
    }
    // a checked-out client whose connection drops emits 'error' besides failing its query, and the
    // pool listens only on idle ones: unheard, it would end the process; the failed query answers STORE-100
    if (client.listenerCount('error') === 0) client.on('error', () => undefined);
    return client;
  }

  async read<T>(fn: (session: SqlSession) => Promise<T>): Promise<T> {
    const client = await this.connect();
    let broken = false;
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const result = await fn(new PostgresSession(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      broken = await rollback(client);
      throw unavailable(error);
    } finally {
      client.release(broken);
    }
  }

  async write<T>(fn: (session: SqlSession) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.connect();
      let broken = false;
      try {
        await client.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
        const result = await fn(new PostgresSession(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        broken = await rollback(client);
        const code = (error as { code?: string }).code;
        if (!isChargingError(error) && code && RETRYABLE.has(code)) {
          if (attempt >= MAX_ATTEMPTS) throw new ChargingError('STORE-102', (error as Error).message);
          await sleep(Math.random() * 5 * attempt);
          continue;
        }
        throw unavailable(error);
      } finally {
        client.release(broken);
      }
    }
  }

  async ping(): Promise<void> {
    try {
      await this.pool.query('SELECT 1');
    } catch (error) {
      throw unavailable(error);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** Rolls back; true when the connection itself is gone. */
async function rollback(client: pg.PoolClient): Promise<boolean> {
  try {
    await client.query('ROLLBACK');
    return false;
  } catch {
    return true;
  }
}

function unavailable(error: unknown): unknown {
  if (isChargingError(error)) return error;
  const code = (error as { code?: string }).code ?? '';
  const message = (error as Error).message ?? String(error);
  if (UNAVAILABLE.test(code) || /ECONNREFUSED|ECONNRESET|EPIPE|terminat|Connection/i.test(`${code} ${message}`)) {
    return new ChargingError('STORE-100', message);
  }
  return error;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
