import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeOnStores } from '../helpers/server.ts';
import { assertProblem, subscriberAccount, suac, succeed } from '../helpers/accounts.ts';

const business = { name: 'SEGMENT', string: 'business' };
// F-02 and F-04 share a subscriber (business partner); F-01, F-03, F-05 are business customers
const accounts = ['F-01', 'F-02', 'F-03', 'F-04', 'F-05'].map((id, i) =>
  subscriberAccount(id, {
    subscriberId: i % 2 === 1 ? 'BP-SHARED' : `BP-${id}`,
    additionalInfo: [i % 2 === 0 ? business : { name: 'SEGMENT', string: 'consumer' }, { name: 'RANK', number: String(i) }],
  }),
);

describeOnStores('subscriber account find', (server) => {
  const find = (filter: object | undefined, windowSize?: number, fromUniqueId?: string, options = {}) =>
    suac(server(), 'subscriberAccountFind', { filter, searchFilter: { searchWindow: { windowSize, fromUniqueId }, totalCountRequired: true } }, options);
  const ids = (body: { subscriberAccount?: Array<{ id: string }> }) => (body.subscriberAccount ?? []).map((a) => a.id);

  // the five accounts are all the server holds: every test finds among them, none writes
  before(async () => {
    await succeed(server(), 'subscriberAccountMaintainBundle', { subscriberAccountMaintainRequest: accounts.map((subscriberAccount) => ({ subscriberAccount })) });
  });

  test('when five accounts are found two at a time, then lastUniqueId leads from window to window and totalCount is 5', async () => {
    const windows: string[][] = [];
    let from: string | undefined;
    for (;;) {
      const { body } = await succeed(server(), 'subscriberAccountFind', { searchFilter: { searchWindow: { windowSize: 2, fromUniqueId: from }, totalCountRequired: true } });
      assert.equal(body.totalCount, 5);
      if (!body.subscriberAccount) {
        assert.equal(body.lastUniqueId, undefined, 'an empty window has no lastUniqueId');
        break;
      }
      windows.push(ids(body));
      assert.equal(body.lastUniqueId, ids(body).at(-1));
      from = body.lastUniqueId;
    }
    assert.deepEqual(windows, [['F-01', 'F-02'], ['F-03', 'F-04'], ['F-05']]);
  });

  test('when the accounts are found, then each is returned whole', async () => {
    const { body } = await find({ id: 'F-03' });
    assert.deepEqual(body.subscriberAccount, [accounts[2]]);
    assert.equal(body.totalCount, 1);
    assert.equal(body.lastUniqueId, 'F-03');
  });

  test('when the filter names a subscriber id, then only its accounts are found', async () => {
    const { body } = await find({ subscriberId: 'BP-SHARED' });
    assert.deepEqual(ids(body), ['F-02', 'F-04']);
    assert.equal(body.totalCount, 2);
  });

  test('when the filter has additional info, then only accounts carrying it are found, paged and counted', async () => {
    const first = (await find({ additionalInfo: [business] }, 2)).body;
    assert.deepEqual(ids(first), ['F-01', 'F-03']);
    assert.equal(first.totalCount, 3);
    assert.equal(first.lastUniqueId, 'F-03');
    const second = (await find({ additionalInfo: [business] }, 2, first.lastUniqueId)).body;
    assert.deepEqual(ids(second), ['F-05']);
    assert.equal(second.totalCount, 3);
  });

  test('when filters are combined, then an account must match all of them', async () => {
    assert.deepEqual(ids((await find({ subscriberId: 'BP-SHARED', additionalInfo: [business] })).body), []);
    assert.deepEqual(ids((await find({ additionalInfo: [business, { name: 'RANK', number: '4' }] })).body), ['F-05']);
    const none = (await find({ id: 'F-404' })).body;
    assert.equal(none.totalCount, 0);
    assert.equal(none.lastUniqueId, undefined);
  });

  test('when the window is 1001 or 0, then the request is invalid REQUEST-113', async () => {
    assertProblem(await find(undefined, 1001), 400, 'REQUEST-113');
    assertProblem(await find(undefined, 0), 400, 'REQUEST-113');
    assert.equal((await find(undefined, 1000)).status, 200);
  });

  test('when a reader finds, then it is allowed; an auditor is forbidden', async () => {
    assert.equal((await find({ id: 'F-01' }, undefined, undefined, { user: 'reader' })).status, 200);
    assertProblem(await find({ id: 'F-01' }, undefined, undefined, { user: 'auditor' }), 403, 'CC-SEC-AUTH-6');
  });
});
