// The `convergent` command on a store of its own, as an operator runs it.
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Catalog } from '../../src/model/catalog.ts';

const dir = mkdtempSync(join(tmpdir(), 'convergent-cli-'));
const db = join(dir, 'cli.db');

function convergent(args: string[], input?: string) {
  const result = spawnSync(process.execPath, ['bin/convergent.js', ...args], { input, encoding: 'utf8', env: { ...process.env, CONVERGENT_DB: db } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('convergent CLI', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('when a user is added with a password on stdin, then it is listed with its roles, and can be removed', () => {
    const added = convergent(['user', 'add', 'crm', '--role', 'provisioning', 'reader', '--password-stdin'], 'a-long-password\n');
    assert.equal(added.code, 0, added.stderr);
    const listed = convergent(['user', 'list']);
    assert.match(listed.stdout, /^crm\tprovisioning,reader\t/m);
    assert.equal(convergent(['user', 'remove', 'crm']).code, 0);
    assert.doesNotMatch(convergent(['user', 'list']).stdout, /^crm/m);
  });

  test('when a user is added without a password, then one is generated and printed once', () => {
    const added = convergent(['user', 'add', 'batch', '--role', 'migration']);
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stdout, /^added batch; password \S{16,}$/m);
  });

  test('when a business rule refuses a command, then it exits 1 naming the error code', () => {
    const unknownRole = convergent(['user', 'add', 'x', '--role', 'superuser', '--password-stdin'], 'a-long-password');
    assert.equal(unknownRole.code, 1);
    assert.match(unknownRole.stderr, /CC-SEC-AUTH-104/);
    const missing = convergent(['user', 'remove', 'nobody']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /CC-SEC-AUTH-103/);
  });

  test('when the command line is wrong, then it exits 2', () => {
    assert.equal(convergent(['user', 'add']).code, 2);
    assert.equal(convergent(['no-such-command']).code, 2);
  });

  test('when a catalog is loaded, then catalog show prints its fingerprint', () => {
    const loaded = convergent(['catalog', 'load', 'examples/catalog.json']);
    assert.equal(loaded.code, 0, loaded.stderr);
    const fingerprint = Catalog.fromJson(readFileSync('examples/catalog.json', 'utf8')).fingerprint;
    assert.match(convergent(['catalog', 'show']).stdout, new RegExp(`^fingerprint ${fingerprint}$`, 'm'));
  });

  test('when a catalog file is invalid, then catalog load exits 1 with CATALOG-100 and the file name', () => {
    const bad = join(dir, 'bad-catalog.json');
    writeFileSync(bad, '{"currencies": 3}');
    const result = convergent(['catalog', 'load', bad]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /CATALOG-100/);
    assert.match(result.stderr, /bad-catalog\.json/);
  });
});
