// 50,000 generated customers imported in mass mode from an NDJSON file with 10
// broken lines: exactly those 10 fail, with their line numbers and codes, and the
// fixed failures file completes the set. About 30 s on SQLite (2 cores).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCustomers } from '../../src/bulk/generate.ts';
import { openStore } from '../../src/store/open.ts';
import { runConvergent } from '../helpers/cli.ts';

const COUNT = 50_000;
const dir = mkdtempSync(join(tmpdir(), 'convergent-mass-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Line number → how it is broken and the code its failure must carry. */
const BROKEN: Record<number, { code: string; breakLine: (line: string) => string }> = {
  7: { code: 'REQUEST-108', breakLine: (line) => line.slice(0, 100) },
  1_000: { code: 'REQUEST-101', breakLine: (line) => line.replace('"subscriberId":', '"subscriberIdentifier":') },
  1_001: { code: 'REQUEST-104', breakLine: (line) => line.replace('"amountThreshold":"', '"amountThreshold":"1.2.') },
  9_999: { code: 'REQUEST-105', breakLine: (line) => line.replace('"start":"2026-01-01T00:00:00"', '"start":"2026-13-01T00:00:00"') },
  12_345: { code: 'CUSTOMERDATA-8', breakLine: (line) => line.replace(/("externalAccount":\[\{"id":"[^"]+","subscriberAccountId":")[^"]+/, '$1SA-ELSEWHERE') },
  20_000: { code: 'CHARGINGCONTRACT-102', breakLine: (line) => line.replaceAll('"CP_DATA"', '"CP_UNKNOWN"') },
  25_000: { code: 'MAPPINGTABLE-102', breakLine: (line) => line.replace('"MTC_FRIENDS"', '"MTC_UNKNOWN"') },
  33_333: { code: 'CUSTOMERDATA-20', breakLine: (line) => line.replace(/"rootChargingContractId":"[^"]+"/, '"rootChargingContractId":"CC-NOWHERE"') },
  44_444: { code: 'CUSTOMERDATA-7', breakLine: (line) => line.replace(/"externalAccount":\[(\{[^\]]+\})\]/, '"externalAccount":[$1,$1]') },
  50_000: { code: 'PREPAIDACCOUNT-102', breakLine: (line) => line.replace('"currencyCode":"EUR","emptyLimit"', '"currencyCode":"XXX","emptyLimit"') },
};

test('when 50,000 customers with 10 broken lines are imported in mass mode, then exactly those 10 fail with their lines and codes, and the fixed failures file completes the set', async () => {
  const file = join(dir, 'customers.ndjson');
  const db = join(dir, 'mass.db');
  const good: string[] = [];
  const lines: string[] = [];
  for (const customer of generateCustomers({ count: COUNT, seed: 5 })) {
    const line = JSON.stringify(customer);
    good.push(line);
    const broken = BROKEN[good.length];
    lines.push(broken ? broken.breakLine(line) : line);
  }
  for (const [n, { breakLine }] of Object.entries(BROKEN)) assert.notEqual(breakLine(good[Number(n) - 1]), good[Number(n) - 1], `line ${n} is broken`);
  writeFileSync(file, `${lines.join('\n')}\n`);

  const first = await runConvergent(['import', file, '--mode', 'mass', '--db', db]);
  assert.equal(first.code, 1, first.stderr);
  assert.match(first.stdout, /50000 records, 49990 imported, 10 failed/);
  const failuresFile = `${file}.errors.ndjson`;
  const failures = readFileSync(failuresFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(
    failures.map((f) => [f.line, f.code]),
    Object.entries(BROKEN).map(([line, { code }]) => [Number(line), code]),
  );
  assert.equal(failures[0].record, lines[6], 'a line that is not JSON is kept as its text');

  // the operator fixes each record in the failures file and imports that file
  const fixed = failures.map((f) => JSON.stringify({ ...f, record: JSON.parse(good[f.line - 1]) }));
  writeFileSync(failuresFile, `${fixed.join('\n')}\n`);
  const second = await runConvergent(['import', failuresFile, '--mode', 'mass', '--db', db]);
  assert.equal(second.code, 0, second.stdout + second.stderr);
  assert.match(second.stdout, /10 records, 10 imported, 0 failed/);

  const store = await openStore(db);
  try {
    const counts = await store.read(async (tx) => ({ accounts: await tx.accounts.countSubscriberAccounts({}), contracts: await tx.contracts.count({}) }));
    assert.deepEqual(counts, { accounts: COUNT, contracts: 3 * COUNT });
  } finally {
    await store.close();
  }
});
