// operationalStatus (SPEC 4.4): lock, unlock and close a root charging contract;
// its linked contracts follow it.
import { OperationalStatusSchema } from '../schema/customerData.ts';
import { Obj, Opt, String256 } from '../schema/types.ts';
import { fail } from '../model/errors.ts';
import { isStatusChange } from '../model/operationalStatus.ts';
import { defineOperation, type Operation } from './operation.ts';

const chargingContractOperationalStatusChange = defineOperation({
  service: 'operationalStatus',
  name: 'chargingContractOperationalStatusChange',
  summary: 'Sets the operational status of a root charging contract: active ⇄ locked → closed.',
  // both optional in the schema so that their absence is answered with SAP CC's own codes
  request: Obj({ rootChargingContractId: Opt(String256()), operationalStatus: Opt(OperationalStatusSchema) }),
  response: Obj({}),
  roles: ['provisioning'],
  idempotent: true,
  access: 'write',
  auditDomain: 'CUSTOMER',
  objectIds: (request) => (request.rootChargingContractId === undefined ? [] : [request.rootChargingContractId]),
  handler: async ({ rootChargingContractId: id, operationalStatus: status }, { tx }) => {
    if (id === undefined) fail('OPERATIONALSTATUS-2');
    if (status === undefined) fail('OPERATIONALSTATUS-5');
    const stored = (await tx.contracts.get(id)) ?? fail('OPERATIONALSTATUS-3', id);
    const rootId = stored.contract.rootChargingContractId;
    if (rootId !== undefined) fail('OPERATIONALSTATUS-4', `${id} is linked to ${rootId}`);
    // a recharging session holds the contract whatever status is asked, the current one included
    const lock = await tx.locks.holderOf(id);
    if (lock) fail('OPERATIONALSTATUS-6', `${id} is held by recharging lock ${lock.rechargingLockId}`);
    if (isStatusChange(stored.operationalStatus, status)) await tx.contracts.setOperationalStatus(id, status);
    return {};
  },
});

export const operationalStatusOperations: Operation[] = [chargingContractOperationalStatusChange];
