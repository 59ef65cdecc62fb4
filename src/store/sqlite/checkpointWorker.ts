// The thread of a SQLite store's checkpointer (checkpointer.ts): a connection of its
// own to the database that copies the WAL into the database file when asked, so the
// writes of the store's writer never wait for the disk.
import { parentPort, workerData } from 'node:worker_threads';
import { DatabaseSync } from 'node:sqlite';

export interface CheckpointReply {
  /** the checkpoint ran: SQLite's answer (busy: it could not copy every frame) */
  done?: { busy: number; log: number; checkpointed: number };
  /** it failed: why */
  error?: string;
}

const port = parentPort!;
const db = new DatabaseSync((workerData as { path: string }).path);
db.exec('PRAGMA busy_timeout = 10000');
// as the writer: the checkpoint syncs the WAL before copying it and the database file after
db.exec('PRAGMA synchronous = NORMAL');
// PASSIVE: never waits for the writer or readers, copies every frame no reader still needs
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');

port.on('message', (message: 'checkpoint' | 'close') => {
  if (message === 'close') {
    db.close();
    port.close();
    return;
  }
  let reply: CheckpointReply;
  try {
    reply = { done: checkpoint.get() as CheckpointReply['done'] };
  } catch (error) {
    reply = { error: (error as Error).message };
  }
  port.postMessage(reply);
});
