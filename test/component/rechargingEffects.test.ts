// What a recharging lock taken through the recharging service refuses elsewhere,
// what it allows, and that unlocking gives the contracts back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeOnStores } from '../helpers/server.ts';
import { assertFailure, changeStatus, maintainContract, readContract, taggedSample } from '../helpers/customerData.ts';
import { lockCollection, provisionRechargingAccount, standaloneContract, unlockCollection } from '../helpers/recharging.ts';
import { voiceStateChange } from '../helpers/contractStates.ts';

const cancel = (server: Parameters<typeof readContract>[0], chargingContractId: string) =>
  server.call('contractProvisioning', 'chargingContractCancel', { id: chargingContractId });

const changeState = (server: Parameters<typeof readContract>[0], chargingContractId: string) =>
  server.call('contractstate', 'chargingContractStateChange', { chargingContractState: voiceStateChange(chargingContractId, 3) }, { user: 'migration' });

describeOnStores('effects of a recharging lock', (server) => {
  test('when a collection is held, then operational status changes of its roots are OPERATIONALSTATUS-6 and the status stays', async () => {
    const a = await provisionRechargingAccount(server(), 'ef-status');
    await lockCollection(server(), { subscriberAccountId: a.accountId }, 'RL-EF');
    for (const id of [a.root, a.standalone[0]]) {
      assertFailure(await changeStatus(server(), id, 'locked'), 409, 'OPERATIONALSTATUS-6', 'illegalState');
      assert.equal((await readContract(server(), id)).body.chargingContract.operationalStatus, 'active');
    }
  });

  test('when a collection is held, then maintaining or cancelling its contracts, or adding a linked one, is CHARGINGCONTRACT-115', async () => {
    const a = await provisionRechargingAccount(server(), 'ef-maintain');
    const sample = taggedSample('ef-maintain');
    await lockCollection(server(), { subscriberAccountId: a.accountId, chargingContractId: [a.root, a.standalone[0]] }, 'RL-EF');
    const changedRoot = { ...sample.root, additionalInfo: [{ name: 'NOTE', string: 'changed' }] };
    const newLinked = { ...structuredClone(sample.linked), id: 'ef-maintain-new' };
    delete newLinked.chargingContractItem![0].period[0].userTechnicalIdentifier;
    for (const contract of [changedRoot, sample.linked, newLinked, standaloneContract(a.standalone[0], a.accountId)]) {
      assertFailure(await maintainContract(server(), contract), 409, 'CHARGINGCONTRACT-115', 'illegalState');
    }
    for (const id of [a.linked, a.standalone[0]]) assertFailure(await cancel(server(), id), 409, 'CHARGINGCONTRACT-115', 'illegalState');
    assert.equal((await readContract(server(), 'ef-maintain-new')).status, 404);
  });

  test('when a collection is held, then contract state changes of its contracts are CONTRACTSTATE-100, and work again once it is unlocked', async () => {
    const a = await provisionRechargingAccount(server(), 'ef-state');
    const collection = { subscriberAccountId: a.accountId, chargingContractId: [a.standalone[0]] };
    await lockCollection(server(), collection, 'RL-STATE');
    assertFailure(await changeState(server(), a.standalone[0]), 409, 'CONTRACTSTATE-100', 'illegalState');
    await unlockCollection(server(), collection, 'RL-STATE');
    assert.deepEqual((await changeState(server(), a.standalone[0])).body, { status: 'return' });
  });

  test('when a collection is held, then reads, find and the contract view show its lock id', async () => {
    const a = await provisionRechargingAccount(server(), 'ef-read');
    await lockCollection(server(), { subscriberAccountId: a.accountId, chargingContractId: [a.root] }, 'RL-READ');
    assert.equal((await readContract(server(), a.linked)).body.chargingContract.rechargingLockId, 'RL-READ');
    const found = await server().call('contractProvisioning', 'chargingContractFind', { filter: { subscriberAccountId: a.accountId } }, { user: 'reader' });
    assert.deepEqual(
      found.body.chargingContract.map((c: any) => [c.id, c.rechargingLockId]),
      [
        [a.root, 'RL-READ'],
        [a.linked, 'RL-READ'],
        [a.standalone[0], undefined],
      ],
    );
    const view = await server().request('GET', `/api/v1/charging-contracts/${encodeURIComponent(a.root)}`, undefined, { user: 'reader' });
    assert.equal(view.body.chargingContract.rechargingLockId, 'RL-READ');
  });

  test('when a collection is unlocked, then status change, maintain and cancel work again', async () => {
    const a = await provisionRechargingAccount(server(), 'ef-free');
    await lockCollection(server(), { subscriberAccountId: a.accountId }, 'RL-FREE');
    assert.deepEqual((await unlockCollection(server(), { subscriberAccountId: a.accountId }, 'RL-FREE')).body, { status: 'return' });
    assert.deepEqual((await maintainContract(server(), taggedSample('ef-free').root)).body, { status: 'return', id: taggedSample('ef-free').root.id });
    assert.deepEqual((await cancel(server(), a.linked)).body, { status: 'return', id: a.linked });
    assert.deepEqual((await changeStatus(server(), a.root, 'locked')).body, { status: 'return' });
  });
});
