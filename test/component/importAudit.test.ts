// Bulk imports of customer data write audit records per transaction, from the
// command line and from import jobs; a job upload honours Idempotency-Key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { generateCustomers } from '../../src/bulk/generate.ts';
import { findAuditRecords } from '../../src/operations/audit.ts';
import type { AuditRecord } from '../../src/store/port.ts';
import { describeOnStores, type TestServer } from '../helpers/server.ts';
import { runConvergent } from '../helpers/cli.ts';

const customers = (seed: number, count: number): string[] => [...generateCustomers({ count, seed })].map((c) => JSON.stringify(c));
const accountIdOf = (line: string): string => JSON.parse(line).subscriberAccount.id;

async function auditedSince(server: TestServer, afterId: number): Promise<AuditRecord[]> {
  return (await findAuditRecords(server.running.store, { operation: 'customerDataImport' }, afterId, 1000)).rows;
}

const lastAuditId = async (server: TestServer): Promise<number> => (await findAuditRecords(server.running.store, {}, undefined, 1, 'desc')).rows[0]?.id ?? 0;

async function postJob(server: TestServer, body: string, key: string) {
  const response = await fetch(`${server.url}/api/v1/jobs?mode=mass`, {
    method: 'POST',
    headers: { ...server.authorization({ user: 'migration' }), 'content-type': 'application/x-ndjson', 'idempotency-key': key },
    body,
  });
  return { status: response.status, text: await response.text(), replayed: response.headers.get('idempotent-replayed') };
}

async function jobEnded(server: TestServer, id: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const job = await server.request('GET', `/api/v1/jobs/${id}`, undefined, { user: 'migration' });
    if (job.body.state !== 'running') return;
    await sleep(50);
  }
  throw new Error(`job ${id} still running`);
}

/** `convergent import` of `count` customers, the record at `broken` naming a plan the catalog lacks; the audit records it added. */
async function importWithBrokenRecord(server: TestServer, seed: number, count: number, broken: number, mode: 'bundle' | 'mass') {
  const lines = customers(seed, count);
  lines[broken] = lines[broken].replace('"CP_VOICE"', '"CP_NONE"');
  const file = join(server.database.dir, `${mode}-${seed}.ndjson`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  const before = await lastAuditId(server);
  const run = await runConvergent(['import', file, '--mode', mode, '--db', server.database.db]);
  assert.equal(run.code, 1, run.stderr);
  return { lines, records: await auditedSince(server, before) };
}

describeOnStores('audit of bulk imports', (server) => {
  test('when convergent import runs in mass mode, then each batch transaction leaves one record with the command-line user, its accounts and its failure count', async () => {
    const { lines, records } = await importWithBrokenRecord(server(), 31, 1200, 10, 'mass');
    assert.deepEqual(
      records.map((r) => [r.outcome, r.channel, r.objectIds.length, /(\d+) records, (\d+) failed/.exec(r.detail!)?.slice(1)]),
      [
        ['success', 'cli', 1000, ['1000', '1']],
        ['success', 'cli', 200, ['200', '0']],
      ],
    );
    assert.match(records[0].user, /^cli/);
    assert.equal(records[0].objectIds[0], accountIdOf(lines[0]));
    const byAccount = await findAuditRecords(server().running.store, { objectId: accountIdOf(lines[1100]) }, undefined, 10);
    assert.deepEqual(byAccount.rows.map((r) => r.id), [records[1].id]);
  });

  test('when convergent import stops a bundle at a failing record, then the log has one failure with its code and no success', async () => {
    const { records } = await importWithBrokenRecord(server(), 32, 30, 20, 'bundle');
    assert.deepEqual(
      records.map((r) => [r.outcome, r.errorCode]),
      [['failure', 'CHARGINGCONTRACT-102']],
    );
    assert.match(records[0].detail!, /stopped at line 21/);
  });

  test('when a job file is posted twice with one Idempotency-Key, then one job runs, the second answer replays the first, and another file under the key is 422', async () => {
    const body = `${customers(33, 20).join('\n')}\n`;
    const before = await lastAuditId(server());
    const first = await postJob(server(), body, 'job-upload-1');
    assert.equal(first.status, 202, first.text);
    const again = await postJob(server(), body, 'job-upload-1');
    assert.deepEqual([again.status, again.text, again.replayed], [202, first.text, 'true']);
    await jobEnded(server(), JSON.parse(first.text).id);
    const records = await auditedSince(server(), before);
    assert.deepEqual(
      records.map((r) => [r.user, r.channel, r.outcome, r.objectIds.length]),
      [['migration', 'json', 'success', 20]],
    );
    const other = await postJob(server(), `${customers(34, 5).join('\n')}\n`, 'job-upload-1');
    assert.equal(other.status, 422);
    assert.equal(JSON.parse(other.text).code, 'IDEMPOTENCY-101');
  });
});
