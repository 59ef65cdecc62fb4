import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describeOnStores } from '../helpers/server.ts';
import type { CustomerData } from '../../src/schema/customerData.ts';

const sample = JSON.parse(readFileSync(new URL('../../examples/customer-data.json', import.meta.url), 'utf8')) as CustomerData;

// the default catalog of a fresh store is the sample catalog
describeOnStores('sample customer data tables', (server) => {
  test('when the sample tables are provisioned through the API, then they are accepted and read back identically', async () => {
    const call = (service: string, operation: string, body: unknown) => server().call(service, operation, body, { user: 'provisioning' });
    assert.equal((await call('suacProvisioning', 'subscriberAccountMaintain', { subscriberAccount: sample.subscriberAccount })).status, 200);
    for (const table of sample.subscriberMappingTable!) {
      assert.equal((await call('subscriberMappingTableManagement', 'mappingTableCreate', table)).body.status, 'return');
      const found = await call('subscriberMappingTableManagement', 'mappingTableFind', { filter: { id: table.id } });
      assert.deepEqual(found.body.subscriberMappingTable, [table]);
    }
    for (const table of sample.subscriberRangeTable!) {
      assert.equal((await call('subscriberRangeTableManagement', 'rangeTableMaintain', { subscriberRangeTable: table })).body.status, 'return');
      const read = await call('subscriberRangeTableManagement', 'rangeTableRead', { rangeTableId: table.id });
      assert.deepEqual(read.body.subscriberRangeTable, table);
    }
  });
});
