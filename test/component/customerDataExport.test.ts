import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { describeOnStores, startTestServer, type TestServer } from '../helpers/server.ts';
import { assertFailure, placeRechargingLock } from '../helpers/customerData.ts';
import { exportCustomers, exported, imported, sampleCustomer } from '../helpers/customerDataImport.ts';
import { generateCustomers } from '../../src/bulk/generate.ts';
import type { CustomerData } from '../../src/schema/customerData.ts';
import { freshId } from '../helpers/factories.ts';
import { exportCustomers as exportInBulk } from '../../src/bulk/customerExport.ts';

/** The raw body of an export, byte for byte. */
async function exportText(server: TestServer, subscriberAccountId: string): Promise<string> {
  const response = await fetch(`${server.url}/api/v1/customerDataExportImport/customerDataExport`, {
    method: 'POST',
    headers: { ...server.authorization({ user: 'migration' }), 'content-type': 'application/json' },
    body: JSON.stringify({ subscriberAccountId }),
  });
  assert.equal(response.status, 200);
  return response.text();
}

async function exportAll(server: TestServer, ids: string[]): Promise<string[]> {
  const texts: string[] = [];
  for (let i = 0; i < ids.length; i += 8) texts.push(...(await Promise.all(ids.slice(i, i + 8).map((id) => exportText(server, id)))));
  return texts;
}

describeOnStores('customer data export', (server, kind) => {
  const others: TestServer[] = [];
  after(async () => {
    for (const other of others) await other.close();
  });

  test('when no selector is given, then CUSTOMERDATA-1; both, then CUSTOMERDATA-27 (invalid)', async () => {
    assertFailure(await exportCustomers(server(), {}), 400, 'CUSTOMERDATA-1', 'invalid');
    assertFailure(await exportCustomers(server(), { subscriberAccountId: 'SA-X', rootChargingContractId: ['CC-X'] }), 400, 'CUSTOMERDATA-27', 'invalid');
  });

  test('when the account or a root does not exist, then CUSTOMERDATA-2 / -3 (doesNotExist)', async () => {
    assertFailure(await exportCustomers(server(), { subscriberAccountId: 'SA-NONE' }), 404, 'CUSTOMERDATA-2', 'doesNotExist');
    assertFailure(await exportCustomers(server(), { rootChargingContractId: ['CC-NONE'] }), 404, 'CUSTOMERDATA-3', 'doesNotExist');
  });

  test('when roots of two accounts, a root twice or a linked contract are named, then CUSTOMERDATA-4, -5, -6 (invalid)', async () => {
    await imported(server(), [sampleCustomer('EX1'), sampleCustomer('EX2')]);
    assertFailure(await exportCustomers(server(), { rootChargingContractId: ['EX1-CC-0001', 'EX2-CC-0001'] }), 400, 'CUSTOMERDATA-4', 'invalid');
    assertFailure(await exportCustomers(server(), { rootChargingContractId: ['EX1-CC-0001', 'EX1-CC-0001'] }), 400, 'CUSTOMERDATA-5', 'invalid');
    assertFailure(await exportCustomers(server(), { rootChargingContractId: ['EX1-CC-0002'] }), 400, 'CUSTOMERDATA-6', 'invalid');
  });

  test('when roots are named, then the export holds the account, those roots with their linked contracts, and its accounts and tables', async () => {
    const tag = freshId('EX');
    const other = sampleCustomer(tag);
    await imported(server(), [other]);
    const extraRoot = { ...other.chargingContract![1], id: `${tag}-CC-0009`, rootChargingContractId: undefined, chargingContractItem: [] };
    delete extraRoot.rootChargingContractId;
    await imported(server(), [{ subscriberAccount: other.subscriberAccount, chargingContract: [extraRoot] }]);
    const result = await exportCustomers(server(), { rootChargingContractId: [`${tag}-CC-0001`] });
    assert.equal(result.status, 200, JSON.stringify(result.body));
    const data: CustomerData = result.body.customerData;
    assert.deepEqual(data.chargingContract!.map((c) => c.id), [`${tag}-CC-0001`, `${tag}-CC-0002`]);
    const whole = await exported(server(), `SA-${tag}`);
    assert.deepEqual(whole.chargingContract!.map((c) => c.id), [`${tag}-CC-0001`, `${tag}-CC-0002`, `${tag}-CC-0009`]);
    assert.deepEqual({ ...data, chargingContract: undefined }, { ...whole, chargingContract: undefined });
  });

  test('when a recharging lock holds a contract, then the export shows its lock id and still imports elsewhere', async () => {
    const data = sampleCustomer('EXL');
    await imported(server(), [data]);
    await placeRechargingLock(server(), data.chargingContract![0], 'RERATE-7');
    const exportedData = await exported(server(), 'SA-EXL');
    assert.deepEqual(exportedData.chargingContract!.map((c) => c.rechargingLockId), ['RERATE-7', 'RERATE-7']);
    const destination = await startTestServer(kind);
    others.push(destination);
    await imported(destination, [exportedData]);
    assert.deepEqual((await exported(destination, 'SA-EXL')).chargingContract!.map((c) => c.rechargingLockId), [undefined, undefined]);
  });

  test('when every account is exported in bulk, then each line is byte for byte the customerData the export operation returns', async () => {
    // three customers of its own, one held by a recharging lock
    const customers = [sampleCustomer(freshId('EXB')), sampleCustomer(freshId('EXB')), sampleCustomer(freshId('EXB'))];
    await imported(server(), customers);
    const lockId = freshId('RERATE');
    await placeRechargingLock(server(), customers[2].chargingContract![0], lockId);
    const lines: string[] = [];
    const count = await exportInBulk(server().running.store, { all: true }, { write: async (json) => void lines.push(json), close: async () => undefined });
    assert.equal(count, lines.length);
    assert.ok(count >= 3);
    for (const line of lines) {
      const id = JSON.parse(line).subscriberAccount.id;
      assert.equal(line, JSON.stringify(JSON.parse(await exportText(server(), id)).customerData), id);
    }
    assert.ok(lines.some((line) => line.includes(`"rechargingLockId":"${lockId}"`)));
  });

  test('when 1,000 generated customers go export → import into an empty system → export, then the second export is byte-identical', async () => {
    const customers = [...generateCustomers({ count: 1000, seed: 42 })];
    await imported(server(), customers);
    const ids = customers.map((c) => c.subscriberAccount.id);
    const first = await exportAll(server(), ids);
    const destination = await startTestServer(kind);
    others.push(destination);
    const summary = await imported(destination, first.map((text) => JSON.parse(text).customerData));
    assert.deepEqual(summary.chargingContract, { created: 3000, unchanged: 0 });
    const second = await exportAll(destination, ids);
    assert.equal(second.length, 1000);
    for (let i = 0; i < ids.length; i++) assert.equal(second[i], first[i], `customer ${ids[i]}`);
  });
});
