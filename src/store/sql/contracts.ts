// Charging contracts: one row per contract (definition document, root, status,
// transfer date) keyed by account; the directory maps the system-wide contract id
// to its account; user service id claims make "one contract at a time" checkable.
import type { ChargingContractFilter, ContractRepository, Page, StoredContract, UserServiceClaim } from '../port.ts';
import type { ChargingContract, OperationalStatus } from '../../schema/customerData.ts';
import { contractDefinition } from '../../model/chargingContract.ts';
import type { SqlSession, SqlValue } from './session.ts';

export interface ContractRow {
  doc: string;
  status: OperationalStatus;
  transfer_date: string | null;
  lock_id: string | null;
}

// A linked contract follows its root's status; a lock on the root holds its linked contracts.
export const CONTRACT_COLUMNS = `c.doc, COALESCE(r.operational_status, c.operational_status) AS status, c.transfer_date,
    COALESCE(l.lock_id, rl.lock_id) AS lock_id`;
export const CONTRACT_READ_SIDE_JOINS = `LEFT JOIN charging_contract r ON r.account_id = c.account_id AND r.id = c.root_id
  LEFT JOIN recharging_lock l ON l.account_id = c.account_id AND l.contract_id = c.id
  LEFT JOIN recharging_lock rl ON rl.account_id = c.account_id AND rl.contract_id = c.root_id`;
const SELECT_CONTRACT = `SELECT ${CONTRACT_COLUMNS} FROM charging_contract c ${CONTRACT_READ_SIDE_JOINS}`;

export function toStored(row: ContractRow): StoredContract {
  const contract = JSON.parse(row.doc) as ChargingContract;
  const stored: StoredContract = { contract, operationalStatus: row.status };
  if (row.lock_id !== null) stored.rechargingLockId = row.lock_id;
  if (row.transfer_date !== null) stored.transferDate = row.transfer_date;
  return stored;
}

/** Which subscriber account owns contract `id`: the directory answers for the whole system. */
export async function contractOwner(db: SqlSession, id: string): Promise<string | undefined> {
  const row = await db.get<{ account_id: string }>('SELECT account_id FROM contract_directory WHERE contract_id = ?', [id]);
  return row?.account_id;
}

function contractWhere(filter: ChargingContractFilter, afterId?: string): { join: string; where: string; params: SqlValue[] } {
  const clauses: string[] = [];
  const params: SqlValue[] = [];
  let join = '';
  if (filter.userServiceId !== undefined) {
    join = 'JOIN (SELECT DISTINCT contract_id FROM user_service_claim WHERE user_service_id = ?) u ON u.contract_id = c.id';
    params.push(filter.userServiceId);
  }
  const add = (clause: string, value: SqlValue | undefined) => {
    if (value === undefined) return;
    clauses.push(clause);
    params.push(value);
  };
  add('c.id = ?', filter.id);
  add('c.account_id = ?', filter.subscriberAccountId);
  add('c.root_id = ?', filter.rootChargingContractId);
  add('COALESCE(r.operational_status, c.operational_status) = ?', filter.operationalStatus);
  add('c.id > ?', afterId);
  return { join, where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

export class SqlContractRepository implements ContractRepository {
  private readonly db: SqlSession;

  constructor(db: SqlSession) {
    this.db = db;
  }

  ownerOf(id: string): Promise<string | undefined> {
    return contractOwner(this.db, id);
  }

  async get(id: string): Promise<StoredContract | undefined> {
    const accountId = await this.ownerOf(id);
    if (accountId === undefined) return undefined;
    const row = await this.db.get<ContractRow>(`${SELECT_CONTRACT} WHERE c.account_id = ? AND c.id = ?`, [accountId, id]);
    return row && toStored(row);
  }

  async listByAccount(subscriberAccountId: string): Promise<StoredContract[]> {
    const rows = await this.db.all<ContractRow>(`${SELECT_CONTRACT} WHERE c.account_id = ? ORDER BY c.id`, [subscriberAccountId]);
    return rows.map(toStored);
  }

  async listLinked(rootId: string): Promise<StoredContract[]> {
    const accountId = await this.ownerOf(rootId);
    if (accountId === undefined) return [];
    const rows = await this.db.all<ContractRow>(`${SELECT_CONTRACT} WHERE c.account_id = ? AND c.root_id = ? ORDER BY c.id`, [accountId, rootId]);
    return rows.map(toStored);
  }

  async find(filter: ChargingContractFilter, afterId: string | undefined, limit: number): Promise<Page<StoredContract>> {
    const { join, where, params } = contractWhere(filter, afterId);
    const rows = await this.db.all<ContractRow>(`${SELECT_CONTRACT} ${join} ${where} ORDER BY c.id LIMIT ?`, [...params, limit + 1]);
    return { rows: rows.slice(0, limit).map(toStored), more: rows.length > limit };
  }

  async count(filter: ChargingContractFilter): Promise<number> {
    const { join, where, params } = contractWhere(filter);
    const row = await this.db.get<{ n: number | string }>(
      `SELECT COUNT(*) AS n FROM charging_contract c
       LEFT JOIN charging_contract r ON r.account_id = c.account_id AND r.id = c.root_id ${join} ${where}`,
      params,
    );
    return Number(row?.n ?? 0);
  }

  async put(contract: ChargingContract, operationalStatus: OperationalStatus, transferDate?: string): Promise<void> {
    await this.db.run('INSERT INTO contract_directory (contract_id, account_id) VALUES (?, ?) ON CONFLICT (contract_id) DO NOTHING', [
      contract.id,
      contract.subscriberAccountId,
    ]);
    await this.db.run(
      `INSERT INTO charging_contract (account_id, id, root_id, operational_status, transfer_date, doc) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (account_id, id) DO UPDATE SET root_id = excluded.root_id, operational_status = excluded.operational_status,
         transfer_date = COALESCE(excluded.transfer_date, charging_contract.transfer_date), doc = excluded.doc`,
      [
        contract.subscriberAccountId,
        contract.id,
        contract.rootChargingContractId ?? null,
        operationalStatus,
        transferDate ?? null,
        JSON.stringify(contractDefinition(contract)),
      ],
    );
  }

  async setOperationalStatus(id: string, status: OperationalStatus): Promise<void> {
    const accountId = await this.ownerOf(id);
    if (accountId === undefined) return;
    await this.db.run('UPDATE charging_contract SET operational_status = ? WHERE account_id = ? AND id = ?', [status, accountId, id]);
  }

  async delete(id: string): Promise<void> {
    const accountId = await this.ownerOf(id);
    if (accountId === undefined) return;
    await this.db.run('DELETE FROM charging_contract WHERE account_id = ? AND id = ?', [accountId, id]);
    await this.db.run('DELETE FROM recharging_lock WHERE account_id = ? AND contract_id = ?', [accountId, id]);
    await this.db.run('DELETE FROM contract_state WHERE account_id = ? AND contract_id = ?', [accountId, id]);
    await this.db.run('DELETE FROM user_service_claim WHERE contract_id = ?', [id]);
    await this.db.run('DELETE FROM contract_directory WHERE contract_id = ?', [id]);
  }

  async replaceUserServiceClaims(contractId: string, subscriberAccountId: string, claims: UserServiceClaim[]): Promise<void> {
    await this.db.run('DELETE FROM user_service_claim WHERE contract_id = ?', [contractId]);
    for (const claim of claims) {
      await this.db.run(
        `INSERT INTO user_service_claim (user_service_id, contract_id, account_id, start_date, end_date) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (user_service_id, contract_id, start_date) DO UPDATE SET end_date = excluded.end_date`,
        [claim.userServiceId, contractId, subscriberAccountId, claim.start, claim.end ?? null],
      );
    }
  }

  async userServiceClaims(userServiceId: string, exceptContractId?: string): Promise<UserServiceClaim[]> {
    const rows = await this.db.all<{ user_service_id: string; contract_id: string; account_id: string; start_date: string; end_date: string | null }>(
      'SELECT user_service_id, contract_id, account_id, start_date, end_date FROM user_service_claim WHERE user_service_id = ? AND contract_id <> ?',
      [userServiceId, exceptContractId ?? ''],
    );
    return rows.map((r) => {
      const claim: UserServiceClaim = { userServiceId: r.user_service_id, contractId: r.contract_id, subscriberAccountId: r.account_id, start: r.start_date };
      if (r.end_date !== null) claim.end = r.end_date;
      return claim;
    });
  }
}
