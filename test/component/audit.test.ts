// The audit log (SPEC 3.5): one record per write with its user, outcome and error
// code, failures included, none for reads; GET /api/v1/audit for auditors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeOnStores, type TestServer } from '../helpers/server.ts';
import { subscriberAccount } from '../helpers/accounts.ts';
import { createUser } from '../helpers/factories.ts';
import { callSoap } from '../soap/client.ts';

async function auditLog(server: TestServer, query: Record<string, string>) {
  const result = await server.request('GET', `/api/v1/audit?${new URLSearchParams(query)}`, undefined, { user: 'auditor' });
  assert.equal(result.status, 200, JSON.stringify(result.body));
  return result.body as { items: any[]; next_page_token?: string };
}

const brief = (record: any) => ({ user: record.user, operation: record.operation, objectIds: record.objectIds, outcome: record.outcome, errorCode: record.errorCode, channel: record.channel });

describeOnStores('audit log', (server) => {
  test('when writes succeed, fail or are refused, then each leaves one record with its user and code, and reads leave none', async () => {
    // users of this test's own: the log filtered by user holds only what this test did
    const [provisioningUser, readerUser] = [await createUser(server(), ['provisioning']), await createUser(server(), ['reader'])];
    const call = (operation: string, body: unknown, role: 'provisioning' | 'reader') =>
      server().call('suacProvisioning', operation, body, { user: role === 'provisioning' ? provisioningUser : readerUser });
    assert.equal((await call('subscriberAccountMaintain', { subscriberAccount: subscriberAccount('SA-AUD-1') }, 'provisioning')).status, 200);
    assert.equal((await call('subscriberAccountRead', { subscriberAccountId: 'SA-AUD-1' }, 'provisioning')).status, 200);
    assert.equal((await call('subscriberAccountFind', { filter: { id: 'SA-AUD-1' } }, 'provisioning')).status, 200);
    const taxMissing = { subscriberAccount: subscriberAccount('SA-AUD-2', { tax: { mode: 'vendorSubjectToPay', vat: { taxCode: 'VAT_NONE' } } }) };
    assert.equal((await call('subscriberAccountMaintain', taxMissing, 'provisioning')).status, 422);
    assert.equal((await call('subscriberAccountMaintain', { subscriberAccount: { subscriberId: 'BP' } }, 'provisioning')).status, 400);
    assert.equal((await call('subscriberAccountCancel', { subscriberAccountId: 'SA-AUD-404' }, 'provisioning')).status, 404);
    assert.equal((await call('subscriberAccountCancel', { subscriberAccountId: 'SA-AUD-1' }, 'reader')).status, 403);
    assert.equal((await call('subscriberAccountRead', { subscriberAccountId: 'SA-AUD-1' }, 'reader')).status, 200);

    const provisioning = (await auditLog(server(), { user: provisioningUser })).items.map(brief);
    assert.deepEqual(provisioning, [
      { user: provisioningUser, operation: 'subscriberAccountMaintain', objectIds: ['SA-AUD-1'], outcome: 'success', errorCode: undefined, channel: 'json' },
      { user: provisioningUser, operation: 'subscriberAccountMaintain', objectIds: ['SA-AUD-2'], outcome: 'failure', errorCode: 'SUBSCRIBERACCOUNT-102', channel: 'json' },
      { user: provisioningUser, operation: 'subscriberAccountMaintain', objectIds: [], outcome: 'failure', errorCode: 'REQUEST-101', channel: 'json' },
      { user: provisioningUser, operation: 'subscriberAccountCancel', objectIds: ['SA-AUD-404'], outcome: 'failure', errorCode: 'SUBSCRIBERACCOUNT-100', channel: 'json' },
    ]);
    const reader = (await auditLog(server(), { user: readerUser })).items.map(brief);
    assert.deepEqual(reader, [{ user: readerUser, operation: 'subscriberAccountCancel', objectIds: ['SA-AUD-1'], outcome: 'failure', errorCode: 'CC-SEC-AUTH-6', channel: 'json' }]);
    const [first] = (await auditLog(server(), { user: provisioningUser, page_size: '1' })).items;
    assert.equal(first.domain, 'CUSTOMER');
    assert.equal(first.address, '127.0.0.1');
    assert.match(first.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
  });

  test('when writes come over SOAP, then they are audited like JSON ones with channel soap; SOAP reads are not', async () => {
    const [provisioningUser, readerUser] = [await createUser(server(), ['provisioning']), await createUser(server(), ['reader'])];
    const soap = (operation: string, content: string, role: 'provisioning' | 'reader') =>
      callSoap(server().url, 'suacProvisioning', operation, content, { user: role === 'provisioning' ? provisioningUser : readerUser });
    const account = '<subscriberAccount><id>SA-SOAP-1</id><subscriberId>BP-S</subscriberId></subscriberAccount>';
    assert.equal((await soap('subscriberAccountMaintain', account, 'provisioning')).status, 200);
    assert.equal((await soap('subscriberAccountRead', '<subscriberAccountId>SA-SOAP-1</subscriberAccountId>', 'provisioning')).status, 200);
    const unknownElement = '<subscriberAccount><id>SA-SOAP-1</id><subscriberId>BP-S</subscriberId><colour>red</colour></subscriberAccount>';
    assert.equal((await soap('subscriberAccountMaintain', unknownElement, 'provisioning')).status, 200);
    assert.equal((await soap('subscriberAccountCancel', '<subscriberAccountId>SA-SOAP-1</subscriberAccountId>', 'reader')).status, 500);
    const records = (await auditLog(server(), { object_id: 'SA-SOAP-1' })).items.map(brief);
    const unreadable = (await auditLog(server(), { user: provisioningUser, operation: 'subscriberAccountMaintain', order: 'desc', page_size: '1' })).items.map(brief);
    assert.deepEqual(records, [
      { user: provisioningUser, operation: 'subscriberAccountMaintain', objectIds: ['SA-SOAP-1'], outcome: 'success', errorCode: undefined, channel: 'soap' },
      { user: readerUser, operation: 'subscriberAccountCancel', objectIds: ['SA-SOAP-1'], outcome: 'failure', errorCode: 'CC-SEC-AUTH-6', channel: 'soap' },
    ]);
    assert.deepEqual(unreadable, [{ user: provisioningUser, operation: 'subscriberAccountMaintain', objectIds: [], outcome: 'failure', errorCode: 'REQUEST-102', channel: 'soap' }]);
  });

  test('when a bundle fails at its third item, then its one record is a failure naming every id, and none is a success', async () => {
    const bundle = {
      subscriberAccountMaintainRequest: [
        { subscriberAccount: subscriberAccount('SA-BUN-1') },
        { subscriberAccount: subscriberAccount('SA-BUN-2') },
        { subscriberAccount: subscriberAccount('SA-BUN-3', { tax: { mode: 'vendorSubjectToPay', vat: { taxCode: 'VAT_NONE' } } }) },
      ],
    };
    const result = await server().call('suacProvisioning', 'subscriberAccountMaintainBundle', bundle);
    assert.equal(result.status, 422);
    const records = (await auditLog(server(), { object_id: 'SA-BUN-1' })).items.map(brief);
    assert.deepEqual(records, [
      { user: 'admin', operation: 'subscriberAccountMaintainBundle', objectIds: ['SA-BUN-1', 'SA-BUN-2', 'SA-BUN-3'], outcome: 'failure', errorCode: 'SUBSCRIBERACCOUNT-102', channel: 'json' },
    ]);
  });

  test('when a mass request has failing items, then its one record is a success that counts them', async () => {
    const mass = {
      subscriberAccountMaintainRequest: [
        { subscriberAccount: subscriberAccount('SA-MASS-1') },
        { subscriberAccount: subscriberAccount('SA-MASS-2', { tax: { mode: 'vendorSubjectToPay', vat: { taxCode: 'VAT_NONE' } } }) },
      ],
    };
    assert.equal((await server().call('suacProvisioning', 'subscriberAccountMaintainMass', mass)).status, 200);
    const [record, ...more] = (await auditLog(server(), { object_id: 'SA-MASS-2' })).items;
    assert.equal(more.length, 0);
    assert.equal(record.outcome, 'success');
    assert.equal(record.detail, '1 items failed');
  });

  test('when a password is wrong, then the failed authentication is recorded with the name tried and the address', async () => {
    const refused = await server().call('echo', 'echo', { text: 'x' }, { user: 'migration', password: 'not-the-password' });
    assert.equal(refused.status, 401);
    const records = (await auditLog(server(), { operation: 'authenticate', user: 'migration' })).items;
    assert.equal(records.length, 1);
    assert.deepEqual([records[0].outcome, records[0].errorCode, records[0].address, records[0].domain], ['failure', 'CC-SEC-AUTH-100', '127.0.0.1', 'SECURITY']);
  });

  test('when the log is paged and filtered by operation and time, then pages follow each other without overlap', async () => {
    for (const id of ['SA-PAGE-1', 'SA-PAGE-2', 'SA-PAGE-3']) {
      await server().call('suacProvisioning', 'subscriberAccountMaintain', { subscriberAccount: subscriberAccount(id) }, { user: 'provisioning' });
    }
    const all = (await auditLog(server(), { operation: 'subscriberAccountMaintain' })).items.map((r) => r.id);
    const paged: number[] = [];
    let token: string | undefined;
    do {
      const page = await auditLog(server(), { operation: 'subscriberAccountMaintain', page_size: '2', ...(token ? { page_token: token } : {}) });
      assert.ok(page.items.length <= 2);
      paged.push(...page.items.map((r) => r.id));
      token = page.next_page_token;
    } while (token);
    assert.deepEqual(paged, all);
    assert.deepEqual(paged, [...paged].sort((a, b) => a - b));
    const newestFirst = (await auditLog(server(), { operation: 'subscriberAccountMaintain', order: 'desc' })).items.map((r) => r.id);
    assert.deepEqual(newestFirst, [...all].reverse());
    assert.equal((await auditLog(server(), { operation: 'subscriberAccountMaintain', from: '2999-01-01T00:00:00' })).items.length, 0);
    assert.equal((await auditLog(server(), { operation: 'subscriberAccountMaintain', to: '2000-01-01T00:00:00' })).items.length, 0);
    assert.equal((await auditLog(server(), { operation: 'subscriberAccountMaintain', from: '2000-01-01T00:00:00', to: '2999-01-01T00:00:00' })).items.length, all.length);
  });

  test('when the query is not one of the log, then it is refused with its code', async () => {
    const badDate = await server().request('GET', '/api/v1/audit?from=yesterday', undefined, { user: 'auditor' });
    assert.equal(badDate.status, 400);
    assert.equal(badDate.body.code, 'AUDIT-100');
    const badSize = await server().request('GET', '/api/v1/audit?page_size=1001', undefined, { user: 'auditor' });
    assert.equal(badSize.body.code, 'REQUEST-113');
    const twice = await server().request('GET', '/api/v1/audit?user=a&user=b', undefined, { user: 'auditor' });
    assert.equal(twice.body.code, 'AUDIT-100');
  });

  test('when every parameter is given empty, as the URL template reads, then the log answers as with none', async () => {
    const empty = await server().request('GET', '/api/v1/audit?user=&operation=&object_id=&from=&to=&order=&page_size=&page_token=', undefined, { user: 'auditor' });
    assert.equal(empty.status, 200, JSON.stringify(empty.body));
    assert.deepEqual(empty.body, (await server().request('GET', '/api/v1/audit', undefined, { user: 'auditor' })).body);
  });

  test('when a user is neither auditor nor administrator, then the log is 403; without credentials 401', async () => {
    for (const user of ['reader', 'provisioning', 'migration', 'rerating', 'charging']) {
      const result = await server().request('GET', '/api/v1/audit', undefined, { user });
      assert.equal(result.status, 403, user);
      assert.equal(result.body.code, 'CC-SEC-AUTH-6');
    }
    assert.equal((await server().request('GET', '/api/v1/audit', undefined, { anonymous: true })).status, 401);
    assert.equal((await server().request('GET', '/api/v1/audit', undefined, { user: 'admin' })).status, 200);
  });
});
