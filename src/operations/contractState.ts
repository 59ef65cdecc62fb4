// contractstate (SPEC 4.7): the migration of charging contract state — set the
// counters and activation dates a contract starts with, alone, in bundle or in
// mass, and read its full state.
import { ChargingContractStateSchema } from '../schema/contractState.ts';
import { Obj, String256 } from '../schema/types.ts';
import { fail } from '../model/errors.ts';
import { assertActive } from '../model/operationalStatus.ts';
import { applyStateChange, checkStateChange, emptyStateValues, fullContractState } from '../model/contractState.ts';
import type { StoreTx } from '../store/port.ts';
import { bundleOf, massOf } from './batch.ts';
import { defineOperation, type Operation } from './operation.ts';

/** While a recharging session holds the contract (its own lock or its root's), its counters are the session's. */
async function assertNotRecharging(tx: StoreTx, id: string): Promise<void> {
  const lock = await tx.locks.holderOf(id);
  if (lock) fail('CONTRACTSTATE-100', `${id} is held by recharging lock ${lock.rechargingLockId} on ${lock.chargingContractId}`);
}

const chargingContractStateChange = defineOperation({
  service: 'contractstate',
  name: 'chargingContractStateChange',
  summary: 'Sets the given counters and last activation dates of an active charging contract; the others keep their values.',
  request: Obj({ chargingContractState: ChargingContractStateSchema }),
  response: Obj({}),
  roles: ['migration'],
  idempotent: true,
  access: 'write',
  auditDomain: 'CUSTOMER',
  objectIds: (request) => [request.chargingContractState.chargingContractId],
  handler: async ({ chargingContractState: state }, { tx, catalog }) => {
    const id = state.chargingContractId;
    const stored = (await tx.contracts.get(id)) ?? fail('CONTRACTSTATE-10', id);
    // a wrong request is wrong whatever the contract's state: say so first (docs/contractstate.md)
    checkStateChange(state, stored.contract, catalog);
    assertActive(stored.operationalStatus, id);
    await assertNotRecharging(tx, id);
    const accountId = stored.contract.subscriberAccountId;
    const values = (await tx.contractStates.get(accountId, id)) ?? emptyStateValues();
    if (applyStateChange(values, state)) await tx.contractStates.put(accountId, id, values);
    return {};
  },
});

const chargingContractStateRead = defineOperation({
  service: 'contractstate',
  name: 'chargingContractStateRead',
  summary: 'Reads the full state of a charging contract: every counter and charge activation, set or at its initial value.',
  request: Obj({ chargingContractId: String256() }),
  response: Obj({ chargingContractState: ChargingContractStateSchema }),
  roles: ['migration', 'provisioning', 'reader', 'rerating'],
  idempotent: true,
  access: 'read',
  auditDomain: 'NONE',
  handler: async ({ chargingContractId: id }, { tx, catalog }) => {
    const stored = (await tx.contracts.get(id)) ?? fail('CONTRACTSTATE-11', id);
    const values = await tx.contractStates.get(stored.contract.subscriberAccountId, id);
    return { chargingContractState: fullContractState(stored.contract, catalog, values) };
  },
});

export const contractStateOperations: Operation[] = [
  chargingContractStateChange,
  bundleOf(chargingContractStateChange),
  massOf(chargingContractStateChange),
  chargingContractStateRead,
];
