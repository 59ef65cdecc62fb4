// Reads for people and tools (SPEC 5 GET routes), built from the same store reads
// as the operations.
import type { ChargingContract, CustomerData } from '../schema/customerData.ts';
import type { Page, StoreTx, StoredContract, StoredCustomerData } from '../store/port.ts';
import type { SubscriberAccount } from '../schema/customerData.ts';
import type { ChargingContractState } from '../schema/contractState.ts';
import type { Catalog } from '../model/catalog.ts';
import { fullContractState } from '../model/contractState.ts';

/** A contract with its read side in schema order. */
export function contractWithReadSide(stored: StoredContract): ChargingContract {
  const contract: ChargingContract = { ...stored.contract, operationalStatus: stored.operationalStatus };
  if (stored.rechargingLockId !== undefined) contract.rechargingLockId = stored.rechargingLockId;
  if (stored.transferDate !== undefined) contract.transferDate = stored.transferDate;
  return contract;
}

/** Everything a subscriber account owns as stored; undefined when there is no such account. */
export async function storedCustomerData(tx: StoreTx, subscriberAccountId: string): Promise<StoredCustomerData | undefined> {
  const subscriberAccount = await tx.accounts.getSubscriberAccount(subscriberAccountId);
  if (!subscriberAccount) return undefined;
  return {
    subscriberAccount,
    externalAccounts: await tx.accounts.listExternalAccounts(subscriberAccountId),
    prepaidAccounts: await tx.accounts.listPrepaidAccounts(subscriberAccountId),
    mappingTables: await tx.tables.listMappingTables(subscriberAccountId),
    rangeTables: await tx.tables.listRangeTables(subscriberAccountId),
    contracts: await tx.contracts.listByAccount(subscriberAccountId),
  };
}

/** One customerData in schema order, without the lists that are empty; `contract` gives each contract its read side. */
export function customerDataFrom(stored: StoredCustomerData, contract: (stored: StoredContract) => ChargingContract): CustomerData {
  const data: CustomerData = { subscriberAccount: stored.subscriberAccount };
  if (stored.externalAccounts.length) data.externalAccount = stored.externalAccounts;
  if (stored.prepaidAccounts.length) data.prepaidAccount = stored.prepaidAccounts;
  if (stored.mappingTables.length) data.subscriberMappingTable = stored.mappingTables;
  if (stored.rangeTables.length) data.subscriberRangeTable = stored.rangeTables;
  if (stored.contracts.length) data.chargingContract = stored.contracts.map(contract);
  return data;
}

/** Everything a subscriber account owns, as one customerData; undefined when there is no such account. */
export async function customerDataOf(tx: StoreTx, subscriberAccountId: string): Promise<CustomerData | undefined> {
  const stored = await storedCustomerData(tx, subscriberAccountId);
  return stored && customerDataFrom(stored, contractWithReadSide);
}

export function listSubscriberAccounts(tx: StoreTx, afterId: string | undefined, limit: number): Promise<Page<SubscriberAccount>> {
  return tx.accounts.findSubscriberAccounts({}, afterId, limit);
}

export interface ChargingContractView {
  chargingContract: ChargingContract;
  /** its full state, when a catalog is loaded to say what its counters are */
  chargingContractState?: ChargingContractState;
}

export async function chargingContractView(tx: StoreTx, id: string, catalog?: Catalog): Promise<ChargingContractView | undefined> {
  const stored = await tx.contracts.get(id);
  if (!stored) return undefined;
  const view: ChargingContractView = { chargingContract: contractWithReadSide(stored) };
  if (catalog) view.chargingContractState = fullContractState(stored.contract, catalog, await tx.contractStates.get(stored.contract.subscriberAccountId, id));
  return view;
}
