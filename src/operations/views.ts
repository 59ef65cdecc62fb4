// Reads for people and tools (SPEC 5 GET routes), built from the same store reads
// as the operations.
import type { ChargingContract, CustomerData } from '../schema/customerData.ts';
import type { Page, StoreTx, StoredContract } from '../store/port.ts';
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

/** Everything a subscriber account owns, as one customerData; undefined when there is no such account. */
export async function customerDataOf(tx: StoreTx, subscriberAccountId: string): Promise<CustomerData | undefined> {
  const subscriberAccount = await tx.accounts.getSubscriberAccount(subscriberAccountId);
  if (!subscriberAccount) return undefined;
  const data: CustomerData = { subscriberAccount };
  const externalAccount = await tx.accounts.listExternalAccounts(subscriberAccountId);
  const prepaidAccount = await tx.accounts.listPrepaidAccounts(subscriberAccountId);
  const subscriberMappingTable = await tx.tables.listMappingTables(subscriberAccountId);
  const subscriberRangeTable = await tx.tables.listRangeTables(subscriberAccountId);
  const chargingContract = (await tx.contracts.listByAccount(subscriberAccountId)).map(contractWithReadSide);
  if (externalAccount.length) data.externalAccount = externalAccount;
  if (prepaidAccount.length) data.prepaidAccount = prepaidAccount;
  if (subscriberMappingTable.length) data.subscriberMappingTable = subscriberMappingTable;
  if (subscriberRangeTable.length) data.subscriberRangeTable = subscriberRangeTable;
  if (chargingContract.length) data.chargingContract = chargingContract;
  return data;
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
