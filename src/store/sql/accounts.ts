// Subscriber, external and prepaid accounts: one row each, the definition as a
// JSON document beside its key columns; a prepaid account's balance and state are
// columns of their own because they change without the definition.
import type { AccountRepository, Page, SubscriberAccountFilter } from '../port.ts';
import type { ExternalAccount, PrepaidAccount, PrepaidState, SubscriberAccount } from '../../schema/customerData.ts';
import type { SqlSession, SqlValue } from './session.ts';
import { prepaidDefinition } from '../../model/prepaidAccount.ts';

interface DocRow {
  doc: string;
}
export interface PrepaidRow extends DocRow {
  balance: string;
  current_state: PrepaidState;
}

function accountWhere(filter: SubscriberAccountFilter, afterId?: string): { where: string; params: SqlValue[] } {
  const clauses: string[] = [];
  const params: SqlValue[] = [];
  if (filter.id !== undefined) {
    clauses.push('account_id = ?');
    params.push(filter.id);
  }
  if (filter.subscriberId !== undefined) {
    clauses.push('subscriber_id = ?');
    params.push(filter.subscriberId);
  }
  if (afterId !== undefined) {
    clauses.push('account_id > ?');
    params.push(afterId);
  }
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/** The read side goes where the schema puts it: after emptyLimit. */
export function withReadSide(row: PrepaidRow): PrepaidAccount {
  const { stateSchedule, amountAlert, stateChangeAlert, ...head } = JSON.parse(row.doc) as PrepaidAccount;
  const account: PrepaidAccount = { ...head, balance: row.balance, currentState: row.current_state };
  if (stateSchedule !== undefined) account.stateSchedule = stateSchedule;
  if (amountAlert !== undefined) account.amountAlert = amountAlert;
  if (stateChangeAlert !== undefined) account.stateChangeAlert = stateChangeAlert;
  return account;
}

export class SqlAccountRepository implements AccountRepository {
  private readonly db: SqlSession;

  constructor(db: SqlSession) {
    this.db = db;
  }

  getSubscriberAccount(id: string): Promise<SubscriberAccount | undefined> {
    return this.db.document(`subscriber_account:${id}`, async () => {
      const row = await this.db.get<DocRow>('SELECT doc FROM subscriber_account WHERE account_id = ?', [id]);
      return row && (JSON.parse(row.doc) as SubscriberAccount);
    });
  }

  async putSubscriberAccount(account: SubscriberAccount): Promise<void> {
    await this.db.run(
      `INSERT INTO subscriber_account (account_id, subscriber_id, doc) VALUES (?, ?, ?)
       ON CONFLICT (account_id) DO UPDATE SET subscriber_id = excluded.subscriber_id, doc = excluded.doc`,
      [account.id, account.subscriberId, JSON.stringify(account)],
    );
  }

  async deleteSubscriberAccount(id: string): Promise<void> {
    await this.db.run('DELETE FROM subscriber_account WHERE account_id = ?', [id]);
  }

  async findSubscriberAccounts(filter: SubscriberAccountFilter, afterId: string | undefined, limit: number): Promise<Page<SubscriberAccount>> {
    const { where, params } = accountWhere(filter, afterId);
    const rows = await this.db.all<DocRow>(`SELECT doc FROM subscriber_account ${where} ORDER BY account_id LIMIT ?`, [...params, limit + 1]);
    return { rows: rows.slice(0, limit).map((r) => JSON.parse(r.doc)), more: rows.length > limit };
  }

  async countSubscriberAccounts(filter: SubscriberAccountFilter): Promise<number> {
    const { where, params } = accountWhere(filter);
    const row = await this.db.get<{ n: number | string }>(`SELECT COUNT(*) AS n FROM subscriber_account ${where}`, params);
    return Number(row?.n ?? 0);
  }

  async ownsCustomerData(id: string): Promise<boolean> {
    const row = await this.db.get(
      `SELECT 1 AS owned WHERE EXISTS (SELECT 1 FROM charging_contract WHERE account_id = ?)
          OR EXISTS (SELECT 1 FROM external_account WHERE account_id = ?)
          OR EXISTS (SELECT 1 FROM prepaid_account WHERE account_id = ?)
          OR EXISTS (SELECT 1 FROM subscriber_table WHERE account_id = ?)`,
      [id, id, id, id],
    );
    return row !== undefined;
  }

  async getExternalAccount(subscriberAccountId: string, id: string): Promise<ExternalAccount | undefined> {
    const row = await this.db.get<DocRow>('SELECT doc FROM external_account WHERE account_id = ? AND id = ?', [subscriberAccountId, id]);
    return row && JSON.parse(row.doc);
  }

  async listExternalAccounts(subscriberAccountId: string): Promise<ExternalAccount[]> {
    const rows = await this.db.all<DocRow>('SELECT doc FROM external_account WHERE account_id = ? ORDER BY id', [subscriberAccountId]);
    return rows.map((r) => JSON.parse(r.doc));
  }

  async putExternalAccount(account: ExternalAccount): Promise<void> {
    await this.db.run(
      `INSERT INTO external_account (account_id, id, doc) VALUES (?, ?, ?)
       ON CONFLICT (account_id, id) DO UPDATE SET doc = excluded.doc`,
      [account.subscriberAccountId, account.id, JSON.stringify(account)],
    );
  }

  async deleteExternalAccount(subscriberAccountId: string, id: string): Promise<void> {
    await this.db.run('DELETE FROM external_account WHERE account_id = ? AND id = ?', [subscriberAccountId, id]);
  }

  async getPrepaidAccount(subscriberAccountId: string, id: string): Promise<PrepaidAccount | undefined> {
    const row = await this.db.get<PrepaidRow>('SELECT doc, balance, current_state FROM prepaid_account WHERE account_id = ? AND id = ?', [subscriberAccountId, id]);
    return row && withReadSide(row);
  }

  async listPrepaidAccounts(subscriberAccountId: string): Promise<PrepaidAccount[]> {
    const rows = await this.db.all<PrepaidRow>('SELECT doc, balance, current_state FROM prepaid_account WHERE account_id = ? ORDER BY id', [subscriberAccountId]);
    return rows.map(withReadSide);
  }

  async putPrepaidAccount(account: PrepaidAccount): Promise<void> {
    await this.db.run(
      `INSERT INTO prepaid_account (account_id, id, doc, balance, current_state) VALUES (?, ?, ?, '0', 'active')
       ON CONFLICT (account_id, id) DO UPDATE SET doc = excluded.doc`,
      [account.subscriberAccountId, account.id, JSON.stringify(prepaidDefinition(account))],
    );
  }

  async deletePrepaidAccount(subscriberAccountId: string, id: string): Promise<void> {
    await this.db.run('DELETE FROM prepaid_account WHERE account_id = ? AND id = ?', [subscriberAccountId, id]);
  }

  async setPrepaidBalance(subscriberAccountId: string, id: string, balance: string): Promise<void> {
    await this.db.run('UPDATE prepaid_account SET balance = ? WHERE account_id = ? AND id = ?', [balance, subscriberAccountId, id]);
  }

  async setPrepaidState(subscriberAccountId: string, id: string, state: PrepaidState): Promise<void> {
    await this.db.run('UPDATE prepaid_account SET current_state = ? WHERE account_id = ? AND id = ?', [state, subscriberAccountId, id]);
  }
}
