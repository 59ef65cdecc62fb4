// One import of bench/import, in a process of its own (as `convergent import` runs):
// a file into a fresh store in mass mode. Prints the seconds importCustomerFile took,
// the CPU seconds the process used meanwhile (every thread), and how many customers
// it imported, as JSON, for bench/import.ts to read.
//   node bench/importRun.ts DB FILE [WORKERS]
import { readFileSync } from 'node:fs';
import { importCustomerFile } from '../src/bulk/customerImport.ts';
import { Catalog } from '../src/model/catalog.ts';
import { openStore } from '../src/store/open.ts';

const [db, file, workers] = process.argv.slice(2);
const catalog = Catalog.fromJson(readFileSync(new URL('../examples/catalog.json', import.meta.url), 'utf8'));
const store = await openStore(db);
try {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await importCustomerFile(store, catalog, file, { mode: 'mass', status: 'locked', onAlreadyExistingTable: 'reject', workers: workers ? Number(workers) : undefined });
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  process.stdout.write(`${JSON.stringify({ seconds, cpuSeconds, imported: result.imported, failure: result.failure ?? result.failuresFile })}\n`);
} finally {
  await store.close();
}
