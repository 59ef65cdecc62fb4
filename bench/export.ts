// bench/export: `convergent export --all` of N customers (default 1,000,000) from
// SQLite to an NDJSON file, in a process of its own: customers/s and its peak RSS,
// which must stay flat in N (under 250 MB). The store is filled beforehand with the
// rows an import writes, without validation (bench/import measures that).
//   node bench/export.ts [--count 1000000] [--db postgres://…]
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { generateCustomers } from '../src/bulk/generate.ts';
import type { CustomerWrites } from '../src/model/customerDataImport.ts';
import { uncheckedWrites } from './unchecked.ts';
import { wireNow } from '../src/model/values.ts';
import { openStore } from '../src/store/open.ts';

const arg = (name: string, fallback: string): string => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : fallback;
};
const COUNT = Number(arg('--count', '1000000'));
const dir = mkdtempSync(join(tmpdir(), 'convergent-bench-export-'));
const db = arg('--db', join(dir, 'export.db'));
const out = join(dir, 'export.ndjson');

async function fill(): Promise<void> {
  const store = await openStore(db);
  try {
    let writes: CustomerWrites[] = [];
    const flush = async () => {
      const batch = writes;
      writes = [];
      await store.write((tx) => tx.customerData.writeImported(batch, wireNow()));
    };
    for (const c of generateCustomers({ count: COUNT, seed: 1 })) {
      writes.push(uncheckedWrites(c));
      if (writes.length === 1000) await flush();
    }
    if (writes.length) await flush();
  } finally {
    await store.close();
  }
}

try {
  const filling = performance.now();
  await fill();
  console.log(`bench/export: ${COUNT.toLocaleString('en')} customers stored in ${((performance.now() - filling) / 1000).toFixed(0)} s`);
  const run = spawnSync('/usr/bin/time', ['-f', '%M %e', process.execPath, 'src/cli/main.ts', 'export', '--all', '--out', out, '--db', db], {
    cwd: new URL('..', import.meta.url).pathname,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(run.stderr);
  const [maxRssKb, seconds] = run.stderr.trim().split('\n').pop()!.split(' ').map(Number);
  const bytes = statSync(out).size;
  console.log(
    `export --all: ${Math.round(COUNT / seconds).toLocaleString('en')} customers/s (${seconds.toFixed(1)} s, ${(bytes / 1e9).toFixed(2)} GB of NDJSON), peak RSS ${Math.round(maxRssKb / 1024)} MB`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
