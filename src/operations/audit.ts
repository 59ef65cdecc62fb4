// The audit log (SPEC 3.5): every write records who did what to which objects and
// how it ended. A success is recorded in the write's own transaction, so it commits
// with the write or not at all; a failure is recorded in a transaction of its own
// after the rollback. Reads are not recorded.
import { userInfo } from 'node:os';
import { isChargingError } from '../model/errors.ts';
import { wireNow, xmlSafe } from '../model/values.ts';
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

export function findAuditRecords(store: Store, filter: AuditFilter, afterId: number | undefined, limit: number, order: 'asc' | 'desc' = 'asc'): Promise<Page<AuditRecord>> {
  return store.read((tx) => tx.audit.find(filter, afterId, limit, order));
}
