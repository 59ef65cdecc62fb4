// What a customer data import needs to know of the store: the objects its
// customers name, fetched once per batch (ImportKeys → KnownCustomerData), and
// grown with each customer the batch admits, so later customers see earlier ones.
import { assignedAccountsOf, userServiceUsesOf, type UserServiceClaimOf } from './chargingContract.ts';
import type {
  ChargingContract,
  CustomerData,
  ExternalAccount,
  OperationalStatus,
  PrepaidAccount,
  SubscriberMappingTable,
  SubscriberRangeTable,
} from '../schema/customerData.ts';

/** A charging contract as the import sees it: definition, its root's status for a linked one, the lock holding it. */
export interface KnownContract {
  contract: ChargingContract;
  operationalStatus: OperationalStatus;
  rechargingLockId?: string;
}

/** The ids a batch of customers names: what the store must answer about. */
export interface ImportKeys {
  subscriberAccountIds: string[];
  contractIds: string[];
  mappingTableIds: string[];
  rangeTableIds: string[];
  userServiceIds: string[];
}

/** The stored objects of the ids of ImportKeys; an id that is absent does not exist. */
export interface KnownCustomerData {
  subscriberAccountIds: Set<string>;
  /** every external and prepaid account of the subscriber accounts named, by accountKey */
  externalAccounts: Map<string, ExternalAccount>;
  prepaidAccounts: Map<string, PrepaidAccount>;
  contracts: Map<string, KnownContract>;
  mappingTables: Map<string, SubscriberMappingTable>;
  rangeTables: Map<string, SubscriberRangeTable>;
  /** claims of the user service ids named, by user service id */
  claims: Map<string, UserServiceClaimOf[]>;
}

export const accountKey = (subscriberAccountId: string, id: string): string => `${subscriberAccountId}\u0000${id}`;

export function emptyKnown(): KnownCustomerData {
  return {
    subscriberAccountIds: new Set(),
    externalAccounts: new Map(),
    prepaidAccounts: new Map(),
    contracts: new Map(),
    mappingTables: new Map(),
    rangeTables: new Map(),
    claims: new Map(),
  };
}

/** Every id a batch of customers names, each once. */
export function importKeysOf(customers: readonly CustomerData[]): ImportKeys {
  const accounts = new Set<string>();
  const contracts = new Set<string>();
  const mapping = new Set<string>();
  const range = new Set<string>();
  const userServices = new Set<string>();
  for (const data of customers) {
    accounts.add(data.subscriberAccount.id);
    for (const table of data.subscriberMappingTable ?? []) mapping.add(table.id);
    for (const table of data.subscriberRangeTable ?? []) range.add(table.id);
    for (const contract of data.chargingContract ?? []) {
      contracts.add(contract.id);
      if (contract.rootChargingContractId !== undefined) contracts.add(contract.rootChargingContractId);
      for (const use of userServiceUsesOf(contract)) userServices.add(use.userServiceId);
    }
    // objects of another account are refused before the store is asked, so their owners need not be known
    for (const owned of [...(data.externalAccount ?? []), ...(data.prepaidAccount ?? [])]) accounts.add(owned.subscriberAccountId);
    for (const contract of data.chargingContract ?? []) if (assignedAccountsOf(contract).length) accounts.add(contract.subscriberAccountId);
  }
  return {
    subscriberAccountIds: [...accounts],
    contractIds: [...contracts],
    mappingTableIds: [...mapping],
    rangeTableIds: [...range],
    userServiceIds: [...userServices],
  };
}
