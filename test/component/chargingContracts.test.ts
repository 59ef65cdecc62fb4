import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeOnStores } from '../helpers/server.ts';
import {
  assertFailure,
  maintainContract,
  placeRechargingLock,
  provisionAccount,
  provisionSample,
  readContract,
  releaseRechargingLock,
  taggedSample,
} from '../helpers/customerData.ts';
import type { ChargingContract } from '../../src/schema/customerData.ts';

const copy = <T>(value: T): T => structuredClone(value);
const firstPeriod = (contract: ChargingContract) => contract.chargingContractItem![0].period[0];

describeOnStores('charging contracts', (server) => {
  test('when the sample root and linked contract are maintained, then they read back as sent with status active and no lock', async () => {
    const sample = taggedSample('read');
    await provisionAccount(server(), sample);
    for (const contract of [sample.root, sample.linked]) {
      const maintained = await maintainContract(server(), contract);
      assert.equal(maintained.status, 200);
      assert.deepEqual(maintained.body, { status: 'return', id: contract.id });
    }
    for (const contract of [sample.root, sample.linked]) {
      const read = await readContract(server(), contract.id);
      assert.deepEqual(read.body, { status: 'return', chargingContract: { ...contract, operationalStatus: 'active' } });
    }
  });

  test('when an identical contract is maintained again, even with its read side, then it succeeds and nothing changes', async () => {
    const { root } = await provisionSample(server(), 'same');
    const asRead = (await readContract(server(), root.id)).body.chargingContract;
    const again = await maintainContract(server(), asRead);
    assert.deepEqual(again.body, { status: 'return', id: root.id });
    assert.deepEqual((await readContract(server(), root.id)).body.chargingContract, asRead);
  });

  test('when a contract is maintained with other content, then it is replaced and its status kept', async () => {
    const { root } = await provisionSample(server(), 'replace');
    const changed = copy(root);
    firstPeriod(changed).parameter![0].number = '600';
    changed.additionalInfo = [{ name: 'CHANNEL', string: 'shop' }];
    assert.equal((await maintainContract(server(), changed)).body.status, 'return');
    assert.deepEqual((await readContract(server(), root.id)).body.chargingContract, { ...changed, operationalStatus: 'active' });
  });

  test('when the contract id belongs to another subscriber account, then maintain is alreadyExists CHARGINGCONTRACT-107', async () => {
    const { root } = await provisionSample(server(), 'owned');
    const other = taggedSample('owner2');
    await provisionAccount(server(), other);
    const stolen = { ...other.root, id: root.id };
    assertFailure(await maintainContract(server(), stolen), 409, 'CHARGINGCONTRACT-107', 'alreadyExists');
  });

  test('when the subscriber account does not exist, then maintain is prerequisiteMissing CHARGINGCONTRACT-101', async () => {
    const { root } = taggedSample('noaccount');
    assertFailure(await maintainContract(server(), root), 422, 'CHARGINGCONTRACT-101', 'prerequisiteMissing');
  });

  test('when a catalog reference does not exist, then maintain is prerequisiteMissing CHARGINGCONTRACT-102 and nothing is stored', async () => {
    const sample = taggedSample('catalog');
    await provisionAccount(server(), sample);
    const mutations: Array<(c: ChargingContract) => void> = [
      (c) => (c.chargingContractItem![0].chargePlanClassId = 'CP_NONE'),
      (c) => (c.allowance![0].allowancePlanId = 'AP_NONE'),
      (c) => (firstPeriod(c).pooledCounter = [{ name: 'NO_SUCH_COUNTER' }]),
      (c) => (firstPeriod(c).sharedCounter = [{ name: 'NO_SUCH_COUNTER' }]),
    ];
    for (const mutate of mutations) {
      const contract = copy(sample.root);
      mutate(contract);
      assertFailure(await maintainContract(server(), contract), 422, 'CHARGINGCONTRACT-102', 'prerequisiteMissing');
    }
    assertFailure(await readContract(server(), sample.root.id), 404, 'CHARGINGCONTRACT-100', 'doesNotExist');
  });

  test('when periods, parameters or ids break the plan rules, then maintain is invalid with the rule code', async () => {
    const sample = taggedSample('rules');
    await provisionAccount(server(), sample);
    const cases: Array<[string, (c: ChargingContract) => void]> = [
      ['CHARGINGCONTRACT-104', (c) => (firstPeriod(c).end = '2025-06-01T00:00:00')],
      ['CHARGINGCONTRACT-104', (c) => c.chargingContractItem![0].period.push({ ...copy(firstPeriod(c)), start: '2026-06-01T00:00:00' })],
      ['CHARGINGCONTRACT-105', (c) => (firstPeriod(c).parameter = [{ name: 'TARIFF_ZONE', string: 'EU' }])],
      ['CHARGINGCONTRACT-106', (c) => firstPeriod(c).parameter!.push({ name: 'UNKNOWN', string: 'x' })],
      ['CHARGINGCONTRACT-106', (c) => firstPeriod(c).parameter!.push({ name: 'TARIFF_ZONE', string: 'US' })],
      ['CHARGINGCONTRACT-106', (c) => (firstPeriod(c).parameter![0] = { name: 'FREE_MINUTES', string: '300' })],
      ['CHARGINGCONTRACT-113', (c) => (c.chargingContractItem![1].id = c.chargingContractItem![0].id)],
      ['CHARGINGCONTRACT-113', (c) => c.allowance!.push(copy(c.allowance![0]))],
    ];
    for (const [code, mutate] of cases) {
      const contract = copy(sample.root);
      mutate(contract);
      assertFailure(await maintainContract(server(), contract), 400, code, 'invalid');
    }
  });

  test('when an item names two plan classes or none, then the schema refuses it with REQUEST-110', async () => {
    const sample = taggedSample('choice');
    await provisionAccount(server(), sample);
    const two = copy(sample.root);
    two.chargingContractItem![0].refillPlanClassId = 'RP_TOPUP';
    assertFailure(await maintainContract(server(), two), 400, 'REQUEST-110', 'invalid');
    const none = copy(sample.root);
    delete none.chargingContractItem![0].chargePlanClassId;
    assertFailure(await maintainContract(server(), none), 400, 'REQUEST-110', 'invalid');
  });

  test('when a linked contract names a missing root, then CHARGINGCONTRACT-109; a linked or foreign root, then -110', async () => {
    const sample = await provisionSample(server(), 'roots');
    const orphan = { ...copy(sample.linked), id: 'roots-orphan', rootChargingContractId: 'roots-none' };
    assertFailure(await maintainContract(server(), orphan), 422, 'CHARGINGCONTRACT-109', 'prerequisiteMissing');
    const underLinked = { ...copy(sample.linked), id: 'roots-under-linked', rootChargingContractId: sample.linked.id };
    delete firstPeriod(underLinked).userTechnicalIdentifier;
    assertFailure(await maintainContract(server(), underLinked), 400, 'CHARGINGCONTRACT-110', 'invalid');
    const other = await provisionSample(server(), 'roots2');
    const foreign = { ...copy(other.linked), id: 'roots-foreign', rootChargingContractId: sample.root.id };
    delete firstPeriod(foreign).userTechnicalIdentifier;
    assertFailure(await maintainContract(server(), foreign), 400, 'CHARGINGCONTRACT-110', 'invalid');
  });

  test('when a linked contract pools a counter its root does not, or the root stops pooling it, then CHARGINGCONTRACT-111', async () => {
    const sample = taggedSample('pool');
    await provisionAccount(server(), sample);
    const rootWithoutPool = copy(sample.root);
    delete firstPeriod(rootWithoutPool).pooledCounter;
    assert.equal((await maintainContract(server(), rootWithoutPool)).body.status, 'return');
    assertFailure(await maintainContract(server(), sample.linked), 400, 'CHARGINGCONTRACT-111', 'invalid');
    assert.equal((await maintainContract(server(), sample.root)).body.status, 'return');
    assert.equal((await maintainContract(server(), sample.linked)).body.status, 'return');
    assertFailure(await maintainContract(server(), rootWithoutPool), 400, 'CHARGINGCONTRACT-111', 'invalid');
  });

  test('when an existing contract would switch between root and linked, then CHARGINGCONTRACT-116', async () => {
    const sample = await provisionSample(server(), 'switch');
    const unlinked = copy(sample.linked);
    delete unlinked.rootChargingContractId;
    assertFailure(await maintainContract(server(), unlinked), 400, 'CHARGINGCONTRACT-116', 'invalid');
    const other = { ...copy(sample.root), id: 'switch-root2', chargingContractItem: [], allowance: [] };
    assert.equal((await maintainContract(server(), other)).body.status, 'return');
    assertFailure(await maintainContract(server(), { ...sample.linked, rootChargingContractId: other.id }), 400, 'CHARGINGCONTRACT-116', 'invalid');
  });

  test('when an account assignment names a missing account or the wrong type, then CHARGINGCONTRACT-112', async () => {
    const sample = taggedSample('assign');
    await provisionAccount(server(), sample);
    const missing = copy(sample.root);
    firstPeriod(missing).accountAssignment = [{ name: 'MAIN', accountId: 'PP-NONE', type: 'prepaid' }];
    assertFailure(await maintainContract(server(), missing), 422, 'CHARGINGCONTRACT-112', 'prerequisiteMissing');
    const wrongType = copy(sample.root);
    firstPeriod(wrongType).accountAssignment = [{ name: 'MAIN', accountId: 'PP-1', type: 'postpaid' }];
    assertFailure(await maintainContract(server(), wrongType), 422, 'CHARGINGCONTRACT-112', 'prerequisiteMissing');
  });

  test('when another contract uses a user service id at the same time, then CHARGINGCONTRACT-108; once its use ended, then it may be reused', async () => {
    const sample = await provisionSample(server(), 'usid');
    const rival = { ...copy(sample.root), id: 'usid-rival', allowance: undefined, chargingContractItem: [copy(sample.root.chargingContractItem![0])] };
    firstPeriod(rival).start = '2026-03-01T00:00:00';
    assertFailure(await maintainContract(server(), rival), 409, 'CHARGINGCONTRACT-108', 'illegalState');
    const ended = copy(sample.root);
    firstPeriod(ended).end = '2026-03-01T00:00:00';
    assert.equal((await maintainContract(server(), ended)).body.status, 'return');
    assert.equal((await maintainContract(server(), rival)).body.status, 'return');
  });

  test('when a recharging lock holds a contract or its root, then maintain and cancel are illegalState CHARGINGCONTRACT-115', async () => {
    const sample = await provisionSample(server(), 'rlock');
    await placeRechargingLock(server(), sample.root, 'RL-1');
    const changed = copy(sample.linked);
    changed.additionalInfo = [{ name: 'NOTE', string: 'x' }];
    assertFailure(await maintainContract(server(), changed), 409, 'CHARGINGCONTRACT-115', 'illegalState');
    assertFailure(await maintainContract(server(), sample.root), 409, 'CHARGINGCONTRACT-115', 'illegalState');
    const cancel = await server().call('contractProvisioning', 'chargingContractCancel', { id: sample.linked.id });
    assertFailure(cancel, 409, 'CHARGINGCONTRACT-115', 'illegalState');
    const newLinked = { ...copy(sample.linked), id: 'rlock-new-linked' };
    delete firstPeriod(newLinked).userTechnicalIdentifier;
    assertFailure(await maintainContract(server(), newLinked), 409, 'CHARGINGCONTRACT-115', 'illegalState');
    const read = await readContract(server(), sample.linked.id);
    assert.equal(read.body.chargingContract.rechargingLockId, 'RL-1');
    await releaseRechargingLock(server(), sample.root);
    assert.equal((await maintainContract(server(), changed)).body.status, 'return');
  });

  test('when a root with linked contracts is cancelled, then CHARGINGCONTRACT-114; linked first, then both go', async () => {
    const sample = await provisionSample(server(), 'cancel');
    const cancel = (id: string) => server().call('contractProvisioning', 'chargingContractCancel', { id });
    assertFailure(await cancel(sample.root.id), 409, 'CHARGINGCONTRACT-114', 'illegalState');
    assert.deepEqual((await cancel(sample.linked.id)).body, { status: 'return', id: sample.linked.id });
    assert.deepEqual((await cancel(sample.root.id)).body, { status: 'return', id: sample.root.id });
    assertFailure(await readContract(server(), sample.root.id), 404, 'CHARGINGCONTRACT-100', 'doesNotExist');
    assertFailure(await cancel(sample.root.id), 404, 'CHARGINGCONTRACT-100', 'doesNotExist');
    // its user service ids are free again
    const reused = { ...copy(sample.root), id: 'cancel-reuse' };
    assert.equal((await maintainContract(server(), reused)).body.status, 'return');
  });

  test('when a reader reads, then it may; when it maintains, then it is refused with CC-SEC-AUTH-6', async () => {
    const sample = await provisionSample(server(), 'roles');
    const read = await server().call('contractProvisioning', 'chargingContractRead', { chargingContractId: sample.root.id }, { user: 'reader' });
    assert.equal(read.body.status, 'return');
    const maintain = await server().call('contractProvisioning', 'chargingContractMaintain', { chargingContract: sample.root }, { user: 'reader' });
    assert.equal(maintain.status, 403);
    assert.equal(maintain.body.code, 'CC-SEC-AUTH-6');
    const byProvisioning = await server().call('contractProvisioning', 'chargingContractMaintain', { chargingContract: sample.root }, { user: 'provisioning' });
    assert.equal(byProvisioning.body.status, 'return');
  });
});
