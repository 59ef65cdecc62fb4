// `convergent import` in bundle mode and `convergent export` on a store of their own.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCustomers } from '../../src/bulk/generate.ts';
import { runConvergent } from '../helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'convergent-files-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const db = join(dir, 'files.db');
const lines = [...generateCustomers({ count: 300, seed: 8 })].map((c) => JSON.stringify(c));

test('when a file has a failing record in bundle mode, then nothing of it is imported and the command names file, line and code', async () => {
  const file = join(dir, 'bundle.ndjson');
  const broken = [...lines];
  broken[250] = broken[250].replace('"CP_VOICE"', '"CP_NONE"');
  writeFileSync(file, `${broken.join('\n')}\n`);
  const result = await runConvergent(['import', file, '--db', db]);
  assert.equal(result.code, 1);
  assert.match(result.stdout, /bundle\.ndjson: .*nothing imported \(bundle\): line 251: CHARGINGCONTRACT-102/s);
  assert.equal(existsSync(`${file}.errors.ndjson`), false);
  const exported = await runConvergent(['export', '--all', '--db', db]);
  assert.equal(exported.code, 0, exported.stderr);
  assert.equal(exported.stdout, '');
});

test('when a gzip file imports in bundle mode, then export --all streams the same customers with their read side, gzip too', async () => {
  const file = join(dir, 'bundle.ndjson.gz');
  writeFileSync(file, gzipSync(`${lines.join('\n')}\n`));
  const result = await runConvergent(['import', file, '--db', db, '--status', 'active']);
  assert.equal(result.code, 0, result.stdout + result.stderr);
  assert.match(result.stdout, /300 records, 300 imported, 0 failed/);
  assert.match(result.stdout, /created: subscriberAccount 300, externalAccount 300, prepaidAccount 300, subscriberMappingTable 300, subscriberRangeTable 300, chargingContract 900/);

  const out = join(dir, 'all.ndjson.gz');
  const exported = await runConvergent(['export', '--all', '--out', out, '--db', db]);
  assert.equal(exported.code, 0, exported.stderr);
  const back = gunzipSync(readFileSync(out)).toString('utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(back.map((c) => c.subscriberAccount.id), lines.map((l) => JSON.parse(l).subscriberAccount.id));
  assert.deepEqual(back[0].chargingContract.map((c: { operationalStatus: string }) => c.operationalStatus), ['active', 'active', 'active']);
  assert.equal(back[0].prepaidAccount[0].balance, '0');

  const one = await runConvergent(['export', '--account', back[7].subscriberAccount.id, '--db', db]);
  assert.equal(one.stdout, `${JSON.stringify(back[7])}\n`);
  const resent = await runConvergent(['import', file, '--db', db]);
  assert.match(resent.stdout, /unchanged: subscriberAccount 300, externalAccount 300, prepaidAccount 300, subscriberMappingTable 300, subscriberRangeTable 300, chargingContract 900/);
});

test('when export names an account that does not exist, then it exits 1 with CUSTOMERDATA-2; neither --all nor --account is a usage error', async () => {
  const missing = await runConvergent(['export', '--account', 'SA-NONE', '--db', db]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /CUSTOMERDATA-2/);
  assert.equal((await runConvergent(['export', '--db', db])).code, 2);
});
