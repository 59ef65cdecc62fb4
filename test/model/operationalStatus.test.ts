import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertActive, isStatusChange } from '../../src/model/operationalStatus.ts';
import { OPERATIONAL_STATUSES } from '../../src/schema/customerData.ts';

const refusedWith = (code: string) => (error: unknown) => (error as { code?: string }).code === code;

test('when a status is set to itself, then it is no change and never refused', () => {
  for (const status of OPERATIONAL_STATUSES) assert.equal(isStatusChange(status, status), false);
});

test('when active is locked, locked unlocked or locked closed, then it is a change', () => {
  assert.equal(isStatusChange('active', 'locked'), true);
  assert.equal(isStatusChange('locked', 'active'), true);
  assert.equal(isStatusChange('locked', 'closed'), true);
});

test('when an active contract is closed directly, then OPERATIONALSTATUS-7 asks to lock it first', () => {
  assert.throws(() => isStatusChange('active', 'closed'), refusedWith('OPERATIONALSTATUS-7'));
});

test('when a closed contract is reopened or locked, then OPERATIONALSTATUS-12 says closed is final', () => {
  assert.throws(() => isStatusChange('closed', 'active'), refusedWith('OPERATIONALSTATUS-12'));
  assert.throws(() => isStatusChange('closed', 'locked'), refusedWith('OPERATIONALSTATUS-12'));
});

test('when a contract is locked or closed, then work that needs it active is refused with OPERATIONALSTATUS-1', () => {
  assert.doesNotThrow(() => assertActive('active', 'CC-1'));
  assert.throws(() => assertActive('locked', 'CC-1'), refusedWith('OPERATIONALSTATUS-1'));
  assert.throws(() => assertActive('closed', 'CC-1'), refusedWith('OPERATIONALSTATUS-1'));
});
