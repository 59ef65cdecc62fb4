// `convergent transfer` end to end: two real server processes, the source on
// SQLite and the destination on PostgreSQL, customers generated with moved
// counters and balances, checked afterwards through both servers' APIs.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PG_AVAILABLE } from '../helpers/stores.ts';
import {
  accountIds,
  eachConcurrently,
  generatedCustomers,
  heldAccount,
  moveCountersAndBalances,
  readReport,
  runTransferCommand,
  assertTransferred,
  sourceStatuses,
  startTransferServer,
  stopTransferServer,
  type TransferServer,
} from '../helpers/transfer.ts';
import { FaultyProxy } from '../helpers/faultyProxy.ts';
import { SAMPLE_CATALOG } from '../../src/app.ts';

const ACCOUNTS = 200;

describe('convergent transfer [SQLite source, PostgreSQL destination]', () => {
  if (!PG_AVAILABLE) {
    test('PostgreSQL unreachable', { skip: 'no PostgreSQL at CONVERGENT_TEST_PG_URL' }, () => undefined);
    return;
  }
  // 200 for the main transfer, then a few for each further case
  const customers = generatedCustomers(ACCOUNTS + 30, 11);
  const main = customers.slice(0, ACCOUNTS);
  const [closing, conflicting, rechargingHeld, failingLate] = [0, 1, 2, 3].map((n) => customers.slice(ACCOUNTS + 5 * n, ACCOUNTS + 5 * n + 5));
  let source: TransferServer;
  let destination: TransferServer;
  let dir: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'convergent-transfer-'));
    [source, destination] = await Promise.all([startTransferServer('sqlite', customers), startTransferServer('postgres')]);
    await moveCountersAndBalances(source, customers);
  });
  after(async () => {
    await Promise.all([stopTransferServer(source), stopTransferServer(destination)]);
    rmSync(dir, { recursive: true, force: true });
  });

  test(`when ${ACCOUNTS} accounts with moved counters and balances are transferred, then the destination holds the same customer data, counters and balances with contracts active, and the source holds them locked`, async () => {
    const accountsFile = join(dir, 'accounts.txt');
    writeFileSync(accountsFile, `# the main set\n${accountIds(main).join('\n')}\n`);
    const report = join(dir, 'main.json');
    const result = await runTransferCommand(source, destination, dir, ['--accounts-file', accountsFile, '--report', report, '--parallel', '8']);
    assert.equal(result.code, 0, result.stderr + result.stdout);
    assert.match(result.stdout, new RegExp(`${ACCOUNTS} accounts: ${ACCOUNTS} transferred, 0 skipped, 0 failed`));
    const { transferred, failed } = readReport(report);
    assert.deepEqual(failed, []);
    assert.deepEqual(transferred.map((outcome) => outcome.account).sort(), accountIds(main).sort());
    await eachConcurrently(accountIds(main), 8, (account) => assertTransferred(source, destination, account));
  });

  test('when the same transfer runs again with its journal, then every account is skipped as already transferred', async () => {
    const report = join(dir, 'again.json');
    const result = await runTransferCommand(source, destination, dir, ['--account', ...accountIds(main.slice(0, 20)), '--report', report]);
    assert.equal(result.code, 0, result.stderr);
    const { transferred, skipped } = readReport(report);
    assert.equal(transferred.length, 0);
    assert.deepEqual(new Set(skipped.map((outcome) => outcome.reason)), new Set(['already transferred']));
  });

  test('when accounts are transferred with --close-source, then their source contracts end closed', async () => {
    const result = await runTransferCommand(source, destination, dir, ['--account', ...accountIds(closing), '--close-source']);
    assert.equal(result.code, 0, result.stderr + result.stdout);
    for (const account of accountIds(closing)) await assertTransferred(source, destination, account, 'closed');
  });

  test('when one customer conflicts in the destination, then it is reported failed with the code, its source contracts are active again, and the others are transferred', async () => {
    const victim = conflicting[2];
    const taken = victim.chargingContract![1];
    // another subscriber account of the destination holds a contract with the id of the victim's second root
    const other = { id: 'SA-CONFLICT-OWNER', subscriberId: 'BP-CONFLICT-OWNER' };
    assert.equal((await destination.client.call('suacProvisioning', 'subscriberAccountMaintain', { subscriberAccount: other })).body.status, 'return');
    const squatter = { id: taken.id, subscriberAccountId: other.id, chargingContractItem: [{ id: 'TOPUP', refillPlanClassId: 'RP_TOPUP', period: [{ start: '2026-01-01T00:00:00' }] }] };
    assert.equal((await destination.client.call('contractProvisioning', 'chargingContractMaintain', { chargingContract: squatter })).body.status, 'return');

    const report = join(dir, 'conflict.json');
    const result = await runTransferCommand(source, destination, dir, ['--account', ...accountIds(conflicting), '--report', report]);
    assert.equal(result.code, 1);
    const { transferred, failed } = readReport(report);
    assert.deepEqual(failed.map(({ account, code, step }) => ({ account, code, step })), [{ account: victim.subscriberAccount.id, code: 'CUSTOMERDATA-25', step: 'imported' }]);
    assert.match(result.stdout, /CUSTOMERDATA-25/);
    assert.equal(transferred.length, 4);
    assert.deepEqual(await sourceStatuses(source, victim), ['active', 'active']);
    assert.equal(await heldAccount(destination, victim.subscriberAccount.id), undefined, 'nothing of the victim in the destination');
    const stillThere = await destination.client.call('contractProvisioning', 'chargingContractRead', { chargingContractId: taken.id });
    assert.equal(stillThere.body.chargingContract.subscriberAccountId, other.id, 'the conflicting contract is left alone');
    for (const customer of conflicting.filter((c) => c !== victim)) await assertTransferred(source, destination, customer.subscriberAccount.id);
  });

  test('when one root of an account is held by a recharging lock in the source, then the account fails with OPERATIONALSTATUS-6 and its other root is active again', async () => {
    const held = rechargingHeld[0];
    const [, second] = held.chargingContract!;
    const collection = { subscriberAccountId: held.subscriberAccount.id, chargingContractId: [second.id] };
    const lock = await source.client.call('recharging', 'chargingContractCollectionLock', { chargingContractCollection: collection, rechargingLockId: 'RERATE-1' });
    assert.equal(lock.body.status, 'return', JSON.stringify(lock.body));
    const report = join(dir, 'recharging.json');
    const result = await runTransferCommand(source, destination, dir, ['--account', held.subscriberAccount.id, '--report', report]);
    assert.equal(result.code, 1);
    const [failure] = readReport(report).failed;
    assert.equal(failure.code, 'OPERATIONALSTATUS-6');
    assert.equal(failure.step, 'locked');
    assert.deepEqual(await sourceStatuses(source, held), ['active', 'active']);
    assert.equal(await heldAccount(destination, held.subscriberAccount.id), undefined);
  });

  test('when activating in the destination fails after the import, then the destination is left without what the transfer imported (and keeps what it held before), and the source is active again', async () => {
    const [first, second] = failingLate;
    const [root1, root2] = second.chargingContract!;
    // the account is partly in the destination already: its first root went before, with the accounts and tables
    const before = await runTransferCommand(source, destination, dir, ['--contract', root1.id]);
    assert.equal(before.code, 0, before.stderr + before.stdout);
    const held = (await heldAccount(destination, second.subscriberAccount.id))!;

    const proxy = new FaultyProxy(destination.url);
    const activation = (path: string, body: string) => path.endsWith('/chargingContractOperationalStatusChange') && body.includes(root2.id) && body.includes('"active"');
    proxy.refuse = (path, body) => (activation(path, body) ? { status: 409, code: 'OPERATIONALSTATUS-6', category: 'illegalState' } : undefined);
    await proxy.open();
    try {
      const proxied = mkdtempSync(join(dir, 'proxied-'));
      const report = join(proxied, 'report.json');
      const result = await runTransferCommand(source, proxy, proxied, ['--contract', root2.id, first.chargingContract![0].id, '--report', report]);
      assert.equal(result.code, 1, result.stdout);
      const { failed, transferred } = readReport(report);
      assert.deepEqual(failed.map(({ account, code, step, pending }) => ({ account, code, step, pending })), [
        { account: second.subscriberAccount.id, code: 'OPERATIONALSTATUS-6', step: 'activated', pending: undefined },
      ]);
      assert.deepEqual(transferred.map((outcome) => outcome.account), [first.subscriberAccount.id]);
    } finally {
      await proxy.close();
    }
    const after = (await heldAccount(destination, second.subscriberAccount.id))!;
    assert.deepEqual(after.data, held.data, 'the destination holds what it held before: the first root, accounts and tables');
    assert.deepEqual(await sourceStatuses(source, second), ['locked', 'active'], 'the first root stays transferred, the second is active again');
  });

  test('when the destination catalog differs, then the transfer is refused naming what differs before anything is locked', async () => {
    const catalog = JSON.parse(readFileSync(SAMPLE_CATALOG, 'utf8'));
    catalog.chargePlans[0].counters.push({ name: 'SECONDS_USED', initialValue: '0' });
    catalog.currencies.push({ code: 'CHF', digits: 2 });
    const catalogFile = join(dir, 'other-catalog.json');
    writeFileSync(catalogFile, JSON.stringify(catalog));
    const elsewhere = await startTransferServer('sqlite', [], { catalogFile });
    try {
      const untouched = customers[ACCOUNTS + 29];
      const refusedDir = mkdtempSync(join(dir, 'refused-'));
      const result = await runTransferCommand(source, elsewhere, refusedDir, ['--account', untouched.subscriberAccount.id]);
      assert.equal(result.code, 1);
      assert.match(result.stderr, /TRANSFER-100/);
      assert.match(result.stderr, /chargePlans: CP_VOICE differs/);
      assert.match(result.stderr, /currencies: only in the destination: CHF/);
      assert.deepEqual(await sourceStatuses(source, untouched), ['active', 'active']);
      assert.equal(await heldAccount(elsewhere, untouched.subscriberAccount.id), undefined);
    } finally {
      await stopTransferServer(elsewhere);
    }
  });
});
