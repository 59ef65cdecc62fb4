import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertLockable,
  assertNoOtherHolder,
  assertNotHeldByOther,
  checkCollection,
  checkRechargingLockId,
  collectionFamilies,
  idsNotOwned,
  type LockableContract,
} from '../../src/model/recharging.ts';

const refusedWith = (code: string) => (error: unknown) => (error as { code?: string }).code === code;

// R1 with linked L1 and L2; S1 standalone; C1 closed; LK locked
const account = (): LockableContract[] => [
  { chargingContractId: 'S1', operationalStatus: 'active' },
  { chargingContractId: 'L2', rootChargingContractId: 'R1', operationalStatus: 'active' },
  { chargingContractId: 'R1', operationalStatus: 'active' },
  { chargingContractId: 'L1', rootChargingContractId: 'R1', operationalStatus: 'active' },
  { chargingContractId: 'C1', operationalStatus: 'closed' },
  { chargingContractId: 'LK', operationalStatus: 'locked' },
];

const ids = (families: { chargingContractIds: string[] }[]) => families.map((f) => f.chargingContractIds);

test('when a lock id is 1 to 256 of letters, digits and . _ : -, then it is accepted', () => {
  for (const id of ['a', 'RL-2026.03:run_1', 'x'.repeat(256)]) assert.equal(checkRechargingLockId(id), id);
});

test('when a lock id is missing, empty, too long or has other characters, then RECHARGING-102', () => {
  for (const id of [undefined, '', 'x'.repeat(257), 'a b', 'a/b', 'é', 'a\n']) assert.throws(() => checkRechargingLockId(id), refusedWith('RECHARGING-102'), String(id));
});

test('when a collection has no account id, then RECHARGING-100; when an id is listed twice, then RECHARGING-101', () => {
  assert.throws(() => checkCollection(undefined), refusedWith('RECHARGING-100'));
  assert.throws(() => checkCollection({ chargingContractId: ['A'] }), refusedWith('RECHARGING-100'));
  assert.throws(() => checkCollection({ subscriberAccountId: 'SA', chargingContractId: ['A', 'B', 'A'] }), refusedWith('RECHARGING-101'));
});

test('when a collection has an empty id list, then it is a collection by account', () => {
  assert.deepEqual(checkCollection({ subscriberAccountId: 'SA', chargingContractId: [] }), { subscriberAccountId: 'SA' });
});

test('when a collection is by account, then it covers every family that is not closed, each root first then its linked contracts', () => {
  assert.deepEqual(ids(collectionFamilies({ subscriberAccountId: 'SA' }, account())), [['LK'], ['R1', 'L1', 'L2'], ['S1']]);
});

test('when an account has only closed contracts, then a collection by account is RECHARGING-109', () => {
  assert.throws(() => collectionFamilies({ subscriberAccountId: 'SA' }, [{ chargingContractId: 'C1', operationalStatus: 'closed' }]), refusedWith('RECHARGING-109'));
});

test('when a collection names a linked contract, then it covers its whole family once, in request order', () => {
  assert.deepEqual(ids(collectionFamilies({ subscriberAccountId: 'SA', chargingContractIds: ['S1', 'L2', 'R1'] }, account())), [['S1'], ['R1', 'L1', 'L2']]);
});

test('when a collection names ids the account does not own, then they are reported in request order', () => {
  assert.deepEqual(idsNotOwned({ subscriberAccountId: 'SA', chargingContractIds: ['X', 'R1', 'Y'] }, account()), ['X', 'Y']);
  assert.deepEqual(idsNotOwned({ subscriberAccountId: 'SA' }, account()), []);
});

test('when a family is locked or closed in operational status, then locking it is OPERATIONALSTATUS-1', () => {
  const families = (id: string) => collectionFamilies({ subscriberAccountId: 'SA', chargingContractIds: ['R1', id] }, account());
  assert.doesNotThrow(() => assertLockable(families('S1')));
  assert.throws(() => assertLockable(families('LK')), refusedWith('OPERATIONALSTATUS-1'));
  assert.throws(() => assertLockable(families('C1')), refusedWith('OPERATIONALSTATUS-1'));
});

test('when taking a family finds it free or held by the same lock id, then it is taken; by another, then RECHARGING-108', () => {
  const [family] = collectionFamilies({ subscriberAccountId: 'SA', chargingContractIds: ['R1'] }, account());
  assert.doesNotThrow(() => assertNoOtherHolder(family, undefined, 'RL'));
  assert.doesNotThrow(() => assertNoOtherHolder(family, 'RL', 'RL'));
  assert.throws(() => assertNoOtherHolder(family, 'OTHER', 'RL'), refusedWith('RECHARGING-108'));
});

test('when any contract of a family to unlock holds another lock id, then RECHARGING-108; rows outside the families do not matter', () => {
  const families = collectionFamilies({ subscriberAccountId: 'SA', chargingContractIds: ['L1'] }, account());
  for (const held of ['R1', 'L2']) {
    assert.throws(() => assertNotHeldByOther(families, [{ chargingContractId: held, rechargingLockId: 'OTHER' }], 'RL'), refusedWith('RECHARGING-108'), held);
    assert.doesNotThrow(() => assertNotHeldByOther(families, [{ chargingContractId: held, rechargingLockId: 'RL' }], 'RL'));
  }
  assert.doesNotThrow(() => assertNotHeldByOther(families, [{ chargingContractId: 'S1', rechargingLockId: 'OTHER' }], 'RL'));
});
