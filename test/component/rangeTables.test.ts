import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describeOnStores, type TestServer } from '../helpers/server.ts';
import { assertReturn } from '../helpers/assertions.ts';
import { assertFailure } from '../helpers/customerData.ts';
import { createSubscriberAccount, freshId } from '../helpers/factories.ts';

const catalogFile = fileURLToPath(new URL('../fixtures/catalog-tables.json', import.meta.url));
const SERVICE = 'subscriberRangeTableManagement';
const MID_2026 = '2026-06-01T00:00:00';
const HUGE = '9999999999999999999999.999999';

interface Input {
  name: string;
  string?: string;
  currency?: string;
  number?: string;
}

function range(id: string, input: Input[], upperBound: string | undefined, output: Input[], end?: string) {
  return { id, start: '2026-01-01T00:00:00', ...(end ? { end } : {}), ...(input.length ? { input } : {}), ...(upperBound ? { upperBound } : {}), output };
}

const zone = (z: string, currency: string): Input[] => [
  { name: 'ZONE', string: z },
  { name: 'CURRENCY', currency },
];
const tier = (id: string, z: string, currency: string, upperBound: string | undefined, price: string, end?: string) =>
  range(id, zone(z, currency), upperBound, [{ name: 'PRICE_PER_MB', number: price }, { name: 'TIER_NAME', string: id }], end);

/** Inclusive bounds, last range unbounded, two input columns (string, currency). */
const dataTiers = {
  id: 'RT-DATA',
  rangeTableClassId: 'RTC_DATA_TIERS',
  subscriberAccountId: 'SA-RT1',
  description: 'data tiers per zone',
  row: [
    tier('eu-first', 'EU', 'EUR', '1024', '0.010000', '2027-01-01T00:00:00'),
    tier('eu-beyond', 'EU', 'EUR', undefined, '0.002000', '2027-01-01T00:00:00'),
    tier('us-small', 'US', 'USD', '500', '0.02'),
    tier('us-medium', 'US', 'USD', '5000.5', '0.01'),
    tier('us-large', 'US', 'USD', undefined, '0.005'),
  ],
};

const region = (qos: string): Input[] => [
  { name: 'REGION', string: 'NORTH' },
  { name: 'QOS', number: qos },
];
/** Exclusive bounds, two input columns (string, number). */
const volumes = {
  id: 'RT-VOL',
  rangeTableClassId: 'RTC_VOLUME_EXCLUSIVE',
  subscriberAccountId: 'SA-RT1',
  row: [
    range('v1', region('2'), '10', [{ name: 'RATE', number: '1' }]),
    range('v2', region('2'), '20', [{ name: 'RATE', number: '2' }]),
    range('v3', region('2'), undefined, [{ name: 'RATE', number: '3' }]),
  ],
};

/** Inclusive bounds, the last range bounded, no input columns. */
const bands = {
  id: 'RT-BAND',
  rangeTableClassId: 'RTC_BOUNDED',
  subscriberAccountId: 'SA-RT2',
  row: [range('small', [], '10', [{ name: 'FEE', number: '1' }, { name: 'BAND', string: 'small' }]), range('large', [], '100', [{ name: 'FEE', number: '2' }, { name: 'BAND', string: 'large' }])],
};

describeOnStores(
  'subscriber range tables v3',
  (server: () => TestServer) => {
    const call = (operation: string, body: unknown, user?: string) => server().call(SERVICE, operation, body, user ? { user } : {});
    const maintain = (table: unknown, user?: string) => call('rangeTableMaintain', { subscriberRangeTable: table }, user);
    const read = (rangeTableId: string, user?: string) => call('rangeTableRead', { rangeTableId }, user);
    const lookup = (rangeTableId: string, input: Input[], value: string, date = MID_2026) => call('rangeTableLookup', { rangeTableId, input, value, date }, 'reader');
    const output = async (rangeTableId: string, input: Input[], value: string, name: string) => {
      const result = await lookup(rangeTableId, input, value);
      assertReturn(result);
      const found = result.body.output.find((o: Input) => o.name === name);
      return found.string ?? found.number;
    };

    // tables that tests only read (or fail to change); a test that changes one makes its own
    before(async () => {
      for (const id of ['SA-RT1', 'SA-RT2']) {
        assertReturn(await server().call('suacProvisioning', 'subscriberAccountMaintain', { subscriberAccount: { id, subscriberId: `BP-${id}` } }));
      }
      for (const table of [dataTiers, volumes, bands]) assertReturn(await maintain(table, 'provisioning'));
    });

    test('when a range table with two input columns is maintained, then it reads back identically', async () => {
      assert.deepEqual((await read('RT-DATA', 'reader')).body, { status: 'return', subscriberRangeTable: dataTiers });
      assert.deepEqual((await read('RT-VOL')).body.subscriberRangeTable, volumes);
      assert.deepEqual((await read('RT-BAND')).body.subscriberRangeTable, bands);
    });

    test('when the same table is maintained again, then it succeeds and nothing changes', async () => {
      assertReturn(await maintain(dataTiers));
      assert.deepEqual((await read('RT-DATA')).body.subscriberRangeTable, dataTiers);
    });

    test('when an inclusive class is looked up at a bound, just below and just above, then the bound belongs to the lower range', async () => {
      assert.equal(await output('RT-DATA', zone('EU', 'EUR'), '1024', 'TIER_NAME'), 'eu-first');
      assert.equal(await output('RT-DATA', zone('EU', 'EUR'), '1023.999999', 'TIER_NAME'), 'eu-first');
      assert.equal(await output('RT-DATA', zone('EU', 'EUR'), '1024.000001', 'TIER_NAME'), 'eu-beyond');
      assert.equal(await output('RT-DATA', zone('US', 'USD'), '5000.50', 'TIER_NAME'), 'us-medium');
    });

    test('when a value is below the first range or huge, then the first or the unbounded last range holds it', async () => {
      assert.equal(await output('RT-DATA', zone('US', 'USD'), '-1', 'TIER_NAME'), 'us-small');
      assert.equal(await output('RT-DATA', zone('US', 'USD'), HUGE, 'TIER_NAME'), 'us-large');
    });

    test('when a range is found, then all its outputs come back in class order', async () => {
      assert.deepEqual((await lookup('RT-DATA', zone('EU', 'EUR'), '1')).body, {
        status: 'return',
        output: [
          { name: 'PRICE_PER_MB', number: '0.010000' },
          { name: 'TIER_NAME', string: 'eu-first' },
        ],
      });
    });

    test('when an exclusive class is looked up at a bound and just below, then the bound belongs to the upper range', async () => {
      assert.equal(await output('RT-VOL', region('2'), '10', 'RATE'), '2');
      assert.equal(await output('RT-VOL', region('2'), '9.999999', 'RATE'), '1');
      assert.equal(await output('RT-VOL', region('2.00'), '20', 'RATE'), '3');
      assert.equal(await output('RT-VOL', region('2'), HUGE, 'RATE'), '3');
    });

    test('when a bounded last range is exceeded, then RANGETABLE-104; at its bound, it answers', async () => {
      assert.equal(await output('RT-BAND', [], '100', 'BAND'), 'large');
      assertFailure(await lookup('RT-BAND', [], '100.000001'), 404, 'RANGETABLE-104', 'doesNotExist');
    });

    test('when the date is outside the rows validity or no row has the inputs, then RANGETABLE-104', async () => {
      assertFailure(await lookup('RT-DATA', zone('EU', 'EUR'), '1', '2027-01-01T00:00:00'), 404, 'RANGETABLE-104', 'doesNotExist');
      assertFailure(await lookup('RT-DATA', zone('EU', 'EUR'), '1', '2025-12-31T23:59:59'), 404, 'RANGETABLE-104', 'doesNotExist');
      assertFailure(await lookup('RT-DATA', zone('EU', 'USD'), '1'), 404, 'RANGETABLE-104', 'doesNotExist');
    });

    test('when the lookup inputs are not the class input columns, then RANGETABLE-110', async () => {
      assertFailure(await lookup('RT-DATA', [{ name: 'ZONE', string: 'EU' }], '1'), 400, 'RANGETABLE-110', 'invalid');
      assertFailure(await lookup('RT-VOL', [{ name: 'REGION', string: 'NORTH' }, { name: 'QOS', string: '2' }], '1'), 400, 'RANGETABLE-110', 'invalid');
    });

    const first = dataTiers.row[0];
    const invalidTables: Array<[string, string, number, string, Record<string, unknown>]> = [
      ['a row has no output', 'RANGETABLE-5', 400, 'invalid', { row: [{ ...first, output: [] }] }],
      ['a row has more outputs than the class', 'RANGETABLE-6', 400, 'invalid', { row: [{ ...first, output: [...first.output, { name: 'X', string: 'x' }] }] }],
      ['the class is not in the catalog', 'RANGETABLE-100', 422, 'prerequisiteMissing', { rangeTableClassId: 'RTC_NONE' }],
      ['a row lacks an input column', 'RANGETABLE-101', 400, 'invalid', { row: [{ ...first, input: first.input!.slice(0, 1) }] }],
      ['a row output is not the class output', 'RANGETABLE-102', 400, 'invalid', { row: [{ ...first, output: [first.output[0], { name: 'X', string: 'x' }] }] }],
      ['a range set has two unbounded rows', 'RANGETABLE-103', 400, 'invalid', { row: [dataTiers.row[1], { ...dataTiers.row[1], id: 'again' }] }],
      ['the subscriber account does not exist', 'RANGETABLE-105', 422, 'prerequisiteMissing', { subscriberAccountId: 'SA-NONE' }],
      ['a row id is given twice', 'RANGETABLE-106', 400, 'invalid', { row: [first, { ...dataTiers.row[2], id: first.id }] }],
      ['two ranges of a set end at the same bound', 'RANGETABLE-107', 400, 'invalid', { row: [first, { ...first, id: 'same', upperBound: '1024.00' }] }],
      ['a row ends before it starts', 'RANGETABLE-109', 400, 'invalid', { row: [{ ...first, end: '2025-01-01T00:00:00' }] }],
      ['a row has no upper bound in a class that bounds the last range', 'RANGETABLE-162', 400, 'invalid', { ...bands, row: [bands.row[0], { ...bands.row[1], upperBound: undefined }] }],
    ];
    for (const [when, code, httpStatus, category, change] of invalidTables) {
      test(`when ${when}, then maintain answers ${code} and stores nothing`, async () => {
        const table = JSON.parse(JSON.stringify({ ...dataTiers, ...change, id: 'RT-BAD' }));
        assertFailure(await maintain(table), httpStatus, code, category);
        assertFailure(await read('RT-BAD'), 404, 'RANGETABLE-154', 'doesNotExist');
      });
    }

    test('when the table id belongs to another subscriber account, then RANGETABLE-108 illegalState', async () => {
      assertFailure(await maintain({ ...dataTiers, subscriberAccountId: 'SA-RT2' }), 409, 'RANGETABLE-108', 'illegalState');
      assert.equal((await read('RT-DATA')).body.subscriberRangeTable.subscriberAccountId, 'SA-RT1');
    });

    test('when tables are found by account and class a window at a time, then the windows page through them', async () => {
      const find = (body: unknown) => call('rangeTableFind', body, 'reader');
      const page = await find({ filter: { subscriberAccountId: 'SA-RT1' }, searchFilter: { searchWindow: { windowSize: 1 }, totalCountRequired: true } });
      assert.deepEqual(page.body, { status: 'return', subscriberRangeTable: [dataTiers], totalCount: 2, lastUniqueId: 'RT-DATA' });
      const next = await find({ filter: { subscriberAccountId: 'SA-RT1' }, searchFilter: { searchWindow: { windowSize: 1, fromUniqueId: 'RT-DATA' } } });
      assert.deepEqual(next.body.subscriberRangeTable, [volumes]);
      const last = await find({ filter: { subscriberAccountId: 'SA-RT1' }, searchFilter: { searchWindow: { fromUniqueId: 'RT-VOL' } } });
      assert.deepEqual(last.body, { status: 'return' });
      const byClass = await find({ filter: { rangeTableClassId: 'RTC_BOUNDED' } });
      assert.deepEqual(byClass.body.subscriberRangeTable, [bands]);
    });

    test('when a reader maintains or cancels a table, then CC-SEC-AUTH-6', async () => {
      for (const result of [await maintain(dataTiers, 'reader'), await call('rangeTableCancel', { rangeTableId: 'RT-DATA' }, 'reader')]) {
        assert.equal(result.status, 403);
        assert.equal(result.body.code, 'CC-SEC-AUTH-6');
      }
    });

    test('when a table is cancelled, then read, lookup and cancel answer RANGETABLE-154', async () => {
      const { id } = await createSubscriberAccount(server());
      const mine = { ...volumes, id: freshId('RT-VOL'), subscriberAccountId: id };
      assertReturn(await maintain(mine));
      assertReturn(await lookup(mine.id, region('2'), '1'));
      assertReturn(await call('rangeTableCancel', { rangeTableId: mine.id }, 'provisioning'));
      assertFailure(await read(mine.id), 404, 'RANGETABLE-154', 'doesNotExist');
      assertFailure(await lookup(mine.id, region('2'), '1'), 404, 'RANGETABLE-154', 'doesNotExist');
      assertFailure(await call('rangeTableCancel', { rangeTableId: mine.id }), 404, 'RANGETABLE-154', 'doesNotExist');
    });
  },
  { catalogFile },
);
