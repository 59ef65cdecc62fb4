import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyHeld, Journal, JournalMismatch } from '../../src/transfer/journal.ts';

const FROM = 'http://old:8080';
const TO = 'http://new:8080';

function withDir(fn: (dir: string) => Promise<void>): () => Promise<void> {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'convergent-journal-'));
    try {
      await fn(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

test(
  'when steps are recorded and the journal is opened again, then each account comes back at its last step with its roots, what the import creates and what it transferred',
  withDir(async (dir) => {
    const path = join(dir, 'journal.ndjson');
    const journal = await Journal.open(path, FROM, TO);
    const creates = { ...emptyHeld(), subscriberAccount: true, contracts: ['CC-1', 'CC-2'] };
    await journal.record({ account: 'SA-1', step: 'checked', roots: ['CC-1'], preexisting: emptyHeld() });
    await journal.record({ account: 'SA-1', step: 'locked', creates });
    await journal.record({ account: 'SA-1', step: 'imported' });
    await journal.record({ account: 'SA-2', step: 'checked', roots: ['CC-9'], preexisting: emptyHeld() });
    await journal.record({ account: 'SA-2', step: 'transferred' });
    await journal.record({ account: 'SA-3', step: 'checked', roots: ['CC-7'], preexisting: emptyHeld() });
    const gone = { code: 'TRANSFER-103', category: 'temporaryIllegalSystemState', message: 'gone' };
    await journal.record({ account: 'SA-3', step: 'undoing', ...gone });
    await journal.record({ account: 'SA-3', step: 'failed', ...gone, pending: ['destination'] });
    await journal.close();

    const reopened = await Journal.open(path, FROM, TO);
    const first = reopened.historyOf('SA-1');
    assert.deepEqual(first.attempt, { account: 'SA-1', roots: ['CC-1'], preexisting: emptyHeld(), creates, step: 'imported' });
    assert.deepEqual([...first.transferredRoots], []);
    assert.deepEqual([...reopened.historyOf('SA-2').transferredRoots], ['CC-9']);
    const third = reopened.historyOf('SA-3').attempt!;
    assert.equal(third.step, 'failed');
    assert.deepEqual(third.pending, ['destination']);
    assert.deepEqual(third.failure, { code: 'TRANSFER-103', category: 'temporaryIllegalSystemState', message: 'gone' });
    assert.equal(reopened.historyOf('SA-4').attempt, undefined);
    await reopened.close();
  }),
);

test(
  'when the last line was cut by a crash, then it is dropped and the next step starts on a line of its own',
  withDir(async (dir) => {
    const path = join(dir, 'journal.ndjson');
    const journal = await Journal.open(path, FROM, TO);
    await journal.record({ account: 'SA-1', step: 'checked', roots: ['CC-1'], preexisting: emptyHeld() });
    await journal.close();
    appendFileSync(path, '{"account":"SA-1","step":"lock');
    const reopened = await Journal.open(path, FROM, TO);
    assert.equal(reopened.historyOf('SA-1').attempt!.step, 'checked');
    await reopened.record({ account: 'SA-1', step: 'locked', creates: emptyHeld() });
    await reopened.close();
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    assert.equal(lines.length, 3);
    assert.equal(JSON.parse(lines[2]).step, 'locked');
  }),
);

test(
  'when a journal of a transfer between other servers is given, then it is refused',
  withDir(async (dir) => {
    const path = join(dir, 'journal.ndjson');
    await (await Journal.open(path, FROM, TO)).close();
    await assert.rejects(Journal.open(path, TO, FROM), JournalMismatch);
  }),
);

test(
  'when many accounts record steps at once, then every line is on disk when its record resolves',
  withDir(async (dir) => {
    const path = join(dir, 'journal.ndjson');
    const journal = await Journal.open(path, FROM, TO);
    const accounts = Array.from({ length: 200 }, (_, i) => `SA-${i}`);
    await Promise.all(
      accounts.map(async (account) => {
        await journal.record({ account, step: 'checked', roots: [`CC-${account}`], preexisting: emptyHeld() });
        const written = readFileSync(path, 'utf8');
        assert.ok(written.includes(`"account":"${account}","step":"checked"`), `${account} is on disk once recorded`);
        await journal.record({ account, step: 'locked', creates: emptyHeld() });
      }),
    );
    await journal.close();
    const reopened = await Journal.open(path, FROM, TO);
    for (const account of accounts) assert.equal(reopened.historyOf(account).attempt!.step, 'locked');
    await reopened.close();
  }),
);
