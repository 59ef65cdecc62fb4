import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Catalog } from '../../src/model/catalog.ts';
import { Decimal } from '../../src/model/decimal.ts';
import { checkRangeTable, lookupRangeTable } from '../../src/model/rangeTable.ts';
import type { RangeTableRow, SubscriberRangeTable } from '../../src/schema/customerData.ts';

const catalog = Catalog.fromJson(readFileSync(new URL('../fixtures/catalog-tables.json', import.meta.url), 'utf8'));
const inclusive = catalog.rangeTableClass('RTC_DATA_TIERS')!;

const fails = (code: string) => (error: unknown) => (error as { code?: string }).code === code;

const HUGE = '9999999999999999999999.999999';

/** A row of RTC_DATA_TIERS (inclusive, last range unbounded allowed). */
function tier(id: string, upperBound: string | undefined, price: string, validity: { start?: string; end?: string; zone?: string } = {}): RangeTableRow {
  return {
    id,
    start: validity.start ?? '2026-01-01T00:00:00',
    ...(validity.end ? { end: validity.end } : {}),
    input: [
      { name: 'ZONE', string: validity.zone ?? 'EU' },
      { name: 'CURRENCY', currency: 'EUR' },
    ],
    ...(upperBound === undefined ? {} : { upperBound }),
    output: [
      { name: 'PRICE_PER_MB', number: price },
      { name: 'TIER_NAME', string: id },
    ],
  };
}

/** A row of RTC_VOLUME_EXCLUSIVE (exclusive bounds, a number input). */
function volume(id: string, upperBound: string | undefined, rate: string, qos = '1'): RangeTableRow {
  return {
    id,
    start: '2026-01-01T00:00:00',
    input: [
      { name: 'REGION', string: 'NORTH' },
      { name: 'QOS', number: qos },
    ],
    ...(upperBound === undefined ? {} : { upperBound }),
    output: [{ name: 'RATE', number: rate }],
  };
}

/** A row of RTC_BOUNDED (inclusive, last range bounded, no inputs). */
function band(id: string, upperBound: string | undefined, fee: string): RangeTableRow {
  return {
    id,
    start: '2026-01-01T00:00:00',
    ...(upperBound === undefined ? {} : { upperBound }),
    output: [
      { name: 'FEE', number: fee },
      { name: 'BAND', string: id },
    ],
  };
}

const tableOf = (rangeTableClassId: string, ...rows: RangeTableRow[]): SubscriberRangeTable => ({ id: 'RT-1', rangeTableClassId, subscriberAccountId: 'SA-1', row: rows });
const tiers = (...rows: RangeTableRow[]) => tableOf('RTC_DATA_TIERS', ...rows);
const check = (table: SubscriberRangeTable) => checkRangeTable(table, catalog);

describe('range table rules', () => {
  test('when rows match the class and bounds are distinct, then the table is valid and its class is returned', () => {
    assert.equal(check(tiers(tier('r1', '100', '1'), tier('r2', '1000', '0.5'), tier('r3', undefined, '0.1'))), inclusive);
  });

  test('when the class is not in the catalog, then RANGETABLE-100', () => {
    assert.throws(() => check(tableOf('RTC_NONE', tier('r1', '1', '1'))), fails('RANGETABLE-100'));
  });

  test('when a row lacks an input column, then RANGETABLE-101', () => {
    assert.throws(() => check(tiers({ ...tier('r1', '1', '1'), input: [{ name: 'ZONE', string: 'EU' }] })), fails('RANGETABLE-101'));
  });

  test('when a number input is given as a string, then RANGETABLE-101', () => {
    const row = { ...volume('r1', '1', '1'), input: [{ name: 'REGION', string: 'NORTH' }, { name: 'QOS', string: '1' }] };
    assert.throws(() => check(tableOf('RTC_VOLUME_EXCLUSIVE', row)), fails('RANGETABLE-101'));
  });

  test('when a row of a class without inputs has an input, then RANGETABLE-101', () => {
    assert.throws(() => check(tableOf('RTC_BOUNDED', { ...band('r1', '1', '1'), input: [{ name: 'ZONE', string: 'EU' }] })), fails('RANGETABLE-101'));
  });

  test('when a row has no output, then RANGETABLE-5', () => {
    const { output: _none, ...row } = tier('r1', '1', '1');
    assert.throws(() => check(tiers(row)), fails('RANGETABLE-5'));
  });

  test('when a row has more outputs than the class, then RANGETABLE-6', () => {
    const row = tier('r1', '1', '1');
    assert.throws(() => check(tiers({ ...row, output: [...row.output!, { name: 'EXTRA', string: 'x' }] })), fails('RANGETABLE-6'));
  });

  test('when a row names an output the class lacks, then RANGETABLE-102', () => {
    const row = tier('r1', '1', '1');
    assert.throws(() => check(tiers({ ...row, output: [row.output![0], { name: 'OTHER', string: 'x' }] })), fails('RANGETABLE-102'));
  });

  test('when a number output is given as a string, then RANGETABLE-102', () => {
    const row = tier('r1', '1', '1');
    assert.throws(() => check(tiers({ ...row, output: [{ name: 'PRICE_PER_MB', string: '1' }, row.output![1]] })), fails('RANGETABLE-102'));
  });

  test('when a row gives only some of the class outputs, then RANGETABLE-102', () => {
    const row = tier('r1', '1', '1');
    assert.throws(() => check(tiers({ ...row, output: [row.output![0]] })), fails('RANGETABLE-102'));
  });

  test('when a row ends when it starts, then RANGETABLE-109', () => {
    assert.throws(() => check(tiers(tier('r1', '1', '1', { end: '2026-01-01T00:00:00' }))), fails('RANGETABLE-109'));
  });

  test('when a row id is given twice, then RANGETABLE-106', () => {
    assert.throws(() => check(tiers(tier('r1', '1', '1'), tier('r1', '2', '1'))), fails('RANGETABLE-106'));
  });

  test('when two ranges of a set have the same bound written differently, then RANGETABLE-107', () => {
    assert.throws(() => check(tiers(tier('r1', '10', '1'), tier('r2', '10.00', '2'))), fails('RANGETABLE-107'));
  });

  test('when number inputs are equal in value but written differently, then their rows form one set (RANGETABLE-107)', () => {
    assert.throws(() => check(tableOf('RTC_VOLUME_EXCLUSIVE', volume('r1', '5', '1', '2'), volume('r2', '5', '2', '2.0'))), fails('RANGETABLE-107'));
  });

  test('when rows share a bound but not their validity, then they are different sets and valid', () => {
    const older = tier('r1', '10', '1', { end: '2027-01-01T00:00:00' });
    const newer = tier('r2', '10', '2', { start: '2027-01-01T00:00:00' });
    assert.equal(check(tiers(older, newer)), inclusive);
  });

  test('when rows share a bound but not their inputs, then they are different sets and valid', () => {
    assert.equal(check(tiers(tier('r1', '10', '1'), tier('r2', '10', '2', { zone: 'US' }))), inclusive);
  });

  test('when the class bounds the last range and a row has no bound, then RANGETABLE-162', () => {
    assert.throws(() => check(tableOf('RTC_BOUNDED', band('r1', '10', '1'), band('r2', undefined, '2'))), fails('RANGETABLE-162'));
  });

  test('when a set has two unbounded rows, then RANGETABLE-103', () => {
    assert.throws(() => check(tiers(tier('r1', '10', '1'), tier('r2', undefined, '2'), tier('r3', undefined, '3'))), fails('RANGETABLE-103'));
  });

  test('when two unbounded rows of the same inputs follow each other in time, then the table is valid', () => {
    const older = tier('r1', undefined, '1', { end: '2027-01-01T00:00:00' });
    const newer = tier('r2', undefined, '2', { start: '2027-01-01T00:00:00' });
    assert.equal(check(tiers(older, newer)), inclusive);
  });
});

describe('range table lookup', () => {
  const lookup = (table: SubscriberRangeTable, value: string, date = '2026-06-01T00:00:00', inputs = table.row![0].input ?? []) =>
    lookupRangeTable(table, catalog.rangeTableClass(table.rangeTableClassId)!, inputs, Decimal.parse(value), date);
  const tierName = (table: SubscriberRangeTable, value: string, date?: string) => lookup(table, value, date).find((o) => o.name === 'TIER_NAME')!.string;

  // rows out of bound order on purpose: the lookup sorts them
  const inclusiveTable = tiers(tier('beyond', undefined, '0.1'), tier('second', '1000', '0.5'), tier('first', '100', '1'));

  test('when an inclusive class gets a value exactly at a bound, then the range ending there holds it', () => {
    assert.equal(tierName(inclusiveTable, '100'), 'first');
    assert.equal(tierName(inclusiveTable, '1000.000000'), 'second');
  });

  test('when an inclusive class gets a value just above a bound, then the next range holds it', () => {
    assert.equal(tierName(inclusiveTable, '100.000001'), 'second');
  });

  test('when an inclusive class gets a value just below a bound, then the range ending there holds it', () => {
    assert.equal(tierName(inclusiveTable, '99.999999'), 'first');
  });

  test('when the value is below the first bound, even negative, then the first range holds it', () => {
    assert.equal(tierName(inclusiveTable, '-1000000'), 'first');
  });

  test('when the value is huge, then the unbounded last range holds it', () => {
    assert.equal(tierName(inclusiveTable, HUGE), 'beyond');
  });

  test('when a range is found, then its outputs come back in class order', () => {
    assert.deepEqual(lookup(inclusiveTable, '50'), [
      { name: 'PRICE_PER_MB', number: '1' },
      { name: 'TIER_NAME', string: 'first' },
    ]);
  });

  const exclusiveTable = tableOf('RTC_VOLUME_EXCLUSIVE', volume('r3', undefined, '3'), volume('r1', '10', '1'), volume('r2', '20', '2'));
  const rate = (value: string) => lookup(exclusiveTable, value)[0].number;

  test('when an exclusive class gets a value exactly at a bound, then the next range holds it', () => {
    assert.equal(rate('10'), '2');
    assert.equal(rate('20.0'), '3');
  });

  test('when an exclusive class gets a value just below a bound, then the range ending there holds it', () => {
    assert.equal(rate('9.999999'), '1');
    assert.equal(rate('19.999999'), '2');
  });

  test('when an exclusive class gets a value just above a bound, then the next range holds it', () => {
    assert.equal(rate('10.000001'), '2');
  });

  test('when an exclusive class gets a value below the first range, then the first range holds it', () => {
    assert.equal(rate('-5'), '1');
  });

  test('when an exclusive class gets a huge value, then the unbounded last range holds it', () => {
    assert.equal(rate(HUGE), '3');
  });

  const boundedTable = tableOf('RTC_BOUNDED', band('small', '10', '1'), band('large', '100', '2'));

  test('when the last range is bounded and the value is at its bound, then it holds the value', () => {
    assert.equal(lookup(boundedTable, '100', undefined, [])[1].string, 'large');
  });

  test('when the last range is bounded and the value exceeds it, then RANGETABLE-104', () => {
    assert.throws(() => lookup(boundedTable, '100.000001', undefined, []), fails('RANGETABLE-104'));
  });

  test('when the date is before the rows are valid, then RANGETABLE-104', () => {
    assert.throws(() => lookup(inclusiveTable, '50', '2025-12-31T23:59:59'), fails('RANGETABLE-104'));
  });

  test('when the date is the end of the rows validity, then RANGETABLE-104', () => {
    const ending = tiers(tier('only', undefined, '1', { end: '2027-01-01T00:00:00' }));
    assert.equal(tierName(ending, '5', '2026-12-31T23:59:59'), 'only');
    assert.throws(() => lookup(ending, '5', '2027-01-01T00:00:00'), fails('RANGETABLE-104'));
  });

  test('when the table has versions in time, then the rows valid at the date form the set', () => {
    const versions = tiers(
      tier('old-low', '10', '1', { end: '2027-01-01T00:00:00' }),
      tier('old-high', undefined, '2', { end: '2027-01-01T00:00:00' }),
      tier('new-low', '20', '3', { start: '2027-01-01T00:00:00' }),
      tier('new-high', undefined, '4', { start: '2027-01-01T00:00:00' }),
    );
    assert.equal(check(versions), inclusive);
    assert.equal(tierName(versions, '15', '2026-12-31T23:59:59'), 'old-high');
    assert.equal(tierName(versions, '15', '2027-01-01T00:00:00'), 'new-low');
  });

  test('when no row has the inputs, then RANGETABLE-104', () => {
    const inputs = [{ name: 'ZONE', string: 'US' }, { name: 'CURRENCY', currency: 'EUR' }];
    assert.throws(() => lookup(inclusiveTable, '50', undefined, inputs), fails('RANGETABLE-104'));
  });

  test('when a number input equals the rows in value but not in writing, then the rows are found', () => {
    const inputs = [{ name: 'REGION', string: 'NORTH' }, { name: 'QOS', number: '1.000' }];
    assert.equal(lookup(exclusiveTable, '15', undefined, inputs)[0].number, '2');
  });

  test('when an input column is missing or of the wrong element, then RANGETABLE-110', () => {
    assert.throws(() => lookup(inclusiveTable, '50', undefined, [{ name: 'ZONE', string: 'EU' }]), fails('RANGETABLE-110'));
    const wrong = [{ name: 'ZONE', string: 'EU' }, { name: 'CURRENCY', string: 'EUR' }];
    assert.throws(() => lookup(inclusiveTable, '50', undefined, wrong), fails('RANGETABLE-110'));
  });
});
