// bench/transfer: `convergent transfer` of N generated accounts (default 10,000)
// between two local `convergent serve` processes, as an operator runs it. Half the
// accounts have moved counters and a prepaid balance (so their states and balances
// travel too), every tenth of those a blocked prepaid account. Prints accounts/s
// from the command's report; checks a sample of accounts arrived; asserts no time.
//   node bench/transfer.ts [--count 10000] [--pair sqlite:postgres ...] [--parallel 8 ...]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { postgresReachable, type StoreKind } from '../test/helpers/stores.ts';
import {
  accountIds,
  assertTransferred,
  generatedCustomers,
  moveCountersAndBalances,
  readReport,
  runTransferCommand,
  startTransferServer,
  stopTransferServer,
  type TransferServer,
} from '../test/helpers/transfer.ts';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '10000' },
    pair: { type: 'string', multiple: true },
    parallel: { type: 'string', multiple: true },
  },
});
const COUNT = Number(values.count);
const PAIRS = (values.pair ?? ['sqlite:sqlite', 'sqlite:postgres']).map((pair) => pair.split(':') as [StoreKind, StoreKind]);
const PARALLEL = (values.parallel ?? ['8']).map(Number);
const SAMPLE = 50;

async function benchPair(from: StoreKind, to: StoreKind, parallel: number): Promise<void> {
  const customers = generatedCustomers(COUNT, 5);
  const dir = mkdtempSync(join(tmpdir(), 'convergent-bench-transfer-'));
  let source: TransferServer | undefined;
  let destination: TransferServer | undefined;
  try {
    const setUp = performance.now();
    [source, destination] = await Promise.all([startTransferServer(from, customers), startTransferServer(to)]);
    await moveCountersAndBalances(source, customers.filter((_, index) => index % 2 === 0));
    const accountsFile = join(dir, 'accounts.txt');
    writeFileSync(accountsFile, `${accountIds(customers).join('\n')}\n`);
    console.log(`bench/transfer ${from} → ${to}: ${COUNT.toLocaleString('en')} accounts set up in ${((performance.now() - setUp) / 1000).toFixed(0)} s`);

    const started = performance.now();
    const result = await runTransferCommand(source, destination, dir, ['--accounts-file', accountsFile, '--report', join(dir, 'report.json'), '--parallel', String(parallel)]);
    const wall = (performance.now() - started) / 1000;
    if (result.code !== 0) throw new Error(`transfer failed: ${result.stderr}${result.stdout}`);
    const report = readReport(join(dir, 'report.json')) as ReturnType<typeof readReport> & { seconds: number };
    const step = Math.max(1, Math.floor(COUNT / SAMPLE));
    for (let index = 0; index < COUNT; index += step) await assertTransferred(source, destination, customers[index].subscriberAccount.id);
    console.log(
      `  --parallel ${parallel}: ${Math.round(report.transferred.length / report.seconds).toLocaleString('en')} accounts/s ` +
        `(${report.transferred.length.toLocaleString('en')} transferred in ${report.seconds.toFixed(1)} s; ${wall.toFixed(1)} s with the command's start)`,
    );
  } finally {
    await Promise.all([stopTransferServer(source), stopTransferServer(destination)]);
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const [from, to] of PAIRS) {
  if ((from === 'postgres' || to === 'postgres') && !(await postgresReachable())) {
    console.log(`bench/transfer ${from} → ${to}: skipped, no PostgreSQL at CONVERGENT_TEST_PG_URL`);
    continue;
  }
  for (const parallel of PARALLEL) await benchPair(from, to, parallel);
}
