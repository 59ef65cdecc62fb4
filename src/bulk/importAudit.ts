// The audit record of one transaction of a bulk import (SPEC 3.5): who imports,
// the operation applied to each record, the lines the transaction covers, the ids
// its records name (the first 10000) and how many failed. A success is recorded
// in the transaction; a failure after its rollback.
import type { Store, StoreTx } from '../store/port.ts';
import { commandLineUser, recordFailure, recordSuccess, type AuditOutcome, type AuditSubject, type Origin } from '../operations/audit.ts';

/** Who a bulk import writes as. */
export interface ImportActor {
  user: string;
  origin: Origin;
}

export const commandLineActor = (): ImportActor => ({ user: commandLineUser(), origin: { channel: 'cli' } });

/** Ids listed in one audit record; a bundle file beyond them is counted in its detail. */
const MAX_AUDITED_IDS = 10_000;

export class ImportTransactionAudit {
  private readonly actor: ImportActor;
  private readonly operation: string;
  private readonly what: string;
  private readonly ids = new Set<string>();
  private firstLine = 0;
  private lastLine = 0;
  private count = 0;

  /** `what`: the import as the detail names it, e.g. `mass import of customers.ndjson`. */
  constructor(actor: ImportActor, operation: string, what: string) {
    this.actor = actor;
    this.operation = operation;
    this.what = what;
  }

  /** Counts the record of `line`; `idsOf` names its objects (a record too malformed to name them names none). */
  add(line: number, idsOf: () => unknown): void {
    if (this.count++ === 0) this.firstLine = line;
    this.lastLine = line;
    if (this.ids.size >= MAX_AUDITED_IDS) return;
    let ids: unknown;
    try {
      ids = idsOf();
    } catch {
      return;
    }
    if (!Array.isArray(ids)) return;
    for (const id of ids) {
      if (typeof id === 'string' && id.length > 0 && id.length <= 256) this.ids.add(id);
    }
  }

  subject(): AuditSubject {
    return { user: this.actor.user, operation: this.operation, domain: 'CUSTOMER', objectIds: [...this.ids], origin: this.actor.origin };
  }

  detail(failed: number): string {
    const more = this.ids.size >= MAX_AUDITED_IDS ? `; the first ${MAX_AUDITED_IDS} object ids listed` : '';
    return `${this.what} lines ${this.firstLine}-${this.lastLine}: ${this.count} records, ${failed} failed${more}`;
  }

  /** Records the transaction's success inside it. */
  succeeded(tx: StoreTx, failed: number): Promise<number> {
    return recordSuccess(tx, this.subject(), { detail: this.detail(failed) });
  }

  /** Records the failure of the rolled-back transaction. */
  failed(store: Store, details: AuditOutcome): Promise<void> {
    return recordFailure(store, this.subject(), details);
  }
}
