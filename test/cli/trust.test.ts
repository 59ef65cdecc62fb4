// `convergent user token|password` and `convergent audit` on a store of their own,
// as an operator runs them.
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Authenticator } from '../../src/operations/users.ts';
import { withStore } from '../../src/cli/common.ts';

const dir = mkdtempSync(join(tmpdir(), 'convergent-cli-trust-'));
const db = join(dir, 'cli.db');

function convergent(args: string[], input?: string) {
  const result = spawnSync(process.execPath, ['bin/convergent.js', ...args], { input, encoding: 'utf8', env: { ...process.env, CONVERGENT_DB: db } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const authenticates = (name: string, secret: { password?: string; token?: string }) =>
  withStore(db, async (store) => {
    const authenticator = new Authenticator(store);
    const user = secret.token ? await authenticator.authenticateToken(secret.token) : await authenticator.authenticate(name, secret.password!);
    return user?.name === name;
  });

describe('convergent user token, user password, audit', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('when a token is issued, then it is printed once, authenticates its user, is listed without its secret, and once revoked no longer authenticates', async () => {
    assert.equal(convergent(['user', 'add', 'crm', '--role', 'provisioning', '--password-stdin'], 'a-long-password\n').code, 0);
    const issued = convergent(['user', 'token', 'crm', '--description', 'CRM connector']);
    assert.equal(issued.code, 0, issued.stderr);
    const [, id] = /^token (\S+) of crm/m.exec(issued.stdout)!;
    const token = issued.stdout.trim().split('\n').at(-1)!;
    assert.match(token, /^cvt_[A-Za-z0-9_-]{43}$/);
    assert.equal(await authenticates('crm', { token }), true);
    const listed = convergent(['user', 'token', 'list', 'crm']);
    assert.match(listed.stdout, new RegExp(`^${id}\\tcrm\\t\\S+\\t-\\tCRM connector$`, 'm'));
    assert.doesNotMatch(listed.stdout, new RegExp(token));
    assert.equal(convergent(['user', 'token', 'revoke', id]).code, 0);
    assert.equal(await authenticates('crm', { token }), false);
    assert.match(convergent(['user', 'token', 'list', 'crm']).stdout, new RegExp(`^${id}\\tcrm\\t\\S+\\t\\d{4}-`, 'm'));
    const again = convergent(['user', 'token', 'revoke', id]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /CC-SEC-AUTH-107/);
    const nobody = convergent(['user', 'token', 'nobody']);
    assert.equal(nobody.code, 1);
    assert.match(nobody.stderr, /CC-SEC-AUTH-103/);
  });

  test('when a password is rotated, then the new one authenticates and the old one no longer does', async () => {
    assert.equal(convergent(['user', 'add', 'ops', '--role', 'administrator', '--password-stdin'], 'the-old-password\n').code, 0);
    const changed = convergent(['user', 'password', 'ops', '--password-stdin'], 'the-new-password\n');
    assert.equal(changed.code, 0, changed.stderr);
    assert.equal(await authenticates('ops', { password: 'the-new-password' }), true);
    assert.equal(await authenticates('ops', { password: 'the-old-password' }), false);
    const generated = convergent(['user', 'password', 'ops']);
    const [, password] = /password (\S{16,})$/m.exec(generated.stdout)!;
    assert.equal(await authenticates('ops', { password }), true);
    assert.equal(convergent(['user', 'password', 'ops', '--password-stdin'], 'short\n').code, 1);
  });

  test('when the audit log is printed, then it shows the command-line writes with their user, outcome and code', () => {
    const printed = convergent(['audit', '--json', '--limit', '1000']);
    assert.equal(printed.code, 0, printed.stderr);
    // the failed authentications of the checks above are audited too; here: the commands
    const records = printed.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
      .filter((r) => r.operation !== 'authenticate');
    const brief = records.map((r) => `${r.operation} ${r.outcome} ${r.errorCode ?? '-'}`);
    assert.deepEqual(brief, [
      'userAdd success -',
      'userTokenIssue success -',
      'userTokenRevoke success -',
      'userTokenRevoke failure CC-SEC-AUTH-107',
      'userTokenIssue failure CC-SEC-AUTH-103',
      'userAdd success -',
      'userPasswordChange success -',
      'userPasswordChange success -',
    ]);
    assert.ok(records.every((r) => r.channel === 'cli' && r.user.startsWith('cli')));
    const forCrm = convergent(['audit', '--object', 'crm']);
    assert.equal(forCrm.stdout.trim().split('\n').length, 2, forCrm.stdout);
    assert.equal(convergent(['audit', '--from', 'yesterday']).code, 2);
  });
});
