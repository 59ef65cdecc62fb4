// The Store port: what operations need from storage, nothing about SQL. Each
// domain has its repository (accounts, contracts, tables, users, catalog); a
// transaction (StoreTx) gives all of them. Adapters: store/sqlite, store/postgres.
import type { ChargingContract, ExternalAccount, OperationalStatus, PrepaidAccount, PrepaidState, SubscriberAccount, SubscriberMappingTable, SubscriberRangeTable } from '../schema/customerData.ts';
import type { WireDate } from '../model/values.ts';
import type { ContractStateValues } from '../model/contractState.ts';
import type { LockableContract, LockHolding } from '../model/recharging.ts';
import type { ImportKeys, KnownCustomerData } from '../model/knownCustomerData.ts';
import type { CustomerWrites } from '../model/customerDataImport.ts';
import type { ImportRows } from './importRows.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface Store {
  readonly dialect: Dialect;
  /** Runs `fn` on a consistent view; no writes. */
  read<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` in one transaction: all of it commits or none. `fn` may be run again
   * when the database reports a conflict with a concurrent transaction, so it must
   * not have effects outside the store.
   */
  write<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  /** Resolves when the store answers; throws STORE-100 when it does not. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface StoreTx {
  readonly accounts: AccountRepository;
  readonly contracts: ContractRepository;
  readonly tables: SubscriberTableRepository;
  readonly users: UserRepository;
  readonly catalogs: CatalogRepository;
  readonly locks: RechargingLockRepository;
  readonly contractStates: ContractStateRepository;
  readonly customerData: CustomerDataRepository;
  readonly jobs: JobRepository;
  readonly audit: AuditRepository;
  readonly tokens: TokenRepository;
  readonly idempotency: IdempotencyRepository;
  /** Runs `fn` so that a throw undoes only what `fn` wrote (mass mode). */
  savepoint<T>(fn: () => Promise<T>): Promise<T>;
}

/** A page of a find: rows in unique-id order, and whether more follow. */
export interface Page<T> {
  rows: T[];
  more: boolean;
}

export interface SubscriberAccountFilter {
  id?: string;
  subscriberId?: string;
}

export interface AccountRepository {
  getSubscriberAccount(id: string): Promise<SubscriberAccount | undefined>;
  putSubscriberAccount(account: SubscriberAccount): Promise<void>;
  deleteSubscriberAccount(id: string): Promise<void>;
  /** Accounts matching `filter` with id > `afterId`, in id order, at most `limit`. */
  findSubscriberAccounts(filter: SubscriberAccountFilter, afterId: string | undefined, limit: number): Promise<Page<SubscriberAccount>>;
  countSubscriberAccounts(filter: SubscriberAccountFilter): Promise<number>;
  /** Does the account own contracts, external or prepaid accounts, or tables? */
  ownsCustomerData(id: string): Promise<boolean>;

  getExternalAccount(subscriberAccountId: string, id: string): Promise<ExternalAccount | undefined>;
  listExternalAccounts(subscriberAccountId: string): Promise<ExternalAccount[]>;
  putExternalAccount(account: ExternalAccount): Promise<void>;
  deleteExternalAccount(subscriberAccountId: string, id: string): Promise<void>;

  /** With its read side: `balance` and `currentState`. */
  getPrepaidAccount(subscriberAccountId: string, id: string): Promise<PrepaidAccount | undefined>;
  listPrepaidAccounts(subscriberAccountId: string): Promise<PrepaidAccount[]>;
  /** Stores the definition; a new account starts active with balance 0, an existing one keeps both. */
  putPrepaidAccount(account: PrepaidAccount): Promise<void>;
  deletePrepaidAccount(subscriberAccountId: string, id: string): Promise<void>;
  setPrepaidBalance(subscriberAccountId: string, id: string, balance: string): Promise<void>;
  setPrepaidState(subscriberAccountId: string, id: string, state: PrepaidState): Promise<void>;
}

/** A stored charging contract: its definition and its read side. */
export interface StoredContract {
  contract: ChargingContract;
  /** the root's status for a linked contract */
  operationalStatus: OperationalStatus;
  rechargingLockId?: string;
  transferDate?: WireDate;
}

export interface ChargingContractFilter {
  id?: string;
  subscriberAccountId?: string;
  rootChargingContractId?: string;
  operationalStatus?: OperationalStatus;
  userServiceId?: string;
}

export interface UserServiceClaim {
  userServiceId: string;
  contractId: string;
  subscriberAccountId: string;
  start: WireDate;
  end?: WireDate;
}

export interface ContractRepository {
  /** The contract wherever it lives (the directory knows its account). */
  get(id: string): Promise<StoredContract | undefined>;
  /** Which subscriber account owns contract `id`, if any. */
  ownerOf(id: string): Promise<string | undefined>;
  listByAccount(subscriberAccountId: string): Promise<StoredContract[]>;
  listLinked(rootId: string): Promise<StoredContract[]>;
  find(filter: ChargingContractFilter, afterId: string | undefined, limit: number): Promise<Page<StoredContract>>;
  count(filter: ChargingContractFilter): Promise<number>;
  /**
   * Creates or replaces the definition. `operationalStatus` is stored for a root
   * (a linked contract follows its root); `transferDate` when given.
   */
  put(contract: ChargingContract, operationalStatus: OperationalStatus, transferDate?: WireDate): Promise<void>;
  setOperationalStatus(id: string, status: OperationalStatus): Promise<void>;
  delete(id: string): Promise<void>;
  /** Replaces the user service id claims of `contractId` with `claims`. */
  replaceUserServiceClaims(contractId: string, subscriberAccountId: string, claims: UserServiceClaim[]): Promise<void>;
  /** Claims of `userServiceId` by contracts other than `exceptContractId`. */
  userServiceClaims(userServiceId: string, exceptContractId?: string): Promise<UserServiceClaim[]>;
}

/** A recharging lock on one charging contract (SPEC 2.2). */
export interface RechargingLock {
  chargingContractId: string;
  subscriberAccountId: string;
  rechargingLockId: string;
  lockedAt: WireDate;
  user: string;
}

export interface RechargingLockFilter {
  subscriberAccountId?: string;
  rechargingLockId?: string;
}

export interface RechargingLockRepository {
  /** The lock holding contract `contractId`: its own, else its root's (a lock on a root holds its linked contracts). */
  holderOf(contractId: string): Promise<RechargingLock | undefined>;
  /** Places the lock on its contract, replacing one there. */
  put(lock: RechargingLock): Promise<void>;
  /** Releases the lock on contract `contractId`, if any. */
  delete(contractId: string): Promise<void>;
  /** Every contract of the account with its root and operational status (no lock rows read). */
  contractsOf(subscriberAccountId: string): Promise<LockableContract[]>;
  /**
   * Places the lock on its contract unless one is there, and answers the lock id
   * holding it already when it is another one. Written, not read first: the unique
   * key on the contract decides between concurrent sessions, and lock transactions
   * of different contracts have no read-write dependency for PostgreSQL to abort.
   */
  take(lock: RechargingLock): Promise<string | undefined>;
  /** The lock rows on these contracts of the account. */
  holdings(subscriberAccountId: string, chargingContractIds: string[]): Promise<LockHolding[]>;
  /** Removes the locks `rechargingLockId` has placed on these contracts of the account. */
  release(subscriberAccountId: string, rechargingLockId: string, chargingContractIds: string[]): Promise<void>;
  /** One entry per contract held (linked contracts through their root's lock), by account then contract id. */
  find(filter: RechargingLockFilter): Promise<RechargingLock[]>;
}

/** The values ever set on each charging contract's state; deleting a contract deletes them. */
export interface ContractStateRepository {
  /** Undefined when nothing was ever set: every counter holds its initial value. */
  get(subscriberAccountId: string, chargingContractId: string): Promise<ContractStateValues | undefined>;
  put(subscriberAccountId: string, chargingContractId: string, values: ContractStateValues): Promise<void>;
}

/** Everything one subscriber account owns, as stored, in id order: what an export reads. */
export interface StoredCustomerData {
  subscriberAccount: SubscriberAccount;
  externalAccounts: ExternalAccount[];
  /** with their read side: balance and currentState */
  prepaidAccounts: PrepaidAccount[];
  mappingTables: SubscriberMappingTable[];
  rangeTables: SubscriberRangeTable[];
  contracts: StoredContract[];
}

/** An account's customer data as the store holds it: each object's JSON document, in id order. */
export interface StoredCustomerDataText {
  subscriberAccountId: string;
  subscriberAccount: string;
  externalAccounts: string[];
  /** with their read side (balance, currentState) in place */
  prepaidAccounts: string[];
  mappingTables: string[];
  rangeTables: string[];
  /** definitions, with the read side beside them */
  contracts: Array<{ doc: string; operationalStatus: string; rechargingLockId?: string }>;
}

// The rows an import writes (ImportRows), their tables, columns and keys: src/store/importRows.ts.
export type { ImportRows, ImportValue } from './importRows.ts';

/** Customer data in bulk: what import and export need, a batch of accounts per statement rather than a row. */
export interface CustomerDataRepository {
  /** What the store holds of the ids a batch of customers to import names. */
  known(keys: ImportKeys): Promise<KnownCustomerData>;
  /** Writes what an import admitted; contracts it creates record `transferDate`. */
  writeImported(writes: readonly CustomerWrites[], transferDate: WireDate): Promise<void>;
  /** Writes rows built by `importRows` (src/store/importRows.ts). */
  writeImportedRows(rows: ImportRows): Promise<void>;
  /** The customer data of up to `limit` subscriber accounts with id > `afterId`, in id order, as stored text. */
  exportPage(afterId: string | undefined, limit: number): Promise<StoredCustomerDataText[]>;
}

/** A bulk import job (SPEC 8): what it imports and how far it got. */
export interface StoredJob {
  id: string;
  state: 'running' | 'finished' | 'failed';
  [field: string]: unknown;
}

export interface JobFailure {
  line: number;
  code: string;
  message: string;
}

export interface JobRepository {
  put(job: StoredJob): Promise<void>;
  get(id: string): Promise<StoredJob | undefined>;
  addFailures(jobId: string, failures: readonly JobFailure[]): Promise<void>;
  /** The first `limit` failures in line order. */
  failures(jobId: string, limit: number): Promise<JobFailure[]>;
  /** Jobs left running by a server that stopped. */
  listRunning(): Promise<StoredJob[]>;
}

export type SubscriberTableKind = 'mapping' | 'range';

export interface SubscriberTableFilter {
  id?: string;
  subscriberAccountId?: string;
  classId?: string;
}

export interface SubscriberTableRepository {
  /** Which subscriber account owns table `id` of `kind`, if any. */
  ownerOf(kind: SubscriberTableKind, id: string): Promise<string | undefined>;
  getMappingTable(id: string): Promise<SubscriberMappingTable | undefined>;
  putMappingTable(table: SubscriberMappingTable): Promise<void>;
  getRangeTable(id: string): Promise<SubscriberRangeTable | undefined>;
  putRangeTable(table: SubscriberRangeTable): Promise<void>;
  delete(kind: SubscriberTableKind, id: string): Promise<void>;
  listMappingTables(subscriberAccountId: string): Promise<SubscriberMappingTable[]>;
  listRangeTables(subscriberAccountId: string): Promise<SubscriberRangeTable[]>;
  findMappingTables(filter: SubscriberTableFilter, afterId: string | undefined, limit: number): Promise<Page<SubscriberMappingTable>>;
  findRangeTables(filter: SubscriberTableFilter, afterId: string | undefined, limit: number): Promise<Page<SubscriberRangeTable>>;
  countMappingTables(filter: SubscriberTableFilter): Promise<number>;
  countRangeTables(filter: SubscriberTableFilter): Promise<number>;
}

export interface StoredUser {
  name: string;
  passwordHash: string;
  roles: string[];
  createdAt: WireDate;
}

export interface UserRepository {
  get(name: string): Promise<StoredUser | undefined>;
  put(user: StoredUser): Promise<void>;
  delete(name: string): Promise<boolean>;
  list(): Promise<StoredUser[]>;
  count(): Promise<number>;
}

export interface StoredCatalog {
  json: string;
  fingerprint: string;
  loadedAt: WireDate;
}

export interface CatalogRepository {
  get(): Promise<StoredCatalog | undefined>;
  put(catalog: StoredCatalog): Promise<void>;
}

/** One record of the audit log (SPEC 3.5): who did what to which objects, and how it ended. */
export interface AuditRecord {
  /** assigned by the store, increasing */
  id: number;
  time: WireDate;
  user: string;
  operation: string;
  /** CUSTOMER, CONFIGURATION, SECURITY */
  domain: string;
  objectIds: string[];
  outcome: 'success' | 'failure';
  errorCode?: string;
  /** json, soap or cli */
  channel: string;
  /** the client's address, when it came over the network */
  address?: string;
  detail?: string;
}

export type NewAuditRecord = Omit<AuditRecord, 'id'>;

export interface AuditFilter {
  user?: string;
  operation?: string;
  objectId?: string;
  /** inclusive */
  from?: WireDate;
  /** exclusive */
  to?: WireDate;
}

export interface AuditRepository {
  append(record: NewAuditRecord): Promise<number>;
  /** Records matching `filter` after `afterId` in `order` of id, at most `limit`. */
  find(filter: AuditFilter, afterId: number | undefined, limit: number, order: 'asc' | 'desc'): Promise<Page<AuditRecord>>;
}

/** A bearer token of a user; only the SHA-256 of the token is stored. */
export interface StoredToken {
  id: string;
  user: string;
  hash: string;
  description?: string;
  createdAt: WireDate;
  revokedAt?: WireDate;
}

export interface TokenRepository {
  put(token: StoredToken): Promise<void>;
  /** The user of a token that is not revoked, by the token's hash. */
  userOf(hash: string): Promise<StoredUser | undefined>;
  get(id: string): Promise<StoredToken | undefined>;
  list(user?: string): Promise<StoredToken[]>;
  revoke(id: string, at: WireDate): Promise<boolean>;
  deleteOf(user: string): Promise<void>;
}

/** A response kept for an Idempotency-Key, replayed byte for byte. */
export interface StoredResponse {
  status: number;
  contentType: string;
  body: string;
}

/** An Idempotency-Key of a user: claimed by one request (`claim`) until it has its response. Times in ms. */
export interface IdempotencyRecord {
  user: string;
  key: string;
  requestHash: string;
  claim: string;
  createdAt: number;
  expiresAt: number;
  /** a claim without response after this time was abandoned (its server stopped) */
  leaseUntil: number;
  response?: StoredResponse;
}

export interface IdempotencyRepository {
  get(user: string, key: string): Promise<IdempotencyRecord | undefined>;
  /** Inserts the record, or replaces the one of the same user and key. */
  put(record: IdempotencyRecord): Promise<void>;
  /** Stores the response of claim `claim`; false when the key is no longer that claim's. */
  complete(user: string, key: string, claim: string, response: StoredResponse): Promise<boolean>;
  /** Forgets the key if claim `claim` still holds it. */
  release(user: string, key: string, claim: string): Promise<void>;
  /** Removes records expired before `now`. */
  purge(now: number): Promise<number>;
}
