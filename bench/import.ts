// bench/import: N generated customers imported from an NDJSON file into a fresh
// store in mass mode, beside a floor measured in the same run: the same rows
// written with no validation at all, by prepared INSERTs of 32 rows in
// transactions of 1000 customers (SQLite) or by COPY (PostgreSQL). Floor and import
// take turns, --rounds times, each into a fresh store; the import runs in a process
// of its own (bench/importRun.ts), as `convergent import` does, not beside the
// floor's rows held here. Prints every round and the medians.
//   node bench/import.ts [--count 100000] [--stores sqlite,postgres] [--workers N] [--rounds 3]
import { DatabaseSync } from 'node:sqlite';
import { mkdtempSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { generateCustomers } from '../src/bulk/generate.ts';
import { TextOutput } from '../src/bulk/files.ts';
import type { CustomerWrites } from '../src/model/customerDataImport.ts';
import { uncheckedWrites } from './unchecked.ts';
import { openStore } from '../src/store/open.ts';
import { IMPORT_ROW_WIDTH, importRows } from '../src/store/sql/customerData.ts';
import type { ImportRows } from '../src/store/port.ts';
import type { SqlValue } from '../src/store/sql/session.ts';

const arg = (name: string, fallback: string): string => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : fallback;
};
const COUNT = Number(arg('--count', '100000'));
const STORES = arg('--stores', 'sqlite,postgres').split(',');
/** admitting worker threads; by default the import's own choice (one per core but one) */
const WORKERS = process.argv.includes('--workers') ? Number(arg('--workers', '1')) : undefined;
const ROUNDS = Number(arg('--rounds', '3'));
const PG_URL = process.env.CONVERGENT_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** The store URL of a PostgreSQL schema of its own. */
const schemaUrl = (schema: string): string => `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}schema=${schema}`;
const BATCH = 1000;
/** Rows per multi-row INSERT, as the SQLite store's bulk inserts. */
const ROWS = 32;

const TABLES: Array<[string, string[], keyof ImportRows]> = [
  ['subscriber_account', ['account_id', 'subscriber_id', 'doc'], 'subscriberAccounts'],
  ['external_account', ['account_id', 'id', 'doc'], 'externalAccounts'],
  ['prepaid_account', ['account_id', 'id', 'doc', 'balance', 'current_state'], 'prepaidAccounts'],
  ['table_directory', ['kind', 'table_id', 'account_id'], 'tableDirectory'],
  ['subscriber_table', ['account_id', 'kind', 'id', 'class_id', 'doc'], 'mappingTables'],
  ['subscriber_table', ['account_id', 'kind', 'id', 'class_id', 'doc'], 'rangeTables'],
  ['contract_directory', ['contract_id', 'account_id'], 'contractDirectory'],
  ['charging_contract', ['account_id', 'id', 'root_id', 'operational_status', 'transfer_date', 'doc'], 'contracts'],
  ['user_service_claim', ['user_service_id', 'contract_id', 'account_id', 'start_date', 'end_date'], 'claims'],
];

const dir = mkdtempSync(join(tmpdir(), 'convergent-bench-'));
const file = join(dir, 'customers.ndjson');

type Rows = Record<keyof ImportRows, SqlValue[][]>;

/** The rows of every batch of 1000 customers, as the import writes them, as values to bind. */
function floorRows(): Rows[] {
  const batches: Rows[] = [];
  let writes: CustomerWrites[] = [];
  const flush = () => {
    const rows = importRows(writes, '2026-01-01T00:00:00');
    const split = (key: keyof ImportRows): SqlValue[][] => {
      const width = IMPORT_ROW_WIDTH[key];
      return Array.from({ length: rows[key].length / width }, (_, i) => rows[key].slice(i * width, (i + 1) * width));
    };
    batches.push(Object.fromEntries(TABLES.map(([, , key]) => [key, split(key)])) as Rows);
    writes = [];
  };
  for (const c of generateCustomers({ count: COUNT, seed: 1 })) {
    writes.push(uncheckedWrites(c));
    if (writes.length === BATCH) flush();
  }
  if (writes.length) flush();
  return batches;
}

const rowCount = (batches: Rows[]): number => batches.reduce((n, b) => n + TABLES.reduce((m, [, , key]) => m + b[key].length, 0), 0);

async function sqliteFloor(batches: Rows[], path: string): Promise<number> {
  await (await openStore(path)).close(); // the schema, by the store's own migrations
  const db = new DatabaseSync(path);
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = NORMAL');
  db.exec('PRAGMA cache_size = -65536');
  db.exec('PRAGMA temp_store = MEMORY');
  // the import's own statement shapes: ROWS rows per INSERT, the rest one by one
  const insert = (table: string, columns: string[], rows: number) =>
    db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${new Array(rows).fill(`(${columns.map(() => '?').join(', ')})`).join(', ')}`);
  const statements = TABLES.map(([table, columns, key]) => ({ key, width: columns.length, many: insert(table, columns, ROWS), one: insert(table, columns, 1) }));
  const started = performance.now();
  for (const batch of batches) {
    db.exec('BEGIN IMMEDIATE');
    for (const { key, width, many, one } of statements) {
      const rows = batch[key];
      let i = 0;
      const values = new Array<SqlValue>(ROWS * width);
      for (; i + ROWS <= rows.length; i += ROWS) {
        for (let r = 0; r < ROWS; r++) for (let c = 0; c < width; c++) values[r * width + c] = rows[i + r][c];
        many.run(...values);
      }
      for (; i < rows.length; i++) one.run(...rows[i]);
    }
    db.exec('COMMIT');
  }
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return seconds;
}

const csv = (row: SqlValue[]): string => `${row.map((v) => (v === null ? '' : `"${String(v).replaceAll('"', '""')}"`)).join(',')}\n`;

async function postgresFloor(batches: Rows[], schema: string): Promise<number> {
  await (await openStore(schemaUrl(schema))).close();
  const client = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
  await client.connect();
  const started = performance.now();
  for (let i = 0; i < batches.length; i += 10) {
    const group = batches.slice(i, i + 10);
    await client.query('BEGIN');
    for (const [table, columns, key] of TABLES) {
      const lines = group.flatMap((batch) => batch[key].map(csv));
      await pipeline(Readable.from(lines), client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN (FORMAT csv)`)));
    }
    await client.query('COMMIT');
  }
  const seconds = (performance.now() - started) / 1000;
  await client.end();
  return seconds;
}

/** The import of the file into `db`, in a process of its own: seconds. */
function importRun(db: string): number {
  const args = [new URL('./importRun.ts', import.meta.url).pathname, db, file, ...(WORKERS === undefined ? [] : [String(WORKERS)])];
  const result = JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })) as { seconds: number; imported: number; failure?: unknown };
  if (result.imported !== COUNT) throw new Error(`imported ${result.imported} of ${COUNT}: ${JSON.stringify(result.failure)}`);
  return result.seconds;
}

async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
}

const rate = (n: number, seconds: number): string => Math.round(n / seconds).toLocaleString('en');
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

try {
  const output = new TextOutput(file);
  for (const customer of generateCustomers({ count: COUNT, seed: 1 })) await output.write(`${JSON.stringify(customer)}\n`);
  await output.close();
  const batches = floorRows();
  const rows = rowCount(batches);
  console.log(`bench/import: ${COUNT.toLocaleString('en')} generated customers (${rows.toLocaleString('en')} rows), mass mode, fresh store`);
  for (const kind of STORES) {
    const floors: number[] = [];
    const imports: number[] = [];
    const floorKind = kind === 'sqlite' ? 'prepared INSERTs' : 'COPY';
    for (let round = 1; round <= ROUNDS; round++) {
      const schemas = [`bench_${randomBytes(4).toString('hex')}`, `bench_${randomBytes(4).toString('hex')}`];
      try {
        const floor = kind === 'sqlite' ? await sqliteFloor(batches, join(dir, `floor-${round}.db`)) : await postgresFloor(batches, schemas[0]);
        const seconds = importRun(kind === 'sqlite' ? join(dir, `import-${round}.db`) : schemaUrl(schemas[1]));
        floors.push(floor);
        imports.push(seconds);
        console.log(`${kind.padEnd(9)} round ${round}: import ${rate(COUNT, seconds)} customers/s (${seconds.toFixed(1)} s) | floor ${rate(COUNT, floor)} customers/s | ${(floor / seconds).toFixed(2)}x floor`);
      } finally {
        if (kind === 'postgres') for (const schema of schemas) await dropSchema(schema);
        if (kind === 'sqlite') for (const name of [`floor-${round}.db`, `import-${round}.db`]) for (const suffix of ['', '-wal', '-shm']) rmSync(join(dir, name + suffix), { force: true });
      }
    }
    const floor = median(floors);
    const seconds = median(imports);
    console.log(
      `${kind.padEnd(9)} median of ${ROUNDS}: import ${rate(COUNT, seconds)} customers/s, ${rate(rows, seconds)} rows/s (${seconds.toFixed(1)} s) | floor (${floorKind}, no validation) ${rate(COUNT, floor)} customers/s, ${rate(rows, floor)} rows/s | ${(floor / seconds).toFixed(2)}x floor`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
