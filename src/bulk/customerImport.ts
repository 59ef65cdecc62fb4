// Bulk import of customer data files (SPEC 8): records streamed in batches of
// 1000 through the same admission as customerDataImport. Bundle mode: the whole
// file in one transaction, nothing applied at the first failure. Mass mode: one
// transaction per batch, each customer on its own; failures go to
// `<file>.errors.ndjson` as {line, code, message, record}, a file that imports
// again once fixed (its `record` is what is imported).
import { rmSync } from 'node:fs';
import type { Catalog } from '../model/catalog.ts';
import { ChargingError, isChargingError } from '../model/errors.ts';
import { addSummary, emptySummary, type ImportOptions, type ImportSummary } from '../model/customerDataImport.ts';
import { wireNow } from '../model/values.ts';
import { CustomerDataSchema, type CustomerData } from '../schema/customerData.ts';
import { compileValidator } from '../schema/validate.ts';
import type { Store, StoreTx } from '../store/port.ts';
import { importBatch } from '../operations/customerDataImport.ts';
import { TextOutput, type NdjsonRecord } from './files.ts';
import { readCustomerRecords } from './customerFiles.ts';

export const BULK_BATCH = 1000;

export type BulkMode = 'bundle' | 'mass';

export interface BulkImportOptions extends ImportOptions {
  mode: BulkMode;
}

/** A record that did not import, as the failures file holds it. */
export interface RecordFailure {
  line: number;
  code: string;
  message: string;
  /** the record as read: the parsed value, or the text of a line that is not JSON */
  record: unknown;
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

const validateCustomerData = compileValidator<CustomerData>(CustomerDataSchema);

/** What a record asks to import: a customerData, or the `record` of a failures-file line. */
function customerOf(record: NdjsonRecord): CustomerData {
  if (record.parseError !== undefined) throw new ChargingError('REQUEST-108', `not JSON: ${record.parseError}`);
  let value = record.value as Record<string, unknown>;
  if (value && typeof value === 'object' && 'record' in value && 'code' in value && !('subscriberAccount' in value)) {
    value = typeof value.record === 'string' ? parseText(value.record) : (value.record as Record<string, unknown>);
  }
  return validateCustomerData(value);
}

function parseText(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ChargingError('REQUEST-108', `not JSON: ${(error as Error).message}`);
  }
}

function failureOf(record: NdjsonRecord, error: ChargingError): RecordFailure {
  const original = record.value && typeof record.value === 'object' && 'record' in (record.value as object) && !('subscriberAccount' in (record.value as object))
    ? (record.value as { record: unknown }).record
    : (record.value ?? record.text);
  return { line: record.line, code: error.code, message: error.message, record: original };
}

/** Records read from `path`, in batches of BULK_BATCH. */
async function* batchesOf(path: string): AsyncGenerator<NdjsonRecord[]> {
  let batch: NdjsonRecord[] = [];
  for await (const record of readCustomerRecords(path)) {
    batch.push(record);
    if (batch.length === BULK_BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/** Validates a batch's records: the customers to admit (with their records) and the records refused by the schema. */
function validated(batch: NdjsonRecord[]): { customers: CustomerData[]; records: NdjsonRecord[]; refused: RecordFailure[] } {
  const customers: CustomerData[] = [];
  const records: NdjsonRecord[] = [];
  const refused: RecordFailure[] = [];
  for (const record of batch) {
    try {
      customers.push(customerOf(record));
      records.push(record);
    } catch (error) {
      if (!isChargingError(error)) throw error;
      refused.push(failureOf(record, error));
    }
  }
  return { customers, records, refused };
}

class BundleFailure extends Error {
  readonly failure: RecordFailure;

  constructor(failure: RecordFailure) {
    super(failure.message);
    this.failure = failure;
  }
}

/** Imports one file in bundle or mass mode. */
export async function importCustomerFile(store: Store, catalog: Catalog, path: string, options: BulkImportOptions, listener: ImportListener = {}): Promise<FileImportResult> {
  const result: FileImportResult = { file: path, records: 0, imported: 0, failed: 0, summary: emptySummary() };
  return options.mode === 'bundle' ? importBundle(store, catalog, path, options, listener, result) : importMass(store, catalog, path, options, listener, result);
}

async function importBundle(store: Store, catalog: Catalog, path: string, options: ImportOptions, listener: ImportListener, result: FileImportResult): Promise<FileImportResult> {
  const now = wireNow();
  try {
    // a retried transaction reads the file again from its start
    const counted = await store.write(async (tx) => {
      const run = { records: 0, summary: emptySummary() };
      for await (const batch of batchesOf(path)) await bundleBatch(tx, catalog, options, batch, now, run, listener);
      return run;
    });
    result.records = counted.records;
    result.imported = counted.records;
    result.summary = counted.summary;
  } catch (error) {
    if (!(error instanceof BundleFailure)) throw error;
    result.failure = error.failure;
    result.failed = 1;
    listener.failure?.(error.failure);
  }
  return result;
}

async function bundleBatch(
  tx: StoreTx,
  catalog: Catalog,
  options: ImportOptions,
  batch: NdjsonRecord[],
  now: string,
  run: { records: number; summary: ImportSummary },
  listener: ImportListener,
): Promise<void> {
  const { customers, records, refused } = validated(batch);
  if (refused.length) throw new BundleFailure(refused[0]);
  const outcome = await importBatch(tx, catalog, options, customers, now, 'all');
  if (outcome.failures.length) {
    const [{ index, error }] = outcome.failures;
    throw new BundleFailure(failureOf(records[index], error));
  }
  run.records += batch.length;
  addSummary(run.summary, outcome.summary);
  listener.progress?.(batch.length, 0);
}

export const failuresFileOf = (path: string): string => `${path}.errors.ndjson`;

async function importMass(store: Store, catalog: Catalog, path: string, options: ImportOptions, listener: ImportListener, result: FileImportResult): Promise<FileImportResult> {
  const failuresFile = failuresFileOf(path);
  rmSync(failuresFile, { force: true });
  let failures: TextOutput | undefined;
  try {
    for await (const batch of batchesOf(path)) {
      const { customers, records, refused } = validated(batch);
      const now = wireNow();
      const outcome = await store.write((tx) => importBatch(tx, catalog, options, customers, now, 'each'));
      const failed = [...refused, ...outcome.failures.map(({ index, error }) => failureOf(records[index], error))].sort((a, b) => a.line - b.line);
      for (const failure of failed) {
        failures ??= new TextOutput(failuresFile);
        await failures.write(`${JSON.stringify(failure)}\n`);
        listener.failure?.(failure);
      }
      result.records += batch.length;
      result.failed += failed.length;
      result.imported += batch.length - failed.length;
      addSummary(result.summary, outcome.summary);
      listener.progress?.(batch.length, failed.length);
    }
  } finally {
    await failures?.close();
  }
  if (failures) result.failuresFile = failuresFile;
  return result;
}
