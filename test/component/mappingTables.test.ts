import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describeOnStores, type TestServer } from '../helpers/server.ts';
import { assertReturn } from '../helpers/assertions.ts';
import { assertFailure } from '../helpers/customerData.ts';

const catalogFile = fileURLToPath(new URL('../fixtures/catalog-tables.json', import.meta.url));
const SERVICE = 'subscriberMappingTableManagement';

function row(id: string, country: string, start: string, end: string, surcharge: string) {
  return {
    id,
    start,
    end,
    column: [
      { name: 'COUNTRY', string: country },
      { name: 'CURRENCY', currency: 'EUR' },
      { name: 'SURCHARGE', number: surcharge },
      { name: 'LABEL', string: `${country} from ${start.slice(0, 4)}` },
    ],
  };
}

const roaming = {
  id: 'MT-ROAM',
  mappingTableClassId: 'MTC_ROAMING',
  subscriberAccountId: 'SA-MT1',
  additionalInfo: [{ name: 'SOURCE', string: 'CRM' }],
  row: [
    row('fr-2026', 'FR', '2026-01-01T00:00:00', '2027-01-01T00:00:00', '1.50'),
    row('fr-2027', 'FR', '2027-01-01T00:00:00', '2028-01-01T00:00:00', '2.00'),
    row('de', 'DE', '2026-01-01T00:00:00', '2028-01-01T00:00:00', '0.75'),
  ],
};

const inputs = (country: string) => [
  { name: 'COUNTRY', string: country },
  { name: 'CURRENCY', currency: 'EUR' },
];

describeOnStores(
  'subscriber mapping tables',
  (server: () => TestServer) => {
    const call = (operation: string, body: unknown, user?: string) => server().call(SERVICE, operation, body, user ? { user } : {});
    const readTable = async (id: string) => (await call('mappingTableFind', { filter: { id } })).body.subscriberMappingTable?.[0];
    const lookup = (date: string, country = 'FR', user?: string) => call('mappingTableLookup', { mappingTableId: 'MT-ROAM', input: inputs(country), date }, user);

    before(async () => {
      for (const id of ['SA-MT1', 'SA-MT2']) {
        assertReturn(await server().call('suacProvisioning', 'subscriberAccountMaintain', { subscriberAccount: { id, subscriberId: `BP-${id}` } }));
      }
    });

    test('when a mapping table with two input columns is created, then find by id returns it identically', async () => {
      assertReturn(await call('mappingTableCreate', { subscriberMappingTable: roaming }, 'provisioning'));
      assert.deepEqual(await readTable('MT-ROAM'), roaming);
    });

    test('when the same table is created again identically, then it succeeds; with other content, MAPPINGTABLE-101', async () => {
      assertReturn(await call('mappingTableCreate', { subscriberMappingTable: roaming }));
      const changed = { ...roaming, additionalInfo: [{ name: 'SOURCE', string: 'shop' }] };
      assertFailure(await call('mappingTableCreate', { subscriberMappingTable: changed }), 409, 'MAPPINGTABLE-101', 'alreadyExists');
      assert.deepEqual(await readTable('MT-ROAM'), roaming);
    });

    test('when looked up at the first second of a row, then that row answers; one second before, the previous row', async () => {
      const atStart = await lookup('2027-01-01T00:00:00', 'FR', 'reader');
      assert.deepEqual(atStart.body, {
        status: 'return',
        column: [
          { name: 'SURCHARGE', number: '2.00' },
          { name: 'LABEL', string: 'FR from 2027' },
        ],
      });
      assert.equal((await lookup('2026-12-31T23:59:59')).body.column[0].number, '1.50');
    });

    test('when looked up where no row holds the inputs and date, then MAPPINGTABLE-108', async () => {
      assertFailure(await lookup('2028-01-01T00:00:00'), 404, 'MAPPINGTABLE-108', 'doesNotExist');
      assertFailure(await lookup('2026-06-01T00:00:00', 'IT'), 404, 'MAPPINGTABLE-108', 'doesNotExist');
    });

    test('when looked up with inputs that are not the class input columns, then MAPPINGTABLE-111', async () => {
      const wrong = [{ name: 'COUNTRY', string: 'FR' }, { name: 'CURRENCY', string: 'EUR' }];
      assertFailure(await call('mappingTableLookup', { mappingTableId: 'MT-ROAM', input: wrong, date: '2026-06-01T00:00:00' }), 400, 'MAPPINGTABLE-111', 'invalid');
    });

    test('when rows are maintained, then rows of the same id are replaced in place and new ones added', async () => {
      const de = row('de', 'DE', '2026-01-01T00:00:00', '2028-01-01T00:00:00', '0.80');
      const it = row('it', 'IT', '2026-01-01T00:00:00', '2027-01-01T00:00:00', '1.10');
      assertReturn(await call('mappingTableRowMaintain', { mappingTableId: 'MT-ROAM', row: [it, de] }, 'provisioning'));
      assertReturn(await call('mappingTableRowMaintain', { mappingTableId: 'MT-ROAM', row: [it, de] }));
      assert.deepEqual((await readTable('MT-ROAM')).row, [roaming.row[0], roaming.row[1], de, it]);
      assert.equal((await lookup('2026-06-01T00:00:00', 'IT')).body.column[0].number, '1.10');
    });

    test('when maintained rows would overlap a row with the same inputs, then MAPPINGTABLE-104 and the table is unchanged', async () => {
      const unchanged = await readTable('MT-ROAM');
      const overlapping = row('fr-extra', 'FR', '2026-06-01T00:00:00', '2026-07-01T00:00:00', '9');
      assertFailure(await call('mappingTableRowMaintain', { mappingTableId: 'MT-ROAM', row: [overlapping] }), 400, 'MAPPINGTABLE-104', 'invalid');
      assert.deepEqual(await readTable('MT-ROAM'), unchanged);
    });

    test('when a row id is given twice in a row maintain, then MAPPINGTABLE-107', async () => {
      const a = row('es', 'ES', '2026-01-01T00:00:00', '2027-01-01T00:00:00', '1');
      const b = row('es', 'PT', '2026-01-01T00:00:00', '2027-01-01T00:00:00', '1');
      assertFailure(await call('mappingTableRowMaintain', { mappingTableId: 'MT-ROAM', row: [a, b] }), 400, 'MAPPINGTABLE-107', 'invalid');
    });

    test('when rows are cancelled, then they are gone; an unknown row is MAPPINGTABLE-106 and cancels nothing', async () => {
      assertFailure(await call('mappingTableRowCancel', { mappingTableId: 'MT-ROAM', id: ['it', 'nope'] }), 404, 'MAPPINGTABLE-106', 'doesNotExist');
      assert.equal((await readTable('MT-ROAM')).row.length, 4);
      assertReturn(await call('mappingTableRowCancel', { mappingTableId: 'MT-ROAM', id: ['it'] }, 'provisioning'));
      assert.deepEqual((await readTable('MT-ROAM')).row.map((r: { id: string }) => r.id), ['fr-2026', 'fr-2027', 'de']);
      assertFailure(await lookup('2026-06-01T00:00:00', 'IT'), 404, 'MAPPINGTABLE-108', 'doesNotExist');
    });

    test('when a table is maintained, then it is replaced, and maintaining it again changes nothing', async () => {
      const replaced = { ...roaming, row: [roaming.row[2]] };
      assertReturn(await call('mappingTableMaintain', { subscriberMappingTable: replaced }, 'provisioning'));
      assertReturn(await call('mappingTableMaintain', { subscriberMappingTable: replaced }));
      assert.deepEqual(await readTable('MT-ROAM'), replaced);
    });

    const invalidTables: Array<[string, string, number, string, Record<string, unknown>]> = [
      ['the class is not in the catalog', 'MAPPINGTABLE-102', 422, 'prerequisiteMissing', { mappingTableClassId: 'MTC_NONE' }],
      ['a row lacks a column', 'MAPPINGTABLE-103', 400, 'invalid', { row: [{ ...roaming.row[0], column: roaming.row[0].column.slice(0, 3) }] }],
      ['rows with the same inputs overlap', 'MAPPINGTABLE-104', 400, 'invalid', { row: [roaming.row[0], { ...roaming.row[1], start: '2026-12-01T00:00:00' }] }],
      ['the subscriber account does not exist', 'MAPPINGTABLE-105', 422, 'prerequisiteMissing', { subscriberAccountId: 'SA-NONE' }],
      ['a row id is given twice', 'MAPPINGTABLE-107', 400, 'invalid', { row: [roaming.row[0], { ...roaming.row[2], id: 'fr-2026' }] }],
      ['a row ends before it starts', 'MAPPINGTABLE-110', 400, 'invalid', { row: [{ ...roaming.row[0], end: '2025-01-01T00:00:00' }] }],
    ];
    for (const [when, code, httpStatus, category, change] of invalidTables) {
      test(`when ${when}, then create and maintain answer ${code} and store nothing`, async () => {
        const table = { ...roaming, id: 'MT-BAD', ...change };
        assertFailure(await call('mappingTableCreate', { subscriberMappingTable: table }), httpStatus, code, category);
        assertFailure(await call('mappingTableMaintain', { subscriberMappingTable: table }), httpStatus, code, category);
        assert.equal(await readTable('MT-BAD'), undefined);
      });
    }

    test('when the table id belongs to another subscriber account, then MAPPINGTABLE-109 illegalState', async () => {
      const stolen = { ...roaming, subscriberAccountId: 'SA-MT2' };
      assertFailure(await call('mappingTableMaintain', { subscriberMappingTable: stolen }), 409, 'MAPPINGTABLE-109', 'illegalState');
      assertFailure(await call('mappingTableCreate', { subscriberMappingTable: stolen }), 409, 'MAPPINGTABLE-109', 'illegalState');
      assert.equal((await readTable('MT-ROAM')).subscriberAccountId, 'SA-MT1');
    });

    test('when tables are found by account and class a window at a time, then the windows page through them', async () => {
      const blocklist = (id: string, subscriberAccountId: string) => ({ id, mappingTableClassId: 'MTC_BLOCKLIST', subscriberAccountId });
      for (const table of [blocklist('MT-B1', 'SA-MT2'), blocklist('MT-B2', 'SA-MT2'), blocklist('MT-B3', 'SA-MT1')]) {
        assertReturn(await call('mappingTableCreate', { subscriberMappingTable: table }));
      }
      const first = await call('mappingTableFind', { filter: { subscriberAccountId: 'SA-MT2' }, searchFilter: { searchWindow: { windowSize: 1 }, totalCountRequired: true } }, 'reader');
      assert.deepEqual(first.body, { status: 'return', subscriberMappingTable: [blocklist('MT-B1', 'SA-MT2')], totalCount: 2, lastUniqueId: 'MT-B1' });
      const second = await call('mappingTableFind', { filter: { subscriberAccountId: 'SA-MT2' }, searchFilter: { searchWindow: { windowSize: 1, fromUniqueId: 'MT-B1' } } });
      assert.deepEqual(second.body.subscriberMappingTable.map((t: { id: string }) => t.id), ['MT-B2']);
      const byClass = await call('mappingTableFind', { filter: { mappingTableClassId: 'MTC_ROAMING' }, searchFilter: { totalCountRequired: true } });
      assert.deepEqual([byClass.body.subscriberMappingTable.map((t: { id: string }) => t.id), byClass.body.totalCount], [['MT-ROAM'], 1]);
    });

    test('when a table of a class without output columns is looked up, then the matching row answers with no column', async () => {
      const row = { id: 'r1', start: '2026-01-01T00:00:00', end: '2027-01-01T00:00:00', column: [{ name: 'CALLED_NUMBER', string: '+33' }] };
      assertReturn(await call('mappingTableRowMaintain', { mappingTableId: 'MT-B3', row: [row] }));
      const found = await call('mappingTableLookup', { mappingTableId: 'MT-B3', input: [{ name: 'CALLED_NUMBER', string: '+33' }], date: '2026-01-01T00:00:00' });
      assert.deepEqual(found.body, { status: 'return' });
    });

    test('when a reader maintains a table, then CC-SEC-AUTH-6', async () => {
      const result = await call('mappingTableMaintain', { subscriberMappingTable: roaming }, 'reader');
      assert.equal(result.status, 403);
      assert.equal(result.body.code, 'CC-SEC-AUTH-6');
    });

    test('when a table is cancelled, then it is gone and every operation on it is MAPPINGTABLE-100', async () => {
      assertReturn(await call('mappingTableCancel', { mappingTableId: 'MT-ROAM' }, 'provisioning'));
      assert.equal(await readTable('MT-ROAM'), undefined);
      assertFailure(await call('mappingTableCancel', { mappingTableId: 'MT-ROAM' }), 404, 'MAPPINGTABLE-100', 'doesNotExist');
      assertFailure(await lookup('2026-06-01T00:00:00'), 404, 'MAPPINGTABLE-100', 'doesNotExist');
      assertFailure(await call('mappingTableRowCancel', { mappingTableId: 'MT-ROAM', id: ['de'] }), 404, 'MAPPINGTABLE-100', 'doesNotExist');
      assertFailure(await call('mappingTableRowMaintain', { mappingTableId: 'MT-ROAM', row: [roaming.row[0]] }), 404, 'MAPPINGTABLE-100', 'doesNotExist');
    });

    test('when the table id is free again, then another subscriber account may create it', async () => {
      assertReturn(await call('mappingTableCreate', { subscriberMappingTable: { ...roaming, subscriberAccountId: 'SA-MT2' } }));
      assert.equal((await readTable('MT-ROAM')).subscriberAccountId, 'SA-MT2');
    });
  },
  { catalogFile },
);
