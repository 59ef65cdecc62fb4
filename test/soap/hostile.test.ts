// Hostile XML against a server in its own process, so its peak memory (VmHWM) can
// be read: each document gets a Fault quickly, no local file is read, the process
// stays under 200 MB, and the next request is served.
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { constants, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { assertFault, callSoap, child, parseXml, requestEnvelope, textOf, type SoapAnswer } from './client.ts';

const MiB = 1024 * 1024;
const MEMORY_CEILING = 200 * MiB;
const QUICKLY_MS = 5000;
/** scanning tens of MB is linear but not instant on a busy 2-CPU machine (about 3 s measured) */
const STREAMED_MS = 20_000;

interface ServerProcess {
  url: string;
  process: ChildProcess;
}

async function startServer(env: Record<string, string> = {}): Promise<ServerProcess> {
  const fixture = new URL('./fixtures/server.ts', import.meta.url).pathname;
  const child = spawn(process.execPath, [fixture], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const timer = setTimeout(() => child.kill(), 30_000);
  for await (const url of createInterface({ input: child.stdout! })) {
    clearTimeout(timer);
    return { url, process: child };
  }
  throw new Error('the server process ended before it listened');
}

async function stopServer(server: ServerProcess | undefined): Promise<void> {
  if (!server || server.process.exitCode !== null) return;
  const exited = new Promise((resolve) => server.process.once('exit', resolve));
  server.process.kill('SIGTERM');
  await exited;
}

/** Peak resident memory of the process so far, in bytes. */
function peakMemory(server: ServerProcess): number {
  const status = readFileSync(`/proc/${server.process.pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

function assertUnderCeiling(server: ServerProcess): void {
  const peak = peakMemory(server);
  assert.ok(peak < MEMORY_CEILING, `peak resident memory ${Math.round(peak / MiB)} MiB`);
}

/** POSTs a body that may be refused before it is all sent; resolves with the answer as soon as it comes. */
function postRaw(url: string, path: string, body: Buffer | string, options: { chunked?: boolean } = {}): Promise<{ answer: SoapAnswer; ms: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { 'content-type': 'text/xml; charset=utf-8' };
    if (!options.chunked) headers['content-length'] = Buffer.byteLength(body);
    // keep-alive: the server then drains what it refused instead of closing under the client's feet
    const agent = new Agent({ keepAlive: true });
    const req = request(`${url}${path}`, { method: 'POST', headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        agent.destroy();
        const text = Buffer.concat(chunks).toString('utf8');
        const body = child(parseXml(text), 'Body')!.children[0];
        resolve({ answer: { status: res.statusCode!, text, contentType: res.headers['content-type'] ?? null, body }, ms: Date.now() - started });
      });
    });
    // the server may close the connection while the body is still being sent
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    const buffer = typeof body === 'string' ? Buffer.from(body) : body;
    const piece = 1024 * 1024;
    const writeFrom = (offset: number): void => {
      while (offset < buffer.length) {
        const ok = req.write(buffer.subarray(offset, offset + piece));
        offset += piece;
        if (!ok) {
          req.once('drain', () => writeFrom(offset));
          return;
        }
      }
      req.end();
    };
    writeFrom(0);
  });
}

function withDoctype(doctype: string, text: string): string {
  return requestEnvelope('echo', 'echo', `<text>${text}</text>`).replace('?>', `?><!DOCTYPE soapenv:Envelope [${doctype}]>`);
}

async function assertStillServing(server: ServerProcess): Promise<void> {
  const answer = await callSoap(server.url, 'echo', 'echo', '<text>still serving</text>', { user: 'reader' });
  assert.equal(textOf(answer.body, 'text'), 'still serving');
}

describe('hostile XML', () => {
  let server: ServerProcess | undefined;
  let dir: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'convergent-hostile-'));
    server = await startServer();
    // the first authentication hashes with scrypt (16 MB for a moment): done before, not on top of, a document
    await assertStillServing(server);
  });

  after(async () => {
    await stopServer(server);
    rmSync(dir, { recursive: true, force: true });
  });

  test('when a document declares an external entity to a local file, then it is refused and the file is not read', async () => {
    const secret = join(dir, 'secret.txt');
    writeFileSync(secret, 'TOP-SECRET-MARKER');
    // a FIFO would block any reader that opened it: opening it for writing without a reader fails with ENXIO
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const xml = withDoctype(`<!ENTITY xxe SYSTEM "file://${secret}"><!ENTITY pipe SYSTEM "file://${fifo}">`, '&xxe;&pipe;');
    const { answer, ms } = await postRaw(server!.url, '/echo', xml);
    assertFault(answer, 'REQUEST-116');
    assert.ok(ms < QUICKLY_MS, `answered in ${ms} ms`);
    assert.ok(!answer.text.includes('TOP-SECRET-MARKER'));
    assert.throws(() => openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK), { code: 'ENXIO' });
    await assertStillServing(server!);
    assertUnderCeiling(server!);
  });

  test('when a document is a billion laughs, then it is refused at once', async () => {
    let doctype = '<!ENTITY lol0 "lol">';
    for (let i = 1; i <= 9; i++) doctype += `<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`;
    const { answer, ms } = await postRaw(server!.url, '/echo', withDoctype(doctype, '&lol9;'));
    assertFault(answer, 'REQUEST-116');
    assert.ok(ms < QUICKLY_MS, `answered in ${ms} ms`);
    await assertStillServing(server!);
    assertUnderCeiling(server!);
  });

  test('when a document nests 100 000 elements deep, then it is refused for its depth', async () => {
    const depth = 100_000;
    const xml = requestEnvelope('echo', 'echo', `${'<text>'.repeat(depth)}${'</text>'.repeat(depth)}`, { user: 'reader' });
    const { answer, ms } = await postRaw(server!.url, '/echo', xml);
    assertFault(answer, 'REQUEST-114');
    assert.ok(ms < QUICKLY_MS, `answered in ${ms} ms`);
    await assertStillServing(server!);
    assertUnderCeiling(server!);
  });

  const envelopeOpening = Buffer.from('<?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"');

  test('when 50 MB of attributes are announced with their length, then they are refused for the request size before they are read', async () => {
    const xml = Buffer.concat([envelopeOpening, Buffer.alloc(50 * MiB, ' a="x"'), Buffer.from('/>')]);
    const { answer, ms } = await postRaw(server!.url, '/echo', xml);
    assertFault(answer, 'REQUEST-111');
    assert.ok(ms < QUICKLY_MS, `answered in ${ms} ms`);
    await assertStillServing(server!);
    assertUnderCeiling(server!);
  });

  test('when 50 MB of attributes stream in without a length, then the count of attributes on one element refuses them', async () => {
    const xml = Buffer.concat([envelopeOpening, Buffer.alloc(50 * MiB, ' a="x"'), Buffer.from('/>')]);
    const { answer, ms } = await postRaw(server!.url, '/echo', xml, { chunked: true });
    assertFault(answer, 'REQUEST-115');
    assert.ok(ms < QUICKLY_MS, `answered in ${ms} ms`);
    await assertStillServing(server!);
    assertUnderCeiling(server!);
  });

  // each test checks the ceiling after its own document too, so that it stands alone
  test('when all of that is done, then the server process never grew past 200 MB', () => {
    assertUnderCeiling(server!);
  });
});

// floods that are not refused at their first bytes but scanned up to a limit: each in a server of its own
describe('floods of XML', () => {
  let server: ServerProcess | undefined;

  beforeEach(async () => {
    server = await startServer();
    // the first authentication hashes with scrypt (16 MB for a moment): done before, not on top of, the flood
    await assertStillServing(server);
  });

  afterEach(() => stopServer(server));

  const envelopeOpening = Buffer.from('<?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"');

  test('when 40 MB of text stream in without a length, then the request size refuses them once 32 MiB have come, within 200 MB', async () => {
    const xml = Buffer.concat([envelopeOpening, Buffer.from('><soapenv:Header><x>'), Buffer.alloc(40 * MiB, 'text ')]);
    const { answer, ms } = await postRaw(server!.url, '/echo', xml, { chunked: true });
    assertFault(answer, 'REQUEST-111');
    assert.ok(ms < STREAMED_MS, `answered in ${ms} ms`);
    await assertStillServing(server!);
    assertUnderCeiling(server!);
  });

  test('when a million empty elements stream in, then the element count refuses them, within 200 MB', async () => {
    const xml = Buffer.concat([envelopeOpening, Buffer.from('><soapenv:Header>'), Buffer.alloc(4 * MiB, '<y/>')]);
    const { answer, ms } = await postRaw(server!.url, '/echo', xml);
    assertFault(answer, 'REQUEST-115');
    assert.ok(ms < STREAMED_MS, `answered in ${ms} ms`);
    await assertStillServing(server!);
    assertUnderCeiling(server!);
  });
});
