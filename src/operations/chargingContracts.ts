// Charging contracts of contractProvisioning (SPEC 4.3): maintain (create or
// replace), cancel, read, find, and the bundle and mass maintain.
import { SearchFilterSchema } from '../schema/common.ts';
import { ChargingContractSchema, OperationalStatusSchema, type ChargingContract } from '../schema/customerData.ts';
import { Int, Many, Obj, Opt, String256 } from '../schema/types.ts';
import { fail } from '../model/errors.ts';
import { sameContent } from '../model/identity.ts';
import { checkChargingContract, checkContractChange, contractDefinition, userServiceUsesOf } from '../model/chargingContract.ts';
import { assertActive } from '../model/operationalStatus.ts';
import type { ChargingContractFilter, StoreTx, StoredContract } from '../store/port.ts';
import { bundleOf, massOf } from './batch.ts';
import { checkReferences, storeLookups } from './contractReferences.ts';
import { defineOperation, type Operation } from './operation.ts';
import { pagingFields, windowOf } from './paging.ts';
import { contractWithReadSide } from './views.ts';

const READ_ROLES = ['provisioning', 'reader'] as const;

export async function requireChargingContract(tx: StoreTx, id: string): Promise<StoredContract> {
  return (await tx.contracts.get(id)) ?? fail('CHARGINGCONTRACT-100', id);
}

/** No provisioning touches a contract a recharging session holds (its own lock or its root's). */
async function assertNotRecharging(tx: StoreTx, id: string): Promise<void> {
  const lock = await tx.locks.holderOf(id);
  if (lock) fail('CHARGINGCONTRACT-115', `${id} is held by recharging lock ${lock.rechargingLockId} on ${lock.chargingContractId}`);
}

/** The contract as stored, when it exists under the same subscriber account and stays root or linked to the same root. */
async function existingVersion(tx: StoreTx, contract: ChargingContract): Promise<StoredContract | undefined> {
  const owner = await tx.contracts.ownerOf(contract.id);
  if (owner === undefined) return undefined;
  if (owner !== contract.subscriberAccountId) fail('CHARGINGCONTRACT-107', `${contract.id} belongs to subscriber account ${owner}`);
  const existing = await requireChargingContract(tx, contract.id);
  checkContractChange(existing.contract, contract);
  return existing;
}

/** The contract, or the root a new linked contract joins, must be active and free of recharging locks. */
async function assertMaintainable(tx: StoreTx, contract: ChargingContract, existing: StoredContract | undefined): Promise<void> {
  const rootId = contract.rootChargingContractId;
  const governing = existing ?? (rootId === undefined ? undefined : await tx.contracts.get(rootId));
  if (!governing) return;
  assertActive(governing.operationalStatus, governing.contract.id);
  await assertNotRecharging(tx, governing.contract.id);
}

async function storeContract(tx: StoreTx, contract: ChargingContract, existing: StoredContract | undefined): Promise<void> {
  await tx.contracts.put(contract, existing?.operationalStatus ?? 'active');
  const claims = userServiceUsesOf(contract).map((use) => ({ ...use, contractId: contract.id, subscriberAccountId: contract.subscriberAccountId }));
  await tx.contracts.replaceUserServiceClaims(contract.id, contract.subscriberAccountId, claims);
}

/**
 * SAP CC's `ContractOperationResponse` (docs/sapcc-wire.md 5.2): the envelope, then
 * the contract's `id` and a `reference` whose meaning no artifact documents (left out).
 */
const ContractOperationFields = Obj({ id: Opt(String256()), reference: Opt(String256()) });

const chargingContractMaintain = defineOperation({
  service: 'contractProvisioning',
  name: 'chargingContractMaintain',
  summary: 'Creates or replaces a charging contract; a new root contract starts active.',
  request: Obj({ chargingContract: ChargingContractSchema }),
  response: ContractOperationFields,
  responseType: 'ContractOperationResponse',
  roles: ['provisioning'],
  idempotent: true,
  access: 'write',
  auditDomain: 'CUSTOMER',
  objectIds: (request) => [request.chargingContract.id],
  handler: async (request, { tx, catalog }) => {
    const contract = contractDefinition(request.chargingContract);
    checkChargingContract(contract, catalog);
    const existing = await existingVersion(tx, contract);
    // before the identity check: a locked contract is refused even an identical re-send (docs/contracts.md)
    await assertMaintainable(tx, contract, existing);
    if (existing && sameContent(existing.contract, contract)) return { id: contract.id };
    await checkReferences(contract, storeLookups(tx));
    await storeContract(tx, contract, existing);
    return { id: contract.id };
  },
});

const chargingContractCancel = defineOperation({
  service: 'contractProvisioning',
  name: 'chargingContractCancel',
  summary: 'Deletes a charging contract; a root only once it has no linked contracts.',
  // SAP CC's CancelChargingContractRequest
  request: Obj({ id: String256() }, { xsdName: 'CancelChargingContractRequest' }),
  response: ContractOperationFields,
  responseType: 'ContractOperationResponse',
  roles: ['provisioning'],
  idempotent: false,
  access: 'write',
  auditDomain: 'CUSTOMER',
  objectIds: (request) => [request.id],
  handler: async ({ id }, { tx }) => {
    const stored = await requireChargingContract(tx, id);
    if (stored.contract.rootChargingContractId === undefined) {
      const linked = await tx.contracts.listLinked(id);
      if (linked.length) fail('CHARGINGCONTRACT-114', `${id} has ${linked.map((l) => l.contract.id).join(', ')}`);
    }
    await assertNotRecharging(tx, id);
    await tx.contracts.delete(id);
    return { id };
  },
});

const chargingContractRead = defineOperation({
  service: 'contractProvisioning',
  name: 'chargingContractRead',
  summary: 'Reads a charging contract with its operational status, recharging lock and transfer date.',
  request: Obj({ chargingContractId: String256() }),
  response: Obj({ chargingContract: ChargingContractSchema }),
  roles: READ_ROLES,
  idempotent: true,
  access: 'read',
  auditDomain: 'NONE',
  handler: async ({ chargingContractId }, { tx }) => ({ chargingContract: contractWithReadSide(await requireChargingContract(tx, chargingContractId)) }),
});

const ChargingContractFilterSchema = Obj(
  {
    id: Opt(String256()),
    subscriberAccountId: Opt(String256()),
    rootChargingContractId: Opt(String256()),
    operationalStatus: Opt(OperationalStatusSchema),
    userServiceId: Opt(String256()),
  },
  { xsdName: 'ChargingContractFilter' },
);

const chargingContractFind = defineOperation({
  service: 'contractProvisioning',
  name: 'chargingContractFind',
  summary: 'Finds charging contracts by id, subscriber account, root, operational status or user service id, one window at a time.',
  request: Obj({ filter: Opt(ChargingContractFilterSchema), searchFilter: Opt(SearchFilterSchema) }),
  response: Obj({ chargingContract: Many(ChargingContractSchema), totalCount: Opt(Int({ minimum: 0 })), lastUniqueId: Opt(String256()) }),
  roles: READ_ROLES,
  idempotent: true,
  access: 'read',
  auditDomain: 'NONE',
  handler: async ({ filter = {}, searchFilter }, { tx }) => {
    const window = windowOf(searchFilter);
    const criteria: ChargingContractFilter = filter;
    const page = await tx.contracts.find(criteria, window.afterId, window.limit);
    const totalCount = window.countRequired ? await tx.contracts.count(criteria) : undefined;
    const found = page.rows.map(contractWithReadSide);
    return { ...(found.length ? { chargingContract: found } : {}), ...pagingFields(page, (stored) => stored.contract.id, totalCount) };
  },
});

export const chargingContractOperations: Operation[] = [
  chargingContractMaintain,
  chargingContractCancel,
  chargingContractRead,
  chargingContractFind,
  bundleOf(chargingContractMaintain),
  massOf(chargingContractMaintain),
];
