// Every error of the seed page (Lock a Charging Contract Collection) and of SPEC 4.8,
// with its category, for lock and unlock alike.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeOnStores } from '../helpers/server.ts';
import { assertFailure, changeStatus } from '../helpers/customerData.ts';
import { lockCollection, lockIdsOf, provisionRechargingAccount, unlockCollection, type Collection } from '../helpers/recharging.ts';

const both = [
  ['lock', lockCollection],
  ['unlock', unlockCollection],
] as const;

describeOnStores('recharging lock errors', (server) => {
  test('when the collection or its subscriber account id is missing, then RECHARGING-100 (invalid)', async () => {
    for (const [, call] of both) {
      assertFailure(await call(server(), undefined, 'RL-E'), 400, 'RECHARGING-100', 'invalid');
      assertFailure(await call(server(), { chargingContractId: ['any'] }, 'RL-E'), 400, 'RECHARGING-100', 'invalid');
    }
  });

  test('when a contract is listed twice, then RECHARGING-101 (invalid)', async () => {
    const a = await provisionRechargingAccount(server(), 'er-twice');
    for (const [, call] of both) {
      assertFailure(await call(server(), { subscriberAccountId: a.accountId, chargingContractId: [a.root, a.standalone[0], a.root] }, 'RL-E'), 400, 'RECHARGING-101', 'invalid');
    }
    assert.deepEqual(await lockIdsOf(server(), [a.root, a.standalone[0]]), { [a.root]: undefined, [a.standalone[0]]: undefined });
  });

  test('when the lock id is missing or not [A-Za-z0-9._:-]{1,256}, then invalid (RECHARGING-102; REQUEST-103 past 256 characters)', async () => {
    const a = await provisionRechargingAccount(server(), 'er-lockid');
    const collection = { subscriberAccountId: a.accountId };
    for (const [, call] of both) {
      assertFailure(await call(server(), collection), 400, 'RECHARGING-102', 'invalid');
      for (const bad of ['with space', 'slash/no', 'ümlaut', 'semi;colon']) assertFailure(await call(server(), collection, bad), 400, 'RECHARGING-102', 'invalid');
      assertFailure(await call(server(), collection, ''), 400, 'REQUEST-103', 'invalid');
      assertFailure(await call(server(), collection, 'x'.repeat(257)), 400, 'REQUEST-103', 'invalid');
    }
    const longest = 'aZ0._:-'.repeat(36).padEnd(256, 'q');
    assert.equal((await lockCollection(server(), collection, longest)).body.status, 'return');
  });

  test('when the subscriber account does not exist, then RECHARGING-103 (prerequisiteMissing)', async () => {
    for (const [, call] of both) assertFailure(await call(server(), { subscriberAccountId: 'er-nobody' }, 'RL-E'), 422, 'RECHARGING-103', 'prerequisiteMissing');
  });

  test('when the account has no contracts, then RECHARGING-104; when by account all are closed, then RECHARGING-109 (prerequisiteMissing)', async () => {
    const created = await server().call('suacProvisioning', 'subscriberAccountMaintain', { subscriberAccount: { id: 'er-empty', subscriberId: 'BP-empty' } });
    assert.equal(created.body.status, 'return');
    const a = await provisionRechargingAccount(server(), 'er-closed', { standalone: 0, closed: true });
    await changeStatus(server(), a.root, 'locked');
    await changeStatus(server(), a.root, 'closed');
    for (const [, call] of both) {
      assertFailure(await call(server(), { subscriberAccountId: 'er-empty' }, 'RL-E'), 422, 'RECHARGING-104', 'prerequisiteMissing');
      assertFailure(await call(server(), { subscriberAccountId: 'er-empty', chargingContractId: ['any'] }, 'RL-E'), 422, 'RECHARGING-104', 'prerequisiteMissing');
      assertFailure(await call(server(), { subscriberAccountId: a.accountId }, 'RL-E'), 422, 'RECHARGING-109', 'prerequisiteMissing');
    }
  });

  test('when a listed contract does not exist, then RECHARGING-105; when it is of another account, then RECHARGING-106 (prerequisiteMissing)', async () => {
    const a = await provisionRechargingAccount(server(), 'er-ids');
    const b = await provisionRechargingAccount(server(), 'er-ids2');
    for (const [, call] of both) {
      assertFailure(await call(server(), { subscriberAccountId: a.accountId, chargingContractId: [a.root, 'er-none'] }, 'RL-E'), 422, 'RECHARGING-105', 'prerequisiteMissing');
      assertFailure(await call(server(), { subscriberAccountId: a.accountId, chargingContractId: [a.root, b.standalone[0]] }, 'RL-E'), 422, 'RECHARGING-106', 'prerequisiteMissing');
    }
    assert.deepEqual(await lockIdsOf(server(), [a.root]), { [a.root]: undefined });
  });

  test('when a listed contract is locked or closed in operational status, then OPERATIONALSTATUS-1 (illegalState) and nothing is locked', async () => {
    const a = await provisionRechargingAccount(server(), 'er-status', { closed: true });
    await changeStatus(server(), a.standalone[0], 'locked');
    const collection = (id: string): Collection => ({ subscriberAccountId: a.accountId, chargingContractId: [a.root, id] });
    assertFailure(await lockCollection(server(), collection(a.standalone[0]), 'RL-E'), 409, 'OPERATIONALSTATUS-1', 'illegalState');
    assertFailure(await lockCollection(server(), collection(a.closed!), 'RL-E'), 409, 'OPERATIONALSTATUS-1', 'illegalState');
    assertFailure(await lockCollection(server(), { subscriberAccountId: a.accountId }, 'RL-E'), 409, 'OPERATIONALSTATUS-1', 'illegalState');
    assert.deepEqual(await lockIdsOf(server(), [a.root]), { [a.root]: undefined });
  });
});

const catalogDir = mkdtempSync(join(tmpdir(), 'convergent-catalog-'));
const offCatalog = join(catalogDir, 'recharging-off.json');
const sample = JSON.parse(readFileSync(new URL('../../examples/catalog.json', import.meta.url), 'utf8'));
writeFileSync(offCatalog, JSON.stringify({ ...sample, features: { recharging: false } }));
after(() => rmSync(catalogDir, { recursive: true, force: true }));

describeOnStores(
  'recharging switched off in the catalog',
  (server) => {
    test('when the catalog switches recharging off, then lock and unlock are RECHARGING-107 (invalidConfiguration)', async () => {
      const a = await provisionRechargingAccount(server(), 'er-off');
      for (const [, call] of both) assertFailure(await call(server(), { subscriberAccountId: a.accountId }, 'RL-OFF'), 409, 'RECHARGING-107', 'invalidConfiguration');
      assert.deepEqual(await lockIdsOf(server(), [a.root]), { [a.root]: undefined });
    });
  },
  { catalogFile: offCatalog },
);
