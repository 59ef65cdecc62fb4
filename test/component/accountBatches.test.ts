import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeOnStores } from '../helpers/server.ts';
import { assertProblem, externalAccount, maintainSubscriberAccount, prepaidAccount, subscriberAccount, suac, succeed } from '../helpers/accounts.ts';

/** A maintain operation of suacProvisioning, three items whose third fails, and how to read an item back. */
interface BatchCase {
  operation: string;
  items: (prefix: string) => object[];
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
    items: (p) => [
      { externalAccount: externalAccount('SA-BATCH', `${p}-1`) },
      { externalAccount: externalAccount('SA-BATCH', `${p}-2`) },
      { externalAccount: externalAccount('SA-BATCH', `${p}-3`, { currencyCode: 'XXX' }) },
    ],
    failure: { httpStatus: 422, code: 'EXTERNALACCOUNT-102', category: 'prerequisiteMissing' },
    read: (item) => ['externalAccountRead', { externalAccountReference: { subscriberAccountId: 'SA-BATCH', externalAccountId: item.externalAccount.id } }],
  },
  {
    operation: 'prepaidAccountMaintain',
    items: (p) => [
      { prepaidAccount: prepaidAccount('SA-BATCH', `${p}-1`) },
      { prepaidAccount: prepaidAccount('SA-BATCH', `${p}-2`) },
      {
        prepaidAccount: prepaidAccount('SA-BATCH', `${p}-3`, {
          stateSchedule: { item: [{ stateCode: 'closed', fromDate: '2027-01-01T00:00:00' }, { stateCode: 'blocked', fromDate: '2027-02-01T00:00:00' }] },
        }),
      },
    ],
    failure: { httpStatus: 400, code: 'PREPAIDACCOUNT-103', category: 'invalid' },
    read: (item) => ['prepaidAccountRead', { prepaidAccountReference: { subscriberAccountId: 'SA-BATCH', prepaidAccountId: item.prepaidAccount.id } }],
  },
];

describeOnStores('bundle and mass maintain of suacProvisioning', (server) => {
  const exists = async (c: BatchCase, item: object): Promise<boolean> => {
    const [operation, body] = c.read(item);
    const result = await suac(server(), operation, body);
    assert.ok(result.status === 200 || result.status === 404, JSON.stringify(result.body));
    return result.status === 200;
  };

  for (const c of cases) {
    const single = `${c.operation}Request`;
    const itemResponses = `${c.operation}Response`;

    test(`when the third item of a ${c.operation}Bundle fails, then nothing is applied and the response lists two successes and the failure`, async () => {
      await maintainSubscriberAccount(server(), 'SA-BATCH');
      const items = c.items('B');
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
      const items = c.items('OK').slice(0, 2);
      for (let round = 0; round < 2; round++) {
        const result = await succeed(server(), `${c.operation}Bundle`, { [single]: items });
        assert.deepEqual(result.body[itemResponses], [{ status: 'return' }, { status: 'return' }]);
      }
      for (const item of items) assert.equal(await exists(c, item), true);
    });

    test(`when the third item of a ${c.operation}Mass fails, then the other two are applied and failures is 1`, async () => {
      const items = c.items('B');
      const result = await succeed(server(), `${c.operation}Mass`, { [single]: items });
      assert.equal(result.body.failures, 1);
      const responses = result.body[itemResponses];
      assert.deepEqual(responses.map((r: { status: string }) => r.status), ['return', 'return', 'error']);
      assert.equal(responses[2].error.category, c.failure.category);
      assert.equal(`${responses[2].error.cause.module}-${responses[2].error.cause.code}`, c.failure.code);
      assert.deepEqual(await Promise.all(items.map((item) => exists(c, item))), [true, true, false]);
    });

    test(`when a ${c.operation}Mass holds 1001 items, then it is invalid REQUEST-107 and nothing is applied`, async () => {
      const items = Array.from({ length: 1001 }, (_, i) => c.items(`BIG${i}`)[0]);
      assertProblem(await suac(server(), `${c.operation}Mass`, { [single]: items }), 400, 'REQUEST-107');
      assertProblem(await suac(server(), `${c.operation}Bundle`, { [single]: items }), 400, 'REQUEST-107');
      assert.equal(await exists(c, items[0]), false);
    });
  }
});
