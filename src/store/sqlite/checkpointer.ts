// Checkpoints of a SQLite store in a thread of their own. In WAL mode a commit
// appends pages to the `-wal` file; a checkpoint copies them into the database
// file and syncs both, which is most of what a bulk write waits for when SQLite
// checkpoints inline (its automatic checkpoint runs inside the COMMIT that crosses
// 1000 pages: the writer stops for the copy and two fsyncs). Here the writer's
// automatic checkpoint is off; after a commit that leaves CHECKPOINT_FRAMES pages
// or more uncopied, a worker thread with a connection of its own copies them
// (PASSIVE: it never waits for the writer, nor the writer for it), while the writer
// goes on. SQLite documents this way of working (https://www.sqlite.org/wal.html,
// "Application-Initiated Checkpoints").
//
// The WAL starts again from its beginning only when a write transaction begins with
// every frame copied. A writer that never pauses could outrun that, so once the
// WAL holds WAL_LIMIT bytes, the next write transaction first waits for a
// checkpoint begun after the last commit (the checkpointer is mostly caught up by
// then: it waits for the last transaction's pages), then begins on a WAL copied
// through and restarts it; `journal_size_limit` trims the file back.
//
// If the thread fails, the writer's automatic checkpoint is turned on again and
// SQLite checkpoints inline as before.
import { Worker } from 'node:worker_threads';
import type { DatabaseSync } from 'node:sqlite';
import type { CheckpointReply } from './checkpointWorker.ts';
import type { WalIndex } from './walIndex.ts';

/** Uncopied pages after a commit that start a checkpoint: SQLite's own automatic checkpoint's default. */
export const CHECKPOINT_FRAMES = 1000;

/** WAL bytes beyond which the next write waits for a checkpoint of all of it, so that it restarts the WAL. */
export const WAL_LIMIT = 64 * 1024 * 1024;

export class Checkpointer {
  private readonly path: string;
  private readonly writer: DatabaseSync;
  private readonly wal: WalIndex;
  private readonly limitFrames: number;
  private worker: Worker | undefined;
  /** the thread's end */
  private exited: Promise<void> = Promise.resolve();
  /** the checkpoints running now, and those asked for while they ran */
  private running: Promise<void> | undefined;
  private again = false;
  /** a reply awaited from the thread */
  private reply: ((reply: CheckpointReply) => void) | undefined;
  /** the WAL reached its limit at the last commit: the next write waits for a checkpoint of it all */
  private full = false;
  /** the thread failed: SQLite checkpoints inline again */
  private failed = false;
  private closed = false;
  /** checkpoints run by the thread so far */
  checkpoints = 0;

  /** `walLimit`: WAL_LIMIT unless told (tests), at least CHECKPOINT_FRAMES pages */
  constructor(path: string, writer: DatabaseSync, wal: WalIndex, pageSize: number, walLimit = WAL_LIMIT) {
    this.path = path;
    this.writer = writer;
    this.wal = wal;
    this.limitFrames = Math.max(CHECKPOINT_FRAMES, Math.floor(walLimit / pageSize));
    writer.exec('PRAGMA wal_autocheckpoint = 0');
    writer.exec(`PRAGMA journal_size_limit = ${this.limitFrames * pageSize}`);
  }

  /** After the writer's commit: a checkpoint in the background when enough pages wait for one. */
  committed(): void {
    if (this.failed || this.closed) return;
    const { last, backfilled } = this.wal.frames();
    if (last - backfilled >= CHECKPOINT_FRAMES) void this.checkpoint();
    this.full = last >= this.limitFrames;
  }

  /**
   * Before the writer's next transaction: when the WAL is full, a checkpoint of all
   * of it to wait for, so the transaction restarts the WAL; else nothing to wait for.
   */
  beforeWrite(): Promise<void> | undefined {
    if (!this.full) return undefined;
    this.full = false;
    return this.checkpoint();
  }

  /**
   * A checkpoint that begins after this call: run now, or once more after the one
   * running (which may have begun before the last commit). Resolves when it ran.
   */
  checkpoint(): Promise<void> {
    if (this.failed || this.closed) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.run().finally(() => (this.running = undefined));
    return this.running;
  }

  private async run(): Promise<void> {
    do {
      this.again = false;
      const reply = await this.ask();
      if (reply.error !== undefined) return this.fail();
      this.checkpoints++;
    } while (this.again && !this.closed);
  }

  private ask(): Promise<CheckpointReply> {
    const worker = (this.worker ??= this.start());
    // held while a checkpoint is asked for, so the process waits for the answer
    worker.ref();
    return new Promise<CheckpointReply>((resolve) => {
      this.reply = (reply) => {
        worker.unref();
        resolve(reply);
      };
      worker.postMessage('checkpoint');
    });
  }

  private start(): Worker {
    const worker = new Worker(new URL('./checkpointWorker.ts', import.meta.url), { workerData: { path: this.path } });
    // an idle checkpointer does not keep the process alive (a store left open)
    worker.unref();
    this.exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.on('message', (reply: CheckpointReply) => this.answer(reply));
    worker.on('error', (error) => this.answer({ error: error.message }));
    worker.on('exit', () => this.answer({ error: 'the checkpoint thread stopped' }));
    return worker;
  }

  private answer(reply: CheckpointReply): void {
    const resolve = this.reply;
    this.reply = undefined;
    resolve?.(reply);
  }

  /** The thread failed: SQLite's automatic checkpoint again, as if there were no checkpointer. */
  private fail(): void {
    if (this.failed || this.closed) return;
    this.failed = true;
    this.full = false;
    this.writer.exec('PRAGMA wal_autocheckpoint = 1000');
    void this.stop();
  }

  /** Closes the thread's connection and waits for the thread to end. */
  private async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return;
    // held until it ended, so the process waits for it
    worker.ref();
    worker.postMessage('close');
    await this.exited;
  }

  /**
   * Waits for the checkpoint running, then stops the thread (its connection closed,
   * so the writer's close may remove the WAL). The wal-index is the engine's to close.
   */
  async close(): Promise<void> {
    this.closed = true;
    await this.running;
    await this.stop();
  }
}
