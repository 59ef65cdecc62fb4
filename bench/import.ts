// bench/import: N generated customers imported from an NDJSON file into a fresh
// store in mass mode, beside a floor measured in the same run: the same rows
// written with no validation at all, by the store's own bulk insert (prepared
// INSERTs of 32 rows, checkpoints in their thread) in transactions of 1000
// customers (SQLite) or by COPY (PostgreSQL). Floor and import take turns, --rounds
// times, each into a fresh store and each in a process of its own
// (bench/importRun.ts), the import as `convergent import` runs it; a store is
// removed as soon as it is measured. Prints every round and the medians, and beside
// the rates the CPU time per customer (every thread of the process: for the import
// its admitting workers and checkpoints, for the floor its checkpoints; on
// PostgreSQL the client's only), which depends less than the rates on what else the
// machine runs.
//   node bench/import.ts [--count 100000] [--stores sqlite,postgres] [--workers N] [--rounds 3]
import { mkdtempSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { generateCustomers } from '../src/bulk/generate.ts';
import { TextOutput } from '../src/bulk/files.ts';
import type { RunResult } from './importRun.ts';

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
/** Rows per generated customer: account, prepaid, external, 2 tables and their 2 directory rows, 3 contracts and their 3 directory rows, 4 user service claims. */
const ROWS_PER_CUSTOMER = 17;

const dir = mkdtempSync(join(tmpdir(), 'convergent-bench-'));
const file = join(dir, 'customers.ndjson');

/** A run of bench/importRun.ts in a process of its own. */
function run(args: string[]): RunResult {
  const output = execFileSync(process.execPath, [new URL('./importRun.ts', import.meta.url).pathname, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const result = JSON.parse(output) as RunResult;
  if (result.written !== COUNT) throw new Error(`wrote ${result.written} of ${COUNT}: ${JSON.stringify(result.failure)}`);
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
const perCustomer = (cpuSeconds: number): string => `${Math.round((cpuSeconds * 1e6) / COUNT)} µs CPU/customer`;

try {
  const output = new TextOutput(file);
  for (const customer of generateCustomers({ count: COUNT, seed: 1 })) await output.write(`${JSON.stringify(customer)}\n`);
  await output.close();
  const rows = COUNT * ROWS_PER_CUSTOMER;
  console.log(`bench/import: ${COUNT.toLocaleString('en')} generated customers (${rows.toLocaleString('en')} rows), mass mode, fresh store`);
  for (const kind of STORES) {
    const floors: RunResult[] = [];
    const imports: RunResult[] = [];
    const floorKind = kind === 'sqlite' ? "the store's bulk INSERTs" : 'COPY';
    for (let round = 1; round <= ROUNDS; round++) {
      const [floorStore, importStore] = kind === 'sqlite' ? [join(dir, `floor-${round}.db`), join(dir, `import-${round}.db`)] : [`bench_${randomBytes(4).toString('hex')}`, `bench_${randomBytes(4).toString('hex')}`];
      const db = (store: string) => (kind === 'sqlite' ? store : schemaUrl(store));
      // each store gone once measured: the next run does not share the disk with the write-back of its pages
      const drop = async (store: string) => {
        if (kind === 'postgres') await dropSchema(store);
        else for (const suffix of ['', '-wal', '-shm']) rmSync(store + suffix, { force: true });
      };
      try {
        const floor = run(['floor', db(floorStore), String(COUNT)]);
        await drop(floorStore);
        const imported = run(['import', db(importStore), file, ...(WORKERS === undefined ? [] : [String(WORKERS)])]);
        floors.push(floor);
        imports.push(imported);
        console.log(
          `${kind.padEnd(9)} round ${round}: import ${rate(COUNT, imported.seconds)} customers/s (${imported.seconds.toFixed(1)} s, ${perCustomer(imported.cpuSeconds)}) | floor ${rate(COUNT, floor.seconds)} customers/s (${perCustomer(floor.cpuSeconds)}) | ${(floor.seconds / imported.seconds).toFixed(2)}x floor`,
        );
      } finally {
        await drop(floorStore);
        await drop(importStore);
      }
    }
    const floor = median(floors.map((timing) => timing.seconds));
    const seconds = median(imports.map((timing) => timing.seconds));
    const cpu = (timings: RunResult[]) => perCustomer(median(timings.map((timing) => timing.cpuSeconds)));
    console.log(
      `${kind.padEnd(9)} median of ${ROUNDS}: import ${rate(COUNT, seconds)} customers/s, ${rate(rows, seconds)} rows/s (${seconds.toFixed(1)} s, ${cpu(imports)}) | floor (${floorKind}, no validation) ${rate(COUNT, floor)} customers/s, ${rate(rows, floor)} rows/s (${cpu(floors)}) | ${(floor / seconds).toFixed(2)}x floor`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
