// Bulk import of customer data files (SPEC 8): records streamed in batches of
// 1000 through the same admission as customerDataImport. Bundle mode: the whole
// file in one transaction, nothing applied at the first failure. Mass mode: one
// transaction per batch, each customer on its own; failures go to
// `<file>.errors.ndjson` as {line, code, message, record}, a file that imports
// again once fixed (its `record` is what is imported).
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { Catalog } from '../model/catalog.ts';
import { isChargingError } from '../model/errors.ts';
import { addSummary, emptySummary, type ImportOptions, type ImportSummary } from '../model/customerDataImport.ts';
import { importKeysOf, type ImportKeys, type KnownCustomerData } from '../model/knownCustomerData.ts';
import { wireNow } from '../model/values.ts';
import type { ImportRows, Store, StoreTx } from '../store/port.ts';
import { columnOf, concatRows, IMPORT_KEY_COLUMNS, importKeyColumn, keysOfRows, type ImportColumn } from '../store/importRows.ts';
import { importBatch } from '../operations/customerDataImport.ts';
import type { ErrorCode } from '../model/codes.ts';
import { FailuresFile, failuresFileOf } from './importer.ts';
import { customerFileKind, fileReadError } from './customerFiles.ts';
import { countCreated, customerOf, failureOf, readDocuments, reread, rowsBetween, rowStart, textOf, type AdmittedMessage, type RecordFailure } from './admission.ts';
import type { AdmitWorkerData } from './admitWorker.ts';
import { commandLineActor, ImportTransactionAudit, type ImportActor } from './importAudit.ts';
import { failureDetails } from '../operations/audit.ts';

export type { RecordFailure };

export const BULK_BATCH = 1000;

/**
 * Records per message from a worker thread, and messages the workers may run
 * ahead: a worker holding a whole batch until it is sent keeps it alive through its
 * young generation's collections, which then copy every record (V8's helper
 * threads, where most of that copying ran, took a fifth of the import's CPU).
 */
const MESSAGE_RECORDS = 100;
const MESSAGES_AHEAD = 2 * (BULK_BATCH / MESSAGE_RECORDS);

export type BulkMode = 'bundle' | 'mass';

export interface BulkImportOptions extends ImportOptions {
  mode: BulkMode;
  /** worker threads admitting records; by default one per core but one, 1 to 3 */
  workers?: number;
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

/**
 * Worker threads admitting records: one per core but the main thread's, 1 to 3. A
 * second worker on two cores only adds its share of splitting and warming up, as
 * both cores are taken already. XML files take one: their reader parses every
 * record as it reads it, so workers could not split the parsing.
 */
async function admitWorkerCount(path: string, requested: number | undefined): Promise<number> {
  if ((await customerFileKind(path)).format === 'xml') return 1;
  return Math.max(1, Math.floor(requested ?? Math.min(3, availableParallelism() - 1)));
}

interface WorkerMessage {
  message?: AdmittedMessage;
  end?: true;
  error?: string;
  code?: ErrorCode;
}

/** One admitting worker thread, with the messages it sent that are not taken yet. */
class AdmitWorker {
  private readonly worker: Worker;
  private readonly queue: WorkerMessage[] = [];
  private wake: (() => void) | undefined;
  private failed: Error | undefined;

  constructor(data: AdmitWorkerData) {
    this.worker = new Worker(new URL('./admitWorker.ts', import.meta.url), { workerData: data });
    this.worker.on('message', (message: WorkerMessage) => {
      this.queue.push(message);
      this.wake?.();
    });
    this.worker.on('error', (error) => {
      this.failed = error;
      this.wake?.();
    });
  }

  /** Lets the worker send `count` more messages. */
  ask(count = 1): void {
    for (let i = 0; i < count; i++) this.worker.postMessage('more');
  }

  async next(): Promise<WorkerMessage> {
    while (this.queue.length === 0 && !this.failed) await new Promise<void>((resolve) => (this.wake = resolve));
    if (this.failed) throw this.failed;
    return this.queue.shift()!;
  }

  async terminate(): Promise<void> {
    await this.worker.terminate();
  }
}

/**
 * Records admitted by worker threads, MESSAGE_RECORDS at a time and in file order
 * (the workers take turns, a message each), two batches ahead of their writing at most.
 */
async function* admittedMessages(path: string, catalog: Catalog, options: ImportOptions, workerCount?: number): AsyncGenerator<AdmittedMessage> {
  const count = await admitWorkerCount(path, workerCount);
  const workers = Array.from({ length: count }, (_, index) => new AdmitWorker({ path, catalog: catalog.document, options, batchSize: MESSAGE_RECORDS, share: { index, of: count } }));
  try {
    for (const worker of workers) worker.ask(Math.ceil(MESSAGES_AHEAD / count));
    for (let turn = 0; ; turn = (turn + 1) % count) {
      const worker = workers[turn];
      const message = await worker.next();
      if (message.error !== undefined) throw fileReadError(path, message.error, message.code);
      // the worker whose turn it is has no more: neither have the others
      if (message.end) return;
      worker.ask();
      readDocuments(message.message!);
      yield message.message!;
    }
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/** A batch: messages of BULK_BATCH records in all (the last one fewer). */
type Batch = AdmittedMessage[];

const recordCount = (batch: Batch): number => batch.reduce((n, message) => n + message.records.length, 0);

/** The admitted messages in batches of BULK_BATCH records (the last one shorter). */
async function* admittedBatches(path: string, catalog: Catalog, options: ImportOptions, workerCount?: number): AsyncGenerator<Batch> {
  let batch: Batch = [];
  let records = 0;
  for await (const message of admittedMessages(path, catalog, options, workerCount)) {
    batch.push(message);
    records += message.records.length;
    if (records >= BULK_BATCH) {
      yield batch;
      batch = [];
      records = 0;
    }
  }
  if (batch.length) yield batch;
}

const KEY_KINDS = ['subscriberAccountIds', 'contractIds', 'mappingTableIds', 'rangeTableIds', 'userServiceIds'] as const;

/** The keys taken by customers written before in a batch, by kind. */
type TakenKeys = Record<keyof ImportKeys, Set<string>>;

const noKeysTaken = (): TakenKeys => ({ subscriberAccountIds: new Set(), contractIds: new Set(), mappingTableIds: new Set(), rangeTableIds: new Set(), userServiceIds: new Set() });

function take(taken: TakenKeys, keys: ImportKeys): void {
  for (const kind of KEY_KINDS) for (const id of keys[kind]) taken[kind].add(id);
}

/** What the store knows of each kind of key. */
const KNOWN_OF: Readonly<Record<keyof ImportKeys, (known: KnownCustomerData) => { has(id: string): boolean }>> = {
  subscriberAccountIds: (known) => known.subscriberAccountIds,
  contractIds: (known) => known.contracts,
  mappingTableIds: (known) => known.mappingTables,
  rangeTableIds: (known) => known.rangeTables,
  userServiceIds: (known) => known.claims,
};

/** Where the keys of an admitted record are in its rows (IMPORT_KEY_COLUMNS), with what the store knows of each kind. */
const KEY_COLUMNS: ReadonlyArray<ImportColumn & { kind: keyof ImportKeys; known: (known: KnownCustomerData) => { has(id: string): boolean } }> = IMPORT_KEY_COLUMNS.map((key) => ({
  ...key,
  known: KNOWN_OF[key.kind],
}));

/** Where the subscriber account ids are in the rows. */
const ACCOUNT_IDS = importKeyColumn('subscriberAccountIds');

/** Does the store, or a customer admitted before in the batch, hold any key of admitted record `at` of `message`? */
function collides(message: AdmittedMessage, at: number, known: KnownCustomerData, taken: TakenKeys): boolean {
  for (const { list, column, kind, known: of, table, width } of KEY_COLUMNS) {
    const values = message.rows[list];
    const stored = of(known);
    const end = rowStart(message, at + 1, table);
    for (let i = rowStart(message, at, table) + column; i < end; i += width) {
      const id = values[i]!;
      if (stored.has(id) || taken[kind].has(id)) return true;
    }
  }
  return false;
}

/** Takes the keys of admitted record `at` of `message` for the rest of the batch. */
function takeAt(taken: TakenKeys, message: AdmittedMessage, at: number): void {
  for (const { list, column, kind, table, width } of KEY_COLUMNS) {
    const values = message.rows[list];
    const end = rowStart(message, at + 1, table);
    for (let i = rowStart(message, at, table) + column; i < end; i += width) taken[kind].add(values[i]!);
  }
}

function mergedKeys(keys: readonly ImportKeys[]): ImportKeys {
  const merged: ImportKeys = { subscriberAccountIds: [], contractIds: [], mappingTableIds: [], rangeTableIds: [], userServiceIds: [] };
  for (const one of keys) for (const kind of KEY_KINDS) for (const id of one[kind]) merged[kind].push(id);
  return merged;
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
async function writeBatch(tx: StoreTx, catalog: Catalog, options: ImportOptions, batch: Batch, mode: 'all' | 'each'): Promise<BatchResult> {
  const result: BatchResult = { summary: emptySummary(), failures: [] };
  const known = await tx.customerData.known(mergedKeys(batch.map((message) => keysOfRows(message.rows))));
  const taken = noKeysTaken();
  let pending: ImportRows[] = [];
  const flush = async () => {
    if (pending.length) await tx.customerData.writeImportedRows(concatRows(pending));
    pending = [];
  };
  for (const message of batch) {
    // the admitted records from `from` to `next` (excluded) stand, not yet in `pending`
    let from = 0;
    let next = 0;
    for (const record of message.records) {
      if (record.kind === 'failure') {
        result.failures.push(record.failure);
        if (mode === 'all') return result;
        continue;
      }
      let text: string;
      if (record.kind === 'admitted') {
        next = record.at + 1;
        if (!collides(message, record.at, known, taken)) {
          countCreated(result.summary, message, record.at);
          takeAt(taken, message, record.at);
          continue;
        }
        text = textOf(message, record.at);
        // this one is admitted again below, after those before it are written
        if (record.at > from) pending.push(rowsBetween(message, from, record.at));
      } else {
        text = record.text;
        if (next > from) pending.push(rowsBetween(message, from, next));
      }
      from = next;
      await flush();
      const read = reread(record.line, text);
      try {
        const data = customerOf(read);
        const outcome = await importBatch(tx, catalog, options, [data], wireNow(), 'all');
        if (outcome.failures.length) throw outcome.failures[0].error;
        addSummary(result.summary, outcome.summary);
        take(taken, importKeysOf([data]));
      } catch (error) {
        if (!isChargingError(error)) throw error;
        result.failures.push(failureOf(read, error));
        if (mode === 'all') return result;
      }
    }
    if (message.textEnds.length > from) pending.push(rowsBetween(message, from, message.textEnds.length));
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
function auditBatch(audited: ImportTransactionAudit, batch: Batch): void {
  for (const message of batch) {
    const { list, table, width, column } = ACCOUNT_IDS;
    const accounts = message.rows[list];
    for (const record of message.records) {
      audited.add(record.line, () => {
        if (record.kind === 'admitted') return columnOf(accounts.slice(rowStart(message, record.at, table), rowStart(message, record.at + 1, table)), width, column);
        return [accountIdOf(record.kind === 'failure' ? record.failure.record : JSON.parse(record.text))];
      });
    }
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
  options: BulkImportOptions;
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
      for await (const message of admittedMessages(path, catalog, options, options.workers)) {
        auditBatch(audited, [message]);
        const batch = await writeBatch(tx, catalog, options, [message], 'all');
        if (batch.failures.length) throw new BundleFailure(batch.failures[0]);
        run.records += message.records.length;
        addSummary(run.summary, batch.summary);
        listener.progress?.(message.records.length, 0);
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
    for await (const records of admittedBatches(path, catalog, options, options.workers)) {
      const count = recordCount(records);
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
      result.records += count;
      result.failed += batch.failures.length;
      result.imported += count - batch.failures.length;
      addSummary(result.summary, batch.summary);
      listener.progress?.(count, batch.failures.length);
    }
  } finally {
    await failures.close();
  }
  if (failures.count) result.failuresFile = failures.path;
  return result;
}
