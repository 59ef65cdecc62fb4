// `convergent state import` as an operator runs it, on both stores: a mass file
// with failures, its failures file fixed and imported, a bundle that stops.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { withStore } from '../../src/cli/common.ts';
import type { TestDatabase } from '../helpers/stores.ts';
import { contractIds, describeOnDatabases, versionsInStore, voiceContract, voiceStateChange } from '../helpers/contractStates.ts';
import type { ChargingContractState } from '../../src/schema/contractState.ts';
import { findAuditRecords } from '../../src/operations/audit.ts';
import type { AuditRecord } from '../../src/store/port.ts';

function convergent(args: string[]) {
  const result = spawnSync(process.execPath, ['bin/convergent.js', ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const ndjson = (records: unknown[]): string => records.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n';

const versionsOf = (database: TestDatabase, ids: string[]): Promise<number[]> => withStore(database.db, (store) => versionsInStore(store, ids));

const unknownCounter = (id: string): ChargingContractState => ({ chargingContractId: id, contractItemState: [{ chargingContractItemId: 'VOICE', counter: [{ name: 'NO_SUCH', value: '1' }] }] });

const ids = contractIds('import', 2500);

/** The id of the newest audit record, to look at what a run adds after it. */
const lastAuditId = (database: TestDatabase): Promise<number> =>
  withStore(database.db, async (store) => (await findAuditRecords(store, {}, undefined, 1, 'desc')).rows[0]?.id ?? 0);

const auditedSince = (database: TestDatabase, id: number): Promise<AuditRecord[]> =>
  withStore(database.db, async (store) => (await findAuditRecords(store, {}, id, 1000)).rows);

describeOnDatabases('convergent state import', ids, (database) => {
  test('when a gzip mass file has 3 bad records, then the others are applied, exit 1 names file, line and code, and the fixed failures file completes it', async () => {
    const file = join(database().dir, 'states.ndjson.gz');
    const records: unknown[] = ids.map((id) => voiceStateChange(id, 1));
    records[10] = '{"chargingContractId": ';
    records[1500] = unknownCounter(ids[1500]);
    records[2499] = voiceStateChange('no-such-contract', 1);
    writeFileSync(file, gzipSync(ndjson(records)));
    const auditedBefore = await lastAuditId(database());
    const run = convergent(['state', 'import', file, '--db', database().db]);
    assert.equal(run.code, 1, run.stderr);
    const audited = await auditedSince(database(), auditedBefore);
    assert.deepEqual(
      audited.map((r) => [r.operation, r.outcome, r.channel, r.objectIds.length, /: (\d+) records, (\d+) failed/.exec(r.detail ?? '')?.slice(1)]),
      [
        ['chargingContractStateChange', 'success', 'cli', 999, ['1000', '1']],
        ['chargingContractStateChange', 'success', 'cli', 1000, ['1000', '1']],
        ['chargingContractStateChange', 'success', 'cli', 500, ['500', '1']],
      ],
      'one audit record per transaction, the unparsable line naming no id',
    );
    assert.match(audited[0].user, /^cli/);
    assert.match(run.stderr, new RegExp(`states\\.ndjson\\.gz:11: REQUEST-108`));
    assert.match(run.stderr, /states\.ndjson\.gz:1501: CONTRACTSTATE-3/);
    assert.match(run.stderr, /states\.ndjson\.gz:2500: CONTRACTSTATE-10/);
    assert.match(run.stdout, /2500 records, 2497 applied, 3 failed/);
    const failuresFile = `${file}.errors.ndjson`;
    const failures = readFileSync(failuresFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    assert.deepEqual(
      failures.map((f) => [f.line, f.code]),
      [
        [11, 'REQUEST-108'],
        [1501, 'CONTRACTSTATE-3'],
        [2500, 'CONTRACTSTATE-10'],
      ],
    );
    assert.equal(failures[0].record, '{"chargingContractId": ');
    assert.deepEqual(failures[1].record, unknownCounter(ids[1500]));
    const versions = await versionsOf(database(), ids);
    assert.deepEqual(versions.map((v, i) => [i, v]).filter(([, v]) => v !== 1), [[10, 0], [1500, 0], [2499, 0]]);

    // the operator fixes the records in the failures file and imports that file
    failures[0].record = JSON.stringify(voiceStateChange(ids[10], 1));
    failures[1].record = voiceStateChange(ids[1500], 1);
    failures[2].record = voiceStateChange(ids[2499], 1);
    writeFileSync(failuresFile, ndjson(failures));
    const rerun = convergent(['state', 'import', failuresFile, '--db', database().db]);
    assert.equal(rerun.code, 0, rerun.stderr);
    assert.match(rerun.stdout, /3 records, 3 applied, 0 failed/);
    assert.deepEqual(new Set(await versionsOf(database(), ids)), new Set([1]));
  });

  test('when a record of a bundle file fails, then nothing is applied and the failure names its line; the fixed file applies whole', async () => {
    const file = join(database().dir, 'bundle.ndjson');
    const some = ids.slice(0, 20);
    const records: ChargingContractState[] = some.map((id) => voiceStateChange(id, 2));
    records[6] = unknownCounter(some[6]);
    writeFileSync(file, ndjson(records));
    const auditedBefore = await lastAuditId(database());
    const run = convergent(['state', 'import', file, '--mode', 'bundle', '--db', database().db]);
    assert.equal(run.code, 1);
    const [stopped, ...none] = await auditedSince(database(), auditedBefore);
    assert.deepEqual([stopped.outcome, stopped.errorCode, stopped.objectIds, none.length], ['failure', 'CONTRACTSTATE-3', some.slice(0, 7), 0]);
    assert.match(run.stderr, /bundle\.ndjson:7: CONTRACTSTATE-3/);
    assert.match(run.stdout, /stopped at line 7, nothing applied/);
    assert.equal(readFileSync(`${file}.errors.ndjson`, 'utf8').trim().split('\n').length, 1);
    assert.ok((await versionsOf(database(), some)).every((v) => v !== 2));
    records[6] = voiceStateChange(some[6], 2);
    writeFileSync(file, ndjson(records));
    const beforeFixed = await lastAuditId(database());
    const fixed = convergent(['state', 'import', file, '--mode', 'bundle', '--db', database().db]);
    assert.equal(fixed.code, 0, fixed.stderr);
    const [applied, ...others] = await auditedSince(database(), beforeFixed);
    assert.deepEqual([applied.outcome, applied.objectIds.length, others.length], ['success', 20, 0]);
    assert.deepEqual(new Set(await versionsOf(database(), some)), new Set([2]));
    assert.throws(() => readFileSync(`${file}.errors.ndjson`), /ENOENT/, 'a clean run leaves no stale failures file');
  });

  test('when the file is missing or the mode unknown, then it exits 2', () => {
    assert.equal(convergent(['state', 'import', join(database().dir, 'none.ndjson'), '--db', database().db]).code, 2);
    const file = join(database().dir, 'mode.ndjson');
    writeFileSync(file, ndjson([voiceContract('x', 'y')]));
    assert.equal(convergent(['state', 'import', file, '--mode', 'most', '--db', database().db]).code, 2);
  });
});
