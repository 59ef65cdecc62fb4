import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeOnStores } from '../helpers/server.ts';
import { assertFailure, provisionAccount, readContract, taggedSample } from '../helpers/customerData.ts';
import type { ChargingContract } from '../../src/schema/customerData.ts';

const request = (chargingContract: ChargingContract) => ({ chargingContract });

/** A root contract whose only item names a plan the catalog does not have. */
function withUnknownPlan(contract: ChargingContract, id: string): ChargingContract {
  const broken = structuredClone(contract);
  broken.id = id;
  broken.chargingContractItem = [{ id: 'X', chargePlanClassId: 'CP_NONE', period: [{ start: '2026-01-01T00:00:00' }] }];
  delete broken.allowance;
  return broken;
}

describeOnStores('charging contract bundle and mass', (server) => {
  test("when a bundle's third maintain fails, then nothing is applied and the response lists two successes and the failure", async () => {
    const sample = taggedSample('bundle');
    await provisionAccount(server(), sample);
    const third = withUnknownPlan(sample.root, 'bundle-third');
    const result = await server().call('contractProvisioning', 'chargingContractMaintainBundle', {
      chargingContractMaintainRequest: [request(sample.root), request(sample.linked), request(third)],
    });
    assertFailure(result, 422, 'CHARGINGCONTRACT-102', 'prerequisiteMissing');
    const items = result.body.chargingContractMaintainResponse;
    assert.deepEqual(items.slice(0, 2), [{ status: 'return', id: sample.root.id }, { status: 'return', id: sample.linked.id }]);
    assert.equal(items.length, 3);
    assert.equal(items[2].status, 'error');
    assert.equal(`${items[2].error.cause.module}-${items[2].error.cause.code}`, 'CHARGINGCONTRACT-102');
    for (const id of [sample.root.id, sample.linked.id, third.id]) {
      assertFailure(await readContract(server(), id), 404, 'CHARGINGCONTRACT-100', 'doesNotExist');
    }
  });

  test('when every maintain of a bundle succeeds, then all are applied', async () => {
    const sample = taggedSample('bundleok');
    await provisionAccount(server(), sample);
    const result = await server().call('contractProvisioning', 'chargingContractMaintainBundle', {
      chargingContractMaintainRequest: [request(sample.root), request(sample.linked)],
    });
    assert.deepEqual(result.body, { status: 'return', chargingContractMaintainResponse: [{ status: 'return', id: sample.root.id }, { status: 'return', id: sample.linked.id }] });
    assert.equal((await readContract(server(), sample.linked.id)).body.chargingContract.operationalStatus, 'active');
  });

  test('when one maintain of a mass fails, then failures is 1 and the other two are applied', async () => {
    const sample = taggedSample('mass');
    await provisionAccount(server(), sample);
    const broken = withUnknownPlan(sample.root, 'mass-broken');
    const result = await server().call('contractProvisioning', 'chargingContractMaintainMass', {
      chargingContractMaintainRequest: [request(sample.root), request(broken), request(sample.linked)],
    });
    assert.equal(result.status, 200);
    assert.equal(result.body.status, 'return');
    assert.equal(result.body.failures, 1);
    const items = result.body.chargingContractMaintainResponse;
    assert.deepEqual(items.map((item: { status: string }) => item.status), ['return', 'error', 'return']);
    assert.equal(items[1].error.cause.code, '102');
    assert.equal((await readContract(server(), sample.root.id)).body.status, 'return');
    assert.equal((await readContract(server(), sample.linked.id)).body.status, 'return');
    assertFailure(await readContract(server(), broken.id), 404, 'CHARGINGCONTRACT-100', 'doesNotExist');
  });

  test('when a bundle or mass holds 1001 maintains, then it is invalid with REQUEST-107 and nothing is applied', async () => {
    const items = Array.from({ length: 1001 }, (_, i) => request({ id: `many-${i}`, subscriberAccountId: 'SA-many' }));
    for (const operation of ['chargingContractMaintainBundle', 'chargingContractMaintainMass']) {
      const result = await server().call('contractProvisioning', operation, { chargingContractMaintainRequest: items });
      assertFailure(result, 400, 'REQUEST-107', 'invalid');
    }
    assertFailure(await readContract(server(), 'many-0'), 404, 'CHARGINGCONTRACT-100', 'doesNotExist');
  });
});
