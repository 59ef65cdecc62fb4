// Bulk import of customer data files (SPEC 8): records streamed in batches of
// 1000 through the same admission as customerDataImport. Bundle mode: the whole
// file in one transaction, nothing applied at the first failure. Mass mode: one
// transaction per batch, each customer on its own; failures go to
// `<file>.errors.ndjson` as {line, code, message, record}, a file that imports
// again once fixed (its `record` is what is imported).
import { Worker } from 'node:worker_threads';
import type { Catalog } from '../model/catalog.ts';
import { isChargingError } from '../model/errors.ts';
import { addSummary, emptySummary, type ImportOptions, type ImportSummary } from '../model/customerDataImport.ts';
import { importKeysOf, type ImportKeys, type KnownCustomerData } from '../model/knownCustomerData.ts';
import { wireNow } from '../model/values.ts';
import type { ImportRows, Store, StoreTx } from '../store/port.ts';
import { concatRows } from '../store/sql/customerData.ts';
import { importBatch } from '../operations/customerDataImport.ts';
import type { ErrorCode } from '../model/codes.ts';
import { FailuresFile, failuresFileOf } from './importer.ts';
import { fileReadError } from './customerFiles.ts';
import { createdCounts, customerOf, failureOf, reread, type AdmittedRecord, type RecordFailure } from './admission.ts';
import type { AdmitWorkerData } from './admitWorker.ts';
import { commandLineActor, ImportTransactionAudit, type ImportActor } from './importAudit.ts';
import { failureDetails } from '../operations/audit.ts';

export type { RecordFailure };

export const BULK_BATCH = 1000;

export type BulkMode = 'bundle' | 'mass';

export interface BulkImportOptions extends ImportOptions {
  mode: BulkMode;
}

export interface FileImportResult {
  file: string;
  records: number;
  imported: number;
  failed: number;
  summary: ImportSummary;
  /** mass mode: where the failures were written, when there were any */
  failuresFile?: string;
  /** bundle mode: the failure that stopped the file (nothing of it was applied) */
  failure?: RecordFailure;
}

export interface ImportListener {
  /** after each batch: records done and failed so far in this batch */
  progress?(done: number, failed: number): void;
  failure?(failure: RecordFailure): void;
}

/** Batches of records admitted by a worker thread, two batches ahead of their writing at most. */
async function* admittedBatches(path: string, catalog: Catalog, options: ImportOptions): AsyncGenerator<AdmittedRecord[]> {
  const data: AdmitWorkerData = { path, catalog: catalog.document, options, batchSize: BULK_BATCH };
  const worker = new Worker(new URL('./admitWorker.ts', import.meta.url), { workerData: data });
  const queue: Array<{ records?: AdmittedRecord[]; end?: true; error?: string; code?: ErrorCode }> = [];
  let wake: (() => void) | undefined;
  let failed: Error | undefined;
  worker.on('message', (message) => {
    queue.push(message);
    wake?.();
  });
  worker.on('error', (error) => {
    failed = error;
    wake?.();
  });
  try {
    worker.postMessage('more');
    worker.postMessage('more');
    for (;;) {
      while (queue.length === 0 && !failed) await new Promise<void>((resolve) => (wake = resolve));
      if (failed) throw failed;
      const message = queue.shift()!;
      if (message.error !== undefined) throw fileReadError(path, message.error, message.code);
      if (message.end) return;
      worker.postMessage('more');
      yield message.records!;
    }
  } finally {
    await worker.terminate();
  }
}

/** Keys tagged by kind, to tell customers of a batch apart. */
function taggedKeys(keys: ImportKeys): string[] {
  return [
    ...keys.subscriberAccountIds.map((id) => `a:${id}`),
    ...keys.contractIds.map((id) => `c:${id}`),
    ...keys.mappingTableIds.map((id) => `m:${id}`),
    ...keys.rangeTableIds.map((id) => `r:${id}`),
    ...keys.userServiceIds.map((id) => `u:${id}`),
  ];
}

/** Does the store, or a customer admitted before in the batch, hold any of these keys? */
function collides(keys: ImportKeys, known: KnownCustomerData, taken: Set<string>): boolean {
  return (
    keys.subscriberAccountIds.some((id) => known.subscriberAccountIds.has(id)) ||
    keys.contractIds.some((id) => known.contracts.has(id)) ||
    keys.mappingTableIds.some((id) => known.mappingTables.has(id)) ||
    keys.rangeTableIds.some((id) => known.rangeTables.has(id)) ||
    keys.userServiceIds.some((id) => known.claims.has(id)) ||
    taggedKeys(keys).some((key) => taken.has(key))
  );
}

function mergedKeys(records: AdmittedRecord[]): ImportKeys {
  const keys: ImportKeys = { subscriberAccountIds: [], contractIds: [], mappingTableIds: [], rangeTableIds: [], userServiceIds: [] };
  for (const record of records) {
    if (record.kind !== 'admitted') continue;
    for (const key of Object.keys(keys) as Array<keyof ImportKeys>) keys[key].push(...record.keys[key]);
  }
  return keys;
}

interface BatchResult {
  summary: ImportSummary;
  failures: RecordFailure[];
}

/**
 * Writes a batch in `tx`: records admitted as if the store were empty stand when
 * none of their keys is known; the others are admitted again here, against the
 * store (after writing those before them). `all`: stops at the first failure.
 */
async function writeBatch(tx: StoreTx, catalog: Catalog, options: ImportOptions, records: AdmittedRecord[], mode: 'all' | 'each'): Promise<BatchResult> {
  const result: BatchResult = { summary: emptySummary(), failures: [] };
  const known = await tx.customerData.known(mergedKeys(records));
  const taken = new Set<string>();
  let pending: ImportRows[] = [];
  const flush = async () => {
    if (pending.length) await tx.customerData.writeImportedRows(concatRows(pending));
    pending = [];
  };
  for (const record of records) {
    if (record.kind === 'failure') {
      result.failures.push(record.failure);
      if (mode === 'all') return result;
      continue;
    }
    if (record.kind === 'admitted' && !collides(record.keys, known, taken)) {
      pending.push(record.rows);
      addSummary(result.summary, createdCounts(record.rows));
      for (const key of taggedKeys(record.keys)) taken.add(key);
      continue;
    }
    await flush();
    const read = reread(record.line, record.text);
    try {
      const data = customerOf(read);
      const outcome = await importBatch(tx, catalog, options, [data], wireNow(), 'all');
      if (outcome.failures.length) throw outcome.failures[0].error;
      addSummary(result.summary, outcome.summary);
      for (const key of taggedKeys(importKeysOf([data]))) taken.add(key);
    } catch (error) {
      if (!isChargingError(error)) throw error;
      result.failures.push(failureOf(read, error));
      if (mode === 'all') return result;
    }
  }
  await flush();
  return result;
}

class BundleFailure extends Error {
  readonly failure: RecordFailure;

  constructor(failure: RecordFailure) {
    super(failure.message);
    this.failure = failure;
  }
}

/** The subscriber account a record of a customer data file (or of its failures file) names, as far as it can be read. */
function accountIdOf(value: unknown): unknown {
  const line = value as { subscriberAccount?: { id?: unknown }; record?: unknown } | null;
  if (line?.subscriberAccount) return line.subscriberAccount.id;
  const record = typeof line?.record === 'string' ? JSON.parse(line.record) : line?.record;
  return (record as { subscriberAccount?: { id?: unknown } } | undefined)?.subscriberAccount?.id;
}

/** Counts a batch's records in its audit record, with their subscriber account ids. */
function auditBatch(audited: ImportTransactionAudit, records: AdmittedRecord[]): void {
  for (const record of records) {
    audited.add(record.line, () => {
      if (record.kind === 'admitted') return record.keys.subscriberAccountIds;
      return [accountIdOf(record.kind === 'failure' ? record.failure.record : JSON.parse(record.text))];
    });
  }
}

/** Imports one file in bundle or mass mode; each transaction is audited as `customerDataImport` by `actor`. */
export async function importCustomerFile(
  store: Store,
  catalog: Catalog,
  path: string,
  options: BulkImportOptions,
  listener: ImportListener = {},
  actor: ImportActor = commandLineActor(),
): Promise<FileImportResult> {
  const result: FileImportResult = { file: path, records: 0, imported: 0, failed: 0, summary: emptySummary() };
  const audit = () => new ImportTransactionAudit(actor, 'customerDataImport', `${options.mode} import of ${path}`);
  const run: FileRun = { store, catalog, path, options, listener, result, audit };
  return options.mode === 'bundle' ? importBundle(run) : importMass(run);
}

/** One file's import: where, what, who hears of it, and the audit record of each transaction. */
interface FileRun {
  store: Store;
  catalog: Catalog;
  path: string;
  options: ImportOptions;
  listener: ImportListener;
  result: FileImportResult;
  audit: () => ImportTransactionAudit;
}

async function importBundle({ store, catalog, path, options, listener, result, audit }: FileRun): Promise<FileImportResult> {
  let audited = audit();
  try {
    // a retried transaction reads the file again from its start
    const counted = await store.write(async (tx) => {
      const run = { records: 0, summary: emptySummary() };
      audited = audit();
      for await (const records of admittedBatches(path, catalog, options)) {
        auditBatch(audited, records);
        const batch = await writeBatch(tx, catalog, options, records, 'all');
        if (batch.failures.length) throw new BundleFailure(batch.failures[0]);
        run.records += records.length;
        addSummary(run.summary, batch.summary);
        listener.progress?.(records.length, 0);
      }
      await audited.succeeded(tx, 0);
      return run;
    });
    result.records = counted.records;
    result.imported = counted.records;
    result.summary = counted.summary;
  } catch (error) {
    if (!(error instanceof BundleFailure)) {
      await audited.failed(store, failureDetails(error));
      throw error;
    }
    await audited.failed(store, { errorCode: error.failure.code, detail: `${audited.detail(1)}; stopped at line ${error.failure.line}: ${error.failure.message}` });
    result.failure = error.failure;
    result.failed = 1;
    listener.failure?.(error.failure);
  }
  return result;
}

async function importMass({ store, catalog, path, options, listener, result, audit }: FileRun): Promise<FileImportResult> {
  const failures = new FailuresFile(failuresFileOf(path));
  try {
    for await (const records of admittedBatches(path, catalog, options)) {
      const audited = audit();
      auditBatch(audited, records);
      let batch: BatchResult;
      try {
        batch = await store.write(async (tx) => {
          const written = await writeBatch(tx, catalog, options, records, 'each');
          await audited.succeeded(tx, written.failures.length);
          return written;
        });
      } catch (error) {
        await audited.failed(store, failureDetails(error));
        throw error;
      }
      for (const failure of batch.failures) {
        await failures.add(failure);
        listener.failure?.(failure);
      }
      result.records += records.length;
      result.failed += batch.failures.length;
      result.imported += records.length - batch.failures.length;
      addSummary(result.summary, batch.summary);
      listener.progress?.(records.length, batch.failures.length);
    }
  } finally {
    await failures.close();
  }
  if (failures.count) result.failuresFile = failures.path;
  return result;
}
