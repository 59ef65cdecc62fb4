// The Store over an SQL engine: both adapters share these repositories and
// differ only in their engine (store/sqlite, store/postgres).
import type { Store, StoreTx } from '../port.ts';
import type { SqlEngine, SqlSession } from './session.ts';
import { SqlAccountRepository } from './accounts.ts';
import { SqlContractRepository } from './contracts.ts';
import { SqlSubscriberTableRepository } from './tables.ts';
import { SqlCatalogRepository, SqlUserRepository } from './system.ts';
import { SqlRechargingLockRepository } from './locks.ts';
import { SqlContractStateRepository } from './contractStates.ts';
import { SqlCustomerDataRepository } from './customerData.ts';
import { SqlJobRepository } from './jobs.ts';
import { SqlAuditRepository } from './audit.ts';
import { SqlIdempotencyRepository, SqlTokenRepository } from './tokens.ts';

class SqlTx implements StoreTx {
  readonly accounts: SqlAccountRepository;
  readonly contracts: SqlContractRepository;
  readonly tables: SqlSubscriberTableRepository;
  readonly users: SqlUserRepository;
  readonly catalogs: SqlCatalogRepository;
  readonly locks: SqlRechargingLockRepository;
  readonly contractStates: SqlContractStateRepository;
  readonly customerData: SqlCustomerDataRepository;
  readonly jobs: SqlJobRepository;
  readonly audit: SqlAuditRepository;
  readonly tokens: SqlTokenRepository;
  readonly idempotency: SqlIdempotencyRepository;
  private readonly session: SqlSession;

  constructor(session: SqlSession) {
    this.session = session;
    this.accounts = new SqlAccountRepository(session);
    this.contracts = new SqlContractRepository(session);
    this.tables = new SqlSubscriberTableRepository(session);
    this.users = new SqlUserRepository(session);
    this.catalogs = new SqlCatalogRepository(session);
    this.locks = new SqlRechargingLockRepository(session);
    this.contractStates = new SqlContractStateRepository(session);
    this.customerData = new SqlCustomerDataRepository(session);
    this.jobs = new SqlJobRepository(session);
    this.audit = new SqlAuditRepository(session);
    this.tokens = new SqlTokenRepository(session);
    this.idempotency = new SqlIdempotencyRepository(session);
  }

  savepoint<T>(fn: () => Promise<T>): Promise<T> {
    return this.session.savepoint(fn);
  }
}

export class SqlStore implements Store {
  readonly engine: SqlEngine;

  constructor(engine: SqlEngine) {
    this.engine = engine;
  }

  get dialect() {
    return this.engine.dialect;
  }

  read<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    return this.engine.read((session) => fn(new SqlTx(session)));
  }

  write<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    return this.engine.write((session) => fn(new SqlTx(session)));
  }

  ping(): Promise<void> {
    return this.engine.ping();
  }

  close(): Promise<void> {
    return this.engine.close();
  }
}
