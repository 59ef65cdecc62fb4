// The bulk import's rows through the store port, on both engines
// (src/store/importRows.ts): customers admitted as a bulk import admits them,
// turned into rows, written by the port's bulk write and read back through the
// port; the key columns give the ids the customers name; and the known-id look-up
// answers the same on both engines, SQLite's range seeks before it
// (src/store/sql/customerData.ts, mayHoldAny) included: ids beyond U+FFFF (which
// UTF-16 and UTF-8 order differently), ids sharing a 200-character prefix, ids
// differing only in their last character. Each test makes its own ids.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Catalog } from '../../src/model/catalog.ts';
import { CustomerDataImporter, type CustomerWrites, type ImportOptions } from '../../src/model/customerDataImport.ts';
import { accountKey, emptyKnown, importKeysOf, type ImportKeys, type KnownCustomerData } from '../../src/model/knownCustomerData.ts';
import { userServiceUsesOf } from '../../src/model/chargingContract.ts';
import type { CustomerData } from '../../src/schema/customerData.ts';
import { openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/port.ts';
import { IMPORT_KEY_COLUMNS, IMPORT_ROW_WIDTH, IMPORT_TABLES, importRows, keysOfRows } from '../../src/store/importRows.ts';
import { freshDatabase, PG_AVAILABLE, type StoreKind, type TestDatabase } from '../helpers/stores.ts';
import { sampleCustomer } from '../helpers/customerDataImport.ts';

const catalog = Catalog.fromJson(readFileSync(new URL('../../examples/catalog.json', import.meta.url), 'utf8'));
const OPTIONS: ImportOptions = { status: 'locked', onAlreadyExistingTable: 'reject' };
const TRANSFER_DATE = '2026-03-01T12:00:00';

/** A fresh tag for a test's ids. */
const fresh = (): string => `IR${randomBytes(4).toString('hex')}`;

/** What a bulk import's admitting worker makes of a customer: admitted alone, as if the store were empty. */
const admitted = (data: CustomerData): CustomerWrites => new CustomerDataImporter(catalog, OPTIONS, emptyKnown()).admit(data);

/** Writes `customers` as a bulk import does: their rows, through the port's bulk write. */
async function writeRows(store: Store, customers: readonly CustomerData[]): Promise<void> {
  const rows = importRows(customers.map(admitted), TRANSFER_DATE);
  await store.write((tx) => tx.customerData.writeImportedRows(rows));
}

/** Every id of `known`, sorted, kind by kind. */
function idsOf(known: KnownCustomerData) {
  return {
    accounts: [...known.subscriberAccountIds].sort(),
    externalAccounts: [...known.externalAccounts.keys()].sort(),
    prepaidAccounts: [...known.prepaidAccounts.keys()].sort(),
    contracts: [...known.contracts.keys()].sort(),
    mappingTables: [...known.mappingTables.keys()].sort(),
    rangeTables: [...known.rangeTables.keys()].sort(),
    claims: [...known.claims.keys()].sort(),
  };
}

/** What the look-up must find when the customers of `stored` are in the store. */
function expectedIds(stored: readonly CustomerData[]) {
  const ids = (list: string[]) => [...new Set(list)].sort();
  return {
    accounts: ids(stored.map((data) => data.subscriberAccount.id)),
    externalAccounts: ids(stored.flatMap((data) => (data.externalAccount ?? []).map((a) => accountKey(a.subscriberAccountId, a.id)))),
    prepaidAccounts: ids(stored.flatMap((data) => (data.prepaidAccount ?? []).map((a) => accountKey(a.subscriberAccountId, a.id)))),
    contracts: ids(stored.flatMap((data) => (data.chargingContract ?? []).map((c) => c.id))),
    mappingTables: ids(stored.flatMap((data) => (data.subscriberMappingTable ?? []).map((t) => t.id))),
    rangeTables: ids(stored.flatMap((data) => (data.subscriberRangeTable ?? []).map((t) => t.id))),
    claims: ids(stored.flatMap((data) => (data.chargingContract ?? []).flatMap((c) => userServiceUsesOf(c).map((use) => use.userServiceId)))),
  };
}

const sorted = (keys: ImportKeys): ImportKeys => ({
  subscriberAccountIds: [...keys.subscriberAccountIds].sort(),
  contractIds: [...keys.contractIds].sort(),
  mappingTableIds: [...keys.mappingTableIds].sort(),
  rangeTableIds: [...keys.rangeTableIds].sort(),
  userServiceIds: [...keys.userServiceIds].sort(),
});

test('when the row format is read, then every key column and document column names a column of its list\'s table, and every width is its table\'s', () => {
  for (const { lists, columns } of IMPORT_TABLES) for (const list of lists) assert.equal(IMPORT_ROW_WIDTH[list], columns.length, list);
  assert.deepEqual(
    IMPORT_KEY_COLUMNS.map(({ kind, list, column }) => [kind, IMPORT_TABLES.find((table) => table.lists.includes(list))!.columns[column]]),
    [
      ['subscriberAccountIds', 'account_id'],
      ['contractIds', 'contract_id'],
      ['mappingTableIds', 'id'],
      ['rangeTableIds', 'id'],
      ['userServiceIds', 'user_service_id'],
    ],
  );
});

for (const kind of ['sqlite', 'postgres'] as StoreKind[]) {
  describe(`the bulk import's rows through the store port [${kind}]`, () => {
    if (kind === 'postgres' && !PG_AVAILABLE) {
      test('PostgreSQL unreachable', { skip: 'no PostgreSQL at CONVERGENT_TEST_PG_URL' }, () => undefined);
      return;
    }
    let database: TestDatabase;
    let store: Store;
    before(async () => {
      database = await freshDatabase(kind);
      store = await openStore(database.db);
    });
    after(async () => {
      await store?.close();
      await database?.drop();
    });

    /** The known-id look-up of every id the customers of `asked` name. */
    const known = (asked: readonly CustomerData[]) => store.read(async (tx) => idsOf(await tx.customerData.known(importKeysOf(asked))));

    test('when admitted customers are written as rows, then the port reads back every object as admitted, and the rows\' keys are the ids the customers name', async () => {
      const customers = [sampleCustomer(fresh()), sampleCustomer(fresh())];
      const writes = customers.map(admitted);
      const rows = importRows(writes, TRANSFER_DATE);
      assert.deepEqual(sorted(keysOfRows(rows)), sorted(importKeysOf(customers)));
      await store.write((tx) => tx.customerData.writeImportedRows(rows));

      await store.read(async (tx) => {
        for (const w of writes) {
          assert.deepEqual(await tx.accounts.getSubscriberAccount(w.subscriberAccount!.id), w.subscriberAccount);
          for (const a of w.externalAccounts) assert.deepEqual(await tx.accounts.getExternalAccount(a.subscriberAccountId, a.id), a);
          for (const a of w.prepaidAccounts) assert.deepEqual(await tx.accounts.getPrepaidAccount(a.subscriberAccountId, a.id), { ...a, balance: '0', currentState: 'active' });
          for (const t of w.mappingTables) assert.deepEqual(await tx.tables.getMappingTable(t.id), t);
          for (const t of w.rangeTables) assert.deepEqual(await tx.tables.getRangeTable(t.id), t);
          for (const c of w.contracts) {
            const stored = await tx.contracts.get(c.id);
            assert.deepEqual(stored?.contract, c);
            assert.equal(stored?.operationalStatus, 'locked');
            assert.equal(stored?.transferDate, TRANSFER_DATE);
            for (const use of userServiceUsesOf(c)) {
              const claims = await tx.contracts.userServiceClaims(use.userServiceId);
              assert.deepEqual(
                claims.map(({ contractId, subscriberAccountId, start, end }) => ({ contractId, subscriberAccountId, start, end })),
                [{ contractId: c.id, subscriberAccountId: c.subscriberAccountId, start: use.start, end: use.end }],
              );
            }
          }
        }
      });
      assert.deepEqual(await known(customers), expectedIds(customers));
    });

    test('when some of the ids asked go beyond U+FFFF, then the look-up finds exactly those stored', async () => {
      const p = fresh();
      // in UTF-16 (JavaScript) U+1F600 sorts below U+FFFD and U+E000; in UTF-8 (SQLite's BINARY) above them:
      // the stored ids are beyond the greatest asked in the database's order
      const [stored] = [sampleCustomer(`${p}-\u{1F600}`)];
      const absent = ['-\uFFFD', '-\uE000', '-A', '-\u{1F601}', '-\u{10FFFF}', '-~', '-\u{1F600}\u{1F600}'].map((end) => sampleCustomer(`${p}${end}`));
      await writeRows(store, [stored]);
      assert.deepEqual(await known([...absent, stored]), expectedIds([stored]));
      assert.deepEqual(await known(absent), expectedIds([]));
    });

    test('when the ids asked start beyond U+FFFF, then the look-up finds exactly those stored', async () => {
      const p = fresh();
      // U+1F600 twice sorts between U+1F600 A and U+1F600 U+FFFD in UTF-16, after both in UTF-8
      const [stored] = [sampleCustomer(`\u{1F600}\u{1F600}${p}`)];
      const absent = ['\u{1F600}\uFFFD', '\u{1F600}A', '\u{1F600}\uE000', '\u{1F600}~', '\u{1F601}', '\u{1F5FF}', '\uFFFD'].map((first) => sampleCustomer(`${first}${p}`));
      await writeRows(store, [stored]);
      assert.deepEqual(await known([...absent, stored]), expectedIds([stored]));
      assert.deepEqual(await known(absent), expectedIds([]));
    });

    test('when the ids asked are BMP characters on both sides of the surrogates, then the look-up finds exactly those stored', async () => {
      const p = fresh();
      const stored = [sampleCustomer(`${p}-\uFFFD`), sampleCustomer(`${p}-\uD7FF`)];
      const absent = ['-\uE000', '-\uFFFC', '-\uFFFF', '-A', '-\u00E9', '-\u07FF', '-\u0800'].map((end) => sampleCustomer(`${p}${end}`));
      await writeRows(store, stored);
      assert.deepEqual(await known([...absent, ...stored]), expectedIds(stored));
      assert.deepEqual(await known(absent), expectedIds([]));
    });

    test('when the ids asked share a 200-character prefix, then the look-up finds the one stored, and nothing when it is not asked', async () => {
      const p = `${fresh()}${'X'.repeat(200)}`;
      const tagged = (n: number) => sampleCustomer(`${p}${n}`);
      const stored = tagged(50);
      const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => tagged(from + i));
      await writeRows(store, [stored]);
      // the stored id the greatest asked, the least, and between them
      for (const asked of [[...range(40, 49), stored], [stored, ...range(51, 60)], [...range(45, 49), stored, ...range(51, 55)]]) {
        assert.deepEqual(await known(asked), expectedIds([stored]));
      }
      // the stored id between the least and the greatest asked, but not asked itself
      assert.deepEqual(await known([...range(45, 49), ...range(51, 55)]), expectedIds([]));
      // every id asked above the stored one (what a fresh import asks), or below it
      assert.deepEqual(await known(range(51, 60)), expectedIds([]));
      assert.deepEqual(await known(range(40, 49)), expectedIds([]));
    });

    test('when the ids asked differ from those stored only in their last character, then the look-up finds exactly those stored', async () => {
      const p = fresh();
      const stored = [sampleCustomer(`${p}-end\u{1F600}`), sampleCustomer(`${p}-endb`)];
      const absent = ['-end', '-enda', '-endc', '-end\u{1F601}', '-end\uFFFF', '-end\u{1F5FF}', '-end '].map((end) => sampleCustomer(`${p}${end}`));
      await writeRows(store, stored);
      assert.deepEqual(await known([...absent, ...stored]), expectedIds(stored));
      assert.deepEqual(await known(absent), expectedIds([]));
    });

    test('when the ids asked start with more characters than the range seeks take, then the look-up finds exactly those stored', async () => {
      const p = fresh();
      const stored = [sampleCustomer(`a${p}`), sampleCustomer(`e${p}`)];
      const absent = ['b', 'c', 'd', 'f', 'g', 'h', 'i'].map((first) => sampleCustomer(`${first}${p}`));
      await writeRows(store, stored);
      assert.deepEqual(await known([...absent, ...stored]), expectedIds(stored));
      assert.deepEqual(await known(absent), expectedIds([]));
    });
  });
}
