// bench/import: N generated customers imported from an NDJSON file into a fresh
// store in mass mode, beside a floor measured in the same run: the same rows
// written with no validation at all, by the store's own bulk insert (prepared
// INSERTs of 32 rows, checkpoints in their thread) in transactions of 1000
// customers (SQLite) or by COPY (PostgreSQL). Floor and import take turns, --rounds
// times, each into a fresh store; the import runs in a process of its own
// (bench/importRun.ts), as `convergent import` does, not beside the floor's rows
// held here. Prints every round and the medians, and beside the rates the CPU time
// per customer (every thread of the process: for the import its admitting workers
// and checkpoints, for the floor its checkpoints), which depends less than the rates
// on what else the machine runs.
//   node bench/import.ts [--count 100000] [--stores sqlite,postgres] [--workers N] [--rounds 3]
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

/** The rows of every batch of 1000 customers, as the import writes them: per table, one list of values. */
function floorRows(): ImportRows[] {
  const batches: ImportRows[] = [];
  let writes: CustomerWrites[] = [];
  for (const c of generateCustomers({ count: COUNT, seed: 1 })) {
    writes.push(uncheckedWrites(c));
    if (writes.length === BATCH) {
      batches.push(importRows(writes, '2026-01-01T00:00:00'));
      writes = [];
    }
  }
  if (writes.length) batches.push(importRows(writes, '2026-01-01T00:00:00'));
  return batches;
}

const rowCount = (batches: ImportRows[]): number => batches.reduce((n, b) => n + TABLES.reduce((m, [, , key]) => m + b[key].length / IMPORT_ROW_WIDTH[key], 0), 0);

/** Wall-clock and CPU seconds (every thread of a process, or of this one) of a run. */
interface Timing {
  seconds: number;
  cpuSeconds: number;
}

/** The rows of a batch, with no validation and no look-up, through the store's own bulk insert (writeImportedRows). */
async function sqliteFloor(batches: ImportRows[], path: string): Promise<Timing> {
  const store = await openStore(path);
  try {
    const cpu = process.cpuUsage();
    const started = performance.now();
    for (const batch of batches) await store.write((tx) => tx.customerData.writeImportedRows(batch));
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    return { seconds, cpuSeconds: (used.user + used.system) / 1e6 };
  } finally {
    await store.close();
  }
}

/** The CSV lines of the rows of one table of a batch. */
function csvLines(batch: ImportRows, key: keyof ImportRows): string[] {
  const values = batch[key];
  const width = IMPORT_ROW_WIDTH[key];
  const lines: string[] = [];
  for (let i = 0; i < values.length; i += width) {
    lines.push(`${values.slice(i, i + width).map((v) => (v === null ? '' : `"${v.replaceAll('"', '""')}"`)).join(',')}\n`);
  }
  return lines;
}

/** COPY in transactions of 10 batches; CPU: this process's (the client's), not the server's. */
async function postgresFloor(batches: ImportRows[], schema: string): Promise<Timing> {
  await (await openStore(schemaUrl(schema))).close();
  const client = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
  await client.connect();
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < batches.length; i += 10) {
    const group = batches.slice(i, i + 10);
    await client.query('BEGIN');
    for (const [table, columns, key] of TABLES) {
      const lines = group.flatMap((batch) => csvLines(batch, key));
      await pipeline(Readable.from(lines), client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN (FORMAT csv)`)));
    }
    await client.query('COMMIT');
  }
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  await client.end();
  return { seconds, cpuSeconds: (used.user + used.system) / 1e6 };
}

/** The import of the file into `db`, in a process of its own; CPU: that process's (on PostgreSQL, not the server's). */
function importRun(db: string): Timing {
  const args = [new URL('./importRun.ts', import.meta.url).pathname, db, file, ...(WORKERS === undefined ? [] : [String(WORKERS)])];
  const result = JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })) as Timing & { imported: number; failure?: unknown };
  if (result.imported !== COUNT) throw new Error(`imported ${result.imported} of ${COUNT}: ${JSON.stringify(result.failure)}`);
  return result;
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
    const floors: Timing[] = [];
    const imports: Timing[] = [];
    const floorKind = kind === 'sqlite' ? "the store's bulk INSERTs" : 'COPY';
    // CPU per customer: the import's process; on PostgreSQL the clients' only (the server's own is not counted)
    const perCustomer = (timing: Timing): string => `${Math.round((timing.cpuSeconds * 1e6) / COUNT)} µs CPU/customer`;
    for (let round = 1; round <= ROUNDS; round++) {
      const schemas = [`bench_${randomBytes(4).toString('hex')}`, `bench_${randomBytes(4).toString('hex')}`];
      try {
        const floor = kind === 'sqlite' ? await sqliteFloor(batches, join(dir, `floor-${round}.db`)) : await postgresFloor(batches, schemas[0]);
        const run = importRun(kind === 'sqlite' ? join(dir, `import-${round}.db`) : schemaUrl(schemas[1]));
        floors.push(floor);
        imports.push(run);
        console.log(
          `${kind.padEnd(9)} round ${round}: import ${rate(COUNT, run.seconds)} customers/s (${run.seconds.toFixed(1)} s, ${perCustomer(run)}) | floor ${rate(COUNT, floor.seconds)} customers/s (${perCustomer(floor)}) | ${(floor.seconds / run.seconds).toFixed(2)}x floor`,
        );
      } finally {
        if (kind === 'postgres') for (const schema of schemas) await dropSchema(schema);
        if (kind === 'sqlite') for (const name of [`floor-${round}.db`, `import-${round}.db`]) for (const suffix of ['', '-wal', '-shm']) rmSync(join(dir, name + suffix), { force: true });
      }
    }
    const floor = median(floors.map((timing) => timing.seconds));
    const seconds = median(imports.map((timing) => timing.seconds));
    const cpu = (timings: Timing[]) => Math.round((median(timings.map((timing) => timing.cpuSeconds)) * 1e6) / COUNT);
    console.log(
      `${kind.padEnd(9)} median of ${ROUNDS}: import ${rate(COUNT, seconds)} customers/s, ${rate(rows, seconds)} rows/s (${seconds.toFixed(1)} s, ${cpu(imports)} µs CPU/customer) | floor (${floorKind}, no validation) ${rate(COUNT, floor)} customers/s, ${rate(rows, floor)} rows/s (${cpu(floors)} µs CPU/customer) | ${(floor / seconds).toFixed(2)}x floor`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
