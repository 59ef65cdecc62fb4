// Recharging locks: one row per locked contract, keyed by its account. A lock on
// a root holds its linked contracts, so the holder of a contract is its own lock
// or its root's.
import type { RechargingLock, RechargingLockFilter, RechargingLockRepository } from '../port.ts';
import type { LockableContract, LockHolding } from '../../model/recharging.ts';
import type { OperationalStatus } from '../../schema/customerData.ts';
import { placeholders, type SqlSession, type SqlValue } from './session.ts';
import { contractOwner } from './contracts.ts';

interface LockRow {
  account_id: string;
  contract_id: string;
  lock_id: string;
  locked_at: string;
  user_name: string;
}

interface LockableRow {
  id: string;
  root_id: string | null;
  status: OperationalStatus;
}

const LOCK_COLUMNS = 'l.account_id, l.lock_id, l.locked_at, l.user_name';

function lockWhere(filter: RechargingLockFilter): { where: string; params: SqlValue[] } {
  const clauses: string[] = [];
  const params: SqlValue[] = [];
  if (filter.subscriberAccountId !== undefined) {
    clauses.push('l.account_id = ?');
    params.push(filter.subscriberAccountId);
  }
  if (filter.rechargingLockId !== undefined) {
    clauses.push('l.lock_id = ?');
    params.push(filter.rechargingLockId);
  }
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

const toLock = (row: LockRow): RechargingLock => ({
  chargingContractId: row.contract_id,
  subscriberAccountId: row.account_id,
  rechargingLockId: row.lock_id,
  lockedAt: row.locked_at,
  user: row.user_name,
});

export class SqlRechargingLockRepository implements RechargingLockRepository {
  private readonly db: SqlSession;

  constructor(db: SqlSession) {
    this.db = db;
  }

  async holderOf(contractId: string): Promise<RechargingLock | undefined> {
    const accountId = await contractOwner(this.db, contractId);
    if (accountId === undefined) return undefined;
    const row = await this.db.get<LockRow>(
      `SELECT l.account_id, l.contract_id, l.lock_id, l.locked_at, l.user_name
       FROM charging_contract c
       JOIN recharging_lock l ON l.account_id = c.account_id AND (l.contract_id = c.id OR l.contract_id = c.root_id)
       WHERE c.account_id = ? AND c.id = ?
       ORDER BY CASE WHEN l.contract_id = c.id THEN 0 ELSE 1 END
       LIMIT 1`,
      [accountId, contractId],
    );
    return row && toLock(row);
  }

  async put(lock: RechargingLock): Promise<void> {
    await this.db.run(
      `INSERT INTO recharging_lock (account_id, contract_id, lock_id, locked_at, user_name) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (account_id, contract_id) DO UPDATE SET lock_id = excluded.lock_id, locked_at = excluded.locked_at, user_name = excluded.user_name`,
      [lock.subscriberAccountId, lock.chargingContractId, lock.rechargingLockId, lock.lockedAt, lock.user],
    );
  }

  async delete(contractId: string): Promise<void> {
    const accountId = await contractOwner(this.db, contractId);
    if (accountId === undefined) return;
    await this.db.run('DELETE FROM recharging_lock WHERE account_id = ? AND contract_id = ?', [accountId, contractId]);
  }

  async contractsOf(subscriberAccountId: string): Promise<LockableContract[]> {
    const rows = await this.db.all<LockableRow>(
      `SELECT c.id, c.root_id, COALESCE(r.operational_status, c.operational_status) AS status
       FROM charging_contract c
       LEFT JOIN charging_contract r ON r.account_id = c.account_id AND r.id = c.root_id
       WHERE c.account_id = ?`,
      [subscriberAccountId],
    );
    return rows.map((row) => {
      const contract: LockableContract = { chargingContractId: row.id, operationalStatus: row.status };
      if (row.root_id !== null) contract.rootChargingContractId = row.root_id;
      return contract;
    });
  }

  async take(lock: RechargingLock): Promise<string | undefined> {
    // no row back: this lock id holds it already; the no-op update only reports another holder
    const row = await this.db.get<{ lock_id: string }>(
      `INSERT INTO recharging_lock (account_id, contract_id, lock_id, locked_at, user_name) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (account_id, contract_id) DO UPDATE SET lock_id = recharging_lock.lock_id WHERE recharging_lock.lock_id <> excluded.lock_id
       RETURNING lock_id`,
      [lock.subscriberAccountId, lock.chargingContractId, lock.rechargingLockId, lock.lockedAt, lock.user],
    );
    return row && row.lock_id !== lock.rechargingLockId ? row.lock_id : undefined;
  }

  async holdings(subscriberAccountId: string, chargingContractIds: string[]): Promise<LockHolding[]> {
    if (!chargingContractIds.length) return [];
    const rows = await this.db.all<{ contract_id: string; lock_id: string }>(
      `SELECT contract_id, lock_id FROM recharging_lock WHERE account_id = ? AND contract_id IN ${placeholders(chargingContractIds.length)}`,
      [subscriberAccountId, ...chargingContractIds],
    );
    return rows.map((row) => ({ chargingContractId: row.contract_id, rechargingLockId: row.lock_id }));
  }

  async release(subscriberAccountId: string, rechargingLockId: string, chargingContractIds: string[]): Promise<void> {
    if (!chargingContractIds.length) return;
    await this.db.run(`DELETE FROM recharging_lock WHERE account_id = ? AND lock_id = ? AND contract_id IN ${placeholders(chargingContractIds.length)}`, [
      subscriberAccountId,
      rechargingLockId,
      ...chargingContractIds,
    ]);
  }

  async find(filter: RechargingLockFilter): Promise<RechargingLock[]> {
    const { where, params } = lockWhere(filter);
    // the locked contracts themselves, then the linked contracts their roots' locks hold
    const rows = await this.db.all<LockRow>(
      `SELECT ${LOCK_COLUMNS}, l.contract_id FROM recharging_lock l ${where}
       UNION ALL
       SELECT ${LOCK_COLUMNS}, c.id AS contract_id FROM recharging_lock l
       JOIN charging_contract c ON c.account_id = l.account_id AND c.root_id = l.contract_id ${where}
       ORDER BY account_id, contract_id`,
      [...params, ...params],
    );
    return rows.map(toLock);
  }
}
