// The audit log: one row per record, its object ids also in audit_object so that
// a search by object id is an index lookup.
import type { AuditFilter, AuditRecord, AuditRepository, NewAuditRecord, Page } from '../port.ts';
import type { SqlSession, SqlValue } from './session.ts';

interface AuditRow {
  id: number | string;
  at: string;
  user_name: string;
  operation: string;
  domain: string;
  object_ids: string;
  outcome: string;
  error_code: string | null;
  channel: string;
  address: string | null;
  detail: string | null;
}

function toRecord(row: AuditRow): AuditRecord {
  const record: AuditRecord = {
    id: Number(row.id),
    time: row.at,
    user: row.user_name,
    operation: row.operation,
    domain: row.domain,
    objectIds: JSON.parse(row.object_ids),
    outcome: row.outcome as AuditRecord['outcome'],
    channel: row.channel,
  };
  if (row.error_code !== null) record.errorCode = row.error_code;
  if (row.address !== null) record.address = row.address;
  if (row.detail !== null) record.detail = row.detail;
  return record;
}

export class SqlAuditRepository implements AuditRepository {
  private readonly db: SqlSession;

  constructor(db: SqlSession) {
    this.db = db;
  }

  async append(record: NewAuditRecord): Promise<number> {
    const row = await this.db.get<{ id: number | string }>(
      `INSERT INTO audit_record (at, user_name, operation, domain, object_ids, outcome, error_code, channel, address, detail)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      [
        record.time,
        record.user,
        record.operation,
        record.domain,
        JSON.stringify(record.objectIds),
        record.outcome,
        record.errorCode ?? null,
        record.channel,
        record.address ?? null,
        record.detail ?? null,
      ],
    );
    const id = Number(row!.id);
    for (const objectId of new Set(record.objectIds)) {
      await this.db.run('INSERT INTO audit_object (object_id, audit_id) VALUES (?, ?)', [objectId, id]);
    }
    return id;
  }

  async find(filter: AuditFilter, afterId: number | undefined, limit: number, order: 'asc' | 'desc'): Promise<Page<AuditRecord>> {
    const where: string[] = [];
    const params: SqlValue[] = [];
    const add = (clause: string, value: SqlValue | undefined) => {
      if (value === undefined) return;
      where.push(clause);
      params.push(value);
    };
    add('user_name = ?', filter.user);
    add('operation = ?', filter.operation);
    add('id IN (SELECT audit_id FROM audit_object WHERE object_id = ?)', filter.objectId);
    add('at >= ?', filter.from);
    add('at < ?', filter.to);
    add(order === 'asc' ? 'id > ?' : 'id < ?', afterId);
    const sql = `SELECT id, at, user_name, operation, domain, object_ids, outcome, error_code, channel, address, detail FROM audit_record
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id ${order === 'asc' ? 'ASC' : 'DESC'} LIMIT ?`;
    const rows = await this.db.all<AuditRow>(sql, [...params, limit + 1]);
    return { rows: rows.slice(0, limit).map(toRecord), more: rows.length > limit };
  }
}
