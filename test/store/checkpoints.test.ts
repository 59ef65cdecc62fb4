// The SQLite engine checkpoints its WAL in a thread of its own (src/store/sqlite/checkpointer.ts,
// docs/architecture.md "Checkpoints"): the writer's commits never copy the WAL into the
// database file themselves, the WAL stays within its limit however long the writes go
// on, and closing the store leaves the database file whole with no WAL beside it.
import { test, describe, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { SqliteEngine } from '../../src/store/sqlite/engine.ts';
import { freshDatabase, type TestDatabase } from '../helpers/stores.ts';

const PAGE = 4096;
/** the smallest limit the checkpointer takes: 1000 pages */
const WAL_LIMIT = 1000 * PAGE;
const ROWS_PER_WRITE = 200;
const DOC = JSON.stringify({ description: 'x'.repeat(2000) });

/** A write of ROWS_PER_WRITE accounts of about 2 KB each: about 100 pages of the WAL. */
function writeAccounts(engine: SqliteEngine, from: number): Promise<void> {
  const values: string[] = [];
  for (let i = from; i < from + ROWS_PER_WRITE; i++) values.push(`CP-${String(i).padStart(7, '0')}`, `BP-${i}`, DOC);
  return engine.write((session) => session.insertRows('subscriber_account', ['account_id', 'subscriber_id', 'doc'], values));
}

const walSize = (db: string): number => statSync(`${db}-wal`, { throwIfNoEntry: false })?.size ?? 0;

describe('checkpoints of the SQLite store', () => {
  let database: TestDatabase;
  let engine: SqliteEngine;

  beforeEach(async () => {
    database = await freshDatabase('sqlite');
    engine = new SqliteEngine(database.db, { walLimit: WAL_LIMIT });
  });
  afterEach(async () => {
    await engine.close();
    await database.drop();
  });

  test('when a few small writes are made, then no checkpoint thread is started', async () => {
    await writeAccounts(engine, 0);
    await writeAccounts(engine, ROWS_PER_WRITE);
    assert.equal(engine.checkpoints, 0);
  });

  test('when writes go on past the WAL limit, then a thread checkpoints while they run and the WAL stays within the limit and one write', async () => {
    let largest = 0;
    const writes = 60; // about 6,000 pages: six times the limit
    for (let w = 0; w < writes; w++) {
      await writeAccounts(engine, w * ROWS_PER_WRITE);
      largest = Math.max(largest, walSize(database.db));
    }
    assert.ok(engine.checkpoints > 0, 'checkpoints ran in the thread');
    const oneWrite = 150 * PAGE;
    assert.ok(largest <= WAL_LIMIT + 2 * oneWrite, `the WAL reached ${largest} bytes, beyond ${WAL_LIMIT} and two writes`);
    const count = await engine.read((session) => session.get<{ n: number }>('SELECT count(*) AS n FROM subscriber_account'));
    assert.equal(count?.n, writes * ROWS_PER_WRITE);
  });

  test('when the store is closed after a long write run, then the database file alone holds every row', async () => {
    for (let w = 0; w < 30; w++) await writeAccounts(engine, w * ROWS_PER_WRITE);
    await engine.close();
    assert.equal(existsSync(`${database.db}-wal`), false, 'the last connection checkpointed and removed the WAL');
    const direct = new DatabaseSync(database.db, { readOnly: true });
    try {
      assert.deepEqual({ ...(direct.prepare('SELECT count(*) AS n FROM subscriber_account').get() as object) }, { n: 30 * ROWS_PER_WRITE });
      assert.deepEqual({ ...(direct.prepare('PRAGMA integrity_check').get() as object) }, { integrity_check: 'ok' });
    } finally {
      direct.close();
    }
    engine = new SqliteEngine(database.db, { walLimit: WAL_LIMIT });
  });
});
