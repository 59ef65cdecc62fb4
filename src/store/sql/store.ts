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

/** A transaction's repositories, each made when first used: most transactions use one or two. */
class SqlTx implements StoreTx {
  private readonly session: SqlSession;
  private accountsRepository: SqlAccountRepository | undefined;
  private contractsRepository: SqlContractRepository | undefined;
  private tablesRepository: SqlSubscriberTableRepository | undefined;
  private usersRepository: SqlUserRepository | undefined;
  private catalogsRepository: SqlCatalogRepository | undefined;
  private locksRepository: SqlRechargingLockRepository | undefined;
  private contractStatesRepository: SqlContractStateRepository | undefined;
  private customerDataRepository: SqlCustomerDataRepository | undefined;
  private jobsRepository: SqlJobRepository | undefined;
  private auditRepository: SqlAuditRepository | undefined;
  private tokensRepository: SqlTokenRepository | undefined;
  private idempotencyRepository: SqlIdempotencyRepository | undefined;

  constructor(session: SqlSession) {
    this.session = session;
  }

  get accounts(): SqlAccountRepository {
    return (this.accountsRepository ??= new SqlAccountRepository(this.session));
  }

  get contracts(): SqlContractRepository {
    return (this.contractsRepository ??= new SqlContractRepository(this.session));
  }

  get tables(): SqlSubscriberTableRepository {
    return (this.tablesRepository ??= new SqlSubscriberTableRepository(this.session));
  }

  get users(): SqlUserRepository {
    return (this.usersRepository ??= new SqlUserRepository(this.session));
  }

  get catalogs(): SqlCatalogRepository {
    return (this.catalogsRepository ??= new SqlCatalogRepository(this.session));
  }

  get locks(): SqlRechargingLockRepository {
    return (this.locksRepository ??= new SqlRechargingLockRepository(this.session));
  }

  get contractStates(): SqlContractStateRepository {
    return (this.contractStatesRepository ??= new SqlContractStateRepository(this.session));
  }

  get customerData(): SqlCustomerDataRepository {
    return (this.customerDataRepository ??= new SqlCustomerDataRepository(this.session));
  }

  get jobs(): SqlJobRepository {
    return (this.jobsRepository ??= new SqlJobRepository(this.session));
  }

  get audit(): SqlAuditRepository {
    return (this.auditRepository ??= new SqlAuditRepository(this.session));
  }

  get tokens(): SqlTokenRepository {
    return (this.tokensRepository ??= new SqlTokenRepository(this.session));
  }

  get idempotency(): SqlIdempotencyRepository {
    return (this.idempotencyRepository ??= new SqlIdempotencyRepository(this.session));
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
