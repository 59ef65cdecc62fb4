import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCustomers } from '../../src/bulk/generate.ts';
import { readNdjson, TextOutput } from '../../src/bulk/files.ts';
import { compileValidator } from '../../src/schema/validate.ts';
import { CustomerDataSchema } from '../../src/schema/customerData.ts';

test('when customers are generated twice with the same count and seed, then they are the same, valid and in key order', () => {
  const first = [...generateCustomers({ count: 50, seed: 3 })].map((c) => JSON.stringify(c));
  const second = [...generateCustomers({ count: 50, seed: 3 })].map((c) => JSON.stringify(c));
  assert.deepEqual(first, second);
  const other = [...generateCustomers({ count: 50, seed: 4 })].map((c) => JSON.stringify(c));
  assert.notDeepEqual(first, other);
  const validate = compileValidator(CustomerDataSchema);
  const ids = first.map((line) => (validate(JSON.parse(line)) as { subscriberAccount: { id: string } }).subscriberAccount.id);
  assert.deepEqual([...ids].sort(), ids);
});

test('when a customer is generated, then it has the shape the benchmarks count on', () => {
  const [customer] = generateCustomers({ count: 1, seed: 1 });
  assert.equal(customer.prepaidAccount!.length, 1);
  assert.equal(customer.externalAccount!.length, 1);
  const contracts = customer.chargingContract!;
  assert.equal(contracts.filter((c) => !c.rootChargingContractId).length, 2);
  assert.equal(contracts.filter((c) => c.rootChargingContractId).length, 1);
  for (const root of contracts.filter((c) => !c.rootChargingContractId)) assert.equal(root.chargingContractItem!.length, 2);
  assert.equal(customer.subscriberMappingTable![0].row!.length, 3);
  assert.equal(customer.subscriberRangeTable![0].row!.length, 4);
});

test('when user service ids are generated for many customers, then no two contracts share one', () => {
  const seen = new Set<string>();
  for (const customer of generateCustomers({ count: 2000, seed: 9 })) {
    for (const contract of customer.chargingContract ?? [])
      for (const item of contract.chargingContractItem ?? [])
        for (const period of item.period)
          for (const uti of period.userTechnicalIdentifier ?? []) {
            assert.ok(!seen.has(uti.userServiceId), uti.userServiceId);
            seen.add(uti.userServiceId);
          }
  }
});

for (const name of ['lines.ndjson', 'lines.ndjson.gz']) {
  test(`when ${name} is written and read back, then every record comes with its line number and broken lines are reported`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'convergent-files-'));
    try {
      const path = join(dir, name);
      const output = new TextOutput(path);
      await output.write('{"a":1}\n\n{"a":\n{"a":3}\n');
      await output.close();
      const records = [];
      for await (const record of readNdjson(path)) records.push(record);
      assert.deepEqual(
        records.map((r) => [r.line, r.value, r.parseError === undefined]),
        [
          [1, { a: 1 }, true],
          [3, undefined, false],
          [4, { a: 3 }, true],
        ],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('when an NDJSON file has CRLF line ends, multi-byte characters and no final line end, then every line reads as written', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'convergent-files-'));
  try {
    const path = join(dir, 'crlf.ndjson');
    const output = new TextOutput(path);
    await output.write('{"a":"Chloé"}\r\n\r\n{"a":"€"}');
    await output.close();
    const records = [];
    for await (const record of readNdjson(path)) records.push(record);
    assert.deepEqual(
      records.map((r) => [r.line, r.value, r.text]),
      [
        [1, { a: 'Chloé' }, '{"a":"Chloé"}'],
        [3, { a: '€' }, '{"a":"€"}'],
      ],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
