// The audit log (SPEC 3.5): every write records who did what to which objects and
// how it ended. A success is recorded in the write's own transaction, so it commits
// with the write or not at all; a failure is recorded in a transaction of its own
// after the rollback. Reads are not recorded.
import { userInfo } from 'node:os';
import { ChargingError, isChargingError } from '../model/errors.ts';
import { isWireDate, wireNow, xmlSafe } from '../model/values.ts';
import type { AuditFilter, AuditRecord, NewAuditRecord, Page, Store, StoreTx } from '../store/port.ts';
import type { AuditDomain, Operation } from './operation.ts';

export type Channel = 'json' | 'soap' | 'cli';

/** Where a request came from. */
export interface Origin {
  channel: Channel;
  /** the client's address over the network */
  address?: string;
}

/** Who writes, and what: the audit record before its outcome is known. */
export interface AuditSubject {
  user: string;
  operation: string;
  domain: AuditDomain;
  objectIds: string[];
  origin: Origin;
}

export interface AuditOutcome {
  errorCode?: string;
  detail?: string;
}

const MAX_DETAIL = 500;
/** object ids kept from a request that failed validation, which may be anything */
const MAX_UNCHECKED_IDS = 1000;

/** Refused input can hold anything: what the record keeps of it is made storable. */
function auditRecord(subject: AuditSubject, outcome: 'success' | 'failure', details: AuditOutcome): NewAuditRecord {
  const record: NewAuditRecord = {
    time: wireNow(),
    user: xmlSafe(subject.user),
    operation: subject.operation,
    domain: subject.domain,
    objectIds: subject.objectIds.map(xmlSafe),
    outcome,
    channel: subject.origin.channel,
  };
  if (details.errorCode !== undefined) record.errorCode = details.errorCode;
  if (subject.origin.address !== undefined) record.address = subject.origin.address;
  if (details.detail !== undefined) record.detail = xmlSafe(details.detail.slice(0, MAX_DETAIL));
  return record;
}

/** Records a success inside the write's transaction `tx`. */
export function recordSuccess(tx: StoreTx, subject: AuditSubject, details: AuditOutcome = {}): Promise<number> {
  return tx.audit.append(auditRecord(subject, 'success', details));
}

/**
 * Records a failure in a transaction of its own. Never throws: when the store cannot
 * take it (it is down), `onLost` hears why.
 */
export async function recordFailure(store: Store, subject: AuditSubject, details: AuditOutcome, onLost?: (error: unknown) => void): Promise<void> {
  try {
    await store.write((tx) => tx.audit.append(auditRecord(subject, 'failure', details)));
  } catch (error) {
    onLost?.(error);
  }
}

/** The code and message of a failure, for its audit record. */
export function failureDetails(error: unknown): AuditOutcome {
  if (isChargingError(error)) return { errorCode: error.code, detail: error.message };
  return { errorCode: 'STORE-101', detail: (error as Error)?.message ?? String(error) };
}

/**
 * Runs `write` in one transaction with its audit record: the success commits with
 * the write; a failure rolls the write back, is recorded on its own and rethrown.
 * Bulk drivers (CLI imports) call this once per transaction they commit.
 */
export async function auditedWrite<T>(store: Store, subject: AuditSubject, write: (tx: StoreTx) => Promise<T>, detailOf?: (result: T) => string | undefined): Promise<T> {
  try {
    return await store.write(async (tx) => {
      const result = await write(tx);
      await recordSuccess(tx, subject, { detail: detailOf?.(result) });
      return result;
    });
  } catch (error) {
    await recordFailure(store, subject, failureDetails(error));
    throw error;
  }
}

/** The audit subject of operation `op` for `user`, with the ids its request names. */
export function operationSubject(op: Operation, request: unknown, user: string, origin: Origin): AuditSubject {
  return { user, operation: op.name, domain: op.auditDomain, objectIds: objectIdsOf(op, request), origin };
}

/** The ids a request names; from a request that may not have passed validation, what can be found. */
export function objectIdsOf(op: Operation, request: unknown): string[] {
  if (!op.objectIds) return [];
  let ids: unknown[];
  try {
    ids = op.objectIds(request as never);
  } catch {
    return [];
  }
  if (!Array.isArray(ids)) return [];
  const kept = new Set<string>();
  for (const id of ids) {
    if (typeof id === 'string' && id.length > 0 && id.length <= 256) kept.add(id);
    if (kept.size >= MAX_UNCHECKED_IDS) break;
  }
  return [...kept];
}

/** The user the command line writes as: the operating system's user. */
export function commandLineUser(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

/** The subject of a command-line write (user management, catalog load, bulk imports). */
export function commandLineSubject(operation: string, domain: AuditDomain, objectIds: string[]): AuditSubject {
  return { user: commandLineUser(), operation, domain, objectIds, origin: { channel: 'cli' } };
}

export const MAX_AUDIT_PAGE = 1000;
const DEFAULT_AUDIT_PAGE = 100;

/** A read of the audit log as asked (GET /api/v1/audit's query, `convergent audit`'s options): text, not yet checked. */
export interface AuditQueryText {
  user?: unknown;
  operation?: unknown;
  object_id?: unknown;
  from?: unknown;
  to?: unknown;
  order?: unknown;
  page_size?: unknown;
  page_token?: unknown;
}

/** A checked read of the audit log: the filter and the page. */
export interface AuditQuery {
  filter: AuditFilter;
  afterId?: number;
  size: number;
  order: 'asc' | 'desc';
}

/**
 * THE check of an audit query, for JSON and the command line alike: the query as a
 * filter and a page, or the reason it is not one (AUDIT-100; REQUEST-113 for the
 * page size). A field given empty is not given; a field given twice (an array) is
 * refused. `label` names a field in the refusal as its caller spells it.
 */
export function auditQuery(given: AuditQueryText, label: (field: keyof AuditQueryText) => string = (field) => field): AuditQuery | ChargingError {
  const repeated = Object.entries(given).find(([, value]) => value !== undefined && typeof value !== 'string');
  if (repeated) return new ChargingError('AUDIT-100', `${label(repeated[0] as keyof AuditQueryText)} is given more than once`);
  // a parameter given empty (`?user=&page_size=`, as the URL template reads) is not given
  const query = Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined && value !== '')) as Record<keyof AuditQueryText, string | undefined>;
  const size = query.page_size === undefined ? DEFAULT_AUDIT_PAGE : Number(query.page_size);
  if (!Number.isInteger(size) || size < 1 || size > MAX_AUDIT_PAGE) return new ChargingError('REQUEST-113', `${label('page_size')} must be 1 to ${MAX_AUDIT_PAGE}`);
  for (const bound of ['from', 'to'] as const) {
    const value = query[bound];
    if (value !== undefined && !isWireDate(value)) return new ChargingError('AUDIT-100', `${label(bound)} must be a date YYYY-MM-DDThh:mm:ss`);
  }
  const order = query.order ?? 'asc';
  if (order !== 'asc' && order !== 'desc') return new ChargingError('AUDIT-100', `${label('order')} must be asc or desc`);
  let afterId: number | undefined;
  if (query.page_token !== undefined) {
    afterId = Number(Buffer.from(query.page_token, 'base64url').toString('utf8'));
    if (!Number.isSafeInteger(afterId) || afterId < 0) return new ChargingError('AUDIT-100', `not a ${label('page_token')} of this log`);
  }
  const filter: AuditFilter = {};
  if (query.user) filter.user = query.user;
  if (query.operation) filter.operation = query.operation;
  if (query.object_id) filter.objectId = query.object_id;
  if (query.from) filter.from = query.from;
  if (query.to) filter.to = query.to;
  return { filter, afterId, size, order };
}

/** The page token that reads on after `id`. */
export const auditPageToken = (id: number): string => Buffer.from(String(id), 'utf8').toString('base64url');

export function findAuditRecords(store: Store, filter: AuditFilter, afterId: number | undefined, limit: number, order: 'asc' | 'desc' = 'asc'): Promise<Page<AuditRecord>> {
  return store.read((tx) => tx.audit.find(filter, afterId, limit, order));
}
