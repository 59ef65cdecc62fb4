// Idempotency-Key on JSON POST (SPEC 3.4, docs/trust.md): one execution per key and
// user, the first response replayed byte for byte, 422 for another request under
// the same key, 409 when the first is still running after the wait.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startConvergent } from '../../src/app.ts';
import { requestHash } from '../../src/transport/json/idempotency.ts';
import { describeOnStores, ADMIN_PASSWORD, type CallResult, type TestServer } from '../helpers/server.ts';
import { subscriberAccount } from '../helpers/accounts.ts';

const withKey = (key: string, user = 'admin') => ({ user, headers: { 'idempotency-key': key } });

/** A bundle of `count` subscriber accounts: a JSON import of the migration kind. */
const importOf = (tag: string, count: number) => ({
  subscriberAccountMaintainRequest: Array.from({ length: count }, (_, i) => ({ subscriberAccount: subscriberAccount(`SA-${tag}-${i}`) })),
});

async function auditedSuccesses(server: TestServer, objectId: string): Promise<any[]> {
  const result = await server.request('GET', `/api/v1/audit?object_id=${objectId}`, undefined, { user: 'auditor' });
  return result.body.items.filter((record: any) => record.outcome === 'success');
}

function assertIdentical(results: CallResult[]): void {
  for (const result of results) {
    assert.equal(result.status, results[0].status);
    assert.equal(result.text, results[0].text);
    assert.equal(result.headers.get('content-type'), results[0].headers.get('content-type'));
  }
}

describeOnStores('Idempotency-Key', (server, kind) => {
  test('when the same import is sent 10 times at once with one key, then it runs once and the ten responses are identical', async () => {
    const body = importOf('TEN', 200);
    const results = await Promise.all(Array.from({ length: 10 }, () => server().call('suacProvisioning', 'subscriberAccountMaintainBundle', body, withKey('import-ten'))));
    assert.equal(results[0].status, 200, results[0].text);
    assertIdentical(results);
    assert.equal(results.filter((r) => r.headers.get('idempotent-replayed') === 'true').length, 9);
    assert.equal((await auditedSuccesses(server(), 'SA-TEN-0')).length, 1);
  });

  test('when a key is resent after its request ended, then the response is replayed byte for byte even though the state changed', async () => {
    const cancel = { subscriberAccountId: 'SA-REPLAY' };
    const first = await server().call('suacProvisioning', 'subscriberAccountCancel', cancel, withKey('cancel-replay'));
    assert.equal(first.status, 404);
    await server().call('suacProvisioning', 'subscriberAccountMaintain', { subscriberAccount: subscriberAccount('SA-REPLAY') });
    const again = await server().call('suacProvisioning', 'subscriberAccountCancel', cancel, withKey('cancel-replay'));
    assertIdentical([first, again]);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    const read = await server().call('suacProvisioning', 'subscriberAccountRead', cancel);
    assert.equal(read.status, 200, 'the replay did not run the cancel');
  });

  test('when a non-idempotent cancel is retried with its key, then the retry succeeds like the first instead of failing', async () => {
    await server().call('suacProvisioning', 'subscriberAccountMaintain', { subscriberAccount: subscriberAccount('SA-RETRY') });
    const cancel = { subscriberAccountId: 'SA-RETRY' };
    const first = await server().call('suacProvisioning', 'subscriberAccountCancel', cancel, withKey('cancel-retry'));
    assert.equal(first.status, 200, first.text);
    const retry = await server().call('suacProvisioning', 'subscriberAccountCancel', cancel, withKey('cancel-retry'));
    assertIdentical([first, retry]);
    const unkeyed = await server().call('suacProvisioning', 'subscriberAccountCancel', cancel);
    assert.equal(unkeyed.status, 404, 'without the key the cancel runs again');
  });

  test('when the same key comes with another body or another operation, then 422 IDEMPOTENCY-101 and nothing runs', async () => {
    await server().call('suacProvisioning', 'subscriberAccountMaintain', { subscriberAccount: subscriberAccount('SA-K-1') }, withKey('reused'));
    const otherBody = await server().call('suacProvisioning', 'subscriberAccountMaintain', { subscriberAccount: subscriberAccount('SA-K-2') }, withKey('reused'));
    assert.equal(otherBody.status, 422);
    assert.equal(otherBody.body.code, 'IDEMPOTENCY-101');
    assert.equal(otherBody.body.category, 'invalid');
    const otherOperation = await server().call('suacProvisioning', 'subscriberAccountCancel', { subscriberAccountId: 'SA-K-1' }, withKey('reused'));
    assert.equal(otherOperation.body.code, 'IDEMPOTENCY-101');
    assert.equal((await server().call('suacProvisioning', 'subscriberAccountRead', { subscriberAccountId: 'SA-K-2' })).status, 404);
    assert.equal((await server().call('suacProvisioning', 'subscriberAccountRead', { subscriberAccountId: 'SA-K-1' })).status, 200);
  });

  test('when two users send the same key, then each has its own: both requests run', async () => {
    const mine = await server().call('suacProvisioning', 'subscriberAccountMaintain', { subscriberAccount: subscriberAccount('SA-U-1') }, withKey('shared-key'));
    const theirs = await server().call('suacProvisioning', 'subscriberAccountMaintain', { subscriberAccount: subscriberAccount('SA-U-2') }, withKey('shared-key', 'provisioning'));
    assert.equal(mine.status, 200);
    assert.equal(theirs.status, 200);
    assert.equal(theirs.headers.get('idempotent-replayed'), null);
    assert.equal((await server().call('suacProvisioning', 'subscriberAccountRead', { subscriberAccountId: 'SA-U-2' })).status, 200);
  });

  test('when a key is empty of meaning (too long, spaces, control characters), then 400 IDEMPOTENCY-100', async () => {
    for (const key of ['k'.repeat(256), 'with space', 'tab\there']) {
      const result = await server().call('echo', 'echo', { text: 'x' }, withKey(key));
      assert.equal(result.status, 400, key);
      assert.equal(result.body.code, 'IDEMPOTENCY-100');
    }
    assert.equal((await server().call('echo', 'echo', { text: 'x' }, withKey('k'.repeat(255)))).status, 200);
  });

  test('when the body is malformed, then nothing is kept for the key and the corrected request runs', async () => {
    const broken = await server().request('POST', '/api/v1/echo/echo', '{"text": ', withKey('fixed-later'));
    assert.equal(broken.status, 400);
    const fixed = await server().call('echo', 'echo', { text: 'fixed' }, withKey('fixed-later'));
    assert.equal(fixed.status, 200);
    assert.equal(fixed.body.text, 'fixed');
  });

  // PostgreSQL only: two SQLite writers in one process would block each other
  if (kind === 'postgres') test('when two server instances share the store, then ten requests with one key spread over both run once', async () => {
    const second = await startConvergent({ db: server().database.db, port: 0, host: '127.0.0.1', logger: false, adminPassword: ADMIN_PASSWORD, dataDir: server().database.dir });
    try {
      const body = JSON.stringify(importOf('TWO', 100));
      const headers = { authorization: `Basic ${Buffer.from(`admin:${ADMIN_PASSWORD}`).toString('base64')}`, 'content-type': 'application/json', 'idempotency-key': 'two-instances' };
      const send = async (url: string) => {
        const response = await fetch(`${url}/api/v1/suacProvisioning/subscriberAccountMaintainBundle`, { method: 'POST', headers, body });
        return { status: response.status, text: await response.text() };
      };
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => send(i % 2 ? second.url : server().url)));
      assert.equal(results[0].status, 200, results[0].text);
      for (const result of results) assert.deepEqual(result, results[0]);
      assert.equal((await auditedSuccesses(server(), 'SA-TWO-0')).length, 1);
    } finally {
      await second.close();
    }
  });
});

/** A claim of `key` by a request in progress elsewhere, as another instance would leave it. */
async function claimElsewhere(server: TestServer, key: string, body: unknown, path: string, leaseMs: number): Promise<void> {
  const digest = createHash('sha256').update(JSON.stringify(body)).digest('hex');
  const now = Date.now();
  await server.running.store.write((tx) =>
    tx.idempotency.put({ user: 'admin', key, requestHash: requestHash('POST', path, digest), claim: 'elsewhere', createdAt: now, expiresAt: now + 3600_000, leaseUntil: now + leaseMs }),
  );
}

describeOnStores(
  'Idempotency-Key while the first request runs',
  (server) => {
    const path = '/api/v1/echo/echo';

    test('when the first request is still running after the wait, then a duplicate gets 409 IDEMPOTENCY-102', async () => {
      await claimElsewhere(server(), 'in-progress', { text: 'slow' }, path, 60_000);
      const started = Date.now();
      const duplicate = await server().call('echo', 'echo', { text: 'slow' }, withKey('in-progress'));
      assert.equal(duplicate.status, 409);
      assert.equal(duplicate.body.code, 'IDEMPOTENCY-102');
      assert.equal(duplicate.body.category, 'illegalState');
      assert.ok(Date.now() - started >= 300, 'it waited for the first request first');
    });

    test('when the first request ends while a duplicate waits, then the duplicate gets its response', async () => {
      await claimElsewhere(server(), 'ends-soon', { text: 'soon' }, path, 60_000);
      const pending = server().call('echo', 'echo', { text: 'soon' }, withKey('ends-soon'));
      await new Promise((resolve) => setTimeout(resolve, 100));
      const response = { status: 200, contentType: 'application/json; charset=utf-8', body: '{"status":"return","text":"from the first"}' };
      await server().running.store.write((tx) => tx.idempotency.complete('admin', 'ends-soon', 'elsewhere', response));
      const duplicate = await pending;
      assert.equal(duplicate.status, 200);
      assert.equal(duplicate.text, response.body);
    });

    test('when a claim outlived its lease (its server stopped), then the next request with the key runs', async () => {
      await claimElsewhere(server(), 'abandoned', { text: 'again' }, path, -1);
      const result = await server().call('echo', 'echo', { text: 'again' }, withKey('abandoned'));
      assert.equal(result.status, 200);
      assert.equal(result.body.text, 'again');
    });
  },
  { idempotency: { waitMs: 300 } },
);
