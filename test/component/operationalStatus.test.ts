import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeOnStores } from '../helpers/server.ts';
import { assertFailure, changeStatus, maintainContract, placeRechargingLock, provisionSample, readContract } from '../helpers/customerData.ts';

const statusOf = async (server: Parameters<typeof readContract>[0], id: string) => (await readContract(server, id)).body.chargingContract.operationalStatus;

describeOnStores('operational status', (server) => {
  test('when a root is locked, unlocked, locked and closed, then it and its linked contract follow each step', async () => {
    const { root, linked } = await provisionSample(server(), 'cycle');
    for (const status of ['locked', 'active', 'locked', 'closed']) {
      const changed = await changeStatus(server(), root.id, status);
      assert.deepEqual(changed.body, { status: 'return' });
      assert.equal(await statusOf(server(), root.id), status);
      assert.equal(await statusOf(server(), linked.id), status);
    }
  });

  test('when the current status is set again, then it is a no-op success', async () => {
    const { root } = await provisionSample(server(), 'noop');
    assert.deepEqual((await changeStatus(server(), root.id, 'active')).body, { status: 'return' });
    assert.equal(await statusOf(server(), root.id), 'active');
    await changeStatus(server(), root.id, 'locked');
    await changeStatus(server(), root.id, 'closed');
    assert.deepEqual((await changeStatus(server(), root.id, 'closed')).body, { status: 'return' });
  });

  test('when the root id is missing, then OPERATIONALSTATUS-2; when the status is missing, then -5', async () => {
    const noId = await server().call('operationalStatus', 'chargingContractOperationalStatusChange', { operationalStatus: 'locked' });
    assertFailure(noId, 400, 'OPERATIONALSTATUS-2', 'invalid');
    const noStatus = await server().call('operationalStatus', 'chargingContractOperationalStatusChange', { rootChargingContractId: 'any' });
    assertFailure(noStatus, 400, 'OPERATIONALSTATUS-5', 'invalid');
  });

  test('when the contract does not exist, then OPERATIONALSTATUS-3; when it is linked, then -4', async () => {
    assertFailure(await changeStatus(server(), 'status-none', 'locked'), 404, 'OPERATIONALSTATUS-3', 'doesNotExist');
    const { linked } = await provisionSample(server(), 'linked');
    assertFailure(await changeStatus(server(), linked.id, 'locked'), 400, 'OPERATIONALSTATUS-4', 'invalid');
  });

  test('when a recharging lock holds the root, then any status change is OPERATIONALSTATUS-6 and the status stays', async () => {
    const { root } = await provisionSample(server(), 'held');
    await placeRechargingLock(server(), root, 'RL-HELD');
    assertFailure(await changeStatus(server(), root.id, 'locked'), 409, 'OPERATIONALSTATUS-6', 'illegalState');
    assertFailure(await changeStatus(server(), root.id, 'active'), 409, 'OPERATIONALSTATUS-6', 'illegalState');
    assert.equal(await statusOf(server(), root.id), 'active');
  });

  test('when an active root is closed, then OPERATIONALSTATUS-7; when a closed one is reopened or locked, then -12', async () => {
    const { root } = await provisionSample(server(), 'final');
    assertFailure(await changeStatus(server(), root.id, 'closed'), 409, 'OPERATIONALSTATUS-7', 'illegalState');
    assert.equal(await statusOf(server(), root.id), 'active');
    await changeStatus(server(), root.id, 'locked');
    await changeStatus(server(), root.id, 'closed');
    assertFailure(await changeStatus(server(), root.id, 'active'), 409, 'OPERATIONALSTATUS-12', 'illegalState');
    assertFailure(await changeStatus(server(), root.id, 'locked'), 409, 'OPERATIONALSTATUS-12', 'illegalState');
  });

  test('when a root is locked or closed, then maintaining it, its linked contract or a new linked one is OPERATIONALSTATUS-1, even unchanged', async () => {
    const { root, linked } = await provisionSample(server(), 'maintainlocked');
    await changeStatus(server(), root.id, 'locked');
    const newLinked = { ...structuredClone(linked), id: 'maintainlocked-new' };
    delete newLinked.chargingContractItem![0].period[0].userTechnicalIdentifier;
    for (const contract of [root, linked, newLinked]) {
      assertFailure(await maintainContract(server(), contract), 409, 'OPERATIONALSTATUS-1', 'illegalState');
    }
    await changeStatus(server(), root.id, 'closed');
    assertFailure(await maintainContract(server(), root), 409, 'OPERATIONALSTATUS-1', 'illegalState');
  });

  test('when a locked root is unlocked, then it can be maintained again', async () => {
    const { root } = await provisionSample(server(), 'unlock');
    await changeStatus(server(), root.id, 'locked');
    await changeStatus(server(), root.id, 'active');
    assert.deepEqual((await maintainContract(server(), root)).body, { status: 'return', id: root.id });
  });

  test('when a reader changes a status, then it is refused with CC-SEC-AUTH-6', async () => {
    const result = await server().call('operationalStatus', 'chargingContractOperationalStatusChange', { rootChargingContractId: 'x', operationalStatus: 'locked' }, { user: 'reader' });
    assert.equal(result.status, 403);
    assert.equal(result.body.code, 'CC-SEC-AUTH-6');
  });
});
