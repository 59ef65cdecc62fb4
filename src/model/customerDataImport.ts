// The rules of customerDataImport (SPEC 4.6), as pure functions over one
// customerData and what is known of the store: the request's own consistency
// (CUSTOMERDATA codes), the catalog, then each object against the stored one
// (identical: unchanged; different: alreadyExists), then the contracts'
// references answered from the request first. The API operation and the bulk
// files admit customers through this one class.
import type { Catalog } from './catalog.ts';
import type { ErrorCode } from './codes.ts';
import { fail } from './errors.ts';
import { sameContent } from './identity.ts';
import {
  checkChargingContract,
  checkContractReferences,
  contractDefinition,
  userServiceUsesOf,
  type UserServiceClaimOf,
} from './chargingContract.ts';
import { checkSubscriberAccount } from './subscriberAccount.ts';
import { checkExternalAccount } from './externalAccount.ts';
import { checkPrepaidAccount, prepaidDefinition } from './prepaidAccount.ts';
import { checkMappingTable } from './mappingTable.ts';
import { checkRangeTable } from './rangeTable.ts';
import { accountKey, type KnownCustomerData } from './knownCustomerData.ts';
import type {
  ChargingContract,
  CustomerData,
  ExternalAccount,
  OperationalStatus,
  PrepaidAccount,
  SubscriberAccount,
  SubscriberMappingTable,
  SubscriberRangeTable,
} from '../schema/customerData.ts';

export type OnAlreadyExistingTable = 'reject' | 'overwrite';

export interface ImportOptions {
  /** the operational status of the root contracts the import creates */
  status: OperationalStatus;
  onAlreadyExistingTable: OnAlreadyExistingTable;
}

/** chargingContractOperationalStatusChangedTo: active or locked (default); closed is CUSTOMERDATA-26. */
export function importStatus(requested: OperationalStatus | undefined): OperationalStatus {
  if (requested === 'closed') fail('CUSTOMERDATA-26');
  return requested ?? 'locked';
}

export const IMPORT_OBJECT_TYPES = [
  'subscriberAccount',
  'externalAccount',
  'prepaidAccount',
  'subscriberMappingTable',
  'subscriberRangeTable',
  'chargingContract',
] as const;
export type ImportObjectType = (typeof IMPORT_OBJECT_TYPES)[number];

export interface ImportCount {
  created: number;
  unchanged: number;
  /** tables only: replaced under onAlreadyExistingTable=overwrite */
  replaced?: number;
}
export type ImportSummary = Record<ImportObjectType, ImportCount>;

/** Zero counts: written out (every customer admitted starts one, a bulk import a million). */
export function emptySummary(): ImportSummary {
  return {
    subscriberAccount: { created: 0, unchanged: 0 },
    externalAccount: { created: 0, unchanged: 0 },
    prepaidAccount: { created: 0, unchanged: 0 },
    subscriberMappingTable: { created: 0, unchanged: 0, replaced: 0 },
    subscriberRangeTable: { created: 0, unchanged: 0, replaced: 0 },
    chargingContract: { created: 0, unchanged: 0 },
  };
}

export function addSummary(into: ImportSummary, counts: ImportSummary): void {
  for (const type of IMPORT_OBJECT_TYPES) {
    into[type].created += counts[type].created;
    into[type].unchanged += counts[type].unchanged;
    if (into[type].replaced !== undefined) into[type].replaced! += counts[type].replaced ?? 0;
  }
}

/** What one admitted customer writes: new objects, and tables it replaces. */
export interface CustomerWrites {
  subscriberAccount?: SubscriberAccount;
  externalAccounts: ExternalAccount[];
  prepaidAccounts: PrepaidAccount[];
  mappingTables: SubscriberMappingTable[];
  rangeTables: SubscriberRangeTable[];
  /** definitions of the contracts created, with the status of their roots */
  contracts: ChargingContract[];
  operationalStatus: OperationalStatus;
  counts: ImportSummary;
}

/** Admits customers one by one against what is known, growing it with each one admitted. */
export class CustomerDataImporter {
  private readonly catalog: Catalog;
  private readonly options: ImportOptions;
  private readonly known: KnownCustomerData;
  /** the contracts of every customer data of the request, by id: a linked contract's root may come in a later one */
  private readonly requestContracts: ReadonlyMap<string, ChargingContract> | undefined;

  constructor(catalog: Catalog, options: ImportOptions, known: KnownCustomerData, request?: readonly CustomerData[]) {
    this.catalog = catalog;
    this.options = options;
    this.known = known;
    if (request && request.length > 1) this.requestContracts = new Map(request.flatMap((data) => (data.chargingContract ?? []).map((contract) => [contract.id, contractDefinition(contract)])));
  }

  /** Checks one customer; its writes, or the first failure thrown with its code. Nothing is remembered on failure. */
  admit(data: CustomerData): CustomerWrites {
    checkCustomerAlone(data, this.catalog);
    return this.admitChecked(data);
  }

  /**
   * The rules that depend on what is stored, for a customer checkCustomerAlone
   * passed. `remember`: false when no customer follows through this importer (a
   * bulk import admits each record alone), which spares recording its writes.
   */
  admitChecked(data: CustomerData, remember = true): CustomerWrites {
    const writes: CustomerWrites = {
      externalAccounts: [],
      prepaidAccounts: [],
      mappingTables: [],
      rangeTables: [],
      contracts: [],
      operationalStatus: this.options.status,
      counts: emptySummary(),
    };
    this.subscriberAccount(data, writes);
    this.accounts(data, writes);
    this.tables(data, writes);
    this.contracts(data, writes);
    if (remember) this.remember(writes);
    return writes;
  }

  /** The subscriber account may exist: it is kept as it is. */
  private subscriberAccount(data: CustomerData, writes: CustomerWrites): void {
    if (this.known.subscriberAccountIds.has(data.subscriberAccount.id)) writes.counts.subscriberAccount.unchanged++;
    else {
      checkSubscriberAccount(data.subscriberAccount, this.catalog);
      writes.subscriberAccount = data.subscriberAccount;
      writes.counts.subscriberAccount.created++;
    }
  }

  private accounts(data: CustomerData, writes: CustomerWrites): void {
    for (const account of data.externalAccount ?? []) {
      const existing = this.known.externalAccounts.get(accountKey(account.subscriberAccountId, account.id));
      if (this.isNew(existing, account, 'CUSTOMERDATA-23', account.id)) writes.externalAccounts.push(account);
      writes.counts.externalAccount[existing ? 'unchanged' : 'created']++;
    }
    for (const account of data.prepaidAccount ?? []) {
      const definition = prepaidDefinition(account);
      const existing = this.known.prepaidAccounts.get(accountKey(account.subscriberAccountId, account.id));
      if (this.isNew(existing && prepaidDefinition(existing), definition, 'CUSTOMERDATA-24', account.id)) writes.prepaidAccounts.push(definition);
      writes.counts.prepaidAccount[existing ? 'unchanged' : 'created']++;
    }
  }

  /** True when there is no stored object; undefined-safe identity otherwise, `code` when it differs. */
  private isNew<T>(existing: T | undefined, given: T, code: ErrorCode, id: string): boolean {
    if (existing === undefined) return true;
    if (!sameContent(existing, given)) fail(code, id);
    return false;
  }

  private tables(data: CustomerData, writes: CustomerWrites): void {
    const kinds = [
      { tables: data.subscriberMappingTable ?? [], known: this.known.mappingTables, differs: 'CUSTOMERDATA-13' as const, into: writes.mappingTables, count: writes.counts.subscriberMappingTable },
      { tables: data.subscriberRangeTable ?? [], known: this.known.rangeTables, differs: 'CUSTOMERDATA-16' as const, into: writes.rangeTables, count: writes.counts.subscriberRangeTable },
    ];
    for (const kind of kinds) {
      for (const table of kind.tables as Array<SubscriberMappingTable & SubscriberRangeTable>) {
        const existing = kind.known.get(table.id);
        if (!existing) {
          kind.into.push(table);
          kind.count.created++;
        } else if (existing.subscriberAccountId !== table.subscriberAccountId) {
          fail('CUSTOMERDATA-29', `table ${table.id} belongs to subscriber account ${existing.subscriberAccountId}`);
        } else if (sameContent(existing, table)) {
          kind.count.unchanged++;
        } else if (this.options.onAlreadyExistingTable === 'overwrite') {
          kind.into.push(table);
          kind.count.replaced!++;
        } else {
          fail(kind.differs, table.id);
        }
      }
    }
  }

  private contracts(data: CustomerData, writes: CustomerWrites): void {
    const contracts = (data.chargingContract ?? []).map(contractDefinition);
    const inRequest = new Map(contracts.map((contract) => [contract.id, contract]));
    const requestClaims = claimsOf(contracts);
    for (const contract of contracts) {
      const existing = this.known.contracts.get(contract.id);
      if (existing) {
        if (existing.rechargingLockId !== undefined) fail('CHARGINGCONTRACT-115', `${contract.id} is held by recharging lock ${existing.rechargingLockId}`);
        if (!sameContent(existing.contract, contract)) fail('CUSTOMERDATA-25', contract.id);
        writes.counts.chargingContract.unchanged++;
        continue;
      }
      const root = this.rootOf(contract, inRequest);
      checkContractReferences(contract, {
        subscriberAccountExists: true,
        root,
        linked: contracts.filter((other) => other.rootChargingContractId === contract.id),
        hasAccount: (type, id) => this.hasAccount(data, type, id),
        otherClaims: this.otherClaims(contract, requestClaims),
      });
      writes.contracts.push(contract);
      writes.counts.chargingContract.created++;
    }
  }

  /**
   * The root a new linked contract names: in its customer data, else in the store
   * (customers admitted before it included), else in a later customer data of the
   * request; of the same account and free of recharging locks.
   */
  private rootOf(contract: ChargingContract, inRequest: Map<string, ChargingContract>): ChargingContract | undefined {
    const rootId = contract.rootChargingContractId;
    if (rootId === undefined) return undefined;
    const stored = inRequest.has(rootId) ? undefined : this.known.contracts.get(rootId);
    const root = inRequest.get(rootId) ?? stored?.contract ?? this.requestContracts?.get(rootId) ?? fail('CUSTOMERDATA-20', `${contract.id} names root ${rootId}`);
    if (root.subscriberAccountId !== contract.subscriberAccountId) fail('CUSTOMERDATA-21', `root ${rootId} of ${contract.id} belongs to subscriber account ${root.subscriberAccountId}`);
    if (stored?.rechargingLockId !== undefined) fail('CHARGINGCONTRACT-115', `root ${rootId} of ${contract.id} is held by recharging lock ${stored.rechargingLockId}`);
    return root;
  }

  private hasAccount(data: CustomerData, type: 'prepaid' | 'postpaid', id: string): boolean {
    const owner = data.subscriberAccount.id;
    const given = type === 'prepaid' ? data.prepaidAccount : data.externalAccount;
    if ((given ?? []).some((account) => account.id === id)) return true;
    return (type === 'prepaid' ? this.known.prepaidAccounts : this.known.externalAccounts).has(accountKey(owner, id));
  }

  /** Claims of the contract's user service ids by other contracts, of the request or stored. */
  private otherClaims(contract: ChargingContract, requestClaims: Map<string, UserServiceClaimOf[]>): UserServiceClaimOf[] {
    const claims: UserServiceClaimOf[] = [];
    const others = (list: UserServiceClaimOf[] | undefined) => {
      if (list) for (const claim of list) if (claim.contractId !== contract.id) claims.push(claim);
    };
    for (const { userServiceId } of userServiceUsesOf(contract)) {
      others(this.known.claims.get(userServiceId));
      others(requestClaims.get(userServiceId));
    }
    return claims;
  }

  /** What later customers of the batch must see of this one. */
  private remember(writes: CustomerWrites): void {
    const known = this.known;
    if (writes.subscriberAccount) known.subscriberAccountIds.add(writes.subscriberAccount.id);
    for (const account of writes.externalAccounts) known.externalAccounts.set(accountKey(account.subscriberAccountId, account.id), account);
    for (const account of writes.prepaidAccounts) known.prepaidAccounts.set(accountKey(account.subscriberAccountId, account.id), account);
    for (const table of writes.mappingTables) known.mappingTables.set(table.id, table);
    for (const table of writes.rangeTables) known.rangeTables.set(table.id, table);
    for (const contract of writes.contracts) {
      const root = contract.rootChargingContractId === undefined ? undefined : known.contracts.get(contract.rootChargingContractId);
      known.contracts.set(contract.id, { contract, operationalStatus: root?.operationalStatus ?? writes.operationalStatus });
    }
    for (const [userServiceId, claims] of claimsOf(writes.contracts)) known.claims.set(userServiceId, [...(known.claims.get(userServiceId) ?? []), ...claims]);
  }
}

/** The user service id claims of contracts, by user service id. */
export function claimsOf(contracts: readonly ChargingContract[]): Map<string, UserServiceClaimOf[]> {
  const claims = new Map<string, UserServiceClaimOf[]>();
  for (const contract of contracts) {
    for (const use of userServiceUsesOf(contract)) {
      const list = claims.get(use.userServiceId) ?? [];
      list.push({ ...use, contractId: contract.id });
      claims.set(use.userServiceId, list);
    }
  }
  return claims;
}

/**
 * The rules of one customer alone and the catalog (all but its subscriber account,
 * kept as it is when it exists): the same verdict whatever the store holds.
 */
export function checkCustomerAlone(data: CustomerData, catalog: Catalog): void {
  checkRequestConsistency(data);
  for (const account of data.externalAccount ?? []) checkExternalAccount(account, catalog);
  for (const account of data.prepaidAccount ?? []) checkPrepaidAccount(account, catalog);
  for (const table of data.subscriberMappingTable ?? []) checkMappingTable(table, catalog);
  for (const table of data.subscriberRangeTable ?? []) checkRangeTable(table, catalog);
  for (const contract of data.chargingContract ?? []) checkChargingContract(contract, catalog);
}

/** The lists of a customer data whose objects belong to its subscriber account, each object once, with the codes of either rule. */
const OWNED_LISTS: ReadonlyArray<{ objects: (data: CustomerData) => Array<{ id: string; subscriberAccountId: string }> | undefined; otherAccount: ErrorCode; twice: ErrorCode }> = [
  { objects: (data) => data.externalAccount, otherAccount: 'CUSTOMERDATA-8', twice: 'CUSTOMERDATA-7' },
  { objects: (data) => data.prepaidAccount, otherAccount: 'CUSTOMERDATA-10', twice: 'CUSTOMERDATA-9' },
  { objects: (data) => data.subscriberMappingTable, otherAccount: 'CUSTOMERDATA-12', twice: 'CUSTOMERDATA-11' },
  { objects: (data) => data.subscriberRangeTable, otherAccount: 'CUSTOMERDATA-19', twice: 'CUSTOMERDATA-100' },
  { objects: (data) => data.chargingContract, otherAccount: 'CUSTOMERDATA-18', twice: 'CUSTOMERDATA-101' },
];

/** Each object belongs to the customer data's subscriber account and is given once (SPEC 4.6). */
function checkRequestConsistency(data: CustomerData): void {
  const owner = data.subscriberAccount.id;
  for (const { objects: of, otherAccount, twice } of OWNED_LISTS) {
    const objects = of(data);
    if (!objects) continue;
    // one object (the usual case) cannot be given twice
    const seen = objects.length > 1 ? new Set<string>() : undefined;
    for (const object of objects) {
      if (object.subscriberAccountId !== owner) fail(otherAccount, `${object.id} references subscriber account ${object.subscriberAccountId}, not ${owner}`);
      if (seen?.has(object.id)) fail(twice, object.id);
      seen?.add(object.id);
    }
  }
  for (const contract of data.chargingContract ?? []) {
    const allowances = contract.allowance;
    if (!allowances || allowances.length < 2) continue;
    const ids = new Set<string>();
    for (const allowance of allowances) {
      if (ids.has(allowance.id)) fail('CUSTOMERDATA-30', `${allowance.id} in charging contract ${contract.id}`);
      ids.add(allowance.id);
    }
  }
}
