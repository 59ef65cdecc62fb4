import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChargingError } from '../../src/model/errors.ts';
import type { ChargingContract } from '../../src/schema/customerData.ts';
import { createdBy, heldObjectsOf, rootsToTransfer } from '../../src/transfer/steps.ts';
import { generatedCustomers } from '../helpers/transfer.ts';

const contract = (id: string, operationalStatus: 'active' | 'locked' | 'closed', root?: string): ChargingContract => ({
  id,
  subscriberAccountId: 'SA-1',
  ...(root ? { rootChargingContractId: root } : {}),
  operationalStatus,
});
const contracts = [contract('CC-1', 'active'), contract('CC-2', 'closed'), contract('CC-3', 'active', 'CC-1'), contract('CC-4', 'locked')];

test('when a whole account is transferred, then its roots that are not closed go, less those transferred before', () => {
  assert.deepEqual(rootsToTransfer({ account: 'SA-1' }, contracts, new Set()), ['CC-1', 'CC-4']);
  assert.deepEqual(rootsToTransfer({ account: 'SA-1' }, contracts, new Set(['CC-1'])), ['CC-4']);
});

test('when contracts are given, then those go, and a linked one is TRANSFER-104', () => {
  assert.deepEqual(rootsToTransfer({ account: 'SA-1', roots: ['CC-4'] }, contracts, new Set()), ['CC-4']);
  assert.throws(() => rootsToTransfer({ account: 'SA-1', roots: ['CC-3'] }, contracts, new Set()), (error: ChargingError) => error.code === 'TRANSFER-104');
});

test('when the destination held some of the account before, then the import is counted to create only the rest', () => {
  const [customer] = generatedCustomers(1, 3);
  const before = { ...heldObjectsOf(customer), contracts: [] };
  const all = createdBy(customer, heldObjectsOf(undefined));
  assert.equal(all.subscriberAccount, true);
  assert.deepEqual(all.contracts, customer.chargingContract!.map((c) => c.id));
  assert.deepEqual(createdBy(customer, before), { subscriberAccount: false, externalAccounts: [], prepaidAccounts: [], mappingTables: [], rangeTables: [], contracts: all.contracts });
});
