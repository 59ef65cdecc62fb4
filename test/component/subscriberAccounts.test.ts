import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeOnStores } from '../helpers/server.ts';
import { assertProblem, externalAccount, placeContractAssigning, prepaidAccount, removeContract, suac, succeed } from '../helpers/accounts.ts';
import { createExternalAccount, createPrepaidAccount, createSubscriberAccount, freshId } from '../helpers/factories.ts';

const account = {
  id: 'SA-1',
  subscriberId: 'BP-1',
  description: 'Anna Example',
  tax: { mode: 'vendorSubjectToPay', vat: { taxCode: 'VAT_STD', customerCountryCode: 'DE', businessCategory: 'B2C' } },
  additionalInfo: [{ name: 'SEGMENT', string: 'consumer' }, { name: 'SCORE', number: '0.30' }],
};

/** `account` under a fresh id: each test maintains its own */
const freshAccount = () => ({ ...account, id: freshId('SA') });

describeOnStores('subscriber accounts', (server) => {
  test('when an account is maintained, then it reads back identically', async () => {
    const mine = freshAccount();
    const created = await server().call('suacProvisioning', 'subscriberAccountMaintain', { subscriberAccount: mine });
    assert.equal(created.status, 200);
    assert.equal(created.body.status, 'return');
    const read = await server().call('suacProvisioning', 'subscriberAccountRead', { subscriberAccountId: mine.id });
    assert.deepEqual(read.body, { status: 'return', subscriberAccount: mine });
  });

  test('when an account does not exist, then reading it is doesNotExist with its code', async () => {
    const read = await server().call('suacProvisioning', 'subscriberAccountRead', { subscriberAccountId: 'nope' });
    assert.equal(read.status, 404);
    assert.equal(read.body.code, 'SUBSCRIBERACCOUNT-100');
    assert.equal(read.body.category, 'doesNotExist');
    assert.equal(read.headers.get('content-type'), 'application/problem+json; charset=utf-8');
  });

  test('when a tax code is not in the catalog, then maintain is prerequisiteMissing', async () => {
    const bad = { ...account, id: 'SA-2', tax: { mode: 'vendorSubjectToPay', vat: { taxCode: 'VAT_NONE' } } };
    const result = await server().call('suacProvisioning', 'subscriberAccountMaintain', { subscriberAccount: bad });
    assert.equal(result.status, 422);
    assert.equal(result.body.code, 'SUBSCRIBERACCOUNT-102');
  });

  test('when an id is 257 characters, then the request is invalid', async () => {
    const result = await server().call('suacProvisioning', 'subscriberAccountMaintain', { subscriberAccount: { ...account, id: 'x'.repeat(257) } });
    assert.equal(result.status, 400);
    assert.equal(result.body.code, 'REQUEST-103');
  });

  test('when an account owns external and prepaid accounts, then reading it fully shows them, balance and state included', async () => {
    const { id } = await createSubscriberAccount(server());
    // fresh ids that keep the A-before-B order the listing had with fixed ids
    const [extA, extB, ppA] = [freshId('EXT-A'), freshId('EXT-B'), freshId('PP-A')];
    const externals = [externalAccount(id, extA), externalAccount(id, extB, { currencyCode: 'USD' })];
    for (const a of externals) await succeed(server(), 'externalAccountMaintain', { externalAccount: a });
    await succeed(server(), 'prepaidAccountMaintain', { prepaidAccount: prepaidAccount(id, ppA) });
    await succeed(server(), 'prepaidAccountBalanceSet', { prepaidAccountReference: { subscriberAccountId: id, prepaidAccountId: ppA }, balance: '7.25', reason: 'migration' }, { user: 'migration' });
    await succeed(server(), 'prepaidAccountStateChange', { prepaidAccountReference: { subscriberAccountId: id, prepaidAccountId: ppA }, stateCode: 'blocked' });

    const full = (await succeed(server(), 'subscriberAccountReadFully', { subscriberAccountId: id })).body.subscriberAccount;
    assert.deepEqual(full, {
      id,
      subscriberId: `BP-${id}`,
      externalAccount: externals,
      prepaidAccount: [{ ...prepaidAccount(id, ppA), balance: '7.25', currentState: 'blocked' }],
    });
  });

  test('when an account owns nothing, then reading it fully shows the account alone; a missing one is SUBSCRIBERACCOUNT-100', async () => {
    const mine = freshAccount();
    await succeed(server(), 'subscriberAccountMaintain', { subscriberAccount: mine });
    const full = (await succeed(server(), 'subscriberAccountReadFully', { subscriberAccountId: mine.id })).body.subscriberAccount;
    assert.deepEqual(full, mine);
    assertProblem(await suac(server(), 'subscriberAccountReadFully', { subscriberAccountId: 'nope' }), 404, 'SUBSCRIBERACCOUNT-100');
  });

  test('when an account owns accounts or contracts, then cancel is illegalState SUBSCRIBERACCOUNT-101; once they are gone it is allowed', async () => {
    const { id } = await createSubscriberAccount(server());
    const externals = [await createExternalAccount(server(), id), await createExternalAccount(server(), id, { currencyCode: 'USD' })];
    const prepaid = await createPrepaidAccount(server(), id);
    const contractId = freshId('CC');
    const cancel = () => suac(server(), 'subscriberAccountCancel', { subscriberAccountId: id });
    const refusedWhileOwning = async () => {
      const refused = await cancel();
      assertProblem(refused, 409, 'SUBSCRIBERACCOUNT-101');
      assert.equal(refused.body.category, 'illegalState');
    };
    await refusedWhileOwning();
    for (const external of externals) await succeed(server(), 'externalAccountCancel', { externalAccountReference: { subscriberAccountId: id, externalAccountId: external.id } });
    await refusedWhileOwning();
    await succeed(server(), 'prepaidAccountCancel', { prepaidAccountReference: { subscriberAccountId: id, prepaidAccountId: prepaid.id } });
    await placeContractAssigning(server(), id, contractId, 'nothing', 'prepaid');
    await refusedWhileOwning();
    await removeContract(server(), contractId);

    await succeed(server(), 'subscriberAccountCancel', { subscriberAccountId: id });
    assertProblem(await suac(server(), 'subscriberAccountRead', { subscriberAccountId: id }), 404, 'SUBSCRIBERACCOUNT-100');
    assertProblem(await cancel(), 404, 'SUBSCRIBERACCOUNT-100');
  });

  test('when an account is maintained with other content, then it is replaced; the same content again succeeds', async () => {
    const mine = freshAccount();
    await succeed(server(), 'subscriberAccountMaintain', { subscriberAccount: mine });
    const replaced = { id: mine.id, subscriberId: 'BP-2', noTax: {} };
    await succeed(server(), 'subscriberAccountMaintain', { subscriberAccount: replaced });
    await succeed(server(), 'subscriberAccountMaintain', { subscriberAccount: replaced });
    assert.deepEqual((await succeed(server(), 'subscriberAccountRead', { subscriberAccountId: mine.id })).body.subscriberAccount, replaced);
  });

  test('when an account has both noTax and tax, then the request is invalid REQUEST-110', async () => {
    assertProblem(await suac(server(), 'subscriberAccountMaintain', { subscriberAccount: { ...account, id: 'SA-3', noTax: {} } }), 400, 'REQUEST-110');
  });

  test('when a reader maintains or cancels an account, then it is forbidden; reading is allowed', async () => {
    const mine = freshAccount();
    await succeed(server(), 'subscriberAccountMaintain', { subscriberAccount: mine });
    assertProblem(await suac(server(), 'subscriberAccountMaintain', { subscriberAccount: mine }, { user: 'reader' }), 403, 'CC-SEC-AUTH-6');
    assertProblem(await suac(server(), 'subscriberAccountCancel', { subscriberAccountId: mine.id }, { user: 'reader' }), 403, 'CC-SEC-AUTH-6');
    await succeed(server(), 'subscriberAccountReadFully', { subscriberAccountId: mine.id }, { user: 'reader' });
  });
});
