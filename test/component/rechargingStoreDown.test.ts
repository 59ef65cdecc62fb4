// A store that cannot serve: PostgreSQL cut off behind a TCP proxy (STORE-100), an
// SQLite file whose write lock another process holds (STORE-102). Both are
// temporaryIllegalSystemState: 503 with Retry-After, nothing locked, the server stays up.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DatabaseSync } from 'node:sqlite';
import { ROLES } from '../../src/operations/operation.ts';
import { TestServer, describeOnStores } from '../helpers/server.ts';
import { PG_AVAILABLE } from '../helpers/stores.ts';
import { postgresProxy, serverBehind } from '../helpers/storeDown.ts';
import type { TcpProxy } from '../helpers/tcpProxy.ts';
import { findLocks, lockCollection, provisionRechargingAccount, unlockCollection } from '../helpers/recharging.ts';

function assertUnavailable(result: { status: number; body: any; headers: Headers }, code: string): void {
  assert.equal(result.body.code, code, JSON.stringify(result.body));
  assert.equal(result.status, 503);
  assert.equal(result.body.category, 'temporaryIllegalSystemState');
  assert.equal(result.headers.get('retry-after'), '1');
}

describe('recharging when PostgreSQL is unreachable [postgres]', () => {
  if (!PG_AVAILABLE) {
    describe('PostgreSQL unreachable', { skip: 'no PostgreSQL at CONVERGENT_TEST_PG_URL' }, () => undefined);
    return;
  }
  let proxy: TcpProxy;
  let server: TestServer;
  before(async () => {
    proxy = await postgresProxy();
    server = await serverBehind(proxy, ROLES);
  });
  after(async () => {
    await proxy.open().catch(() => undefined);
    await server?.close();
    await proxy.cut();
  });

  test('when the store is cut off, then lock, unlock and LockFind are STORE-100 (temporaryIllegalSystemState), and once it is back the server serves again', async () => {
    const a = await provisionRechargingAccount(server, 'down-pg');
    assert.equal((await findLocks(server, { subscriberAccountId: a.accountId })).status, 200); // the rerating user is authenticated before the cut
    await proxy.cut();
    assertUnavailable(await lockCollection(server, { subscriberAccountId: a.accountId }, 'RL-DOWN'), 'STORE-100');
    assertUnavailable(await unlockCollection(server, { subscriberAccountId: a.accountId }, 'RL-DOWN'), 'STORE-100');
    assertUnavailable(await findLocks(server, { subscriberAccountId: a.accountId }), 'STORE-100');
    await proxy.open();
    assert.deepEqual((await findLocks(server, { subscriberAccountId: a.accountId })).body, { status: 'return' }, 'nothing was locked meanwhile');
    assert.equal((await lockCollection(server, { subscriberAccountId: a.accountId }, 'RL-DOWN')).body.status, 'return');
  });
});

describeOnStores('recharging while another process holds the SQLite write lock', (server, kind) => {
  if (kind !== 'sqlite') return;
  test('when the database stays locked past the busy timeout, then lock is STORE-102 (temporaryIllegalSystemState) and nothing is locked', async () => {
    const a = await provisionRechargingAccount(server(), 'down-sqlite');
    const other = new DatabaseSync(server().database.db);
    other.exec('BEGIN EXCLUSIVE');
    try {
      assertUnavailable(await lockCollection(server(), { subscriberAccountId: a.accountId }, 'RL-BUSY'), 'STORE-102');
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    assert.deepEqual((await findLocks(server(), { subscriberAccountId: a.accountId })).body, { status: 'return' });
  });
});
