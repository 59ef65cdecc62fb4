import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeOnStores, type TestServer } from '../helpers/server.ts';
import { assertFailure, changeStatus, maintainContract, placeRechargingLock, provisionAccount, provisionSample, releaseRechargingLock, taggedSample } from '../helpers/customerData.ts';
import { voiceContract, voiceStateChange } from '../helpers/contractStates.ts';
import type { ChargingContractState } from '../../src/schema/contractState.ts';

const changeState = (server: TestServer, chargingContractState: ChargingContractState) =>
  server.call('contractstate', 'chargingContractStateChange', { chargingContractState });
const readState = (server: TestServer, chargingContractId: string) => server.call('contractstate', 'chargingContractStateRead', { chargingContractId });

const zero = (name: string) => ({ name, value: '0' });
const voiceItemAtStart = {
  chargingContractItemId: 'VOICE',
  counter: [zero('MINUTES_USED'), zero('FREE_MINUTES_LEFT')],
  chargeActivation: [
    { chargeActivationId: 'VOICE_USAGE', counter: [zero('CALLS')] },
    { chargeActivationId: 'MONTHLY_FEE', counter: [zero('PERIODS')] },
  ],
};

describeOnStores('charging contract state', (server) => {
  test('when a contract was never changed, then its read gives every shared counter, item counter and charge activation at its initial value', async () => {
    const { root, linked } = await provisionSample(server(), 'fresh');
    const rootState = await readState(server(), root.id);
    assert.deepEqual(rootState.body, {
      status: 'return',
      chargingContractState: {
        chargingContractId: root.id,
        sharedCounter: [zero('FAMILY_MINUTES')],
        contractItemState: [voiceItemAtStart, { chargingContractItemId: 'DATA', counter: [zero('MB_USED')], chargeActivation: [{ chargeActivationId: 'DATA_USAGE' }] }],
      },
    });
    // the pooled counter is the root's: the linked contract has no shared counter of its own
    const linkedState = await readState(server(), linked.id);
    assert.deepEqual(linkedState.body.chargingContractState, { chargingContractId: linked.id, contractItemState: [voiceItemAtStart] });
  });

  test('when some counters are changed, then only those change, exactly as sent, and sending it again changes nothing', async () => {
    const { root } = await provisionSample(server(), 'partial');
    const change: ChargingContractState = {
      chargingContractId: root.id,
      sharedCounter: [{ name: 'FAMILY_MINUTES', value: '1234567890123456789012.123456' }],
      contractItemState: [
        { chargingContractItemId: 'VOICE', counter: [{ name: 'FREE_MINUTES_LEFT', value: '+0120.50' }], chargeActivation: [{ chargeActivationId: 'MONTHLY_FEE', lastActivationDate: '2026-02-01T00:00:00' }] },
      ],
    };
    assert.deepEqual((await changeState(server(), change)).body, { status: 'return' });
    const expected = {
      chargingContractId: root.id,
      sharedCounter: [{ name: 'FAMILY_MINUTES', value: '1234567890123456789012.123456' }],
      contractItemState: [
        {
          ...voiceItemAtStart,
          counter: [zero('MINUTES_USED'), { name: 'FREE_MINUTES_LEFT', value: '120.50' }],
          chargeActivation: [voiceItemAtStart.chargeActivation[0], { chargeActivationId: 'MONTHLY_FEE', lastActivationDate: '2026-02-01T00:00:00', counter: [zero('PERIODS')] }],
        },
        { chargingContractItemId: 'DATA', counter: [zero('MB_USED')], chargeActivation: [{ chargeActivationId: 'DATA_USAGE' }] },
      ],
    };
    assert.deepEqual((await readState(server(), root.id)).body.chargingContractState, expected);
    assert.deepEqual((await changeState(server(), change)).body, { status: 'return' });
    const second: ChargingContractState = { chargingContractId: root.id, contractItemState: [{ chargingContractItemId: 'DATA', counter: [{ name: 'MB_USED', value: '-5.000' }] }] };
    assert.equal((await changeState(server(), second)).body.status, 'return');
    const after = (await readState(server(), root.id)).body.chargingContractState;
    assert.deepEqual(after, { ...expected, contractItemState: [expected.contractItemState[0], { ...expected.contractItemState[1], counter: [{ name: 'MB_USED', value: '-5.000' }] }] });
  });

  test('when a change names what the contract or its plans do not have, or names it twice, then it is invalid with its CONTRACTSTATE code and nothing changes', async () => {
    const { root } = await provisionSample(server(), 'codes');
    const voice = (rest: object) => ({ chargingContractItemId: 'VOICE', ...rest });
    const cases: Array<[string, Omit<ChargingContractState, 'chargingContractId'>]> = [
      ['CONTRACTSTATE-1', { sharedCounter: [{ name: 'NO_SUCH_SHARED', value: '1' }] }],
      ['CONTRACTSTATE-2', { contractItemState: [{ chargingContractItemId: 'NO_SUCH_ITEM' }] }],
      ['CONTRACTSTATE-3', { contractItemState: [voice({ counter: [{ name: 'MB_USED', value: '1' }] })] }],
      ['CONTRACTSTATE-4', { contractItemState: [voice({ chargeActivation: [{ chargeActivationId: 'DATA_USAGE' }] })] }],
      ['CONTRACTSTATE-5', { contractItemState: [voice({ chargeActivation: [{ chargeActivationId: 'VOICE_USAGE', counter: [{ name: 'PERIODS', value: '1' }] }] })] }],
      ['CONTRACTSTATE-6', { sharedCounter: [{ name: 'FAMILY_MINUTES', value: '1' }, { name: 'FAMILY_MINUTES', value: '2' }] }],
      ['CONTRACTSTATE-7', { contractItemState: [voice({ counter: [{ name: 'MINUTES_USED', value: '1' }, { name: 'MINUTES_USED', value: '2' }] })] }],
      ['CONTRACTSTATE-8', { contractItemState: [voice({ chargeActivation: [{ chargeActivationId: 'VOICE_USAGE', counter: [{ name: 'CALLS', value: '1' }, { name: 'CALLS', value: '2' }] }] })] }],
      ['CONTRACTSTATE-12', { contractItemState: [voice({ counter: [{ name: 'MINUTES_USED', value: '1' }] }), voice({})] }],
      ['CONTRACTSTATE-13', { contractItemState: [voice({ chargeActivation: [{ chargeActivationId: 'VOICE_USAGE' }, { chargeActivationId: 'VOICE_USAGE' }] })] }],
    ];
    const before = (await readState(server(), root.id)).body;
    for (const [code, change] of cases) {
      assertFailure(await changeState(server(), { chargingContractId: root.id, ...change }), 400, code, 'invalid');
    }
    assert.deepEqual((await readState(server(), root.id)).body, before);
  });

  test('when the contract does not exist, then a change is CONTRACTSTATE-10 and a read CONTRACTSTATE-11, both doesNotExist', async () => {
    assertFailure(await changeState(server(), { chargingContractId: 'no-such-contract' }), 404, 'CONTRACTSTATE-10', 'doesNotExist');
    assertFailure(await readState(server(), 'no-such-contract'), 404, 'CONTRACTSTATE-11', 'doesNotExist');
  });

  test('when a value is not a decimal of 28 digits with 6 after the point, then the change is invalid with REQUEST-104', async () => {
    const { root } = await provisionSample(server(), 'decimal');
    for (const value of ['1.1234567', '12345678901234567890123456789', '1e3']) {
      assertFailure(await changeState(server(), { chargingContractId: root.id, sharedCounter: [{ name: 'FAMILY_MINUTES', value }] }), 400, 'REQUEST-104', 'invalid');
    }
  });

  test('when the root is locked or closed, then changing it or its linked contract is OPERATIONALSTATUS-1, and reading still works', async () => {
    const { root, linked } = await provisionSample(server(), 'status');
    const setMinutes = (id: string) => ({ chargingContractId: id, contractItemState: [{ chargingContractItemId: 'VOICE', counter: [{ name: 'MINUTES_USED', value: '7' }] }] });
    for (const status of ['locked', 'closed']) {
      assert.equal((await changeStatus(server(), root.id, status)).body.status, 'return');
      for (const id of [root.id, linked.id]) assertFailure(await changeState(server(), setMinutes(id)), 409, 'OPERATIONALSTATUS-1', 'illegalState');
      assert.equal((await readState(server(), linked.id)).body.status, 'return');
    }
  });

  test('when a recharging lock holds the contract or its root, then a change is illegalState CONTRACTSTATE-100 until it is released; reading still works', async () => {
    const { root, linked } = await provisionSample(server(), 'lock');
    const setMinutes = (id: string) => ({ chargingContractId: id, contractItemState: [{ chargingContractItemId: 'VOICE', counter: [{ name: 'MINUTES_USED', value: '7' }] }] });
    await placeRechargingLock(server(), root, 'RERATE-1');
    for (const id of [root.id, linked.id]) assertFailure(await changeState(server(), setMinutes(id)), 409, 'CONTRACTSTATE-100', 'illegalState');
    assert.deepEqual((await readState(server(), linked.id)).body.chargingContractState.contractItemState, [voiceItemAtStart]);
    await releaseRechargingLock(server(), root);
    await placeRechargingLock(server(), linked, 'RERATE-2');
    assertFailure(await changeState(server(), setMinutes(linked.id)), 409, 'CONTRACTSTATE-100', 'illegalState');
    assert.equal((await changeState(server(), setMinutes(root.id))).body.status, 'return');
    await releaseRechargingLock(server(), linked);
    assert.equal((await changeState(server(), setMinutes(linked.id))).body.status, 'return');
  });

  test('when a contract is cancelled and created again, then its state starts from initial values', async () => {
    const sample = taggedSample('recreate');
    await provisionAccount(server(), sample);
    const contract = voiceContract('recreate-voice', sample.subscriberAccount.id);
    assert.equal((await maintainContract(server(), contract)).body.status, 'return');
    assert.equal((await changeState(server(), voiceStateChange(contract.id, 3))).body.status, 'return');
    assert.equal((await server().call('contractProvisioning', 'chargingContractCancel', { id: contract.id })).body.status, 'return');
    assert.equal((await maintainContract(server(), contract)).body.status, 'return');
    assert.deepEqual((await readState(server(), contract.id)).body.chargingContractState, { chargingContractId: contract.id, contractItemState: [voiceItemAtStart] });
  });

  test('when a contract is viewed over GET, then its state comes with it', async () => {
    const { root } = await provisionSample(server(), 'view');
    await changeState(server(), { chargingContractId: root.id, sharedCounter: [{ name: 'FAMILY_MINUTES', value: '42' }] });
    const view = await server().request('GET', `/api/v1/charging-contracts/${encodeURIComponent(root.id)}`);
    assert.equal(view.status, 200);
    assert.deepEqual(view.body.chargingContractState, (await readState(server(), root.id)).body.chargingContractState);
    assert.deepEqual(view.body.chargingContractState.sharedCounter, [{ name: 'FAMILY_MINUTES', value: '42' }]);
  });
});
