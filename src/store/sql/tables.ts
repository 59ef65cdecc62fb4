// Subscriber mapping and range tables: one row per table with its rows in the
// document (a table is read and written whole); the directory maps the
// system-wide table id to its account.
import type { Page, SubscriberTableFilter, SubscriberTableKind, SubscriberTableRepository } from '../port.ts';
import type { SubscriberMappingTable, SubscriberRangeTable } from '../../schema/customerData.ts';
import type { SqlSession, SqlValue } from './session.ts';

interface DocRow {
  doc: string;
}

function tableWhere(kind: SubscriberTableKind, filter: SubscriberTableFilter, afterId?: string): { where: string; params: SqlValue[] } {
  const clauses = ['kind = ?'];
  const params: SqlValue[] = [kind];
  const add = (clause: string, value: SqlValue | undefined) => {
    if (value === undefined) return;
    clauses.push(clause);
    params.push(value);
  };
  add('id = ?', filter.id);
  add('account_id = ?', filter.subscriberAccountId);
  add('class_id = ?', filter.classId);
  add('id > ?', afterId);
  return { where: `WHERE ${clauses.join(' AND ')}`, params };
}

export class SqlSubscriberTableRepository implements SubscriberTableRepository {
  private readonly db: SqlSession;

  constructor(db: SqlSession) {
    this.db = db;
  }

  async ownerOf(kind: SubscriberTableKind, id: string): Promise<string | undefined> {
    const row = await this.db.get<{ account_id: string }>('SELECT account_id FROM table_directory WHERE kind = ? AND table_id = ?', [kind, id]);
    return row?.account_id;
  }

  private async getDoc<T>(kind: SubscriberTableKind, id: string): Promise<T | undefined> {
    const accountId = await this.ownerOf(kind, id);
    if (accountId === undefined) return undefined;
    const row = await this.db.get<DocRow>('SELECT doc FROM subscriber_table WHERE account_id = ? AND kind = ? AND id = ?', [accountId, kind, id]);
    return row && JSON.parse(row.doc);
  }

  private async putDoc(kind: SubscriberTableKind, accountId: string, id: string, classId: string, doc: unknown): Promise<void> {
    await this.db.run('INSERT INTO table_directory (kind, table_id, account_id) VALUES (?, ?, ?) ON CONFLICT (kind, table_id) DO NOTHING', [kind, id, accountId]);
    await this.db.run(
      `INSERT INTO subscriber_table (account_id, kind, id, class_id, doc) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (account_id, kind, id) DO UPDATE SET class_id = excluded.class_id, doc = excluded.doc`,
      [accountId, kind, id, classId, JSON.stringify(doc)],
    );
  }

  getMappingTable(id: string): Promise<SubscriberMappingTable | undefined> {
    return this.getDoc('mapping', id);
  }

  putMappingTable(table: SubscriberMappingTable): Promise<void> {
    return this.putDoc('mapping', table.subscriberAccountId, table.id, table.mappingTableClassId, table);
  }

  getRangeTable(id: string): Promise<SubscriberRangeTable | undefined> {
    return this.getDoc('range', id);
  }

  putRangeTable(table: SubscriberRangeTable): Promise<void> {
    return this.putDoc('range', table.subscriberAccountId, table.id, table.rangeTableClassId, table);
  }

  async delete(kind: SubscriberTableKind, id: string): Promise<void> {
    const accountId = await this.ownerOf(kind, id);
    if (accountId === undefined) return;
    await this.db.run('DELETE FROM subscriber_table WHERE account_id = ? AND kind = ? AND id = ?', [accountId, kind, id]);
    await this.db.run('DELETE FROM table_directory WHERE kind = ? AND table_id = ?', [kind, id]);
  }

  private async list<T>(kind: SubscriberTableKind, accountId: string): Promise<T[]> {
    const rows = await this.db.all<DocRow>('SELECT doc FROM subscriber_table WHERE account_id = ? AND kind = ? ORDER BY id', [accountId, kind]);
    return rows.map((r) => JSON.parse(r.doc));
  }

  listMappingTables(subscriberAccountId: string): Promise<SubscriberMappingTable[]> {
    return this.list('mapping', subscriberAccountId);
  }

  listRangeTables(subscriberAccountId: string): Promise<SubscriberRangeTable[]> {
    return this.list('range', subscriberAccountId);
  }

  private async find<T>(kind: SubscriberTableKind, filter: SubscriberTableFilter, afterId: string | undefined, limit: number): Promise<Page<T>> {
    const { where, params } = tableWhere(kind, filter, afterId);
    const rows = await this.db.all<DocRow>(`SELECT doc FROM subscriber_table ${where} ORDER BY id LIMIT ?`, [...params, limit + 1]);
    return { rows: rows.slice(0, limit).map((r) => JSON.parse(r.doc)), more: rows.length > limit };
  }

  private async count(kind: SubscriberTableKind, filter: SubscriberTableFilter): Promise<number> {
    const { where, params } = tableWhere(kind, filter);
    const row = await this.db.get<{ n: number | string }>(`SELECT COUNT(*) AS n FROM subscriber_table ${where}`, params);
    return Number(row?.n ?? 0);
  }

  countMappingTables(filter: SubscriberTableFilter): Promise<number> {
    return this.count('mapping', filter);
  }

  countRangeTables(filter: SubscriberTableFilter): Promise<number> {
    return this.count('range', filter);
  }

  findMappingTables(filter: SubscriberTableFilter, afterId: string | undefined, limit: number): Promise<Page<SubscriberMappingTable>> {
    return this.find('mapping', filter, afterId, limit);
  }

  findRangeTables(filter: SubscriberTableFilter, afterId: string | undefined, limit: number): Promise<Page<SubscriberRangeTable>> {
    return this.find('range', filter, afterId, limit);
  }
}
