import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Catalog } from '../../src/model/catalog.ts';
import { Decimal } from '../../src/model/decimal.ts';
import { checkMappingTable, lookupMappingTable } from '../../src/model/mappingTable.ts';
import { checkRangeTable, lookupRangeTable } from '../../src/model/rangeTable.ts';
import type { CustomerData } from '../../src/schema/customerData.ts';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const sampleCatalog = Catalog.fromJson(read('examples/catalog.json'));
const testCatalog = Catalog.fromJson(read('test/fixtures/catalog-tables.json'));
const sample = JSON.parse(read('examples/customer-data.json')) as CustomerData;

for (const [name, catalog] of [['sample catalog', sampleCatalog], ['test catalog', testCatalog]] as const) {
  test(`when the sample customer data's tables are checked against the ${name}, then they are valid`, () => {
    assert.ok(sample.subscriberMappingTable?.length && sample.subscriberRangeTable?.length);
    for (const table of sample.subscriberMappingTable) checkMappingTable(table, catalog);
    for (const table of sample.subscriberRangeTable) checkRangeTable(table, catalog);
  });
}

test('when the sample range table is looked up around its bound, then the first GB and beyond answer', () => {
  const table = sample.subscriberRangeTable![0];
  const rangeClass = checkRangeTable(table, sampleCatalog);
  const inputs = table.row![0].input!;
  const tierAt = (value: string) => lookupRangeTable(table, rangeClass, inputs, Decimal.parse(value), '2026-06-01T00:00:00')[1].string;
  assert.equal(tierAt('1024'), 'first GB');
  assert.equal(tierAt('1024.000001'), 'beyond');
});

test('when the sample mapping table is looked up with its number, then its discount answers', () => {
  const table = sample.subscriberMappingTable![0];
  const mappingClass = checkMappingTable(table, sampleCatalog);
  const found = lookupMappingTable(table, mappingClass, [{ name: 'CALLED_NUMBER', string: '+49301234567' }], '2026-06-01T00:00:00');
  assert.deepEqual(found, [{ name: 'DISCOUNT_PCT', number: '50' }]);
});
