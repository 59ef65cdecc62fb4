// The bulk import driver (SPEC 8), whatever a record is: streams an NDJSON file
// and applies its records in bundle mode (the whole file in one transaction: all
// or nothing) or mass mode (up to 1000 records per transaction, each in its own
// savepoint). Failures go to `<file>.errors.ndjson` as {line, code, message,
// record}; that file, fixed, is itself a valid input (its records are unwrapped).
import { rmSync } from 'node:fs';
import { ChargingError, isChargingError } from '../model/errors.ts';
import type { Store, StoreTx } from '../store/port.ts';
import { failureDetails, type Origin } from '../operations/audit.ts';
import { ImportTransactionAudit } from './importAudit.ts';
import { readNdjson, TextOutput } from './files.ts';
import type { Progress } from './progress.ts';

export const IMPORT_MODES = ['bundle', 'mass'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

/** Records per transaction in mass mode. */
export const MASS_BATCH_SIZE = 1000;
/** Failures kept in the summary for the command to print; all of them are in the failures file. */
export const FAILURES_SHOWN = 10;

/** One refused record: a line of the failures file. */
export interface ImportFailure {
  /** line in the input file */
  line: number;
  code: string;
  message: string;
  /** the record as read, or the line's text when it is not JSON */
  record: unknown;
}

export interface ImportSummary {
  mode: ImportMode;
  /** records read (in bundle mode, up to the one that stopped it) */
  records: number;
  applied: number;
  failed: number;
  seconds: number;
  /** written when a record failed */
  failuresFile?: string;
  /** the first failures, in file order */
  failures: ImportFailure[];
}

/** What the audit record of each transaction says (SPEC 3.5): who, which operation, the ids a record names. */
export interface ImportAudit {
  user: string;
  /** the command line when not said */
  origin?: Origin;
  operation: string;
  objectIdsOf(record: unknown): string[];
}

export interface ImportRun {
  file: string;
  mode: ImportMode;
  store: Store;
  audit: ImportAudit;
  /** Applies one record in `tx`; a ChargingError refuses the record. */
  apply(record: unknown, tx: StoreTx): Promise<void>;
  progress?: Progress;
  batchSize?: number;
}

interface InputRecord {
  line: number;
  value?: unknown;
  /** what the failures file keeps */
  raw: unknown;
  parseError?: string;
}

export const failuresFileOf = (file: string): string => `${file}.errors.ndjson`;
const isFailuresFile = (file: string): boolean => /\.errors\.ndjson(\.gz)?$/.test(file);

/** Runs the import; failures of records are counted and written, never thrown. */
export async function runImport(run: ImportRun): Promise<ImportSummary> {
  const started = Date.now();
  const failures = new FailuresFile(failuresFileOf(run.file));
  try {
    const { records, applied } = run.mode === 'bundle' ? await importBundle(run, failures) : await importMass(run, failures);
    return {
      mode: run.mode,
      records,
      applied,
      failed: failures.count,
      seconds: (Date.now() - started) / 1000,
      failures: failures.first,
      ...(failures.count ? { failuresFile: failures.path } : {}),
    };
  } finally {
    await failures.close();
  }
}

/** Ends a bundle's transaction at its first refused record, so nothing is applied. */
class BundleStopped extends Error {
  readonly failure: ImportFailure;

  constructor(failure: ImportFailure) {
    super(`bundle stopped at line ${failure.line}`);
    this.failure = failure;
  }
}

/** The whole file in one transaction; the first failure stops it and nothing is applied. */
async function importBundle(run: ImportRun, failures: FailuresFile): Promise<{ records: number; applied: number }> {
  let records = 0;
  let audited = transactionAudit(run);
  try {
    await run.store.write(async (tx) => {
      // a transaction retried after a conflict reads the file again from its start
      records = 0;
      audited = transactionAudit(run);
      run.progress?.restart();
      for await (const record of recordsOf(run.file)) {
        records++;
        audit(run, audited, record);
        const failure = await applyRecord(run, record, tx);
        if (failure) throw new BundleStopped(failure);
        run.progress?.advance(1);
      }
      await audited.succeeded(tx, 0);
    });
  } catch (error) {
    if (!(error instanceof BundleStopped)) {
      await audited.failed(run.store, failureDetails(error));
      throw error;
    }
    await audited.failed(run.store, { errorCode: error.failure.code, detail: `${audited.detail(1)}; stopped: ${error.failure.message}` });
    run.progress?.advance(0, 1);
    await failures.add(error.failure);
    return { records, applied: 0 };
  }
  return { records, applied: records };
}

/** Batches of records, one transaction each; a record that fails is undone alone. */
async function importMass(run: ImportRun, failures: FailuresFile): Promise<{ records: number; applied: number }> {
  const size = run.batchSize ?? MASS_BATCH_SIZE;
  let records = 0;
  let batch: InputRecord[] = [];
  const commit = async () => {
    const audited = transactionAudit(run);
    for (const record of batch) audit(run, audited, record);
    let failed: ImportFailure[];
    try {
      failed = await run.store.write(async (tx) => {
        const refused: ImportFailure[] = [];
        for (const record of batch) {
          const failure = await applyRecord(run, record, tx, true);
          if (failure) refused.push(failure);
        }
        await audited.succeeded(tx, refused.length);
        return refused;
      });
    } catch (error) {
      await audited.failed(run.store, failureDetails(error));
      throw error;
    }
    for (const failure of failed) await failures.add(failure);
    records += batch.length;
    run.progress?.advance(batch.length, failed.length);
    batch = [];
  };
  for await (const record of recordsOf(run.file)) {
    batch.push(record);
    if (batch.length >= size) await commit();
  }
  if (batch.length) await commit();
  return { records, applied: records - failures.count };
}

/** The audit record of one transaction of `run`. */
function transactionAudit(run: ImportRun): ImportTransactionAudit {
  const { user, origin = { channel: 'cli' }, operation } = run.audit;
  return new ImportTransactionAudit({ user, origin }, operation, `${run.mode} import of ${run.file}`);
}

/** Counts `record` in `audit` with the ids it names. */
function audit(run: ImportRun, audited: ImportTransactionAudit, record: InputRecord): void {
  audited.add(record.line, () => (record.value === undefined ? [] : run.audit.objectIdsOf(record.value)));
}

/** Applies one record (in a savepoint in mass mode); its refusal as a failure. */
async function applyRecord(run: ImportRun, record: InputRecord, tx: StoreTx, alone = false): Promise<ImportFailure | undefined> {
  try {
    if (record.parseError !== undefined) throw new ChargingError('REQUEST-108', `line ${record.line}: ${record.parseError}`);
    await (alone ? tx.savepoint(() => run.apply(record.value, tx)) : run.apply(record.value, tx));
    return undefined;
  } catch (error) {
    if (!isChargingError(error)) throw error;
    return { line: record.line, code: error.code, message: error.message, record: record.raw };
  }
}

/** The records of a file; a failures file gives back the records it holds. */
async function* recordsOf(file: string): AsyncGenerator<InputRecord> {
  const unwrap = isFailuresFile(file);
  for await (const { line, value, text, parseError } of readNdjson(file)) {
    if (parseError !== undefined) {
      yield { line, raw: text, parseError };
      continue;
    }
    const record = unwrap ? (value as { record?: unknown }).record : value;
    if (typeof record === 'string' && unwrap) yield parsedText(line, record);
    else yield { line, value: record, raw: record };
  }
}

/** A failures file keeps a line that was not JSON as text; fixed, it parses now. */
function parsedText(line: number, text: string): InputRecord {
  try {
    const value: unknown = JSON.parse(text);
    return { line, value, raw: value };
  } catch (error) {
    return { line, raw: text, parseError: (error as Error).message };
  }
}

/** `<file>.errors.ndjson`: removed at the start of a run, written from the first failure on. */
export class FailuresFile {
  readonly path: string;
  readonly first: ImportFailure[] = [];
  count = 0;
  private output: TextOutput | undefined;

  constructor(path: string) {
    this.path = path;
    rmSync(path, { force: true });
  }

  async add(failure: ImportFailure): Promise<void> {
    this.output ??= new TextOutput(this.path);
    await this.output.write(`${JSON.stringify(failure)}\n`);
    this.count++;
    if (this.first.length < FAILURES_SHOWN) this.first.push(failure);
  }

  async close(): Promise<void> {
    await this.output?.close();
  }
}

/** The first failures of a file as errors on the command line (file, line, code, message), then how many more there are. */
export function failureLines(file: string, first: readonly ImportFailure[], failed: number): string[] {
  const lines = first.map((f) => `${file}:${f.line}: ${f.code}: ${f.message}`);
  if (failed > first.length) lines.push(`… and ${failed - first.length} more`);
  return lines;
}

/** What a command prints at the end: the first failures with file, line and code; the counts. */
export function reportOf(label: string, file: string, summary: ImportSummary): { errors: string[]; summary: string[] } {
  const errors = failureLines(file, summary.failures, summary.failed);
  const rate = summary.seconds > 0 ? Math.round(summary.applied / summary.seconds) : summary.applied;
  const stopped = summary.mode === 'bundle' && summary.failed > 0;
  const outcome = stopped ? `stopped at line ${summary.failures[0].line}, nothing applied` : `${summary.applied} applied, ${summary.failed} failed`;
  const lines = [`${label} ${file} (${summary.mode}): ${summary.records} records, ${outcome}, ${summary.seconds.toFixed(1)} s (${rate}/s)`];
  if (summary.failuresFile) lines.push(`failures in ${summary.failuresFile}; ${stopped ? 'fix the file and import it again' : 'fix them and import that file'}`);
  return { errors, summary: lines };
}
