// The foundation end to end: one complete customer (examples/customer-data.json)
// provisioned operation by operation through the JSON API, read back identically.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeOnStores } from '../helpers/server.ts';
import { provisionAccount, taggedSample } from '../helpers/customerData.ts';

describeOnStores('a complete customer through the provisioning API', (server) => {
  test('when every object of the sample customer is created, then the account reads back as the same customer data', async () => {
    const sample = taggedSample('LIFE');
    const { root: _root, linked: _linked, ...customerData } = sample;
    await provisionAccount(server(), customerData);
    for (const chargingContract of customerData.chargingContract!) {
      const result = await server().call('contractProvisioning', 'chargingContractMaintain', { chargingContract });
      assert.equal(result.body.status, 'return', JSON.stringify(result.body));
    }
    for (const subscriberMappingTable of customerData.subscriberMappingTable!) {
      const result = await server().call('subscriberMappingTableManagement', 'mappingTableCreate', subscriberMappingTable);
      assert.equal(result.body.status, 'return', JSON.stringify(result.body));
    }
    for (const subscriberRangeTable of customerData.subscriberRangeTable!) {
      const result = await server().call('subscriberRangeTableManagement', 'rangeTableMaintain', { subscriberRangeTable });
      assert.equal(result.body.status, 'return', JSON.stringify(result.body));
    }

    const view = await server().request('GET', `/api/v1/subscriber-accounts/${customerData.subscriberAccount.id}`);
    assert.equal(view.status, 200);
    const expected = {
      ...customerData,
      prepaidAccount: customerData.prepaidAccount!.map((p) => {
        const { stateSchedule, amountAlert, ...head } = p;
        return { ...head, balance: '0', currentState: 'active', stateSchedule, amountAlert };
      }),
      chargingContract: customerData.chargingContract!.map((c) => ({ ...c, operationalStatus: 'active' })),
    };
    assert.deepEqual(view.body.customerData, expected);
    // the document comes back in the schema's element order, key by key
    assert.equal(JSON.stringify(view.body.customerData), JSON.stringify(expected));

    const fully = await server().call('suacProvisioning', 'subscriberAccountReadFully', { subscriberAccountId: customerData.subscriberAccount.id });
    assert.deepEqual(fully.body.subscriberAccount.prepaidAccount, expected.prepaidAccount);
    assert.deepEqual(fully.body.subscriberAccount.externalAccount, customerData.externalAccount);

    const lookup = await server().call('subscriberRangeTableManagement', 'rangeTableLookup', {
      rangeTableId: 'RT-DATA',
      input: [
        { name: 'ZONE', string: 'EU' },
        { name: 'CURRENCY', currency: 'EUR' },
      ],
      value: '1024',
      date: '2026-06-01T00:00:00',
    });
    assert.deepEqual(lookup.body.output, [
      { name: 'PRICE_PER_MB', number: '0.010000' },
      { name: 'TIER_NAME', string: 'first GB' },
    ]);
  });

  test('when subscriber accounts are listed page by page, then every account comes once', async () => {
    for (let i = 0; i < 5; i++) {
      await server().call('suacProvisioning', 'subscriberAccountMaintain', { subscriberAccount: { id: `PAGE-${i}`, subscriberId: `BP-${i}` } });
    }
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await server().request('GET', `/api/v1/subscriber-accounts?page_size=2${token ? `&page_token=${token}` : ''}`);
      assert.equal(page.status, 200);
      seen.push(...page.body.items.map((a: { id: string }) => a.id));
      token = page.body.next_page_token;
    } while (token);
    assert.deepEqual(
      seen.filter((id) => id.startsWith('PAGE-')),
      ['PAGE-0', 'PAGE-1', 'PAGE-2', 'PAGE-3', 'PAGE-4'],
    );
    assert.equal(new Set(seen).size, seen.length);
    // the parameters given empty, as the URL template reads: the first page of the default size
    const empty = await server().request('GET', '/api/v1/subscriber-accounts?page_size=&page_token=');
    assert.equal(empty.status, 200, JSON.stringify(empty.body));
    assert.deepEqual(empty.body, (await server().request('GET', '/api/v1/subscriber-accounts')).body);
  });
});
