import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeOnStores } from '../helpers/server.ts';
import { assertFailure, changeStatus, placeRechargingLock, readContract } from '../helpers/customerData.ts';
import { copy, exported, importCustomers, imported, sampleCustomer } from '../helpers/customerDataImport.ts';
import type { CustomerData } from '../../src/schema/customerData.ts';
import { freshId } from '../helpers/factories.ts';

const created = (n: number) => ({ created: n, unchanged: 0 });
const unchanged = (n: number) => ({ created: 0, unchanged: n });

describeOnStores('customer data import', (server) => {
  /** the sample customer under a fresh tag, imported: what a test finds already in the system */
  const importedSample = async (): Promise<{ tag: string; data: CustomerData }> => {
    const tag = freshId('IMP');
    const data = sampleCustomer(tag);
    await imported(server(), [data]);
    return { tag, data };
  };

  test('when the sample customer is imported, then every object is created, roots locked, linked following them, prepaid balance 0', async () => {
    const tag = freshId('IMP');
    const summary = await imported(server(), [sampleCustomer(tag)]);
    assert.deepEqual(summary, {
      subscriberAccount: created(1),
      externalAccount: created(1),
      prepaidAccount: created(1),
      subscriberMappingTable: { ...created(1), replaced: 0 },
      subscriberRangeTable: { ...created(1), replaced: 0 },
      chargingContract: created(2),
    });
    const data = await exported(server(), `SA-${tag}`);
    assert.deepEqual(data.chargingContract!.map((c) => c.operationalStatus), ['locked', 'locked']);
    assert.equal(data.prepaidAccount![0].balance, '0');
    assert.equal(data.prepaidAccount![0].currentState, 'active');
    const root = await readContract(server(), `${tag}-CC-0001`);
    assert.match(root.body.chargingContract.transferDate, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    // the linked contract follows its root
    assert.equal((await changeStatus(server(), `${tag}-CC-0001`, 'active')).status, 200);
    assert.equal((await readContract(server(), `${tag}-CC-0002`)).body.chargingContract.operationalStatus, 'active');
  });

  test('when the same import is sent again, then it succeeds and every object is unchanged', async () => {
    const { tag } = await importedSample();
    const summary = await imported(server(), [sampleCustomer(tag)]);
    assert.deepEqual(summary, {
      subscriberAccount: unchanged(1),
      externalAccount: unchanged(1),
      prepaidAccount: unchanged(1),
      subscriberMappingTable: { ...unchanged(1), replaced: 0 },
      subscriberRangeTable: { ...unchanged(1), replaced: 0 },
      chargingContract: unchanged(2),
    });
  });

  test('when active is asked, then root contracts start active; closed is refused CUSTOMERDATA-26', async () => {
    await imported(server(), [sampleCustomer('ACT')], { chargingContractOperationalStatusChangedTo: 'active' });
    assert.equal((await readContract(server(), 'ACT-CC-0002')).body.chargingContract.operationalStatus, 'active');
    const closed = await importCustomers(server(), [sampleCustomer('CLO')], { chargingContractOperationalStatusChangedTo: 'closed' });
    assertFailure(closed, 400, 'CUSTOMERDATA-26', 'invalid');
  });

  test('when the subscriber account exists with other content, then it is kept as it is and the rest imported', async () => {
    const first = sampleCustomer('KEEP');
    await imported(server(), [{ subscriberAccount: first.subscriberAccount }]);
    const second = copy(first);
    second.subscriberAccount.description = 'another description';
    const summary = await imported(server(), [second]);
    assert.deepEqual(summary.subscriberAccount, unchanged(1));
    assert.deepEqual(summary.chargingContract, created(2));
    assert.equal((await exported(server(), 'SA-KEEP')).subscriberAccount.description, first.subscriberAccount.description);
  });

  test('when an account or contract exists with other content, then CUSTOMERDATA-23, -24, -25 (alreadyExists)', async () => {
    const { tag, data: base } = await importedSample();
    const external = copy(base);
    external.externalAccount![0].externalSystemCode = 'OTHER';
    assertFailure(await importCustomers(server(), [external]), 409, 'CUSTOMERDATA-23', 'alreadyExists');
    const prepaid = copy(base);
    prepaid.prepaidAccount![0].emptyLimit = '-5';
    assertFailure(await importCustomers(server(), [prepaid]), 409, 'CUSTOMERDATA-24', 'alreadyExists');
    const contract = copy(base);
    contract.chargingContract![1].additionalInfo = [{ name: 'X', string: 'y' }];
    assertFailure(await importCustomers(server(), [contract]), 409, 'CUSTOMERDATA-25', 'alreadyExists');
    // a contract id of another subscriber account exists with other content too
    const elsewhere = sampleCustomer('ELSE');
    elsewhere.chargingContract![0].id = `${tag}-CC-0001`;
    elsewhere.chargingContract!.pop();
    assertFailure(await importCustomers(server(), [elsewhere]), 409, 'CUSTOMERDATA-25', 'alreadyExists');
  });

  test('when a table exists with other content, then CUSTOMERDATA-13 / -16, unless overwrite replaces it', async () => {
    const { tag } = await importedSample();
    const changed = sampleCustomer(tag);
    changed.subscriberMappingTable![0].row![0].column[1].number = '75';
    assertFailure(await importCustomers(server(), [changed]), 409, 'CUSTOMERDATA-13', 'alreadyExists');
    const range = sampleCustomer(tag);
    range.subscriberRangeTable![0].description = 'tiers';
    assertFailure(await importCustomers(server(), [range]), 409, 'CUSTOMERDATA-16', 'alreadyExists');
    changed.subscriberRangeTable = range.subscriberRangeTable;
    const summary = await imported(server(), [changed], { onAlreadyExistingTable: 'overwrite' });
    assert.deepEqual(summary.subscriberMappingTable, { created: 0, unchanged: 0, replaced: 1 });
    assert.deepEqual(summary.subscriberRangeTable, { created: 0, unchanged: 0, replaced: 1 });
    const data = await exported(server(), `SA-${tag}`);
    assert.equal(data.subscriberMappingTable![0].row![0].column[1].number, '75');
    assert.equal(data.subscriberRangeTable![0].description, 'tiers');
  });

  test('when a table id belongs to another subscriber account, then CUSTOMERDATA-29 (illegalState), overwrite or not', async () => {
    const { data: owner } = await importedSample();
    const other = sampleCustomer('TBL');
    other.subscriberMappingTable![0].id = owner.subscriberMappingTable![0].id;
    for (const extra of [{}, { onAlreadyExistingTable: 'overwrite' }]) {
      assertFailure(await importCustomers(server(), [other], extra), 409, 'CUSTOMERDATA-29', 'illegalState');
    }
  });

  const variants: Array<[string, string, string, (data: CustomerData) => void]> = [
    ['an external account is given twice', 'CUSTOMERDATA-7', 'invalid', (d) => d.externalAccount!.push(copy(d.externalAccount![0]))],
    ['an external account names another subscriber account', 'CUSTOMERDATA-8', 'invalid', (d) => (d.externalAccount![0].subscriberAccountId = 'SA-OTHER')],
    ['a prepaid account is given twice', 'CUSTOMERDATA-9', 'invalid', (d) => d.prepaidAccount!.push(copy(d.prepaidAccount![0]))],
    ['a prepaid account names another subscriber account', 'CUSTOMERDATA-10', 'invalid', (d) => (d.prepaidAccount![0].subscriberAccountId = 'SA-OTHER')],
    ['a mapping table is given twice', 'CUSTOMERDATA-11', 'invalid', (d) => d.subscriberMappingTable!.push(copy(d.subscriberMappingTable![0]))],
    ['a mapping table names another subscriber account', 'CUSTOMERDATA-12', 'invalid', (d) => (d.subscriberMappingTable![0].subscriberAccountId = 'SA-OTHER')],
    ['a range table names another subscriber account', 'CUSTOMERDATA-19', 'invalid', (d) => (d.subscriberRangeTable![0].subscriberAccountId = 'SA-OTHER')],
    ['a range table is given twice', 'CUSTOMERDATA-100', 'invalid', (d) => d.subscriberRangeTable!.push(copy(d.subscriberRangeTable![0]))],
    ['a contract names another subscriber account', 'CUSTOMERDATA-18', 'invalid', (d) => (d.chargingContract![1].subscriberAccountId = 'SA-OTHER')],
    ['a contract is given twice', 'CUSTOMERDATA-101', 'invalid', (d) => d.chargingContract!.push(copy(d.chargingContract![1]))],
    ['an allowance is given twice in a contract', 'CUSTOMERDATA-30', 'invalid', (d) => d.chargingContract![0].allowance!.push(copy(d.chargingContract![0].allowance![0]))],
    ['a linked contract names a root neither in the request nor in the system', 'CUSTOMERDATA-20', 'prerequisiteMissing', (d) => d.chargingContract!.shift()],
    ['a plan is not in the catalog', 'CHARGINGCONTRACT-102', 'prerequisiteMissing', (d) => (d.chargingContract![0].chargingContractItem![0].chargePlanClassId = 'CP_NONE')],
    ['a mapping table class is not in the catalog', 'MAPPINGTABLE-102', 'prerequisiteMissing', (d) => (d.subscriberMappingTable![0].mappingTableClassId = 'NONE')],
    ['a range table class is not in the catalog', 'RANGETABLE-100', 'prerequisiteMissing', (d) => (d.subscriberRangeTable![0].rangeTableClassId = 'NONE')],
    ['a prepaid currency is not in the catalog', 'PREPAIDACCOUNT-102', 'prerequisiteMissing', (d) => (d.prepaidAccount![0].currencyCode = 'XXX')],
    ['an external currency is not in the catalog', 'EXTERNALACCOUNT-102', 'prerequisiteMissing', (d) => (d.externalAccount![0].currencyCode = 'XXX')],
    ['a new subscriber account names a tax code not in the catalog', 'SUBSCRIBERACCOUNT-102', 'prerequisiteMissing', (d) => (d.subscriberAccount.tax!.vat!.taxCode = 'NONE')],
    ['a contract assigns an account the customer does not have', 'CHARGINGCONTRACT-112', 'prerequisiteMissing', (d) => d.externalAccount!.pop()],
    ['a linked contract pools a counter its root does not declare', 'CHARGINGCONTRACT-111', 'invalid', (d) => delete d.chargingContract![0].chargingContractItem![0].period[0].pooledCounter],
  ];
  for (const [n, [situation, code, category, change]] of variants.entries()) {
    test(`when ${situation}, then ${code} (${category}) and nothing is imported`, async () => {
      const data = sampleCustomer(`V${n}`);
      change(data);
      const result = await importCustomers(server(), [data]);
      assertFailure(result, category === 'invalid' ? 400 : category === 'prerequisiteMissing' ? 422 : 409, code, category);
      const read = await server().call('suacProvisioning', 'subscriberAccountRead', { subscriberAccountId: data.subscriberAccount.id });
      assert.equal(read.status, 404);
    });
  }

  test('when a user service id is used by a contract in the system at the same time, then CHARGINGCONTRACT-108', async () => {
    const { data: inSystem } = await importedSample();
    const data = sampleCustomer('USID');
    const identifier = (d: CustomerData) => d.chargingContract![0].chargingContractItem![0].period[0].userTechnicalIdentifier![0];
    identifier(data).userServiceId = identifier(inSystem).userServiceId;
    assertFailure(await importCustomers(server(), [data]), 409, 'CHARGINGCONTRACT-108', 'illegalState');
  });

  test('when a linked contract names a root of another subscriber account, then CUSTOMERDATA-21 (prerequisiteMissing)', async () => {
    const { tag } = await importedSample();
    const data = sampleCustomer('ROOT');
    data.chargingContract!.shift();
    data.chargingContract![0].rootChargingContractId = `${tag}-CC-0001`;
    assertFailure(await importCustomers(server(), [data]), 422, 'CUSTOMERDATA-21', 'prerequisiteMissing');
  });

  test('when a linked contract names the root of a customer data that comes later in the same request, then it is that root: CUSTOMERDATA-21 for another account, imported for the same one', async () => {
    // the root is in the request: of another account, whichever comes first
    const owner = sampleCustomer('ORDER-A');
    const other = sampleCustomer('ORDER-B');
    other.chargingContract![1].rootChargingContractId = 'ORDER-A-CC-0001';
    assertFailure(await importCustomers(server(), [other, copy(owner)]), 422, 'CUSTOMERDATA-21', 'prerequisiteMissing');
    assertFailure(await importCustomers(server(), [copy(owner), other]), 422, 'CUSTOMERDATA-21', 'prerequisiteMissing');
    // the same account given twice, its linked contract (and the accounts it is assigned) before its root
    const { prepaidAccount, externalAccount, ...split } = sampleCustomer('ORDER-C');
    const linked = split.chargingContract!.pop()!;
    const summary = await imported(server(), [{ subscriberAccount: split.subscriberAccount, prepaidAccount, externalAccount, chargingContract: [linked] }, split]);
    assert.deepEqual(summary.chargingContract, created(2));
    const data = await exported(server(), 'SA-ORDER-C');
    assert.deepEqual(
      data.chargingContract!.map((c) => [c.id, c.rootChargingContractId ?? null]),
      [['ORDER-C-CC-0001', null], ['ORDER-C-CC-0002', 'ORDER-C-CC-0001']],
    );
  });

  test('when a linked contract names a root already in the system, then it is imported under it', async () => {
    const rootOnly = sampleCustomer('LATE');
    const linked = rootOnly.chargingContract!.pop()!;
    await imported(server(), [rootOnly]);
    const summary = await imported(server(), [{ subscriberAccount: rootOnly.subscriberAccount, chargingContract: [linked] }]);
    assert.deepEqual(summary.chargingContract, created(1));
  });

  test('when a request of 3 customers has a conflict in the 3rd, then nothing of the 3 is imported', async () => {
    const { tag } = await importedSample();
    const third = sampleCustomer(tag);
    third.externalAccount![0].description = 'differs';
    const result = await importCustomers(server(), [sampleCustomer('B1'), sampleCustomer('B2'), third]);
    assertFailure(result, 409, 'CUSTOMERDATA-23', 'alreadyExists');
    for (const id of ['SA-B1', 'SA-B2']) {
      assert.equal((await server().call('suacProvisioning', 'subscriberAccountRead', { subscriberAccountId: id })).status, 404);
    }
  });

  test('when a recharging lock holds a contract, then re-importing it is illegalState', async () => {
    const data = sampleCustomer('LOCK');
    await imported(server(), [data]);
    await placeRechargingLock(server(), data.chargingContract![0], 'RERATE-1');
    assertFailure(await importCustomers(server(), [data]), 409, 'CHARGINGCONTRACT-115', 'illegalState');
  });

  test('when what an export gave is imported again, then it is unchanged: read-side fields are ignored', async () => {
    const { tag } = await importedSample();
    // its root activated, so that the export's read-side fields differ from what was imported
    assert.equal((await changeStatus(server(), `${tag}-CC-0001`, 'active')).status, 200);
    const data = await exported(server(), `SA-${tag}`);
    const summary = await imported(server(), [data]);
    assert.deepEqual(summary.chargingContract, unchanged(2));
    assert.deepEqual(summary.prepaidAccount, unchanged(1));
  });

  test('when a provisioning user imports, then it is forbidden; migration may', async () => {
    const result = await server().call('customerDataExportImport', 'customerDataImport', { customerData: [sampleCustomer('ROLE')] }, { user: 'provisioning' });
    assertFailure(result, 403, 'CC-SEC-AUTH-6', 'invalid');
  });
});
