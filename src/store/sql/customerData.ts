// Customer data in bulk for import and export: what the store holds of a batch's
// ids in a few IN queries, the admitted objects in multi-row inserts (SQLite) or
// unnested arrays (PostgreSQL), their rows as src/store/importRows.ts builds them,
// and accounts page by page with every object of the page's accounts read in one
// range scan per table (every key starts with the account).
import type { CustomerDataRepository, ImportRows, StoredCustomerDataText } from '../port.ts';
import { IMPORT_TABLES, importRows } from '../importRows.ts';
import type { CustomerWrites } from '../../model/customerDataImport.ts';
import { accountKey, emptyKnown, type ImportKeys, type KnownCustomerData } from '../../model/knownCustomerData.ts';
import type { ExternalAccount, PrepaidAccount, SubscriberMappingTable, SubscriberRangeTable } from '../../schema/customerData.ts';
import type { SqlSession, SqlValue } from './session.ts';
import { CONTRACT_COLUMNS, CONTRACT_READ_SIDE_JOINS, toStored, type ContractRow } from './contracts.ts';
import { withReadSide, type PrepaidRow } from './accounts.ts';

/** Ids per IN query: a batch in one round trip, within SQLite's parameter limit. */
const IN_CHUNK = 5000;

/** Range seeks before looking ids up one by one: beyond them, the look-up. */
const MAX_SEEKS = 4;

/** A surrogate: part of a character beyond U+FFFF, which UTF-16 and UTF-8 order differently. */
const BEYOND_BMP = /[\uD800-\uDFFF]/;

interface OwnedDocRow {
  account_id: string;
  doc: string;
}

export class SqlCustomerDataRepository implements CustomerDataRepository {
  private readonly db: SqlSession;

  constructor(db: SqlSession) {
    this.db = db;
  }

  /** Rows of `select` (which ends in a WHERE clause or AND) for every chunk of `values` in `column`. */
  private async rowsIn<T>(select: string, column: string, values: readonly string[], params: SqlValue[] = []): Promise<T[]> {
    const rows: T[] = [];
    if (!(await this.mayHoldAny(select, column, values, params))) return rows;
    for (let i = 0; i < values.length; i += IN_CHUNK) {
      const list = this.db.inList(column, values.slice(i, i + IN_CHUNK));
      rows.push(...(await this.db.all<T>(`${select} ${list.sql}`, [...params, ...list.params])));
    }
    return rows;
  }

  /**
   * False when no row of `select` has `column` between the least and the greatest
   * of `values` of each first character: an index seek or a few that spare a fresh
   * import (its ids absent, or above all stored, as an export's sorted accounts are)
   * the look-up of each id. By first character, as ids of one kind may come in a few
   * forms (user service ids: MSISDNs with `+`, IMSIs with digits), each a range of
   * its own. SQLite only: its BINARY order of UTF-8 is JavaScript's order of UTF-16
   * but for characters beyond U+FFFF, for which the look-up is made; PostgreSQL's
   * order depends on the database's collation.
   */
  private async mayHoldAny(select: string, column: string, values: readonly string[], params: SqlValue[]): Promise<boolean> {
    if (this.db.dialect !== 'sqlite' || values.length < 8) return true;
    const ranges = new Map<number, { least: string; greatest: string }>();
    for (const value of values) {
      if (BEYOND_BMP.test(value)) return true;
      const first = value.charCodeAt(0);
      const range = ranges.get(first);
      if (!range) {
        if (ranges.size === MAX_SEEKS) return true;
        ranges.set(first, { least: value, greatest: value });
      } else if (value < range.least) range.least = value;
      else if (value > range.greatest) range.greatest = value;
    }
    for (const { least, greatest } of ranges.values()) {
      if ((await this.db.get(`${select} ${column} >= ? AND ${column} <= ? LIMIT 1`, [...params, least, greatest])) !== undefined) return true;
    }
    return false;
  }

  /** The directories first: objects are read only for the ids that exist, which a fresh import has none of. */
  async known(keys: ImportKeys): Promise<KnownCustomerData> {
    const known = emptyKnown();
    for (const row of await this.rowsIn<{ account_id: string }>('SELECT account_id FROM subscriber_account WHERE', 'account_id', keys.subscriberAccountIds)) {
      known.subscriberAccountIds.add(row.account_id);
    }
    // only an existing subscriber account owns external and prepaid accounts
    const accounts = [...known.subscriberAccountIds];
    for (const row of await this.rowsIn<OwnedDocRow>('SELECT account_id, doc FROM external_account WHERE', 'account_id', accounts)) {
      const account = JSON.parse(row.doc) as ExternalAccount;
      known.externalAccounts.set(accountKey(row.account_id, account.id), account);
    }
    for (const row of await this.rowsIn<OwnedDocRow>('SELECT account_id, doc FROM prepaid_account WHERE', 'account_id', accounts)) {
      const account = JSON.parse(row.doc) as PrepaidAccount;
      known.prepaidAccounts.set(accountKey(row.account_id, account.id), account);
    }
    const contractIds = (await this.rowsIn<{ contract_id: string }>('SELECT contract_id FROM contract_directory WHERE', 'contract_id', keys.contractIds)).map((r) => r.contract_id);
    const contracts = await this.rowsIn<ContractRow>(
      `SELECT ${CONTRACT_COLUMNS} FROM contract_directory d
       JOIN charging_contract c ON c.account_id = d.account_id AND c.id = d.contract_id ${CONTRACT_READ_SIDE_JOINS} WHERE`,
      'd.contract_id',
      contractIds,
    );
    for (const stored of contracts.map(toStored)) known.contracts.set(stored.contract.id, stored);
    for (const [kind, ids, into] of [
      ['mapping', keys.mappingTableIds, known.mappingTables],
      ['range', keys.rangeTableIds, known.rangeTables],
    ] as const) {
      const existing = (await this.rowsIn<{ table_id: string }>('SELECT table_id FROM table_directory WHERE kind = ? AND', 'table_id', ids, [kind])).map((r) => r.table_id);
      const tables = await this.rowsIn<{ doc: string }>(
        `SELECT t.doc FROM table_directory d
         JOIN subscriber_table t ON t.account_id = d.account_id AND t.kind = d.kind AND t.id = d.table_id WHERE d.kind = ? AND`,
        'd.table_id',
        existing,
        [kind],
      );
      for (const row of tables) {
        const table = JSON.parse(row.doc) as SubscriberMappingTable & SubscriberRangeTable;
        (into as Map<string, typeof table>).set(table.id, table);
      }
    }
    const claims = await this.rowsIn<{ user_service_id: string; contract_id: string; start_date: string; end_date: string | null }>(
      'SELECT user_service_id, contract_id, start_date, end_date FROM user_service_claim WHERE',
      'user_service_id',
      keys.userServiceIds,
    );
    for (const row of claims) {
      const list = known.claims.get(row.user_service_id) ?? [];
      list.push({ userServiceId: row.user_service_id, contractId: row.contract_id, start: row.start_date, ...(row.end_date === null ? {} : { end: row.end_date }) });
      known.claims.set(row.user_service_id, list);
    }
    return known;
  }

  writeImported(writes: readonly CustomerWrites[], transferDate: string): Promise<void> {
    return this.writeImportedRows(importRows(writes, transferDate));
  }

  async writeImportedRows(rows: ImportRows): Promise<void> {
    for (const { table, columns, lists, onConflict } of IMPORT_TABLES) {
      const values = lists.length === 1 ? rows[lists[0]] : lists.flatMap((list) => rows[list]);
      if (values.length) await this.db.insertRows(table, columns, values, onConflict);
    }
  }

  async exportPage(afterId: string | undefined, limit: number): Promise<StoredCustomerDataText[]> {
    const accounts = await this.db.all<OwnedDocRow>(
      afterId === undefined
        ? 'SELECT account_id, doc FROM subscriber_account ORDER BY account_id LIMIT ?'
        : 'SELECT account_id, doc FROM subscriber_account WHERE account_id > ? ORDER BY account_id LIMIT ?',
      afterId === undefined ? [limit] : [afterId, limit],
    );
    if (accounts.length === 0) return [];
    const range = [accounts[0].account_id, accounts[accounts.length - 1].account_id];
    const pages = new Map<string, StoredCustomerDataText>();
    for (const row of accounts) {
      pages.set(row.account_id, { subscriberAccountId: row.account_id, subscriberAccount: row.doc, externalAccounts: [], prepaidAccounts: [], mappingTables: [], rangeTables: [], contracts: [] });
    }
    const inRange = 'account_id >= ? AND account_id <= ?';
    for (const row of await this.db.all<OwnedDocRow>(`SELECT account_id, doc FROM external_account WHERE ${inRange} ORDER BY account_id, id`, range)) {
      pages.get(row.account_id)?.externalAccounts.push(row.doc);
    }
    const prepaid = await this.db.all<PrepaidRow & { account_id: string }>(
      `SELECT account_id, doc, balance, current_state FROM prepaid_account WHERE ${inRange} ORDER BY account_id, id`,
      range,
    );
    for (const row of prepaid) pages.get(row.account_id)?.prepaidAccounts.push(JSON.stringify(withReadSide(row)));
    const tables = await this.db.all<OwnedDocRow & { kind: string }>(`SELECT account_id, kind, doc FROM subscriber_table WHERE ${inRange} ORDER BY account_id, kind, id`, range);
    for (const row of tables) {
      const page = pages.get(row.account_id);
      if (row.kind === 'mapping') page?.mappingTables.push(row.doc);
      else page?.rangeTables.push(row.doc);
    }
    const contracts = await this.db.all<ContractRow & { account_id: string }>(
      `SELECT c.account_id, ${CONTRACT_COLUMNS} FROM charging_contract c ${CONTRACT_READ_SIDE_JOINS}
       WHERE c.account_id >= ? AND c.account_id <= ? ORDER BY c.account_id, c.id`,
      range,
    );
    for (const row of contracts) {
      pages.get(row.account_id)?.contracts.push({ doc: row.doc, operationalStatus: row.status, ...(row.lock_id === null ? {} : { rechargingLockId: row.lock_id }) });
    }
    return [...pages.values()];
  }
}
