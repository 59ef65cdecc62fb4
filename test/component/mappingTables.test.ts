import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describeOnStores, type TestServer } from '../helpers/server.ts';
import { assertReturn } from '../helpers/assertions.ts';
import { assertFailure } from '../helpers/customerData.ts';
import { createSubscriberAccount, freshId } from '../helpers/factories.ts';

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

/** each test creates it under an id and a subscriber account of its own */
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
    const lookup = (mappingTableId: string, date: string, country = 'FR', user?: string) => call('mappingTableLookup', { mappingTableId, input: inputs(country), date }, user);
    /** a subscriber account of this test's own */
    const ownAccount = async () => (await createSubscriberAccount(server())).id;
    /** `roaming` under a fresh id, owned by `subscriberAccountId` */
    const roamingOf = (subscriberAccountId: string): typeof roaming => ({ ...roaming, id: freshId('MT-ROAM'), subscriberAccountId });
    /** `roaming` under a fresh id and a subscriber account of this test's own, created */
    const createdRoaming = async (): Promise<typeof roaming> => {
      const table = roamingOf(await ownAccount());
      assertReturn(await call('mappingTableCreate', table));
      return table;
    };

    test('when a mapping table with two input columns is created, then find by id returns it identically', async () => {
      const table = roamingOf(await ownAccount());
      assert.deepEqual((await call('mappingTableCreate', table, 'provisioning')).body, { status: 'return', id: table.id });
      assert.deepEqual(await readTable(table.id), table);
    });

    test('when the same table is created again identically, then it succeeds; with other content, MAPPINGTABLE-101', async () => {
      const table = await createdRoaming();
      assertReturn(await call('mappingTableCreate', table));
      const changed = { ...table, additionalInfo: [{ name: 'SOURCE', string: 'shop' }] };
      assertFailure(await call('mappingTableCreate', changed), 409, 'MAPPINGTABLE-101', 'alreadyExists');
      assert.deepEqual(await readTable(table.id), table);
    });

    test('when looked up at the first second of a row, then that row answers; one second before, the previous row', async () => {
      const { id } = await createdRoaming();
      const atStart = await lookup(id, '2027-01-01T00:00:00', 'FR', 'reader');
      assert.deepEqual(atStart.body, {
        status: 'return',
        column: [
          { name: 'SURCHARGE', number: '2.00' },
          { name: 'LABEL', string: 'FR from 2027' },
        ],
      });
      assert.equal((await lookup(id, '2026-12-31T23:59:59')).body.column[0].number, '1.50');
    });

    test('when looked up where no row holds the inputs and date, then MAPPINGTABLE-108', async () => {
      const { id } = await createdRoaming();
      assertFailure(await lookup(id, '2028-01-01T00:00:00'), 404, 'MAPPINGTABLE-108', 'doesNotExist');
      assertFailure(await lookup(id, '2026-06-01T00:00:00', 'IT'), 404, 'MAPPINGTABLE-108', 'doesNotExist');
    });

    test('when looked up with inputs that are not the class input columns, then MAPPINGTABLE-111', async () => {
      const { id } = await createdRoaming();
      const wrong = [{ name: 'COUNTRY', string: 'FR' }, { name: 'CURRENCY', string: 'EUR' }];
      assertFailure(await call('mappingTableLookup', { mappingTableId: id, input: wrong, date: '2026-06-01T00:00:00' }), 400, 'MAPPINGTABLE-111', 'invalid');
    });

    const de = row('de', 'DE', '2026-01-01T00:00:00', '2028-01-01T00:00:00', '0.80');
    const it = row('it', 'IT', '2026-01-01T00:00:00', '2027-01-01T00:00:00', '1.10');

    test('when rows are maintained, then rows of the same id are replaced in place and new ones added', async () => {
      const { id } = await createdRoaming();
      assertReturn(await call('mappingTableRowMaintain', { mappingTableId: id, row: [it, de] }, 'provisioning'));
      assertReturn(await call('mappingTableRowMaintain', { mappingTableId: id, row: [it, de] }));
      assert.deepEqual((await readTable(id)).row, [roaming.row[0], roaming.row[1], de, it]);
      assert.equal((await lookup(id, '2026-06-01T00:00:00', 'IT')).body.column[0].number, '1.10');
    });

    test('when maintained rows would overlap a row with the same inputs, then MAPPINGTABLE-104 and the table is unchanged', async () => {
      const { id } = await createdRoaming();
      assertReturn(await call('mappingTableRowMaintain', { mappingTableId: id, row: [it, de] }));
      const unchanged = await readTable(id);
      const overlapping = row('fr-extra', 'FR', '2026-06-01T00:00:00', '2026-07-01T00:00:00', '9');
      assertFailure(await call('mappingTableRowMaintain', { mappingTableId: id, row: [overlapping] }), 400, 'MAPPINGTABLE-104', 'invalid');
      assert.deepEqual(await readTable(id), unchanged);
    });

    test('when a row id is given twice in a row maintain, then MAPPINGTABLE-107', async () => {
      const { id } = await createdRoaming();
      const a = row('es', 'ES', '2026-01-01T00:00:00', '2027-01-01T00:00:00', '1');
      const b = row('es', 'PT', '2026-01-01T00:00:00', '2027-01-01T00:00:00', '1');
      assertFailure(await call('mappingTableRowMaintain', { mappingTableId: id, row: [a, b] }), 400, 'MAPPINGTABLE-107', 'invalid');
    });

    test('when rows are cancelled, then they are gone; an unknown row is MAPPINGTABLE-106 and cancels nothing', async () => {
      const { id } = await createdRoaming();
      assertReturn(await call('mappingTableRowMaintain', { mappingTableId: id, row: [it, de] }));
      assertFailure(await call('mappingTableRowCancel', { mappingTableId: id, id: ['it', 'nope'] }), 404, 'MAPPINGTABLE-106', 'doesNotExist');
      assert.equal((await readTable(id)).row.length, 4);
      assertReturn(await call('mappingTableRowCancel', { mappingTableId: id, id: ['it'] }, 'provisioning'));
      assert.deepEqual((await readTable(id)).row.map((r: { id: string }) => r.id), ['fr-2026', 'fr-2027', 'de']);
      assertFailure(await lookup(id, '2026-06-01T00:00:00', 'IT'), 404, 'MAPPINGTABLE-108', 'doesNotExist');
    });

    test('when a table is maintained, then it is replaced, and maintaining it again changes nothing', async () => {
      const table = await createdRoaming();
      const replaced = { ...table, row: [table.row[2]] };
      assertReturn(await call('mappingTableMaintain', replaced, 'provisioning'));
      assertReturn(await call('mappingTableMaintain', replaced));
      assert.deepEqual(await readTable(table.id), replaced);
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
        const table = { ...roaming, id: freshId('MT-BAD'), subscriberAccountId: await ownAccount(), ...change };
        assertFailure(await call('mappingTableCreate', table), httpStatus, code, category);
        assertFailure(await call('mappingTableMaintain', table), httpStatus, code, category);
        assert.equal(await readTable(table.id), undefined);
      });
    }

    test('when the table id belongs to another subscriber account, then MAPPINGTABLE-109 illegalState', async () => {
      const table = await createdRoaming();
      const stolen = { ...table, subscriberAccountId: await ownAccount() };
      assertFailure(await call('mappingTableMaintain', stolen), 409, 'MAPPINGTABLE-109', 'illegalState');
      assertFailure(await call('mappingTableCreate', stolen), 409, 'MAPPINGTABLE-109', 'illegalState');
      assert.equal((await readTable(table.id)).subscriberAccountId, table.subscriberAccountId);
    });

    const blocklist = (id: string, subscriberAccountId: string) => ({ id, mappingTableClassId: 'MTC_BLOCKLIST', subscriberAccountId });

    test('when tables are found by account and class a window at a time, then the windows page through them', async () => {
      const roamingTable = await createdRoaming();
      const [owner, other] = [roamingTable.subscriberAccountId, await ownAccount()];
      // fresh ids that keep the B1, B2, B3 order the windows had with fixed ids
      const [b1, b2, b3] = [blocklist(freshId('MT-B1'), other), blocklist(freshId('MT-B2'), other), blocklist(freshId('MT-B3'), owner)];
      for (const table of [b1, b2, b3]) assertReturn(await call('mappingTableCreate', table));
      const first = await call('mappingTableFind', { filter: { subscriberAccountId: other }, searchFilter: { searchWindow: { windowSize: 1 }, totalCountRequired: true } }, 'reader');
      assert.deepEqual(first.body, { status: 'return', subscriberMappingTable: [b1], totalCount: 2, lastUniqueId: b1.id });
      const second = await call('mappingTableFind', { filter: { subscriberAccountId: other }, searchFilter: { searchWindow: { windowSize: 1, fromUniqueId: b1.id } } });
      assert.deepEqual(second.body.subscriberMappingTable.map((t: { id: string }) => t.id), [b2.id]);
      const byClass = await call('mappingTableFind', { filter: { subscriberAccountId: owner, mappingTableClassId: 'MTC_ROAMING' }, searchFilter: { totalCountRequired: true } });
      assert.deepEqual([byClass.body.subscriberMappingTable.map((t: { id: string }) => t.id), byClass.body.totalCount], [[roamingTable.id], 1]);
      // by class alone: other tests' roaming tables too, but never a blocklist
      const byClassAlone = await call('mappingTableFind', { filter: { mappingTableClassId: 'MTC_ROAMING' }, searchFilter: { totalCountRequired: true } });
      const found: Array<{ id: string; mappingTableClassId: string }> = byClassAlone.body.subscriberMappingTable;
      assert.ok(found.some((t) => t.id === roamingTable.id));
      assert.deepEqual([...new Set(found.map((t) => t.mappingTableClassId))], ['MTC_ROAMING']);
      assert.equal(byClassAlone.body.totalCount, found.length);
    });

    test('when a table of a class without output columns is looked up, then the matching row answers with no column', async () => {
      const table = blocklist(freshId('MT-B'), await ownAccount());
      assertReturn(await call('mappingTableCreate', table));
      const row = { id: 'r1', start: '2026-01-01T00:00:00', end: '2027-01-01T00:00:00', column: [{ name: 'CALLED_NUMBER', string: '+33' }] };
      assertReturn(await call('mappingTableRowMaintain', { mappingTableId: table.id, row: [row] }));
      const found = await call('mappingTableLookup', { mappingTableId: table.id, input: [{ name: 'CALLED_NUMBER', string: '+33' }], date: '2026-01-01T00:00:00' });
      assert.deepEqual(found.body, { status: 'return' });
    });

    test('when a reader maintains a table, then CC-SEC-AUTH-6', async () => {
      const result = await call('mappingTableMaintain', await createdRoaming(), 'reader');
      assert.equal(result.status, 403);
      assert.equal(result.body.code, 'CC-SEC-AUTH-6');
    });

    test('when a table is cancelled, then it is gone and every operation on it is MAPPINGTABLE-100', async () => {
      const { id } = await createdRoaming();
      assert.deepEqual((await call('mappingTableCancel', { id }, 'provisioning')).body, { status: 'return', id }, 'the JSON response is the SOAP one: the id');
      assert.equal(await readTable(id), undefined);
      assertFailure(await call('mappingTableCancel', { id }), 404, 'MAPPINGTABLE-100', 'doesNotExist');
      assertFailure(await lookup(id, '2026-06-01T00:00:00'), 404, 'MAPPINGTABLE-100', 'doesNotExist');
      assertFailure(await call('mappingTableRowCancel', { mappingTableId: id, id: ['de'] }), 404, 'MAPPINGTABLE-100', 'doesNotExist');
      assertFailure(await call('mappingTableRowMaintain', { mappingTableId: id, row: [roaming.row[0]] }), 404, 'MAPPINGTABLE-100', 'doesNotExist');
    });

    test('when the table id is free again, then another subscriber account may create it', async () => {
      const table = await createdRoaming();
      assertReturn(await call('mappingTableCancel', { id: table.id }));
      const other = await ownAccount();
      assertReturn(await call('mappingTableCreate', { ...table, subscriberAccountId: other }));
      assert.equal((await readTable(table.id)).subscriberAccountId, other);
    });
  },
  { catalogFile },
);
