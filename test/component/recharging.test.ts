import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeOnStores } from '../helpers/server.ts';
import { assertFailure } from '../helpers/customerData.ts';
import { findLocks, lockCollection, lockIdsOf, provisionRechargingAccount, unlockCollection } from '../helpers/recharging.ts';

describeOnStores('recharging locks', (server) => {
  test('when a root is locked by id, then it and its linked contract are held, and reads and LockFind show the lock id', async () => {
    const a = await provisionRechargingAccount(server(), 'rl-root');
    const locked = await lockCollection(server(), { subscriberAccountId: a.accountId, chargingContractId: [a.root] }, 'RL-1');
    assert.deepEqual(locked.body, { status: 'return', lockedChargingContractId: [a.root, a.linked] });
    assert.deepEqual(await lockIdsOf(server(), [a.root, a.linked, a.standalone[0]]), { [a.root]: 'RL-1', [a.linked]: 'RL-1', [a.standalone[0]]: undefined });
    const found = await findLocks(server(), { subscriberAccountId: a.accountId });
    assert.deepEqual(
      found.body.rechargingLock.map((l: any) => [l.chargingContractId, l.subscriberAccountId, l.rechargingLockId, l.user]),
      [
        [a.root, a.accountId, 'RL-1', 'rerating'],
        [a.linked, a.accountId, 'RL-1', 'rerating'],
      ],
    );
    assert.match(found.body.rechargingLock[0].lockedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
  });

  test('when a linked contract is locked by id, then its whole family is held', async () => {
    const a = await provisionRechargingAccount(server(), 'rl-linked');
    const locked = await lockCollection(server(), { subscriberAccountId: a.accountId, chargingContractId: [a.linked] }, 'RL-LINKED');
    assert.deepEqual(locked.body.lockedChargingContractId, [a.root, a.linked]);
    assert.deepEqual(await lockIdsOf(server(), [a.root, a.linked]), { [a.root]: 'RL-LINKED', [a.linked]: 'RL-LINKED' });
  });

  test('when an account alone is locked, then all its contracts that are not closed are held', async () => {
    const a = await provisionRechargingAccount(server(), 'rl-account', { standalone: 2, closed: true });
    const locked = await lockCollection(server(), { subscriberAccountId: a.accountId }, 'RL-ACCOUNT');
    assert.deepEqual(locked.body.lockedChargingContractId, [a.root, a.linked, ...a.standalone]);
    assert.deepEqual(await lockIdsOf(server(), [...a.standalone, a.closed!]), { [a.standalone[0]]: 'RL-ACCOUNT', [a.standalone[1]]: 'RL-ACCOUNT', [a.closed!]: undefined });
  });

  test('when the same collection is locked again with the same lock id, then it succeeds with no effect', async () => {
    const a = await provisionRechargingAccount(server(), 'rl-repeat');
    const collection = { subscriberAccountId: a.accountId, chargingContractId: [a.root] };
    const first = await lockCollection(server(), collection, 'RL-REPEAT');
    const before = (await findLocks(server(), { rechargingLockId: 'RL-REPEAT' })).body;
    await new Promise((resolve) => setTimeout(resolve, 1100)); // a new lockedAt would show
    const again = await lockCollection(server(), collection, 'RL-REPEAT');
    assert.deepEqual(again.body, first.body);
    assert.deepEqual((await findLocks(server(), { rechargingLockId: 'RL-REPEAT' })).body, before);
  });

  test('when a collection overlaps one held by another lock id, then RECHARGING-108 and nothing of it is locked', async () => {
    const a = await provisionRechargingAccount(server(), 'rl-other', { standalone: 2 });
    await lockCollection(server(), { subscriberAccountId: a.accountId, chargingContractId: [a.standalone[1]] }, 'RL-FIRST');
    const refused = await lockCollection(server(), { subscriberAccountId: a.accountId, chargingContractId: [a.root, a.standalone[0], a.standalone[1]] }, 'RL-SECOND');
    assertFailure(refused, 409, 'RECHARGING-108', 'illegalState');
    assert.deepEqual(await lockIdsOf(server(), [a.root, a.linked, ...a.standalone]), {
      [a.root]: undefined,
      [a.linked]: undefined,
      [a.standalone[0]]: undefined,
      [a.standalone[1]]: 'RL-FIRST',
    });
    const byAccount = await lockCollection(server(), { subscriberAccountId: a.accountId }, 'RL-SECOND');
    assertFailure(byAccount, 409, 'RECHARGING-108', 'illegalState');
  });

  test('when a root is held, then locking its linked contract with another lock id is RECHARGING-108', async () => {
    const a = await provisionRechargingAccount(server(), 'rl-family');
    await lockCollection(server(), { subscriberAccountId: a.accountId, chargingContractId: [a.root] }, 'RL-ROOT');
    assertFailure(await lockCollection(server(), { subscriberAccountId: a.accountId, chargingContractId: [a.linked] }, 'RL-SIBLING'), 409, 'RECHARGING-108', 'illegalState');
  });

  test('when a collection is unlocked, then its lock id releases it, and a contract held outside the collection stays held', async () => {
    const a = await provisionRechargingAccount(server(), 'rl-unlock', { standalone: 2 });
    await lockCollection(server(), { subscriberAccountId: a.accountId }, 'RL-U');
    const unlocked = await unlockCollection(server(), { subscriberAccountId: a.accountId, chargingContractId: [a.linked, a.standalone[0]] }, 'RL-U');
    assert.deepEqual(unlocked.body, { status: 'return' });
    assert.deepEqual(await lockIdsOf(server(), [a.root, a.linked, ...a.standalone]), {
      [a.root]: undefined,
      [a.linked]: undefined,
      [a.standalone[0]]: undefined,
      [a.standalone[1]]: 'RL-U',
    });
  });

  test('when an unlock names contracts that are not locked, then they are left alone and it succeeds', async () => {
    const a = await provisionRechargingAccount(server(), 'rl-notlocked', { standalone: 2 });
    await lockCollection(server(), { subscriberAccountId: a.accountId, chargingContractId: [a.standalone[0]] }, 'RL-N');
    const unlocked = await unlockCollection(server(), { subscriberAccountId: a.accountId }, 'RL-N');
    assert.deepEqual(unlocked.body, { status: 'return' });
    assert.deepEqual(await lockIdsOf(server(), [a.root, ...a.standalone]), { [a.root]: undefined, [a.standalone[0]]: undefined, [a.standalone[1]]: undefined });
    assert.deepEqual((await unlockCollection(server(), { subscriberAccountId: a.accountId }, 'RL-N')).body, { status: 'return' });
  });

  test('when an unlock names a contract held by another lock id, then RECHARGING-108 and nothing is released', async () => {
    const a = await provisionRechargingAccount(server(), 'rl-unlockother', { standalone: 1 });
    await lockCollection(server(), { subscriberAccountId: a.accountId, chargingContractId: [a.root] }, 'RL-MINE');
    await lockCollection(server(), { subscriberAccountId: a.accountId, chargingContractId: [a.standalone[0]] }, 'RL-THEIRS');
    const refused = await unlockCollection(server(), { subscriberAccountId: a.accountId }, 'RL-MINE');
    assertFailure(refused, 409, 'RECHARGING-108', 'illegalState');
    assert.deepEqual(await lockIdsOf(server(), [a.root, a.standalone[0]]), { [a.root]: 'RL-MINE', [a.standalone[0]]: 'RL-THEIRS' });
  });

  test('when locks are found by lock id, by account or with neither, then each held contract is listed once', async () => {
    const a = await provisionRechargingAccount(server(), 'rl-find', { standalone: 1 });
    const b = await provisionRechargingAccount(server(), 'rl-find2', { standalone: 1 });
    await lockCollection(server(), { subscriberAccountId: a.accountId, chargingContractId: [a.standalone[0]] }, 'RL-FIND');
    await lockCollection(server(), { subscriberAccountId: b.accountId, chargingContractId: [b.root] }, 'RL-FIND');
    const ids = (result: any) => (result.body.rechargingLock ?? []).map((l: any) => l.chargingContractId);
    assert.deepEqual(ids(await findLocks(server(), { rechargingLockId: 'RL-FIND' })), [a.standalone[0], b.root, b.linked]);
    assert.deepEqual(ids(await findLocks(server(), { subscriberAccountId: b.accountId, rechargingLockId: 'RL-FIND' })), [b.root, b.linked]);
    assert.deepEqual(ids(await findLocks(server(), { rechargingLockId: 'RL-NONE' })), []);
    assert.deepEqual((await findLocks(server(), { rechargingLockId: 'RL-NONE' })).body, { status: 'return' });
    const all = ids(await findLocks(server(), {}, 'reader'));
    assert.ok([a.standalone[0], b.root, b.linked].every((id) => all.includes(id)));
    assertFailure(await findLocks(server(), { rechargingLockId: 'no spaces' }), 400, 'RECHARGING-102', 'invalid');
  });

  test('when a lock mass holds a failing item, then the others are applied and failures counts it', async () => {
    const a = await provisionRechargingAccount(server(), 'rl-mass', { standalone: 2 });
    const item = (ids: string[], rechargingLockId: string) => ({ chargingContractCollection: { subscriberAccountId: a.accountId, chargingContractId: ids }, rechargingLockId });
    const mass = await server().call(
      'recharging',
      'chargingContractCollectionLockMass',
      { chargingContractCollectionLockRequest: [item([a.root], 'RL-M'), item([a.root, a.standalone[0]], 'RL-OTHER'), item([a.standalone[1]], 'RL-M')] },
      { user: 'rerating' },
    );
    assert.equal(mass.body.status, 'return');
    assert.equal(mass.body.failures, 1);
    const [first, second, third] = mass.body.chargingContractCollectionLockResponse;
    assert.deepEqual(first, { status: 'return', lockedChargingContractId: [a.root, a.linked] });
    assert.equal(second.error.cause.module, 'RECHARGING');
    assert.equal(second.error.cause.code, '108');
    assert.deepEqual(third, { status: 'return', lockedChargingContractId: [a.standalone[1]] });
    assert.deepEqual(await lockIdsOf(server(), [a.root, ...a.standalone]), { [a.root]: 'RL-M', [a.standalone[0]]: undefined, [a.standalone[1]]: 'RL-M' });

    const unlockMass = await server().call(
      'recharging',
      'chargingContractCollectionUnlockMass',
      { chargingContractCollectionUnlockRequest: [item([a.root], 'RL-M'), item([a.standalone[1]], 'RL-OTHER')] },
      { user: 'rerating' },
    );
    assert.equal(unlockMass.body.failures, 1);
    assert.deepEqual(await lockIdsOf(server(), [a.root, a.standalone[1]]), { [a.root]: undefined, [a.standalone[1]]: 'RL-M' });
  });

  test('when a reader or a provisioning user locks, then CC-SEC-AUTH-6; a reader may find locks', async () => {
    for (const user of ['reader', 'provisioning']) {
      const refused = await server().call('recharging', 'chargingContractCollectionLock', {}, { user });
      assert.equal(refused.status, 403);
      assert.equal(refused.body.code, 'CC-SEC-AUTH-6');
    }
    assert.equal((await findLocks(server(), {}, 'reader')).status, 200);
  });
});
