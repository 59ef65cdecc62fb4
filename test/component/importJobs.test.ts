import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import { setTimeout as sleep } from 'node:timers/promises';
import { describeOnStores, ADMIN_PASSWORD, type ApiClient, type TestServer } from '../helpers/server.ts';
import { snapshotOf } from '../helpers/snapshot.ts';
import { freshDatabase } from '../helpers/stores.ts';
import { prepareDatabase, spawnServer } from '../helpers/processes.ts';
import { runConvergent } from '../helpers/cli.ts';
import { assertFailure } from '../helpers/customerData.ts';
import { generateCustomers } from '../../src/bulk/generate.ts';
import { startConvergent } from '../../src/app.ts';
import { XmlCustomerWriter } from '../../src/bulk/xmlCustomerFile.ts';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The customers as an XML customer data file, written by the exporter's writer. */
async function xml(seed: number, count: number, change: (lines: string[]) => void = () => undefined): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'convergent-jobs-'));
  try {
    const file = join(dir, 'customers.xml');
    const writer = new XmlCustomerWriter(file);
    for (const customer of generateCustomers({ count, seed })) await writer.write(JSON.stringify(customer));
    await writer.close();
    const lines = readFileSync(file, 'utf8').split('\n');
    change(lines);
    return lines.join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Starts a job with a multipart/form-data upload: `fields` first, then the file part (named `file` unless told). */
async function uploadJob(server: ApiClient, file: Buffer | string, options: { query?: string; fields?: Record<string, string>; part?: string; headers?: Record<string, string> } = {}) {
  const form = new FormData();
  for (const [name, value] of Object.entries(options.fields ?? {})) form.append(name, value);
  form.append(options.part ?? 'file', new Blob([file]), 'customers');
  const response = await fetch(`${server.url}/api/v1/jobs${options.query ? `?${options.query}` : ''}`, {
    method: 'POST',
    headers: { ...server.authorization({ user: 'migration' }), ...options.headers },
    body: form,
  });
  return { status: response.status, body: (await response.json()) as any, location: response.headers.get('location'), replayed: response.headers.get('idempotent-replayed') };
}

const ndjson = (seed: number, count: number, change: (lines: string[]) => void = () => undefined): string => {
  const lines = [...generateCustomers({ count, seed })].map((c) => JSON.stringify(c));
  change(lines);
  return `${lines.join('\n')}\n`;
};

async function startJob(server: ApiClient, body: Buffer | string, query: string, user = 'migration') {
  const response = await fetch(`${server.url}/api/v1/jobs?${query}`, {
    method: 'POST',
    headers: { ...server.authorization({ user }), 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  return { status: response.status, body: (await response.json()) as any, location: response.headers.get('location') };
}

async function finished(server: ApiClient, id: string): Promise<any> {
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

  test('when an NDJSON file is uploaded as multipart/form-data with its options as form fields, then the job finishes with its counts and failures', async () => {
    const body = ndjson(14, 100, (lines) => (lines[9] = lines[9].replace('"CP_VOICE"', '"CP_NONE"')));
    const started = await uploadJob(server(), body, { fields: { mode: 'mass', status: 'active' } });
    assert.equal(started.status, 202, JSON.stringify(started.body));
    assert.equal(started.location, `/api/v1/jobs/${started.body.id}`);
    assert.equal(started.body.mode, 'mass');
    assert.match(started.body.file, /\.ndjson$/);
    const job = await finished(server(), started.body.id);
    assert.equal(job.state, 'finished');
    assert.deepEqual(job.progress, { records: 100, imported: 99, failed: 1 });
    assert.deepEqual(job.failures.map((f: { line: number; code: string }) => [f.line, f.code]), [[10, 'CHARGINGCONTRACT-102']]);
    const contract = await server().call('contractProvisioning', 'chargingContractRead', { chargingContractId: 'CC-S14-000000001-1' });
    assert.equal(contract.body.chargingContract.operationalStatus, 'active');
  });

  test('when a gzip XML file is uploaded as multipart/form-data, then the bundle job imports every customer', async () => {
    const started = await uploadJob(server(), gzipSync(await xml(15, 120)), { query: 'mode=bundle' });
    assert.equal(started.status, 202, JSON.stringify(started.body));
    assert.match(started.body.file, /\.xml\.gz$/);
    const job = await finished(server(), started.body.id);
    assert.equal(job.state, 'finished', JSON.stringify(job.error));
    assert.deepEqual(job.progress, { records: 120, imported: 120, failed: 0 });
    assert.deepEqual(job.summary.chargingContract, { created: 360, unchanged: 0 });
    const exported = await server().call('customerDataExportImport', 'customerDataExport', { subscriberAccountId: 'SA-S15-000000120' });
    assert.deepEqual(exported.body.customerData.subscriberAccount, [...generateCustomers({ count: 120, seed: 15 })][119].subscriberAccount);
  });

  test('when an XML file is posted as the raw body in mass mode, then its broken records fail by line and code; malformed XML fails the job with its code', async () => {
    const body = await xml(16, 30, (lines) => {
      lines[4] = lines[4].replace('<description>', '<nickname>x</nickname><description>');
      lines[20] = lines[20].replace('>MTC_FRIENDS<', '>MTC_NONE<');
    });
    const started = await startJob(server(), body, 'mode=mass');
    assert.equal(started.status, 202, JSON.stringify(started.body));
    const job = await finished(server(), started.body.id);
    assert.equal(job.state, 'finished');
    assert.deepEqual(job.progress, { records: 30, imported: 28, failed: 2 });
    assert.deepEqual(job.failures.map((f: { line: number; code: string }) => [f.line, f.code]), [[5, 'REQUEST-102'], [21, 'MAPPINGTABLE-102']]);

    const malformed = await startJob(server(), (await xml(17, 5)).replace('</customerData>', '</customerDat>'), 'mode=bundle');
    const failed = await finished(server(), malformed.body.id);
    assert.equal(failed.state, 'failed');
    assert.equal(failed.error.code, 'REQUEST-108');
    assert.match(failed.error.message, /line 3:/);
    const read = await server().call('suacProvisioning', 'subscriberAccountRead', { subscriberAccountId: 'SA-S17-000000001' });
    assert.equal(read.status, 404);
  });

  test('when a multipart upload is resent with its Idempotency-Key, then the first job is replayed; another file or other fields with that key are refused', async () => {
    const file = ndjson(18, 3);
    const headers = { 'idempotency-key': 'multipart-upload-1' };
    const first = await uploadJob(server(), file, { fields: { mode: 'mass' }, headers });
    assert.equal(first.status, 202, JSON.stringify(first.body));
    const again = await uploadJob(server(), file, { fields: { mode: 'mass' }, headers });
    assert.equal(again.status, 202);
    assert.equal(again.replayed, 'true');
    assert.equal(again.body.id, first.body.id);
    assertFailure(await uploadJob(server(), ndjson(19, 3), { fields: { mode: 'mass' }, headers }), 422, 'IDEMPOTENCY-101', 'invalid');
    assertFailure(await uploadJob(server(), file, { fields: { mode: 'bundle' }, headers }), 422, 'IDEMPOTENCY-101', 'invalid');
    await finished(server(), first.body.id);
  });

  test('when a multipart upload is wrong, then the problem names it and no job starts: part name, no file, unknown field, bad option', async () => {
    const jobFiles = () => (existsSync(join(server().database.dir, 'jobs')) ? readdirSync(join(server().database.dir, 'jobs')).sort() : []);
    const before = jobFiles();
    assertFailure(await uploadJob(server(), ndjson(20, 1), { part: 'data' }), 400, 'REQUEST-102', 'invalid');
    assertFailure(await uploadJob(server(), ndjson(20, 1), { fields: { priority: 'high' } }), 400, 'REQUEST-102', 'invalid');
    assertFailure(await uploadJob(server(), ndjson(20, 1), { fields: { mode: 'all' } }), 400, 'REQUEST-106', 'invalid');
    assertFailure(await uploadJob(server(), ndjson(20, 1), { query: 'onAlreadyExistingTable=replace' }), 400, 'REQUEST-106', 'invalid');
    const form = new FormData();
    form.append('mode', 'mass');
    const response = await fetch(`${server().url}/api/v1/jobs`, { method: 'POST', headers: server().authorization({ user: 'migration' }), body: form });
    assertFailure({ status: response.status, body: await response.json() }, 400, 'REQUEST-101', 'invalid');
    const read = await server().call('suacProvisioning', 'subscriberAccountRead', { subscriberAccountId: 'SA-S20-000000001' });
    assert.equal(read.status, 404);
    assert.deepEqual(jobFiles(), before, 'a refused upload leaves no file');
  });

  test('when a job is asked wrongly, then the problem names it: role, mode, status closed, unknown job', async () => {
    assertFailure(await startJob(server(), ndjson(13, 1), 'mode=mass', 'provisioning'), 403, 'CC-SEC-AUTH-6', 'invalid');
    assertFailure(await startJob(server(), ndjson(13, 1), 'mode=all'), 400, 'REQUEST-106', 'invalid');
    assertFailure(await startJob(server(), ndjson(13, 1), 'status=closed'), 400, 'CUSTOMERDATA-26', 'invalid');
    assertFailure(await server().request('GET', '/api/v1/jobs/nope', undefined, { user: 'migration' }), 404, 'JOB-100', 'doesNotExist');
  });
});

/** The cap on a job upload of the servers below: a few customers' worth. */
const CAP = 64 * 1024;
const MiB = 1024 * 1024;

/** NDJSON customers padded with blank lines to exactly `size` bytes. */
function ndjsonOfSize(seed: number, size: number): string {
  const text = ndjson(seed, Math.floor(size / 5000));
  const bytes = Buffer.byteLength(text);
  assert.ok(bytes <= size);
  return text + '\n'.repeat(size - bytes);
}

/**
 * Streams `size` bytes of file to POST /api/v1/jobs without a length (chunked),
 * as the raw body or as the part `file` of a multipart upload, on a keep-alive
 * connection, and does not stop for the answer: it writes until it has sent
 * everything or the server closes the connection. `sent` is what the server let in.
 */
function streamJob(server: ApiClient, size: number, options: { multipart?: boolean; headers?: Record<string, string> } = {}): Promise<{ status: number; body: any; connection?: string; sent: number }> {
  const boundary = 'cap-test-boundary';
  const headers: Record<string, string> = { ...server.authorization({ user: 'migration' }), ...options.headers };
  if (options.multipart) headers['content-type'] = `multipart/form-data; boundary=${boundary}`;
  const agent = new Agent({ keepAlive: true });
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answer: { status: number; body: any; connection?: string } | undefined;
    let stopped = false;
    let patience: NodeJS.Timeout | undefined;
    const settle = () => {
      if (!answer || !stopped) return;
      clearTimeout(patience);
      agent.destroy();
      resolve({ ...answer, sent });
    };
    // a server that answered but neither reads on nor closes (a lingering close stops reading after a while) holds the writes: given up on 1 s after the answer
    const giveUp = () => {
      patience = setTimeout(() => {
        stopped = true;
        req.destroy();
        settle();
      }, 1000);
    };
    const req = httpRequest(`${server.url}/api/v1/jobs?mode=mass`, { method: 'POST', headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        answer = { status: res.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString('utf8')), connection: res.headers.connection };
        giveUp();
        settle();
      });
    });
    // the server closes the connection under the client's feet
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') return reject(error);
      stopped = true;
      settle();
    });
    if (options.multipart) req.write(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="customers"\r\ncontent-type: application/octet-stream\r\n\r\n`);
    const chunk = Buffer.alloc(64 * 1024, '{"x":1}\n');
    const pump = (): void => {
      while (!stopped && !req.destroyed && sent < size) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      if (stopped || req.destroyed) return;
      req.end(options.multipart ? `\r\n--${boundary}--\r\n` : undefined, () => {
        stopped = true;
        settle();
      });
    };
    pump();
  });
}

/**
 * A POST that asks `Expect: 100-continue` with a Content-Length of `length`: the
 * body (`length` bytes) is sent only if the server says "100 Continue". `continued`
 * tells whether it did.
 */
function expectContinue(server: ApiClient, path: string, length: number, body?: string, user = 'migration'): Promise<{ status: number; body: any; continued: boolean }> {
  const headers = { ...server.authorization({ user }), expect: '100-continue', 'content-length': String(length), 'content-type': 'application/json' };
  return new Promise((resolve, reject) => {
    let continued = false;
    const req = httpRequest(`${server.url}${path}`, { method: 'POST', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        // a body never sent is not sent after the answer either
        if (!continued) req.destroy();
        resolve({ status: res.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString('utf8')), continued });
      });
    });
    req.on('error', reject);
    req.on('continue', () => {
      continued = true;
      req.end(body ?? Buffer.alloc(length, ' '));
    });
    req.flushHeaders();
  });
}

/**
 * Streams a raw upload of `size` bytes (chunked) on a socket of its own, reading
 * nothing for the first `lateMs` (a client busy sending): what the server answered,
 * the status line and the body, however the connection ended.
 */
function lateReader(server: ApiClient, size: number, lateMs: number): Promise<{ status: number; body: any }> {
  const url = new URL(server.url);
  const headers = Object.entries(server.authorization({ user: 'migration' })).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  return new Promise((resolve) => {
    const socket = connect(Number(url.port), url.hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const answer = Buffer.concat(chunks).toString('utf8');
      const [head, body] = answer.split('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(head ?? '')?.[1] ?? 0), body: body ? JSON.parse(body) : undefined });
    });
    socket.pause();
    setTimeout(() => socket.resume(), lateMs);
    socket.write(`POST /api/v1/jobs?mode=mass HTTP/1.1\r\nhost: ${url.host}\r\n${headers}transfer-encoding: chunked\r\n\r\n`);
    const data = Buffer.alloc(64 * 1024, '{"x":1}\n');
    const frame = Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from('\r\n')]);
    let sent = 0;
    const pump = (): void => {
      while (!socket.destroyed && sent < size) {
        sent += data.length;
        if (!socket.write(frame)) {
          socket.once('drain', pump);
          return;
        }
      }
      if (!socket.destroyed) socket.end('0\r\n\r\n');
    };
    pump();
    // once the answer is in, the client stops sending and closes, as curl does
    socket.on('data', () => socket.destroy());
  });
}

describeOnStores(
  `bulk import jobs over HTTP with uploads capped at ${CAP} bytes`,
  (server) => {
    const jobFiles = () => (existsSync(join(server().database.dir, 'jobs')) ? readdirSync(join(server().database.dir, 'jobs')).sort() : []);
    /** every table but the audit log, whose authentications are not the point here */
    const tables = () => snapshotOf(server().database, ['audit_record', 'audit_object']);

    async function assertNothingLeft(before: { files: string[]; tables: unknown }): Promise<void> {
      assert.deepEqual(jobFiles(), before.files, 'a refused upload leaves no file in the jobs directory');
      assert.deepEqual(await tables(), before.tables, 'a refused upload creates no job and claims no Idempotency-Key');
      const health = await server().request('GET', '/health', undefined, { anonymous: true });
      assert.equal(health.status, 200, 'the server still answers');
    }

    test('when a raw upload is one byte over the cap, with its length or without, then it is REQUEST-111 (413), leaves no file and no job, and the server answers the next request', async () => {
      const before = { files: jobFiles(), tables: await tables() };
      const declared = await startJob(server(), ndjsonOfSize(30, CAP + 1), 'mode=mass');
      assertFailure(declared, 413, 'REQUEST-111', 'invalid');
      assert.match(declared.body.detail, new RegExp(`at most ${CAP} bytes`));
      const streamed = await streamJob(server(), CAP + 1);
      assertFailure(streamed, 413, 'REQUEST-111', 'invalid');
      await assertNothingLeft(before);
    });

    test('when a raw upload streams far past the cap, then it is refused once the cap is crossed and the connection closed, not read to its end', { timeout: 60_000 }, async () => {
      const before = { files: jobFiles(), tables: await tables() };
      const streamed = await streamJob(server(), 256 * MiB);
      assertFailure(streamed, 413, 'REQUEST-111', 'invalid');
      // the server closed the connection rather than read on: what got in is the cap and the sockets' buffers, not the file
      assert.equal(streamed.connection, 'close');
      assert.ok(streamed.sent < 32 * MiB, `the server let ${streamed.sent} bytes in`);
      await assertNothingLeft(before);
    });

    test('when a client streams far past the cap and reads its socket late, then the REQUEST-111 answer still reaches it: the connection is not reset under the answer', { timeout: 60_000 }, async () => {
      const before = { files: jobFiles(), tables: await tables() };
      for (const lateMs of [0, 300]) {
        const answer = await lateReader(server(), 64 * MiB, lateMs);
        assertFailure(answer, 413, 'REQUEST-111', 'invalid');
      }
      await assertNothingLeft(before);
    });

    test('when a multipart upload\'s file is one byte over the cap, or streams far past it, then it is REQUEST-111 (413) once the cap is crossed and the connection closed, and leaves no file and no job', { timeout: 60_000 }, async () => {
      const before = { files: jobFiles(), tables: await tables() };
      assertFailure(await uploadJob(server(), ndjsonOfSize(31, CAP + 1), { fields: { mode: 'mass' } }), 413, 'REQUEST-111', 'invalid');
      const streamed = await streamJob(server(), 256 * MiB, { multipart: true });
      assertFailure(streamed, 413, 'REQUEST-111', 'invalid');
      assert.equal(streamed.connection, 'close');
      assert.ok(streamed.sent < 32 * MiB, `the server let ${streamed.sent} bytes in`);
      await assertNothingLeft(before);
    });

    test('when a file is exactly the cap, raw or multipart, then its job is accepted and imports it', async () => {
      const raw = await startJob(server(), ndjsonOfSize(32, CAP), 'mode=mass');
      assert.equal(raw.status, 202, JSON.stringify(raw.body));
      const multipart = await uploadJob(server(), ndjsonOfSize(33, CAP), { fields: { mode: 'mass' } });
      assert.equal(multipart.status, 202, JSON.stringify(multipart.body));
      const count = Math.floor(CAP / 5000);
      for (const id of [raw.body.id, multipart.body.id]) {
        const job = await finished(server(), id);
        assert.equal(job.state, 'finished', JSON.stringify(job.error));
        assert.deepEqual(job.progress, { records: count, imported: count, failed: 0 });
      }
    });

    test('when an upload over the cap carries an Idempotency-Key, then it is refused each time, never replayed; the key then serves an upload within the cap, and a refused one after it is still refused', async () => {
      const headers = { 'idempotency-key': 'capped-upload-1' };
      const oversize = ndjsonOfSize(34, CAP + 1);
      for (let i = 0; i < 2; i++) {
        const refused = await streamJob(server(), CAP + 1, { headers });
        assertFailure(refused, 413, 'REQUEST-111', 'invalid');
        assertFailure(await uploadJob(server(), oversize, { fields: { mode: 'mass' }, headers }), 413, 'REQUEST-111', 'invalid');
      }
      const accepted = await uploadJob(server(), ndjson(35, 2), { fields: { mode: 'mass' }, headers });
      assert.equal(accepted.status, 202, JSON.stringify(accepted.body));
      assert.equal(accepted.replayed, null, 'the refusals kept nothing under the key');
      assertFailure(await uploadJob(server(), oversize, { fields: { mode: 'mass' }, headers }), 413, 'REQUEST-111', 'invalid');
      await finished(server(), accepted.body.id);
    });

    test('when a client asks Expect: 100-continue, then a body declared over its route\'s cap is refused without "100 Continue" (REQUEST-111), and one within it is let in and imported', async () => {
      const before = { files: jobFiles(), tables: await tables() };
      const refused = await expectContinue(server(), '/api/v1/jobs?mode=mass', CAP + 1);
      assertFailure(refused, 413, 'REQUEST-111', 'invalid');
      assert.equal(refused.continued, false, 'no "100 Continue" for a body the route refuses by its length');
      // any other route: past the server's 32 MiB bodyLimit
      const operation = await expectContinue(server(), '/api/v1/echo/echo', 33 * MiB, undefined, 'reader');
      assertFailure(operation, 413, 'REQUEST-111', 'invalid');
      assert.equal(operation.continued, false);
      await assertNothingLeft(before);
      const file = ndjsonOfSize(37, CAP);
      const accepted = await expectContinue(server(), '/api/v1/jobs?mode=mass', Buffer.byteLength(file), file);
      assert.equal(accepted.status, 202, JSON.stringify(accepted.body));
      assert.equal(accepted.continued, true);
      const job = await finished(server(), accepted.body.id);
      assert.deepEqual(job.progress, { records: Math.floor(CAP / 5000), imported: Math.floor(CAP / 5000), failed: 0 });
      const echo = await expectContinue(server(), '/api/v1/echo/echo', 15, '{"text": "hi"} ', 'reader');
      assert.equal(echo.continued, true);
      assert.equal(echo.status, 200, JSON.stringify(echo.body));
    });
  },
  { jobMaxBytes: CAP },
);

describe('convergent serve with a cap on job uploads', () => {
  test('when CONVERGENT_JOB_MAX_BYTES is 64K, then a raw upload of 64 KiB is accepted and one byte more is REQUEST-111; a --job-max-bytes that is not bytes is a usage error', { timeout: 120_000 }, async () => {
    const database = await freshDatabase('sqlite');
    try {
      const usage = await runConvergent(['serve', '--db', database.db, '--port', '0', '--job-max-bytes', 'lots']);
      assert.equal(usage.code, 2, usage.stderr);
      assert.match(usage.stderr, /--job-max-bytes/);
      await prepareDatabase(database.db);
      const served = await spawnServer(database.db, database.dir, { env: { CONVERGENT_JOB_MAX_BYTES: '64K' } });
      try {
        assertFailure(await startJob(served.client, ndjsonOfSize(36, CAP + 1), 'mode=mass'), 413, 'REQUEST-111', 'invalid');
        const accepted = await startJob(served.client, ndjsonOfSize(36, CAP), 'mode=mass');
        assert.equal(accepted.status, 202, JSON.stringify(accepted.body));
        assert.equal((await finished(served.client, accepted.body.id)).state, 'finished');
      } finally {
        await served.stop();
      }
    } finally {
      await database.drop();
    }
  });
});
