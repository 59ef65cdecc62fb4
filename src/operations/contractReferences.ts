// What a charging contract refers to — its subscriber account, root, linked
// contracts, assigned accounts and other contracts' user service ids — resolved
// through lookups, so that provisioning answers from the store and a customer
// data import from its request first, and both apply the model's rules.
import { assignedAccountsOf, checkContractReferences, userServiceUsesOf, type ContractReferences, type UserServiceClaimOf } from '../model/chargingContract.ts';
import type { ChargingContract } from '../schema/customerData.ts';
import type { StoreTx } from '../store/port.ts';

export interface ContractLookups {
  subscriberAccountExists(subscriberAccountId: string): Promise<boolean>;
  /** the contract's definition wherever it is owned */
  contract(chargingContractId: string): Promise<ChargingContract | undefined>;
  linkedContracts(rootChargingContractId: string): Promise<ChargingContract[]>;
  prepaidAccountExists(subscriberAccountId: string, prepaidAccountId: string): Promise<boolean>;
  externalAccountExists(subscriberAccountId: string, externalAccountId: string): Promise<boolean>;
  /** claims of `userServiceId` by contracts other than `exceptContractId` */
  userServiceClaims(userServiceId: string, exceptContractId: string): Promise<UserServiceClaimOf[]>;
}

export function storeLookups(tx: StoreTx): ContractLookups {
  return {
    subscriberAccountExists: async (id) => (await tx.accounts.getSubscriberAccount(id)) !== undefined,
    contract: async (id) => (await tx.contracts.get(id))?.contract,
    linkedContracts: async (rootId) => (await tx.contracts.listLinked(rootId)).map((stored) => stored.contract),
    prepaidAccountExists: async (accountId, id) => (await tx.accounts.getPrepaidAccount(accountId, id)) !== undefined,
    externalAccountExists: async (accountId, id) => (await tx.accounts.getExternalAccount(accountId, id)) !== undefined,
    userServiceClaims: (userServiceId, exceptContractId) => tx.contracts.userServiceClaims(userServiceId, exceptContractId),
  };
}

export async function resolveContractReferences(contract: ChargingContract, lookups: ContractLookups): Promise<ContractReferences> {
  const accountId = contract.subscriberAccountId;
  const existingAccounts = new Set<string>();
  for (const { type, accountId: id } of assignedAccountsOf(contract)) {
    const exists = type === 'prepaid' ? await lookups.prepaidAccountExists(accountId, id) : await lookups.externalAccountExists(accountId, id);
    if (exists) existingAccounts.add(`${type}:${id}`);
  }
  const otherClaims: UserServiceClaimOf[] = [];
  for (const userServiceId of new Set(userServiceUsesOf(contract).map((use) => use.userServiceId))) {
    otherClaims.push(...(await lookups.userServiceClaims(userServiceId, contract.id)));
  }
  const rootId = contract.rootChargingContractId;
  return {
    subscriberAccountExists: await lookups.subscriberAccountExists(accountId),
    root: rootId === undefined ? undefined : await lookups.contract(rootId),
    linked: rootId === undefined ? await lookups.linkedContracts(contract.id) : [],
    hasAccount: (type, id) => existingAccounts.has(`${type}:${id}`),
    otherClaims,
  };
}

/** Resolves what `contract` refers to and checks it against the model's rules. */
export async function checkReferences(contract: ChargingContract, lookups: ContractLookups): Promise<void> {
  checkContractReferences(contract, await resolveContractReferences(contract, lookups));
}
