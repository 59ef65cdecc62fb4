import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeOnStores } from '../helpers/server.ts';
import { changeStatus, maintainContract, provisionSample, type Sample } from '../helpers/customerData.ts';

describeOnStores('charging contract find', (server) => {
  let a: Sample;
  let b: Sample;
  const extraRoots = ['finda-R1', 'finda-R2', 'finda-R3'];

  // account A: a root, its linked contract and three empty roots; account B: a locked root and its linked contract
  before(async () => {
    a = await provisionSample(server(), 'finda');
    b = await provisionSample(server(), 'findb');
    for (const id of extraRoots) {
      const maintained = await maintainContract(server(), { id, subscriberAccountId: a.subscriberAccount.id });
      assert.equal(maintained.body.status, 'return');
    }
    assert.equal((await changeStatus(server(), b.root.id, 'locked')).body.status, 'return');
  });

  const find = async (filter: Record<string, string>, searchFilter?: Record<string, unknown>) => {
    const result = await server().call('contractProvisioning', 'chargingContractFind', { filter, ...(searchFilter ? { searchFilter } : {}) });
    assert.equal(result.body.status, 'return', JSON.stringify(result.body));
    return result.body;
  };
  const ids = (body: { chargingContract?: Array<{ id: string }> }) => (body.chargingContract ?? []).map((c) => c.id);

  test('when found by id, then the contract comes with its read side', async () => {
    const body = await find({ id: a.root.id });
    assert.deepEqual(body.chargingContract, [{ ...a.root, operationalStatus: 'active' }]);
    assert.equal(body.lastUniqueId, a.root.id);
  });

  test('when found by subscriber account, then its contracts come in id order', async () => {
    assert.deepEqual(ids(await find({ subscriberAccountId: a.subscriberAccount.id })), [a.root.id, a.linked.id, ...extraRoots]);
  });

  test('when found by root, then its linked contracts come', async () => {
    assert.deepEqual(ids(await find({ rootChargingContractId: b.root.id })), [b.linked.id]);
  });

  test('when found by operational status, then linked contracts count with their root status', async () => {
    assert.deepEqual(ids(await find({ operationalStatus: 'locked' })), [b.root.id, b.linked.id]);
    assert.deepEqual(ids(await find({ operationalStatus: 'active', subscriberAccountId: b.subscriberAccount.id })), []);
  });

  test('when found by user service id, then the contract using it comes', async () => {
    const userServiceId = b.linked.chargingContractItem![0].period[0].userTechnicalIdentifier![0].userServiceId;
    assert.deepEqual(ids(await find({ userServiceId })), [b.linked.id]);
    assert.deepEqual(ids(await find({ userServiceId: 'nobody' })), []);
  });

  test('when paged two at a time with the total count, then windows follow lastUniqueId to an empty end', async () => {
    const filter = { subscriberAccountId: a.subscriberAccount.id };
    const windows: string[][] = [];
    let from: string | undefined;
    for (;;) {
      const body = await find(filter, { searchWindow: { windowSize: 2, ...(from ? { fromUniqueId: from } : {}) }, totalCountRequired: true });
      assert.equal(body.totalCount, 5);
      if (!body.chargingContract) {
        assert.equal(body.lastUniqueId, undefined);
        break;
      }
      windows.push(ids(body));
      from = body.lastUniqueId;
      assert.equal(from, ids(body).at(-1));
    }
    assert.deepEqual(windows, [[a.root.id, a.linked.id], ['finda-R1', 'finda-R2'], ['finda-R3']]);
  });

  test('when the total count is not asked, then none is given; with no filter, then every contract is found', async () => {
    const all = await server().call('contractProvisioning', 'chargingContractFind', {});
    assert.equal(all.body.totalCount, undefined);
    assert.equal(ids(all.body).length, 7);
    const counted = await find({ operationalStatus: 'locked' }, { totalCountRequired: true });
    assert.equal(counted.totalCount, 2);
    const byUserService = await find({ userServiceId: b.linked.chargingContractItem![0].period[0].userTechnicalIdentifier![0].userServiceId }, { totalCountRequired: true });
    assert.equal(byUserService.totalCount, 1);
  });

  test('when a reader finds, then it may', async () => {
    const result = await server().call('contractProvisioning', 'chargingContractFind', { filter: { id: a.root.id } }, { user: 'reader' });
    assert.equal(result.body.status, 'return');
    assert.equal(result.body.chargingContract.length, 1);
  });
});
