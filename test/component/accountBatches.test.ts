import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeOnStores } from '../helpers/server.ts';
import { assertProblem, externalAccount, prepaidAccount, subscriberAccount, suac, succeed } from '../helpers/accounts.ts';
import { createSubscriberAccount, freshId } from '../helpers/factories.ts';

/** A maintain operation of suacProvisioning, three items (under subscriber account `sa`) whose third fails, and how to read an item back. */
interface BatchCase {
  operation: string;
  items: (prefix: string, sa: string) => object[];
  failure: { httpStatus: number; code: string; category: string };
  read: (item: any) => [string, object];
}

const cases: BatchCase[] = [
  {
    operation: 'subscriberAccountMaintain',
    items: (p) => [
      { subscriberAccount: subscriberAccount(`${p}-1`) },
      { subscriberAccount: subscriberAccount(`${p}-2`) },
      { subscriberAccount: subscriberAccount(`${p}-3`, { tax: { mode: 'vendorSubjectToPay', vat: { taxCode: 'VAT_NONE' } } }) },
    ],
    failure: { httpStatus: 422, code: 'SUBSCRIBERACCOUNT-102', category: 'prerequisiteMissing' },
    read: (item) => ['subscriberAccountRead', { subscriberAccountId: item.subscriberAccount.id }],
  },
  {
    operation: 'externalAccountMaintain',
    items: (p, sa) => [
      { externalAccount: externalAccount(sa, `${p}-1`) },
      { externalAccount: externalAccount(sa, `${p}-2`) },
      { externalAccount: externalAccount(sa, `${p}-3`, { currencyCode: 'XXX' }) },
    ],
    failure: { httpStatus: 422, code: 'EXTERNALACCOUNT-102', category: 'prerequisiteMissing' },
    read: (item) => ['externalAccountRead', { externalAccountReference: { subscriberAccountId: item.externalAccount.subscriberAccountId, externalAccountId: item.externalAccount.id } }],
  },
  {
    operation: 'prepaidAccountMaintain',
    items: (p, sa) => [
      { prepaidAccount: prepaidAccount(sa, `${p}-1`) },
      { prepaidAccount: prepaidAccount(sa, `${p}-2`) },
      {
        prepaidAccount: prepaidAccount(sa, `${p}-3`, {
          stateSchedule: { item: [{ stateCode: 'closed', fromDate: '2027-01-01T00:00:00' }, { stateCode: 'blocked', fromDate: '2027-02-01T00:00:00' }] },
        }),
      },
    ],
    failure: { httpStatus: 400, code: 'PREPAIDACCOUNT-103', category: 'invalid' },
    read: (item) => ['prepaidAccountRead', { prepaidAccountReference: { subscriberAccountId: item.prepaidAccount.subscriberAccountId, prepaidAccountId: item.prepaidAccount.id } }],
  },
];

describeOnStores('bundle and mass maintain of suacProvisioning', (server) => {
  const exists = async (c: BatchCase, item: object): Promise<boolean> => {
    const [operation, body] = c.read(item);
    const result = await suac(server(), operation, body);
    assert.ok(result.status === 200 || result.status === 404, JSON.stringify(result.body));
    return result.status === 200;
  };
  /** the items of `c` under fresh ids and a subscriber account of this test's own */
  const freshItems = async (c: BatchCase, prefix: string) => c.items(freshId(prefix), (await createSubscriberAccount(server())).id);

  for (const c of cases) {
    const single = `${c.operation}Request`;
    const itemResponses = `${c.operation}Response`;

    test(`when the third item of a ${c.operation}Bundle fails, then nothing is applied and the response lists two successes and the failure`, async () => {
      const items = await freshItems(c, 'B');
      const result = await suac(server(), `${c.operation}Bundle`, { [single]: items });
      assertProblem(result, c.failure.httpStatus, c.failure.code);
      assert.equal(result.body.category, c.failure.category);
      assert.equal(result.body.error.cause.code, c.failure.code.split('-').at(-1));
      const responses = result.body[itemResponses];
      assert.deepEqual(responses.map((r: { status: string }) => r.status), ['return', 'return', 'error']);
      assert.equal(`${responses[2].error.cause.module}-${responses[2].error.cause.code}`, c.failure.code);
      for (const item of items) assert.equal(await exists(c, item), false);
    });

    test(`when a ${c.operation}Bundle succeeds, then every item is applied and resending it succeeds again`, async () => {
      const items = (await freshItems(c, 'OK')).slice(0, 2);
      for (let round = 0; round < 2; round++) {
        const result = await succeed(server(), `${c.operation}Bundle`, { [single]: items });
        // each item answers its operation's response: the id or reference the read names (SAP CC's …OperationResponse)
        assert.deepEqual(result.body[itemResponses], items.map((item) => ({ status: 'return', ...c.read(item)[1] })));
      }
      for (const item of items) assert.equal(await exists(c, item), true);
    });

    test(`when the third item of a ${c.operation}Mass fails, then the other two are applied and failures is 1`, async () => {
      const items = await freshItems(c, 'M');
      const result = await succeed(server(), `${c.operation}Mass`, { [single]: items });
      assert.equal(result.body.failures, 1);
      const responses = result.body[itemResponses];
      assert.deepEqual(responses.map((r: { status: string }) => r.status), ['return', 'return', 'error']);
      assert.equal(responses[2].error.category, c.failure.category);
      assert.equal(`${responses[2].error.cause.module}-${responses[2].error.cause.code}`, c.failure.code);
      assert.deepEqual(await Promise.all(items.map((item) => exists(c, item))), [true, true, false]);
    });

    test(`when a ${c.operation}Mass holds 1001 items, then it is invalid REQUEST-107 and nothing is applied`, async () => {
      const [prefix, sa] = [freshId('BIG'), (await createSubscriberAccount(server())).id];
      const items = Array.from({ length: 1001 }, (_, i) => c.items(`${prefix}-${i}`, sa)[0]);
      assertProblem(await suac(server(), `${c.operation}Mass`, { [single]: items }), 400, 'REQUEST-107');
      assertProblem(await suac(server(), `${c.operation}Bundle`, { [single]: items }), 400, 'REQUEST-107');
      assert.equal(await exists(c, items[0]), false);
    });
  }

  // an item the message check refuses (a field empty, missing or of another type, an unknown field) is that item's failure, not the request's
  const refusedItems = [
    { subscriberAccount: subscriberAccount('') },
    { subscriberAccount: { id: 'SA-CHECK-X' } },
    { subscriberAccount: subscriberAccount('SA-CHECK-Y', { tax: { mode: 'bogus' } as never }) },
    { subscriberAccount: subscriberAccount('SA-CHECK-Z'), extra: 1 },
  ];
  const refusedCodes = ['REQUEST-103', 'REQUEST-101', 'REQUEST-106', 'REQUEST-102'];

  test('when items of a subscriberAccountMaintainMass fail the message check, then each fails on its own with its code and the others are applied', async () => {
    const items = [{ subscriberAccount: subscriberAccount('SA-CHECK-1') }, ...refusedItems, { subscriberAccount: subscriberAccount('SA-CHECK-2') }];
    const result = await succeed(server(), 'subscriberAccountMaintainMass', { subscriberAccountMaintainRequest: items });
    assert.equal(result.body.status, 'return');
    assert.equal(result.body.failures, refusedItems.length);
    const responses = result.body.subscriberAccountMaintainResponse;
    assert.deepEqual(responses.map((r: { status: string }) => r.status), ['return', ...refusedItems.map(() => 'error'), 'return']);
    assert.deepEqual(
      responses.slice(1, -1).map((r: any) => `${r.error.cause.module}-${r.error.cause.code} ${r.error.category}`),
      refusedCodes.map((code) => `${code} invalid`),
    );
    for (const [id, there] of [['SA-CHECK-1', true], ['SA-CHECK-2', true], ['SA-CHECK-X', false], ['SA-CHECK-Y', false], ['SA-CHECK-Z', false]] as const) {
      assert.equal((await suac(server(), 'subscriberAccountRead', { subscriberAccountId: id })).status, there ? 200 : 404, id);
    }
  });

  test('when an item of a subscriberAccountMaintainBundle fails the message check, then the bundle fails with that item\'s failure after the successes before it, and nothing is applied', async () => {
    for (const [i, refused] of refusedItems.entries()) {
      const items = [{ subscriberAccount: subscriberAccount(`SA-CHECKB-${i}`) }, refused, { subscriberAccount: subscriberAccount(`SA-CHECKB-${i}-after`) }];
      const result = await suac(server(), 'subscriberAccountMaintainBundle', { subscriberAccountMaintainRequest: items });
      assertProblem(result, 400, refusedCodes[i]);
      const responses = result.body.subscriberAccountMaintainResponse;
      assert.deepEqual(responses.map((r: { status: string }) => r.status), ['return', 'error']);
      assert.equal(`${responses[1].error.cause.module}-${responses[1].error.cause.code}`, refusedCodes[i]);
      assert.equal((await suac(server(), 'subscriberAccountRead', { subscriberAccountId: `SA-CHECKB-${i}` })).status, 404);
    }
  });

  test('when what is wrong is the request rather than an item (items not a list, no items, an unknown field beside them), then the request fails as a whole', async () => {
    assertProblem(await suac(server(), 'subscriberAccountMaintainMass', { subscriberAccountMaintainRequest: { subscriberAccount: subscriberAccount('SA-W1') } }), 400, 'REQUEST-109');
    assertProblem(await suac(server(), 'subscriberAccountMaintainMass', { subscriberAccountMaintainRequest: [] }), 400, 'REQUEST-107');
    assertProblem(await suac(server(), 'subscriberAccountMaintainMass', { subscriberAccountMaintainRequest: [{ subscriberAccount: subscriberAccount('SA-W2') }], extra: 1 }), 400, 'REQUEST-102');
    assertProblem(await suac(server(), 'subscriberAccountMaintainMass', {}), 400, 'REQUEST-101');
    assert.equal((await suac(server(), 'subscriberAccountRead', { subscriberAccountId: 'SA-W2' })).status, 404);
  });
});
