// A transfer interrupted by a crash: of the destination server (SIGKILL in the
// middle of 200 accounts), of the source, and of the transfer command itself. Every account is
// left either transferred or active in the source, and a rerun with the journal
// completes the set, each account transferred once.
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PG_AVAILABLE } from '../helpers/stores.ts';
import {
  accountIds,
  assertTransferred,
  eachConcurrently,
  generatedCustomers,
  heldAccount,
  journalEntries,
  moveCountersAndBalances,
  readReport,
  restartTransferServer,
  runTransferCommand,
  sourceStatuses,
  startTransferCommand,
  startTransferServer,
  stopTransferServer,
  transferredInJournal,
  type TransferServer,
} from '../helpers/transfer.ts';

/** How often each account is recorded `transferred` in the journal. */
function transfersPerAccount(dir: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const entry of journalEntries(dir)) if (entry.step === 'transferred') counts.set(entry.account, (counts.get(entry.account) ?? 0) + 1);
  return counts;
}

describe('convergent transfer after a crash', () => {
  const servers: Array<TransferServer | undefined> = [];
  const dirs: string[] = [];
  const workDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'convergent-transfer-crash-'));
    dirs.push(dir);
    return dir;
  };
  after(async () => {
    await Promise.all(servers.map(stopTransferServer));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  test('when the destination (SQLite) is killed in the middle of 200 accounts from PostgreSQL, then each account is transferred or active in the source, and a rerun with the journal completes the set with no account transferred twice', { skip: !PG_AVAILABLE && 'no PostgreSQL at CONVERGENT_TEST_PG_URL' }, async () => {
    const customers = generatedCustomers(200, 21);
    const accounts = accountIds(customers);
    const source = await startTransferServer('postgres', customers);
    let destination = await startTransferServer('sqlite');
    servers.push(source, destination);
    await moveCountersAndBalances(source, customers);
    const dir = workDir();

    const first = startTransferCommand(source, destination, dir, ['--account', ...accounts, '--report', join(dir, 'first.json')]);
    await transferredInJournal(dir, 60);
    await destination.process.kill();
    const interrupted = await first.done;
    assert.equal(interrupted.code, 1, interrupted.stderr);
    const report = readReport(join(dir, 'first.json'));
    const transferred = report.transferred.map((outcome) => outcome.account);
    const failed = report.failed.map((outcome) => outcome.account);
    assert.ok(transferred.length >= 60 && transferred.length < 200, `${transferred.length} transferred before the kill`);
    assert.deepEqual([...transferred, ...failed].sort(), [...accounts].sort(), 'every account is transferred or failed');
    const byAccount = new Map(customers.map((customer) => [customer.subscriberAccount.id, customer]));
    await eachConcurrently(failed, 8, async (account) => assert.deepEqual(new Set(await sourceStatuses(source, byAccount.get(account)!)), new Set(['active']), `${account} is active in the source again`));

    destination = await restartTransferServer(destination);
    servers.push(destination);
    await eachConcurrently(transferred, 8, (account) => assertTransferred(source, destination, account));

    const rerun = await runTransferCommand(source, destination, dir, ['--account', ...accounts, '--report', join(dir, 'rerun.json')]);
    assert.equal(rerun.code, 0, rerun.stderr + rerun.stdout);
    const completed = readReport(join(dir, 'rerun.json'));
    assert.deepEqual(completed.transferred.map((outcome) => outcome.account).sort(), [...failed].sort(), 'the rerun transfers exactly the accounts that failed');
    assert.deepEqual(completed.skipped.map((outcome) => outcome.account).sort(), [...transferred].sort());
    await eachConcurrently(accounts, 8, (account) => assertTransferred(source, destination, account));
    const listed = await destination.client.request('GET', '/api/v1/subscriber-accounts?page_size=1000');
    assert.equal(listed.status, 200, JSON.stringify(listed.body));
    assert.deepEqual(listed.body.items.map((account: { id: string }) => account.id), [...accounts].sort(), 'the destination holds the 200 accounts and no leftover');
    assert.deepEqual(new Set(transfersPerAccount(dir).values()), new Set([1]));
  });

  test('when the transfer command itself is killed in the middle of 100 accounts, then a rerun with the journal continues each account from where it stopped and completes the set', async () => {
    const customers = generatedCustomers(100, 22);
    const accounts = accountIds(customers);
    const [source, destination] = await Promise.all([startTransferServer('sqlite', customers), startTransferServer('sqlite')]);
    servers.push(source, destination);
    await moveCountersAndBalances(source, customers);
    const dir = workDir();

    const first = startTransferCommand(source, destination, dir, ['--account', ...accounts]);
    await transferredInJournal(dir, 30);
    first.child.kill('SIGKILL');
    await first.done;
    const lastSteps = new Map(journalEntries(dir).map((entry) => [entry.account, entry.step]));
    const midway = [...lastSteps].filter(([, step]) => step !== 'transferred');
    assert.ok(midway.length > 0, 'some accounts were between two steps when the command died');

    const rerun = await runTransferCommand(source, destination, dir, ['--account', ...accounts, '--report', join(dir, 'rerun.json')]);
    assert.equal(rerun.code, 0, rerun.stderr + rerun.stdout);
    const completed = readReport(join(dir, 'rerun.json'));
    assert.equal(completed.transferred.length + completed.skipped.length, 100);
    await eachConcurrently(accounts, 8, (account) => assertTransferred(source, destination, account));
    assert.deepEqual(new Set(transfersPerAccount(dir).values()), new Set([1]));
  });

  test('when the source is killed in the middle of 60 accounts, then the destination keeps nothing of the accounts that failed, and once the source is back a rerun re-activates what was left locked and completes the set', async () => {
    const customers = generatedCustomers(60, 23);
    const accounts = accountIds(customers);
    let source = await startTransferServer('sqlite', customers);
    const destination = await startTransferServer('sqlite');
    servers.push(source, destination);
    await moveCountersAndBalances(source, customers);
    const dir = workDir();

    const first = startTransferCommand(source, destination, dir, ['--account', ...accounts, '--report', join(dir, 'first.json')]);
    await transferredInJournal(dir, 20);
    await source.process.kill();
    assert.equal((await first.done).code, 1);
    const { transferred, failed } = readReport(join(dir, 'first.json'));
    assert.ok(failed.some((outcome) => outcome.pending?.includes('source')), 'some roll-back waits for the source');
    await eachConcurrently(
      failed.map((outcome) => outcome.account),
      8,
      async (account) => assert.equal(await heldAccount(destination, account), undefined, `nothing of ${account} in the destination`),
    );

    source = await restartTransferServer(source);
    servers.push(source);
    const rerun = await runTransferCommand(source, destination, dir, ['--account', ...accounts, '--report', join(dir, 'rerun.json')]);
    assert.equal(rerun.code, 0, rerun.stderr + rerun.stdout);
    assert.equal(readReport(join(dir, 'rerun.json')).skipped.length, transferred.length);
    await eachConcurrently(accounts, 8, (account) => assertTransferred(source, destination, account));
    assert.deepEqual(new Set(transfersPerAccount(dir).values()), new Set([1]));
  });
});
