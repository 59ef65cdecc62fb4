// One run of bench/import, in a process of its own, so that nothing else lives
// beside it (the floor's 1.7 million rows held in the bench's heap slowed an import
// run beside them, even in a child process while the bench waited):
//   node bench/importRun.ts import DB FILE [WORKERS]  the file into a fresh store in
//     mass mode, as `convergent import` runs it
//   node bench/importRun.ts floor DB COUNT            the floor: COUNT generated
//     customers' rows, built first (not timed), then written with no validation by
//     the store's own bulk insert (SQLite) or by COPY (a postgres:// DB)
// Prints, as JSON for bench/import.ts: the seconds the timed part took, the CPU
// seconds the process used meanwhile (every thread: admitting workers, checkpoints;
// on PostgreSQL not the server's), and how many customers were written.
import { readFileSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { importCustomerFile } from '../src/bulk/customerImport.ts';
import { generateCustomers } from '../src/bulk/generate.ts';
import { Catalog } from '../src/model/catalog.ts';
import type { CustomerWrites } from '../src/model/customerDataImport.ts';
import { isPostgresUrl, openStore } from '../src/store/open.ts';
import { parsePostgresUrl } from '../src/store/postgres/engine.ts';
import { IMPORT_ROW_WIDTH, IMPORT_TABLES, importRows, type ImportRows } from '../src/store/importRows.ts';
import { uncheckedWrites } from './unchecked.ts';

/** Customers per transaction: the import's batch. */
const BATCH = 1000;

/** What a run prints. */
export interface RunResult {
  seconds: number;
  cpuSeconds: number;
  written: number;
  failure?: unknown;
}

/** `fn`'s wall-clock and CPU seconds. */
async function timed(fn: () => Promise<void>): Promise<{ seconds: number; cpuSeconds: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await fn();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { seconds, cpuSeconds: (used.user + used.system) / 1e6 };
}

async function runImport(db: string, file: string, workers: string | undefined): Promise<RunResult> {
  const catalog = Catalog.fromJson(readFileSync(new URL('../examples/catalog.json', import.meta.url), 'utf8'));
  const store = await openStore(db);
  try {
    let result: Awaited<ReturnType<typeof importCustomerFile>> | undefined;
    const timing = await timed(async () => {
      result = await importCustomerFile(store, catalog, file, { mode: 'mass', status: 'locked', onAlreadyExistingTable: 'reject', workers: workers ? Number(workers) : undefined });
    });
    return { ...timing, written: result!.imported, failure: result!.failure ?? result!.failuresFile };
  } finally {
    await store.close();
  }
}

/** The rows of every batch of customers, as the import writes them: per table, one list of values. */
function floorRows(count: number): ImportRows[] {
  const batches: ImportRows[] = [];
  let writes: CustomerWrites[] = [];
  for (const c of generateCustomers({ count, seed: 1 })) {
    writes.push(uncheckedWrites(c));
    if (writes.length === BATCH) {
      batches.push(importRows(writes, '2026-01-01T00:00:00'));
      writes = [];
    }
  }
  if (writes.length) batches.push(importRows(writes, '2026-01-01T00:00:00'));
  return batches;
}

/** The CSV lines of the rows of one list of a batch. */
function csvLines(batch: ImportRows, key: keyof ImportRows): string[] {
  const values = batch[key];
  const width = IMPORT_ROW_WIDTH[key];
  const lines: string[] = [];
  for (let i = 0; i < values.length; i += width) {
    lines.push(`${values.slice(i, i + width).map((v) => (v === null ? '' : `"${v.replaceAll('"', '""')}"`)).join(',')}\n`);
  }
  return lines;
}

/** The floor: the rows written with no validation and no look-up, in transactions of BATCH customers (SQLite) or ten of them (COPY). */
async function runFloor(db: string, count: number): Promise<RunResult> {
  const batches = floorRows(count);
  // the store's own migrations make the schema
  const store = await openStore(db);
  if (!isPostgresUrl(db)) {
    try {
      const timing = await timed(async () => {
        for (const batch of batches) await store.write((tx) => tx.customerData.writeImportedRows(batch));
      });
      return { ...timing, written: count };
    } finally {
      await store.close();
    }
  }
  await store.close();
  const { schema, ...connection } = parsePostgresUrl(db);
  const client = new pg.Client({ ...connection, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    const timing = await timed(async () => {
      for (let i = 0; i < batches.length; i += 10) {
        const group = batches.slice(i, i + 10);
        await client.query('BEGIN');
        for (const { table, columns, lists } of IMPORT_TABLES) {
          for (const list of lists) {
            const lines = group.flatMap((batch) => csvLines(batch, list));
            await pipeline(Readable.from(lines), client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN (FORMAT csv)`)));
          }
        }
        await client.query('COMMIT');
      }
    });
    return { ...timing, written: count };
  } finally {
    await client.end();
  }
}

const [what, db, arg, workers] = process.argv.slice(2);
const result = what === 'floor' ? await runFloor(db, Number(arg)) : await runImport(db, arg, workers);
process.stdout.write(`${JSON.stringify(result)}\n`);
