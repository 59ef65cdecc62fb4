// `convergent transfer` refusing what it cannot do before touching any server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runConvergent } from '../helpers/cli.ts';
import { freePort } from '../helpers/processes.ts';

const dir = mkdtempSync(join(tmpdir(), 'convergent-transfer-cli-'));
const passwordFile = join(dir, 'password');
writeFileSync(passwordFile, 'secret\n');
const servers = ['--from', 'http://127.0.0.1:1', '--to', 'http://127.0.0.1:2'];
const credentials = ['--user', 'transfer', '--password-file', passwordFile];
const transfer = (args: string[]) => runConvergent(['transfer', ...args]);

test.after(() => rmSync(dir, { recursive: true, force: true }));

test('when no accounts or contracts, or two kinds of them, are given, then it is a usage error (exit 2)', async () => {
  for (const selection of [[], ['--account', 'SA-1', '--contract', 'CC-1']]) {
    const result = await transfer([...servers, ...credentials, '--journal', join(dir, 'j1'), ...selection]);
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /exactly one of --account/);
  }
});

test('when the password file does not exist, then it is a usage error naming it', async () => {
  const result = await transfer([...servers, '--user', 'transfer', '--password-file', join(dir, 'nope'), '--account', 'SA-1', '--journal', join(dir, 'j2')]);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /password file: no such file/);
});

test('when the journal is that of a transfer between other servers, then it is a usage error', async () => {
  const journal = join(dir, 'j3');
  writeFileSync(journal, `${JSON.stringify({ journal: 'convergent transfer journal', from: 'http://a:1', to: 'http://b:2' })}\n`);
  const result = await transfer([...servers, ...credentials, '--account', 'SA-1', '--journal', journal]);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /journal of a transfer from http:\/\/a:1 to http:\/\/b:2/);
});

test('when a server does not answer, then the transfer fails with TRANSFER-103 before anything is done', async () => {
  const port = await freePort();
  const result = await transfer(['--from', `http://127.0.0.1:${port}`, '--to', `http://127.0.0.1:${port}`, ...credentials, '--account', 'SA-1', '--journal', join(dir, 'j4')]);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /TRANSFER-103 \(temporaryIllegalSystemState\): (source|destination): http:\/\/127\.0\.0\.1:\d+ did not answer \/api\/v1\/catalog/);
});
