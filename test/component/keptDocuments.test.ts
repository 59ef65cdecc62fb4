// The SQLite reader keeps the documents it read while the database is unchanged
// (docs/architecture.md, "Kept documents"): every commit, of this server or of any other process
// on the file, is seen by the next read; kept documents cannot be changed in place;
// a read that mixes kept documents and statements sees one state of the database.
import { test, describe, before, after } from 'node:test';
import { DatabaseSync } from 'node:sqlite';
import assert from 'node:assert/strict';
import { openStore } from '../../src/store/open.ts';
import type { SqlStore } from '../../src/store/sql/store.ts';
import { KEPT_DOCUMENTS, SqliteEngine } from '../../src/store/sqlite/engine.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { prepareDatabase, spawnServer, type ServerProcess } from '../helpers/processes.ts';
import { freshDatabase, type TestDatabase } from '../helpers/stores.ts';

const account = (id: string, description: string) => ({ id, subscriberId: `BP-${id}`, description });

const read = async (client: TestServer | ServerProcess['client'], id: string) =>
  (await client.call('suacProvisioning', 'subscriberAccountRead', { subscriberAccountId: id })).body;

describe('kept documents on SQLite', () => {
  let server: TestServer;
  let other: ServerProcess;

  before(async () => {
    server = await startTestServer('sqlite');
    // a second server process on the same file, as an operator's CLI or a second instance would be
    other = await spawnServer(server.database.db, server.database.dir);
  });
  after(async () => {
    await other?.stop();
    await server?.close();
  });

  test('when this server changes a kept account, then the next read shows the change', async () => {
    await server.call('suacProvisioning', 'subscriberAccountMaintain', { subscriberAccount: account('KD-1', 'first') });
    assert.equal((await read(server, 'KD-1')).subscriberAccount.description, 'first');
    assert.equal((await read(server, 'KD-1')).subscriberAccount.description, 'first');
    await server.call('suacProvisioning', 'subscriberAccountMaintain', { subscriberAccount: account('KD-1', 'second') });
    assert.equal((await read(server, 'KD-1')).subscriberAccount.description, 'second');
  });

  test('when another process changes or deletes a kept account, then the next read here shows it', async () => {
    await server.call('suacProvisioning', 'subscriberAccountMaintain', { subscriberAccount: account('KD-2', 'before') });
    assert.equal((await read(server, 'KD-2')).subscriberAccount.description, 'before');
    const changed = await other.client.call('suacProvisioning', 'subscriberAccountMaintain', { subscriberAccount: account('KD-2', 'after') });
    assert.equal(changed.body.status, 'return');
    assert.equal((await read(server, 'KD-2')).subscriberAccount.description, 'after');
    await other.client.call('suacProvisioning', 'subscriberAccountCancel', { subscriberAccountId: 'KD-2' });
    assert.equal((await read(server, 'KD-2')).code, 'SUBSCRIBERACCOUNT-100');
  });

  test('when an account is read many times between changes, then each read answers the same document', async () => {
    await server.call('suacProvisioning', 'subscriberAccountMaintain', { subscriberAccount: { ...account('KD-3', 'kept'), additionalInfo: [{ name: 'A', string: 'x' }] } });
    const reads = await Promise.all(Array.from({ length: 20 }, () => read(server, 'KD-3')));
    for (const body of reads) assert.deepEqual(body.subscriberAccount, { ...account('KD-3', 'kept'), additionalInfo: [{ name: 'A', string: 'x' }] });
  });
});

describe('kept documents in the SQLite engine', () => {
  let database: TestDatabase;
  let store: SqlStore;

  before(async () => {
    database = await freshDatabase('sqlite');
    await prepareDatabase(database.db);
    store = await openStore(database.db);
  });
  after(async () => {
    await store?.close();
    await database?.drop();
  });

  test('when a document is read twice, then the second read is the kept one, frozen all the way down', async () => {
    await store.write((tx) => tx.accounts.putSubscriberAccount({ ...account('KE-1', 'frozen'), additionalInfo: [{ name: 'A', string: 'x' }] }));
    const first = await store.read((tx) => tx.accounts.getSubscriberAccount('KE-1'));
    const second = await store.read((tx) => tx.accounts.getSubscriberAccount('KE-1'));
    assert.equal(first, second);
    assert.ok(Object.isFrozen(second) && Object.isFrozen(second!.additionalInfo) && Object.isFrozen(second!.additionalInfo![0]));
    assert.throws(() => {
      (second as { description?: string }).description = 'changed';
    }, TypeError);
    // a write transaction reads its own connection, never the kept documents
    const inWrite = await store.write((tx) => tx.accounts.getSubscriberAccount('KE-1'));
    assert.notEqual(inWrite, second);
    assert.ok(!Object.isFrozen(inWrite));
  });

  test('when a read served a kept document and the database changed before its first statement, then the read runs again and sees one state', async () => {
    await store.write((tx) => tx.accounts.putSubscriberAccount(account('KE-S1', 'v1')));
    await store.read((tx) => tx.accounts.getSubscriberAccount('KE-S1'));
    const seen: string[] = [];
    const result = await store.read(async (tx) => {
      const kept = await tx.accounts.getSubscriberAccount('KE-S1');
      seen.push(kept!.description!);
      // another transaction commits between the kept document and this read's first statement
      if (seen.length === 1) await store.write((w) => w.accounts.putSubscriberAccount(account('KE-S1', 'v2')));
      const external = await tx.accounts.listExternalAccounts('KE-S1');
      return { description: kept!.description, external: external.length };
    });
    assert.deepEqual(seen, ['v1', 'v2']);
    assert.deepEqual(result, { description: 'v2', external: 0 });
  });

  test('when a read ran a statement before asking for a document, then it reads the document in its own snapshot and keeps nothing', async () => {
    await store.write((tx) => tx.accounts.putSubscriberAccount(account('KE-S2', 'v1')));
    await store.read((tx) => tx.accounts.getSubscriberAccount('KE-S2'));
    const read = await store.read(async (tx) => {
      await tx.accounts.listExternalAccounts('KE-S2');
      return tx.accounts.getSubscriberAccount('KE-S2');
    });
    assert.equal(read?.description, 'v1');
    assert.ok(!Object.isFrozen(read), 'read for itself, not the kept one');
  });

  test('when many reads are asked for in one turn, then one look at the database state serves them all', async () => {
    await store.write((tx) => tx.accounts.putSubscriberAccount(account('KE-T1', 'shared')));
    await store.read((tx) => tx.accounts.getSubscriberAccount('KE-T1'));
    const engine = store.engine as SqliteEngine;
    const before = engine.headerChecks;
    const reads = await Promise.all(Array.from({ length: 20 }, () => store.read((tx) => tx.accounts.getSubscriberAccount('KE-T1'))));
    for (const read of reads) assert.equal(read?.description, 'shared');
    assert.equal(engine.headerChecks, before + 1);
  });

  test('when another connection commits right after a look at the database state, then a read asked for after the commit still sees it', async () => {
    await store.write((tx) => tx.accounts.putSubscriberAccount(account('KE-T2', 'old')));
    assert.equal((await store.read((tx) => tx.accounts.getSubscriberAccount('KE-T2')))?.description, 'old');
    // in the same turn as the check that served the read above: a commit the engine is not told of
    const direct = new DatabaseSync(database.db);
    try {
      const row = direct.prepare("SELECT doc FROM subscriber_account WHERE account_id = 'KE-T2'").get() as { doc: string };
      direct.prepare("UPDATE subscriber_account SET doc = ? WHERE account_id = 'KE-T2'").run(row.doc.replace('"old"', '"new"'));
    } finally {
      direct.close();
    }
    assert.equal((await store.read((tx) => tx.accounts.getSubscriberAccount('KE-T2')))?.description, 'new');
  });

  test(`when more than ${KEPT_DOCUMENTS} documents are read, then at most ${KEPT_DOCUMENTS} are kept`, async () => {
    const ids = Array.from({ length: KEPT_DOCUMENTS + 50 }, (_, i) => `KE-MANY-${String(i).padStart(6, '0')}`);
    await store.write(async (tx) => {
      for (const id of ids) await tx.accounts.putSubscriberAccount(account(id, 'many'));
    });
    await store.read(async (tx) => {
      for (const id of ids) assert.equal((await tx.accounts.getSubscriberAccount(id))?.id, id);
    });
    const engine = store.engine as SqliteEngine;
    assert.equal(engine.keptDocuments, KEPT_DOCUMENTS);
    // the last ones read are the ones kept
    const last = await store.read((tx) => tx.accounts.getSubscriberAccount(ids.at(-1)!));
    assert.ok(Object.isFrozen(last));
  });
});
