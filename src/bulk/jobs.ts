// Bulk import jobs over HTTP (SPEC 8): an uploaded customer data file (NDJSON or
// XML, gzip or not) is kept under the data directory and imported in the
// background, as `convergent import` would. Progress lives in memory while the
// job runs (a bundle holds the store's one writer, so it cannot be written
// meanwhile) and in the store once it ends. A job a stopped server left running is failed at the next start: a
// bundle's transaction never committed; a mass job kept the batches it committed.
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import type { Catalog } from '../model/catalog.ts';
import { ChargingError, isChargingError } from '../model/errors.ts';
import { wireNow } from '../model/values.ts';
import type { ImportSummary } from '../model/customerDataImport.ts';
import type { JobFailure, Store, StoredJob } from '../store/port.ts';
import { importCustomerFile, type BulkImportOptions, type RecordFailure } from './customerImport.ts';
import type { ImportActor } from './importAudit.ts';
import { customerFileKind } from './customerFiles.ts';

/** Failures a job view lists; the count says how many there are in all. */
export const JOB_FAILURES_SHOWN = 1000;

/**
 * The default cap on one uploaded job file, in bytes as uploaded (a gzip file's
 * compressed bytes, which is what it takes on disk): 16 GiB, about 3.9 million
 * customers of uncompressed NDJSON (4.4 GB per million) and many more gzipped;
 * docs/customerdata.md says why.
 */
export const DEFAULT_JOB_MAX_BYTES = 16 * 1024 ** 3;

export interface JobServiceOptions {
  /** where job files are kept: `<dataDir>/jobs` */
  dataDir: string;
  /** an upload larger than this is refused (REQUEST-111) as soon as its bytes cross it */
  maxBytes?: number;
}

export interface ImportJob extends StoredJob {
  mode: BulkImportOptions['mode'];
  status: BulkImportOptions['status'];
  onAlreadyExistingTable: BulkImportOptions['onAlreadyExistingTable'];
  user: string;
  createdAt: string;
  finishedAt?: string;
  file: string;
  progress: { records: number; imported: number; failed: number };
  summary?: ImportSummary;
  /** what ended a failed job: the record that stopped a bundle, or a technical failure */
  error?: { code: string; message: string; line?: number };
}

/** An uploaded file before its job starts. */
export interface ReceivedUpload {
  id: string;
  file: string;
  /** SHA-256 (hex) of the bytes as uploaded */
  digest: string;
}

export interface JobView extends ImportJob {
  failures: JobFailure[];
}

const failureRow = (failure: RecordFailure): JobFailure => ({ line: failure.line, code: failure.code, message: failure.message });

export class JobService {
  private readonly store: Store;
  private readonly catalog: () => Catalog | undefined;
  private readonly dir: string;
  /** the cap on one upload, in bytes */
  readonly maxBytes: number;
  private readonly running = new Map<string, { job: ImportJob; failures: JobFailure[]; done: Promise<void> }>();

  constructor(store: Store, catalog: () => Catalog | undefined, options: JobServiceOptions) {
    this.store = store;
    this.catalog = catalog;
    this.dir = join(options.dataDir, 'jobs');
    this.maxBytes = options.maxBytes ?? DEFAULT_JOB_MAX_BYTES;
  }

  /** The refusal of an upload larger than the cap. */
  tooLarge(): ChargingError {
    return new ChargingError('REQUEST-111', `a job file is at most ${this.maxBytes} bytes (serve --job-max-bytes, CONVERGENT_JOB_MAX_BYTES); gzip or split the file`);
  }

  /** Fails the jobs a stopped server left running. */
  async recover(): Promise<void> {
    await this.store.write(async (tx) => {
      for (const job of (await tx.jobs.listRunning()) as ImportJob[]) {
        const note = job.mode === 'bundle' ? 'nothing of it was imported' : 'the batches imported before the stop stay; import the same file again to complete it';
        await tx.jobs.put({ ...job, state: 'failed', finishedAt: wireNow(), error: { code: 'STORE-101', message: `the server stopped while the job ran; ${note}` } });
      }
    });
  }

  /**
   * Keeps the upload as a job file; its SHA-256 tells a resent upload (Idempotency-Key).
   * Past `maxBytes` it stops reading, removes what it wrote and throws REQUEST-111;
   * the upload is then left unread, not destroyed (destroying a request would
   * destroy its socket, and with it the answer): the caller ends it.
   */
  async receive(upload: Readable): Promise<ReceivedUpload> {
    const id = randomUUID();
    mkdirSync(this.dir, { recursive: true });
    const received = join(this.dir, `${id}.upload`);
    const hash = createHash('sha256');
    const maxBytes = this.maxBytes;
    const tooLarge = () => this.tooLarge();
    const out = createWriteStream(received);
    try {
      await pipeline(
        upload.iterator({ destroyOnReturn: false }),
        async function* (chunks: AsyncIterable<Buffer>) {
          let size = 0;
          for await (const chunk of chunks) {
            size += chunk.length;
            // the chunk that crosses the cap is not written: the file never holds more than the cap
            if (size > maxBytes) throw tooLarge();
            hash.update(chunk);
            yield chunk;
          }
        },
        out,
      );
    } catch (error) {
      // the file is removed once closed: one still opening would come back after an earlier removal
      if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()));
      rmSync(received, { force: true });
      throw error;
    }
    // named by what it is (NDJSON or XML, gzip or not), which the import tells by content again
    const kind = await customerFileKind(received);
    const file = join(this.dir, `${id}.${kind.format}${kind.gzip ? '.gz' : ''}`);
    renameSync(received, file);
    return { id, file, digest: hash.digest('hex') };
  }

  /** Forgets an upload that no job will import. */
  discard(received: ReceivedUpload): void {
    rmSync(received.file, { force: true });
  }

  /** Starts importing a received file in the background, audited as `actor`. */
  async launch(received: ReceivedUpload, options: BulkImportOptions, actor: ImportActor): Promise<ImportJob> {
    const catalog = this.catalog() ?? (() => { throw new ChargingError('CATALOG-101'); })();
    const job: ImportJob = {
      id: received.id,
      state: 'running',
      mode: options.mode,
      status: options.status,
      onAlreadyExistingTable: options.onAlreadyExistingTable,
      user: actor.user,
      createdAt: wireNow(),
      file: received.file,
      progress: { records: 0, imported: 0, failed: 0 },
    };
    await this.store.write((tx) => tx.jobs.put(job));
    const failures: JobFailure[] = [];
    // a failure to record the end (the store closed under it) leaves the job running, failed at the next start
    this.running.set(job.id, { job, failures, done: this.run(job, catalog, options, failures, actor).catch(() => undefined) });
    return job;
  }

  private async run(job: ImportJob, catalog: Catalog, options: BulkImportOptions, failures: JobFailure[], actor: ImportActor): Promise<void> {
    try {
      const listener = {
        progress: (done: number, failed: number) => {
          job.progress.records += done;
          job.progress.failed += failed;
          job.progress.imported += done - failed;
        },
        failure: (failure: RecordFailure) => failures.push(failureRow(failure)),
      };
      const result = await importCustomerFile(this.store, catalog, job.file, options, listener, actor);
      job.progress = { records: result.records, imported: result.imported, failed: result.failed };
      job.summary = result.summary;
      job.state = result.failure ? 'failed' : 'finished';
      if (result.failure) job.error = failureRow(result.failure);
    } catch (error) {
      job.state = 'failed';
      job.error = isChargingError(error) ? { code: error.code, message: error.message } : { code: 'STORE-101', message: (error as Error)?.message ?? String(error) };
    }
    job.finishedAt = wireNow();
    await this.store.write(async (tx) => {
      await tx.jobs.put(job);
      await tx.jobs.addFailures(job.id, failures);
    });
    this.running.delete(job.id);
  }

  /** The job with its first failures; undefined when there is no such job. */
  async get(id: string): Promise<JobView | undefined> {
    const live = this.running.get(id);
    if (live) return { ...live.job, failures: live.failures.slice(0, JOB_FAILURES_SHOWN) };
    return this.store.read(async (tx) => {
      const job = (await tx.jobs.get(id)) as ImportJob | undefined;
      return job && { ...job, failures: await tx.jobs.failures(id, JOB_FAILURES_SHOWN) };
    });
  }

  /** Waits for the running jobs (the store closes after them). */
  async close(): Promise<void> {
    await Promise.all([...this.running.values()].map((running) => running.done.catch(() => undefined)));
  }
}
