// Recharging locks: one row per locked contract, keyed by its account. A lock on
// a root holds its linked contracts, so the holder of a contract is its own lock
// or its root's.
import type { RechargingLock, RechargingLockRepository } from '../port.ts';
import type { SqlSession } from './session.ts';
import { contractOwner } from './contracts.ts';

interface LockRow {
  account_id: string;
  contract_id: string;
  lock_id: string;
  locked_at: string;
  user_name: string;
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
}
