// A mass import split over several admitting worker threads (each takes every
// n-th message of 100 records of the file) gives the same result as one worker:
// the same failures with their lines, blank lines counted, records whose ids the
// store already holds admitted again against it, and every customer written.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCustomers } from '../../src/bulk/generate.ts';
import { importCustomerFile } from '../../src/bulk/customerImport.ts';
import { Catalog } from '../../src/model/catalog.ts';
import { openStore } from '../../src/store/open.ts';

const dir = mkdtempSync(join(tmpdir(), 'convergent-workers-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const catalog = Catalog.fromJson(readFileSync(new URL('../../examples/catalog.json', import.meta.url), 'utf8'));

const lines = [...generateCustomers({ count: 750, seed: 11 })].map((c) => JSON.stringify(c));
const text = [
  ...lines.slice(0, 150),
  '', // line 151: blank
  lines[3], // line 152: the customer of line 4 again, identical: unchanged, no failure
  '{"broken":', // line 153
  ...lines.slice(150, 400),
  lines[10].replace('"MTC_FRIENDS"', '"MTC_UNKNOWN"'), // line 404: the customer of line 11 again, now refused
  ...lines.slice(400),
].join('\r\n');

for (const workers of [1, 3]) {
  test(`when a file is imported in mass mode by ${workers} admitting worker thread(s), then failures carry their lines and every customer is written once`, async () => {
    const file = join(dir, `customers-${workers}.ndjson`);
    writeFileSync(file, text);
    const store = await openStore(join(dir, `workers-${workers}.db`));
    try {
      const result = await importCustomerFile(store, catalog, file, { mode: 'mass', status: 'locked', onAlreadyExistingTable: 'reject', workers });
      assert.equal(result.records, 753);
      assert.equal(result.imported, 751);
      assert.equal(result.failed, 2);
      assert.equal(result.summary.subscriberAccount.created, 750);
      assert.equal(result.summary.subscriberAccount.unchanged, 1);
      assert.equal(result.summary.chargingContract.created, 2250);
      const failures = readFileSync(result.failuresFile!, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
      assert.deepEqual(
        failures.map((f) => [f.line, f.code]),
        [
          [153, 'REQUEST-108'],
          [404, 'MAPPINGTABLE-102'],
        ],
      );
      const exported = await store.read((tx) => tx.customerData.exportPage(undefined, 1000));
      assert.equal(exported.length, 750);
    } finally {
      await store.close();
      if (existsSync(`${file}.errors.ndjson`)) rmSync(`${file}.errors.ndjson`);
    }
  });
}

test('when one message holds a record that needs the store next to records admitted alone, then those before it are written first and every record imports', async () => {
  const [a, d] = [...generateCustomers({ count: 2, seed: 12 })];
  // a contract of a's account on a's prepaid account, which its record does not hold: admitted only once a is written
  const contract = structuredClone(a.chargingContract![1]);
  contract.id = `${contract.id}-B`;
  contract.chargingContractItem![0].period[0].userTechnicalIdentifier![0].userServiceId = '+4919999999999';
  const b = { subscriberAccount: a.subscriberAccount, chargingContract: [contract] };
  const file = join(dir, 'one-message.ndjson');
  writeFileSync(file, [a, b, a, d].map((c) => JSON.stringify(c)).join('\n'));
  const store = await openStore(join(dir, 'one-message.db'));
  try {
    const result = await importCustomerFile(store, catalog, file, { mode: 'mass', status: 'locked', onAlreadyExistingTable: 'reject', workers: 1 });
    assert.equal(result.failuresFile, undefined);
    assert.deepEqual([result.records, result.imported, result.failed], [4, 4, 0]);
    assert.deepEqual(result.summary.subscriberAccount, { created: 2, unchanged: 2 });
    assert.equal(result.summary.chargingContract.created, 7);
    assert.equal(result.summary.chargingContract.unchanged, 3);
    const exported = await store.read((tx) => tx.customerData.exportPage(undefined, 10));
    assert.equal(exported.length, 2);
    assert.equal(exported.find((page) => page.subscriberAccountId === a.subscriberAccount.id)!.contracts.length, 4);
  } finally {
    await store.close();
  }
});

test('when the store holds one user service id of a batch whose ids come in two forms (MSISDN, IMSI), then the record claiming it again is refused with CHARGINGCONTRACT-108', async () => {
  const first = [...generateCustomers({ count: 20, seed: 21 })];
  const second = [...generateCustomers({ count: 20, seed: 22 })];
  // the 5th customer of the second file claims the IMSI of the first file's 3rd customer, with an overlapping validity
  const imsi = first[2].chargingContract![0].chargingContractItem![1].period[0].userTechnicalIdentifier![0].userServiceId;
  second[4].chargingContract![0].chargingContractItem![1].period[0].userTechnicalIdentifier![0].userServiceId = imsi;
  const [one, two] = [join(dir, 'claims-1.ndjson'), join(dir, 'claims-2.ndjson')];
  writeFileSync(one, first.map((c) => JSON.stringify(c)).join('\n'));
  writeFileSync(two, second.map((c) => JSON.stringify(c)).join('\n'));
  const store = await openStore(join(dir, 'claims.db'));
  try {
    const options = { mode: 'mass', status: 'locked', onAlreadyExistingTable: 'reject' } as const;
    assert.equal((await importCustomerFile(store, catalog, one, options)).imported, 20);
    const result = await importCustomerFile(store, catalog, two, options);
    assert.deepEqual([result.imported, result.failed], [19, 1]);
    const failures = readFileSync(result.failuresFile!, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    assert.deepEqual(failures.map((f) => [f.line, f.code]), [[5, 'CHARGINGCONTRACT-108']]);
  } finally {
    await store.close();
    rmSync(`${two}.errors.ndjson`, { force: true });
  }
});
