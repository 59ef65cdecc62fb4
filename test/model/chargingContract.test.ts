import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Catalog } from '../../src/model/catalog.ts';
import {
  checkChargingContract,
  checkContractChange,
  checkContractReferences,
  contractDefinition,
  userServiceUsesOf,
  type ContractReferences,
} from '../../src/model/chargingContract.ts';
import type { ChargingContract, CustomerData } from '../../src/schema/customerData.ts';

const catalog = Catalog.fromJson(readFileSync(new URL('../../examples/catalog.json', import.meta.url), 'utf8'));
const sample = JSON.parse(readFileSync(new URL('../../examples/customer-data.json', import.meta.url), 'utf8')) as CustomerData;
const [root, linked] = sample.chargingContract!;

const copy = <T>(value: T): T => structuredClone(value);
const refusedWith = (code: string) => (error: unknown) => (error as { code?: string }).code === code;
const firstPeriod = (contract: ChargingContract) => contract.chargingContractItem![0].period[0];

/** References under which the sample's root and linked contract are valid. */
function references(overrides: Partial<ContractReferences> = {}): ContractReferences {
  return { subscriberAccountExists: true, root, linked: [], hasAccount: () => true, otherClaims: [], ...overrides };
}

test('when the sample contracts are checked against the sample catalog, then they pass', () => {
  assert.doesNotThrow(() => checkChargingContract(root, catalog));
  assert.doesNotThrow(() => checkChargingContract(linked, catalog));
  assert.doesNotThrow(() => checkContractReferences(root, references({ root: undefined, linked: [linked] })));
  assert.doesNotThrow(() => checkContractReferences(linked, references()));
});

test('when an item names a plan of another kind or an unknown plan, then it is prerequisiteMissing CHARGINGCONTRACT-102', () => {
  const asRefill = copy(root);
  const item = asRefill.chargingContractItem![0];
  delete item.chargePlanClassId;
  item.refillPlanClassId = 'CP_VOICE';
  assert.throws(() => checkChargingContract(asRefill, catalog), refusedWith('CHARGINGCONTRACT-102'));
  const unknown = copy(root);
  unknown.chargingContractItem![1].chargePlanClassId = 'CP_NONE';
  assert.throws(() => checkChargingContract(unknown, catalog), refusedWith('CHARGINGCONTRACT-102'));
});

test('when refill and monitoring plans exist, then items naming them pass', () => {
  const contract: ChargingContract = {
    id: 'CC-R',
    subscriberAccountId: 'SA-1',
    chargingContractItem: [
      { id: 'TOPUP', refillPlanClassId: 'RP_TOPUP', period: [{ start: '2026-01-01T00:00:00' }] },
      { id: 'SPEND', monitoringPlanClassId: 'MP_SPEND', period: [{ start: '2026-01-01T00:00:00' }] },
    ],
  };
  assert.doesNotThrow(() => checkChargingContract(contract, catalog));
});

test('when a mandatory plan parameter is missing in a period, then CHARGINGCONTRACT-105', () => {
  const contract = copy(root);
  firstPeriod(contract).parameter = [{ name: 'TARIFF_ZONE', string: 'EU' }];
  assert.throws(() => checkChargingContract(contract, catalog), refusedWith('CHARGINGCONTRACT-105'));
});

test('when a parameter is unknown, given twice or of the wrong type, then CHARGINGCONTRACT-106', () => {
  const unknown = copy(root);
  firstPeriod(unknown).parameter!.push({ name: 'NOT_IN_PLAN', string: 'x' });
  assert.throws(() => checkChargingContract(unknown, catalog), refusedWith('CHARGINGCONTRACT-106'));
  const twice = copy(root);
  firstPeriod(twice).parameter!.push({ name: 'FREE_MINUTES', number: '10' });
  assert.throws(() => checkChargingContract(twice, catalog), refusedWith('CHARGINGCONTRACT-106'));
  const wrongType = copy(root);
  firstPeriod(wrongType).parameter![0] = { name: 'FREE_MINUTES', string: '300' };
  assert.throws(() => checkChargingContract(wrongType, catalog), refusedWith('CHARGINGCONTRACT-106'));
  const dateForString = copy(root);
  firstPeriod(dateForString).parameter![1] = { name: 'TARIFF_ZONE', date: '2026-01-01T00:00:00' };
  assert.throws(() => checkChargingContract(dateForString, catalog), refusedWith('CHARGINGCONTRACT-106'));
});

test('when a period ends at or before its start, then CHARGINGCONTRACT-104', () => {
  const contract = copy(root);
  firstPeriod(contract).end = '2026-01-01T00:00:00';
  assert.throws(() => checkChargingContract(contract, catalog), refusedWith('CHARGINGCONTRACT-104'));
});

test('when periods of one item overlap, then CHARGINGCONTRACT-104; when they follow each other, then they pass', () => {
  const params = [{ name: 'FREE_MINUTES', number: '1' }];
  const withPeriods = (...periods: Array<[string, string?]>): ChargingContract => ({
    id: 'CC-P',
    subscriberAccountId: 'SA-1',
    chargingContractItem: [
      { id: 'VOICE', chargePlanClassId: 'CP_VOICE', period: periods.map(([start, end]) => ({ start, ...(end ? { end } : {}), parameter: params })) },
    ],
  });
  const jan = '2026-01-01T00:00:00';
  const feb = '2026-02-01T00:00:00';
  const mar = '2026-03-01T00:00:00';
  const apr = '2026-04-01T00:00:00';
  assert.doesNotThrow(() => checkChargingContract(withPeriods([feb, mar], [jan, feb], [mar]), catalog));
  assert.throws(() => checkChargingContract(withPeriods([jan, mar], [feb, apr]), catalog), refusedWith('CHARGINGCONTRACT-104'));
  assert.throws(() => checkChargingContract(withPeriods([jan], [mar, apr]), catalog), refusedWith('CHARGINGCONTRACT-104'));
  // a long period overlapping a later one past a short one in between
  assert.throws(() => checkChargingContract(withPeriods([jan, apr], [feb, '2026-02-15T00:00:00'], [mar]), catalog), refusedWith('CHARGINGCONTRACT-104'));
});

test('when an item id or an allowance id is given twice, then CHARGINGCONTRACT-113', () => {
  const items = copy(root);
  items.chargingContractItem![1].id = 'VOICE';
  assert.throws(() => checkChargingContract(items, catalog), refusedWith('CHARGINGCONTRACT-113'));
  const allowances = copy(root);
  allowances.allowance!.push({ ...allowances.allowance![0] });
  assert.throws(() => checkChargingContract(allowances, catalog), refusedWith('CHARGINGCONTRACT-113'));
});

test('when a shared or pooled counter is not in the counter dictionary, then CHARGINGCONTRACT-102', () => {
  const pooled = copy(root);
  firstPeriod(pooled).pooledCounter = [{ name: 'NOT_A_COUNTER' }];
  assert.throws(() => checkChargingContract(pooled, catalog), refusedWith('CHARGINGCONTRACT-102'));
  const shared = copy(root);
  firstPeriod(shared).sharedCounter = [{ name: 'NOT_A_COUNTER' }];
  assert.throws(() => checkChargingContract(shared, catalog), refusedWith('CHARGINGCONTRACT-102'));
});

test('when an allowance plan is unknown, then CHARGINGCONTRACT-102; when an allowance ends before it starts, then -104', () => {
  const unknown = copy(root);
  unknown.allowance![0].allowancePlanId = 'AP_NONE';
  assert.throws(() => checkChargingContract(unknown, catalog), refusedWith('CHARGINGCONTRACT-102'));
  const backwards = copy(root);
  backwards.allowance![0].end = '2025-12-31T00:00:00';
  assert.throws(() => checkChargingContract(backwards, catalog), refusedWith('CHARGINGCONTRACT-104'));
});

test('when the subscriber account does not exist, then CHARGINGCONTRACT-101', () => {
  assert.throws(() => checkContractReferences(root, references({ subscriberAccountExists: false })), refusedWith('CHARGINGCONTRACT-101'));
});

test('when a linked contract names a missing root, a linked root or a root of another account, then -109, -110, -110', () => {
  assert.throws(() => checkContractReferences(linked, references({ root: undefined })), refusedWith('CHARGINGCONTRACT-109'));
  assert.throws(() => checkContractReferences(linked, references({ root: { ...root, rootChargingContractId: 'CC-X' } })), refusedWith('CHARGINGCONTRACT-110'));
  assert.throws(() => checkContractReferences(linked, references({ root: { ...root, subscriberAccountId: 'SA-OTHER' } })), refusedWith('CHARGINGCONTRACT-110'));
});

test('when a linked contract pools a counter its root does not, or a root stops pooling one its linked contract uses, then CHARGINGCONTRACT-111', () => {
  const rootWithoutPool = copy(root);
  delete firstPeriod(rootWithoutPool).pooledCounter;
  assert.throws(() => checkContractReferences(linked, references({ root: rootWithoutPool })), refusedWith('CHARGINGCONTRACT-111'));
  assert.throws(() => checkContractReferences(rootWithoutPool, references({ root: undefined, linked: [linked] })), refusedWith('CHARGINGCONTRACT-111'));
});

test('when an account assignment names an account the subscriber account does not have, then CHARGINGCONTRACT-112', () => {
  const onlyPrepaid = references({ hasAccount: (type, id) => type === 'prepaid' && id === 'PP-1' });
  assert.doesNotThrow(() => checkContractReferences(linked, onlyPrepaid));
  assert.throws(() => checkContractReferences(root, { ...onlyPrepaid, root: undefined }), refusedWith('CHARGINGCONTRACT-112'));
});

test('when another contract claims a user service id at an overlapping time, then CHARGINGCONTRACT-108; at another time, then it passes', () => {
  const other = { userServiceId: '+491701234567', contractId: 'CC-OTHER', start: '2025-01-01T00:00:00' };
  const rootRefs = { root: undefined };
  assert.throws(() => checkContractReferences(root, references({ ...rootRefs, otherClaims: [other] })), refusedWith('CHARGINGCONTRACT-108'));
  const ended = { ...other, end: '2026-01-01T00:00:00' };
  assert.doesNotThrow(() => checkContractReferences(root, references({ ...rootRefs, otherClaims: [ended] })));
  const ownClaim = { ...other, contractId: root.id };
  assert.doesNotThrow(() => checkContractReferences(root, references({ ...rootRefs, otherClaims: [ownClaim] })));
});

test('when two items use one user service id in periods with the same start, then it is one use reaching the later end', () => {
  const contract = copy(root);
  const [voice, data] = contract.chargingContractItem!;
  data.period[0].userTechnicalIdentifier = [{ name: 'MSISDN', userServiceId: '+491701234567' }];
  voice.period[0].end = '2026-06-01T00:00:00';
  const uses = userServiceUsesOf(contract).filter((use) => use.userServiceId === '+491701234567');
  assert.deepEqual(uses, [{ userServiceId: '+491701234567', start: '2026-01-01T00:00:00' }]);
});

test('when an existing contract would switch between root and linked or change its root, then CHARGINGCONTRACT-116', () => {
  assert.doesNotThrow(() => checkContractChange(linked, copy(linked)));
  assert.throws(() => checkContractChange(linked, { ...linked, rootChargingContractId: 'CC-OTHER' }), refusedWith('CHARGINGCONTRACT-116'));
  const unlinked = copy(linked);
  delete unlinked.rootChargingContractId;
  assert.throws(() => checkContractChange(linked, unlinked), refusedWith('CHARGINGCONTRACT-116'));
  assert.throws(() => checkContractChange(root, { ...root, rootChargingContractId: 'CC-0002' }), refusedWith('CHARGINGCONTRACT-116'));
});

test('when a contract carries read-side fields, then its definition leaves them out', () => {
  const read = { ...root, operationalStatus: 'locked' as const, rechargingLockId: 'L-1', transferDate: '2026-01-01T00:00:00' };
  assert.deepEqual(contractDefinition(read), root);
});
