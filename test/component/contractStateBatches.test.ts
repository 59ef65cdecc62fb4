import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeOnStores, type TestServer } from '../helpers/server.ts';
import { assertFailure } from '../helpers/customerData.ts';
import { contractIds, provisionVoiceContracts, readStates, versionOf, voiceStateChange } from '../helpers/contractStates.ts';
import type { ChargingContractState } from '../../src/schema/contractState.ts';

const items = (states: ChargingContractState[]) => ({ chargingContractStateChangeRequest: states.map((chargingContractState) => ({ chargingContractState })) });
const bundle = (server: TestServer, states: ChargingContractState[]) => server.call('contractstate', 'chargingContractStateChangeBundle', items(states));
const mass = (server: TestServer, states: ChargingContractState[]) => server.call('contractstate', 'chargingContractStateChangeMass', items(states));

/** The version each contract's state holds, read back through the API. */
const versionsOf = async (server: TestServer, ids: string[]): Promise<number[]> => (await readStates(server, ids)).map(versionOf);

/** A state change of `id` that names a counter its plan does not have: CONTRACTSTATE-3. */
const unknownCounter = (id: string): ChargingContractState => ({ chargingContractId: id, contractItemState: [{ chargingContractItemId: 'VOICE', counter: [{ name: 'NO_SUCH', value: '1' }] }] });

describeOnStores('charging contract state bundle and mass', (server) => {
  test('when item 1000 of a 1000-item bundle fails, then none of the 999 before it is changed, and the response lists 999 successes and the failure', async () => {
    const ids = contractIds('bundle999', 1000);
    await provisionVoiceContracts(server().running.store, ids);
    const states = ids.map((id, i) => (i === 999 ? unknownCounter(id) : voiceStateChange(id, 1)));
    const result = await bundle(server(), states);
    assertFailure(result, 400, 'CONTRACTSTATE-3', 'invalid');
    const responses = result.body.chargingContractStateChangeResponse;
    assert.equal(responses.length, 1000);
    assert.ok(responses.slice(0, 999).every((r: object) => JSON.stringify(r) === '{"status":"return"}'));
    assert.equal(responses[999].status, 'error');
    assert.deepEqual(responses[999].error.cause, result.body.error.cause);
    assert.deepEqual(new Set(await versionsOf(server(), ids)), new Set([0]));
    const resent = await bundle(server(), states);
    assert.deepEqual(resent.body, result.body, 'a resent bundle gives the same outcome');
  });

  test('when the same 1000-item bundle is sent twice at once, then both succeed and the contracts end as after sending it once', async () => {
    const once = contractIds('once', 1000);
    const twice = contractIds('twice', 1000);
    await provisionVoiceContracts(server().running.store, [...once, ...twice]);
    for (const ids of [once, twice]) assert.equal((await bundle(server(), ids.map((id) => voiceStateChange(id, 2)))).body.status, 'return');
    // the bundle sets two counters and leaves the others at version 2
    const some = (id: string): ChargingContractState => ({
      chargingContractId: id,
      contractItemState: [
        { chargingContractItemId: 'VOICE', counter: [{ name: 'MINUTES_USED', value: '9.25' }], chargeActivation: [{ chargeActivationId: 'VOICE_USAGE', counter: [{ name: 'CALLS', value: '9' }] }] },
      ],
    });
    assert.equal((await bundle(server(), once.map(some))).body.status, 'return');
    const [first, second] = await Promise.all([bundle(server(), twice.map(some)), bundle(server(), twice.map(some))]);
    assert.equal(first.body.status, 'return', JSON.stringify(first.body.error));
    assert.equal(second.body.status, 'return', JSON.stringify(second.body.error));
    const withoutId = (state: ChargingContractState) => ({ ...state, chargingContractId: undefined });
    // every contract of a group holds the same values, so one sent once stands for all
    const [expected] = (await readStates(server(), once.slice(0, 1))).map(withoutId);
    assert.equal(expected.contractItemState![0].counter![1].value, '1002', 'the counters the bundle leaves alone keep version 2');
    for (const state of await readStates(server(), twice)) assert.deepEqual(withoutId(state), expected);
  });

  test('when 3 items of a 1000-item mass fail, then failures is 3, they are reported in place, and the other 997 are applied', async () => {
    const ids = contractIds('mass997', 1000);
    await provisionVoiceContracts(server().running.store, ids);
    const failing = new Map<number, string>([
      [0, 'CONTRACTSTATE-3'],
      [499, 'CONTRACTSTATE-10'],
      [999, 'CONTRACTSTATE-12'],
    ]);
    const states = ids.map((id, i) => {
      if (i === 0) return unknownCounter(id);
      if (i === 499) return voiceStateChange('no-such-contract', 4);
      if (i === 999) return { chargingContractId: id, contractItemState: [{ chargingContractItemId: 'VOICE' }, { chargingContractItemId: 'VOICE' }] };
      return voiceStateChange(id, 4);
    });
    const result = await mass(server(), states);
    assert.equal(result.status, 200);
    assert.equal(result.body.status, 'return');
    assert.equal(result.body.failures, 3);
    const responses = result.body.chargingContractStateChangeResponse;
    assert.equal(responses.length, 1000);
    responses.forEach((response: { status: string; error?: { cause: { module: string; code: string } } }, i: number) => {
      const code = failing.get(i);
      if (code === undefined) return assert.deepEqual(response, { status: 'return' });
      assert.equal(`${response.error!.cause.module}-${response.error!.cause.code}`, code);
    });
    const versions = await versionsOf(server(), ids);
    assert.deepEqual(
      versions.map((v, i) => [i, v]).filter(([, v]) => v !== 4),
      [
        [0, 0],
        [499, 0],
        [999, 0],
      ],
    );
  });

  test('when every item of a bundle succeeds, then all are applied and every item response says return', async () => {
    const ids = contractIds('bundleok', 3);
    await provisionVoiceContracts(server().running.store, ids);
    const result = await bundle(server(), ids.map((id) => voiceStateChange(id, 7)));
    assert.deepEqual(result.body, { status: 'return', chargingContractStateChangeResponse: [{ status: 'return' }, { status: 'return' }, { status: 'return' }] });
    assert.deepEqual(await versionsOf(server(), ids), [7, 7, 7]);
  });
});
