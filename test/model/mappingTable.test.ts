import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Catalog } from '../../src/model/catalog.ts';
import { checkMappingTable, lookupMappingTable } from '../../src/model/mappingTable.ts';
import type { MappingTableRow, SubscriberMappingTable } from '../../src/schema/customerData.ts';

const catalog = Catalog.fromJson(readFileSync(new URL('../fixtures/catalog-tables.json', import.meta.url), 'utf8'));
const roaming = catalog.mappingTableClass('MTC_ROAMING')!;

function row(id: string, country: string, start: string, end: string, surcharge = '1.50'): MappingTableRow {
  return {
    id,
    start: `${start}-01-01T00:00:00`,
    end: `${end}-01-01T00:00:00`,
    column: [
      { name: 'COUNTRY', string: country },
      { name: 'CURRENCY', currency: 'EUR' },
      { name: 'SURCHARGE', number: surcharge },
      { name: 'LABEL', string: `${country} ${start}` },
    ],
  };
}

const table = (...rows: MappingTableRow[]): SubscriberMappingTable => ({ id: 'MT-1', mappingTableClassId: 'MTC_ROAMING', subscriberAccountId: 'SA-1', row: rows });

const fails = (code: string) => (error: unknown) => (error as { code?: string }).code === code;

const withColumns = (column: MappingTableRow['column']): SubscriberMappingTable => table({ ...row('r1', 'FR', '2026', '2027'), column });
const goodColumns = row('r1', 'FR', '2026', '2027').column;

describe('mapping table rules', () => {
  test('when rows hold the class columns and do not overlap, then the table is valid and its class is returned', () => {
    const valid = table(row('r1', 'FR', '2026', '2027'), row('r2', 'FR', '2027', '2028'), row('r3', 'DE', '2026', '2028'));
    assert.equal(checkMappingTable(valid, catalog), roaming);
  });

  test('when a table has no rows, then it is valid', () => {
    assert.equal(checkMappingTable({ id: 'MT-1', mappingTableClassId: 'MTC_ROAMING', subscriberAccountId: 'SA-1' }, catalog), roaming);
  });

  test('when the class is not in the catalog, then MAPPINGTABLE-102', () => {
    assert.throws(() => checkMappingTable({ ...table(), mappingTableClassId: 'MTC_NONE' }, catalog), fails('MAPPINGTABLE-102'));
  });

  test('when a row lacks a column, then MAPPINGTABLE-103', () => {
    assert.throws(() => checkMappingTable(withColumns(goodColumns.slice(0, 3)), catalog), fails('MAPPINGTABLE-103'));
  });

  test('when a row has a column the class lacks, then MAPPINGTABLE-103', () => {
    assert.throws(() => checkMappingTable(withColumns([...goodColumns, { name: 'EXTRA', string: 'x' }]), catalog), fails('MAPPINGTABLE-103'));
  });

  test('when a row gives a column twice instead of another, then MAPPINGTABLE-103', () => {
    const twice = [goodColumns[0], goodColumns[0], goodColumns[2], goodColumns[3]];
    assert.throws(() => checkMappingTable(withColumns(twice), catalog), fails('MAPPINGTABLE-103'));
  });

  test('when a currency column is given as a string, then MAPPINGTABLE-103', () => {
    const wrongElement = [goodColumns[0], { name: 'CURRENCY', string: 'EUR' }, goodColumns[2], goodColumns[3]];
    assert.throws(() => checkMappingTable(withColumns(wrongElement), catalog), fails('MAPPINGTABLE-103'));
  });

  test('when a number output is given as a string, then MAPPINGTABLE-103', () => {
    const wrongElement = [goodColumns[0], goodColumns[1], { name: 'SURCHARGE', string: '1' }, goodColumns[3]];
    assert.throws(() => checkMappingTable(withColumns(wrongElement), catalog), fails('MAPPINGTABLE-103'));
  });

  test('when a row ends when it starts, then MAPPINGTABLE-110', () => {
    assert.throws(() => checkMappingTable(table(row('r1', 'FR', '2026', '2026')), catalog), fails('MAPPINGTABLE-110'));
  });

  test('when a row ends before it starts, then MAPPINGTABLE-110', () => {
    assert.throws(() => checkMappingTable(table(row('r1', 'FR', '2027', '2026')), catalog), fails('MAPPINGTABLE-110'));
  });

  test('when a row id is given twice, then MAPPINGTABLE-107', () => {
    assert.throws(() => checkMappingTable(table(row('r1', 'FR', '2026', '2027'), row('r1', 'DE', '2026', '2027')), catalog), fails('MAPPINGTABLE-107'));
  });

  test('when rows with the same inputs overlap by one year, then MAPPINGTABLE-104', () => {
    assert.throws(() => checkMappingTable(table(row('r1', 'FR', '2026', '2028'), row('r2', 'FR', '2027', '2029')), catalog), fails('MAPPINGTABLE-104'));
  });

  test('when a row with the same inputs lies inside a longer one, then MAPPINGTABLE-104', () => {
    const rows = [row('r1', 'FR', '2020', '2030'), row('r2', 'FR', '2021', '2022'), row('r3', 'FR', '2025', '2026')];
    assert.throws(() => checkMappingTable(table(...rows), catalog), fails('MAPPINGTABLE-104'));
  });

  test('when rows with different inputs overlap, then the table is valid', () => {
    assert.equal(checkMappingTable(table(row('r1', 'FR', '2026', '2028'), row('r2', 'DE', '2027', '2029')), catalog), roaming);
  });
});

describe('mapping table lookup', () => {
  const lookupTable = table(row('r1', 'FR', '2026', '2027', '1.50'), row('r2', 'FR', '2027', '2028', '2.50'));
  const inputs = (country: string) => [
    { name: 'COUNTRY', string: country },
    { name: 'CURRENCY', currency: 'EUR' },
  ];
  const lookup = (date: string, country = 'FR') => lookupMappingTable(lookupTable, roaming, inputs(country), date);

  test('when the date is the start of a row, then its output columns come back in class order', () => {
    assert.deepEqual(lookup('2026-01-01T00:00:00'), [
      { name: 'SURCHARGE', number: '1.50' },
      { name: 'LABEL', string: 'FR 2026' },
    ]);
  });

  test('when the date is the last second of a row, then that row answers', () => {
    assert.equal(lookup('2026-12-31T23:59:59')[0].number, '1.50');
  });

  test('when the date is the end of a row, then the next row answers (end is exclusive)', () => {
    assert.equal(lookup('2027-01-01T00:00:00')[0].number, '2.50');
  });

  test('when the date is before every row, then MAPPINGTABLE-108', () => {
    assert.throws(() => lookup('2025-12-31T23:59:59'), fails('MAPPINGTABLE-108'));
  });

  test('when the date is at the end of the last row, then MAPPINGTABLE-108', () => {
    assert.throws(() => lookup('2028-01-01T00:00:00'), fails('MAPPINGTABLE-108'));
  });

  test('when no row has the inputs, then MAPPINGTABLE-108', () => {
    assert.throws(() => lookup('2026-06-01T00:00:00', 'DE'), fails('MAPPINGTABLE-108'));
  });

  test('when the inputs are given in another order, then the row is found', () => {
    const reversed = [...inputs('FR')].reverse();
    assert.equal(lookupMappingTable(lookupTable, roaming, reversed, '2026-06-01T00:00:00')[0].number, '1.50');
  });

  test('when an input column is missing, then MAPPINGTABLE-111', () => {
    assert.throws(() => lookupMappingTable(lookupTable, roaming, inputs('FR').slice(0, 1), '2026-06-01T00:00:00'), fails('MAPPINGTABLE-111'));
  });

  test('when a currency input is given as a string, then MAPPINGTABLE-111', () => {
    const wrong = [{ name: 'COUNTRY', string: 'FR' }, { name: 'CURRENCY', string: 'EUR' }];
    assert.throws(() => lookupMappingTable(lookupTable, roaming, wrong, '2026-06-01T00:00:00'), fails('MAPPINGTABLE-111'));
  });

  test('when the class has no output columns, then a matching row answers with none', () => {
    const blocklist = catalog.mappingTableClass('MTC_BLOCKLIST')!;
    const blocked: SubscriberMappingTable = {
      id: 'MT-2',
      mappingTableClassId: 'MTC_BLOCKLIST',
      subscriberAccountId: 'SA-1',
      row: [{ id: 'r1', start: '2026-01-01T00:00:00', end: '2027-01-01T00:00:00', column: [{ name: 'CALLED_NUMBER', string: '+33' }] }],
    };
    assert.equal(checkMappingTable(blocked, catalog), blocklist);
    assert.deepEqual(lookupMappingTable(blocked, blocklist, [{ name: 'CALLED_NUMBER', string: '+33' }], '2026-06-01T00:00:00'), []);
  });
});
