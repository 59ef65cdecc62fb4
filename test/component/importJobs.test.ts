import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { setTimeout as sleep } from 'node:timers/promises';
import { describeOnStores, ADMIN_PASSWORD, type TestServer } from '../helpers/server.ts';
import { assertFailure } from '../helpers/customerData.ts';
import { generateCustomers } from '../../src/bulk/generate.ts';
import { startConvergent } from '../../src/app.ts';

const ndjson = (seed: number, count: number, change: (lines: string[]) => void = () => undefined): string => {
  const lines = [...generateCustomers({ count, seed })].map((c) => JSON.stringify(c));
  change(lines);
  return `${lines.join('\n')}\n`;
};

async function startJob(server: TestServer, body: Buffer | string, query: string, user = 'migration') {
  const response = await fetch(`${server.url}/api/v1/jobs?${query}`, {
    method: 'POST',
    headers: { ...server.authorization({ user }), 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  return { status: response.status, body: (await response.json()) as any, location: response.headers.get('location') };
}

async function finished(server: TestServer, id: string): Promise<any> {
  for (let i = 0; i < 600; i++) {
    const job = await server.request('GET', `/api/v1/jobs/${id}`, undefined, { user: 'migration' });
    assert.equal(job.status, 200, JSON.stringify(job.body));
    if (job.body.state !== 'running') return job.body;
    await sleep(50);
  }
  throw new Error(`job ${id} still running`);
}

describeOnStores('bulk import jobs over HTTP', (server) => {
  test('when a gzip NDJSON file with 2 failing records is posted in mass mode, then the job finishes with 198 imported and the 2 failures by line', async () => {
    const body = gzipSync(
      ndjson(11, 200, (lines) => {
        lines[4] = '{"subscriberAccount":';
        lines[149] = lines[149].replace('"MTC_FRIENDS"', '"MTC_NONE"');
      }),
    );
    const started = await startJob(server(), body, 'mode=mass&status=active');
    assert.equal(started.status, 202, JSON.stringify(started.body));
    assert.equal(started.location, `/api/v1/jobs/${started.body.id}`);
    const job = await finished(server(), started.body.id);
    assert.equal(job.state, 'finished');
    assert.deepEqual(job.progress, { records: 200, imported: 198, failed: 2 });
    assert.deepEqual(job.summary.chargingContract, { created: 594, unchanged: 0 });
    assert.deepEqual(job.failures.map((f: { line: number; code: string }) => [f.line, f.code]), [[5, 'REQUEST-108'], [150, 'MAPPINGTABLE-102']]);
    const contract = await server().call('contractProvisioning', 'chargingContractRead', { chargingContractId: 'CC-S11-000000001-1' });
    assert.equal(contract.body.chargingContract.operationalStatus, 'active');
  });

  test('when a bundle job meets a failing record, then it fails naming the line and nothing of the file is imported', async () => {
    const started = await startJob(server(), ndjson(12, 50, (lines) => (lines[30] = lines[30].replace('"CP_DATA"', '"CP_NONE"'))), 'mode=bundle');
    const job = await finished(server(), started.body.id);
    assert.equal(job.state, 'failed');
    assert.deepEqual(job.error, { line: 31, code: 'CHARGINGCONTRACT-102', message: job.error.message });
    assert.deepEqual(job.progress, { records: 0, imported: 0, failed: 1 });
    const read = await server().call('suacProvisioning', 'subscriberAccountRead', { subscriberAccountId: 'SA-S12-000000001' });
    assert.equal(read.status, 404);
  });

  test('when a server starts on a store where a job was left running, then that job reads as failed', async () => {
    const job = { id: 'job-left-running', state: 'running' as const, mode: 'bundle', progress: { records: 0, imported: 0, failed: 0 } };
    await server().running.store.write((tx) => tx.jobs.put(job));
    const restarted = await startConvergent({ db: server().database.db, port: 0, logger: false, adminPassword: ADMIN_PASSWORD, dataDir: server().database.dir });
    await restarted.close();
    const read = await server().request('GET', '/api/v1/jobs/job-left-running', undefined, { user: 'migration' });
    assert.equal(read.body.state, 'failed');
    assert.match(read.body.error.message, /nothing of it was imported/);
  });

  test('when a job is asked wrongly, then the problem names it: role, mode, status closed, unknown job', async () => {
    assertFailure(await startJob(server(), ndjson(13, 1), 'mode=mass', 'provisioning'), 403, 'CC-SEC-AUTH-6', 'invalid');
    assertFailure(await startJob(server(), ndjson(13, 1), 'mode=all'), 400, 'REQUEST-106', 'invalid');
    assertFailure(await startJob(server(), ndjson(13, 1), 'status=closed'), 400, 'CUSTOMERDATA-26', 'invalid');
    assertFailure(await server().request('GET', '/api/v1/jobs/nope', undefined, { user: 'migration' }), 404, 'JOB-100', 'doesNotExist');
  });
});
