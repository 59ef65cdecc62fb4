// `convergent import` as an operator reads it: each failure on the command line
// with its file, line and code (the first ten, the rest counted; all of them in the
// failures file), a file it cannot read refused as a usage error before anything is
// imported, a gzip file cut short refused with its code and no stack trace.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { generateCustomers } from '../../src/bulk/generate.ts';
import { runConvergent } from '../helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'convergent-cli-import-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** `count` generated customers as NDJSON lines, those numbered in `unknownCurrency` (from 1) with an external account currency the catalog lacks. */
function customers(count: number, unknownCurrency: number[]): string {
  const lines = [...generateCustomers({ count, seed: 9 })].map((customer, i) => {
    const line = JSON.stringify(customer);
    return unknownCurrency.includes(i + 1) ? line.replace(/("externalAccount":\[\{[^\]]*?"currencyCode":")[A-Z]+/, '$1XXX') : line;
  });
  return `${lines.join('\n')}\n`;
}

test('when a mass import has failures, then each of the first ten is printed with file, line and code, and the rest are counted', async () => {
  const file = join(dir, 'mass.ndjson');
  const broken = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37];
  writeFileSync(file, customers(40, broken));
  const result = await runConvergent(['import', file, '--mode', 'mass', '--db', join(dir, 'mass.db')]);
  assert.equal(result.code, 1, result.stderr);
  const printed = result.stderr.trim().split('\n');
  assert.deepEqual(
    printed.slice(0, 10),
    broken.slice(0, 10).map((line) => `${file}:${line}: EXTERNALACCOUNT-102: the currency is not in the catalog: XXX`),
  );
  assert.deepEqual(printed.slice(10), ['… and 2 more']);
  assert.match(result.stdout, /40 records, 28 imported, 12 failed/);
});

test('when a bundle import stops at a record, then that record is printed with file, line and code', async () => {
  const file = join(dir, 'bundle.ndjson');
  writeFileSync(file, customers(5, [4]));
  const result = await runConvergent(['import', file, '--db', join(dir, 'bundle.db')]);
  assert.equal(result.code, 1, result.stderr);
  assert.equal(result.stderr, `${file}:4: EXTERNALACCOUNT-102: the currency is not in the catalog: XXX\n`);
});

test('when a file cannot be read, then it is a usage error (exit 2) naming it, and no file is imported', async () => {
  const good = join(dir, 'good.ndjson');
  writeFileSync(good, customers(2, []));
  const db = join(dir, 'unread.db');
  for (const missing of [join(dir, 'nowhere.ndjson'), dir]) {
    const result = await runConvergent(['import', good, missing, '--db', db]);
    assert.equal(result.code, 2, result.stderr);
    assert.ok(result.stderr.startsWith(`convergent: cannot read ${missing}: `), result.stderr);
    assert.equal(result.stdout, '', 'the readable file before it was not imported either');
  }
});

test('when a gzip file is cut short, then the import fails with REQUEST-108 naming the file, without a stack trace', async () => {
  const file = join(dir, 'cut.ndjson.gz');
  const whole = gzipSync(customers(20, []));
  writeFileSync(file, whole.subarray(0, Math.floor(whole.length / 2)));
  for (const mode of ['bundle', 'mass']) {
    const result = await runConvergent(['import', file, '--mode', mode, '--db', join(dir, `cut-${mode}.db`)]);
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, new RegExp(`^convergent: REQUEST-108 \\(invalid\\): reading ${file.replaceAll('.', '\\.')}: unexpected end of file\\n$`));
  }
});
