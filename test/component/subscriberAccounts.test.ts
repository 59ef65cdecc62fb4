import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeOnStores } from '../helpers/server.ts';
import { assertProblem, externalAccount, maintainSubscriberAccount, placeContractAssigning, prepaidAccount, removeContract, suac, succeed } from '../helpers/accounts.ts';

const account = {
  id: 'SA-1',
  subscriberId: 'BP-1',
  description: 'Anna Example',
  tax: { mode: 'vendorSubjectToPay', vat: { taxCode: 'VAT_STD', customerCountryCode: 'DE', businessCategory: 'B2C' } },
  additionalInfo: [{ name: 'SEGMENT', string: 'consumer' }, { name: 'SCORE', number: '0.30' }],
};

describeOnStores('subscriber accounts', (server) => {
  test('when an account is maintained, then it reads back identically', async () => {
    const created = await server().call('suacProvisioning', 'subscriberAccountMaintain', { subscriberAccount: account });
    assert.equal(created.status, 200);
    assert.equal(created.body.status, 'return');
    const read = await server().call('suacProvisioning', 'subscriberAccountRead', { subscriberAccountId: 'SA-1' });
    assert.deepEqual(read.body, { status: 'return', subscriberAccount: account });
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
    await maintainSubscriberAccount(server(), 'SA-FULL');
    const externals = [externalAccount('SA-FULL', 'EXT-A'), externalAccount('SA-FULL', 'EXT-B', { currencyCode: 'USD' })];
    for (const a of externals) await succeed(server(), 'externalAccountMaintain', { externalAccount: a });
    await succeed(server(), 'prepaidAccountMaintain', { prepaidAccount: prepaidAccount('SA-FULL', 'PP-A') });
    await succeed(server(), 'prepaidAccountBalanceSet', { prepaidAccountReference: { subscriberAccountId: 'SA-FULL', prepaidAccountId: 'PP-A' }, balance: '7.25', reason: 'migration' }, { user: 'migration' });
    await succeed(server(), 'prepaidAccountStateChange', { prepaidAccountReference: { subscriberAccountId: 'SA-FULL', prepaidAccountId: 'PP-A' }, stateCode: 'blocked' });

    const full = (await succeed(server(), 'subscriberAccountReadFully', { subscriberAccountId: 'SA-FULL' })).body.subscriberAccount;
    assert.deepEqual(full, {
      id: 'SA-FULL',
      subscriberId: 'BP-SA-FULL',
      externalAccount: externals,
      prepaidAccount: [{ ...prepaidAccount('SA-FULL', 'PP-A'), balance: '7.25', currentState: 'blocked' }],
    });
  });

  test('when an account owns nothing, then reading it fully shows the account alone; a missing one is SUBSCRIBERACCOUNT-100', async () => {
    const full = (await succeed(server(), 'subscriberAccountReadFully', { subscriberAccountId: 'SA-1' })).body.subscriberAccount;
    assert.deepEqual(full, account);
    assertProblem(await suac(server(), 'subscriberAccountReadFully', { subscriberAccountId: 'nope' }), 404, 'SUBSCRIBERACCOUNT-100');
  });

  test('when an account owns accounts or contracts, then cancel is illegalState SUBSCRIBERACCOUNT-101; once they are gone it is allowed', async () => {
    const cancel = () => suac(server(), 'subscriberAccountCancel', { subscriberAccountId: 'SA-FULL' });
    const refusedWhileOwning = async () => {
      const refused = await cancel();
      assertProblem(refused, 409, 'SUBSCRIBERACCOUNT-101');
      assert.equal(refused.body.category, 'illegalState');
    };
    await refusedWhileOwning();
    for (const id of ['EXT-A', 'EXT-B']) await succeed(server(), 'externalAccountCancel', { externalAccountReference: { subscriberAccountId: 'SA-FULL', externalAccountId: id } });
    await refusedWhileOwning();
    await succeed(server(), 'prepaidAccountCancel', { prepaidAccountReference: { subscriberAccountId: 'SA-FULL', prepaidAccountId: 'PP-A' } });
    await placeContractAssigning(server(), 'SA-FULL', 'CC-FULL', 'nothing', 'prepaid');
    await refusedWhileOwning();
    await removeContract(server(), 'CC-FULL');

    await succeed(server(), 'subscriberAccountCancel', { subscriberAccountId: 'SA-FULL' });
    assertProblem(await suac(server(), 'subscriberAccountRead', { subscriberAccountId: 'SA-FULL' }), 404, 'SUBSCRIBERACCOUNT-100');
    assertProblem(await cancel(), 404, 'SUBSCRIBERACCOUNT-100');
  });

  test('when an account is maintained with other content, then it is replaced; the same content again succeeds', async () => {
    const replaced = { id: 'SA-1', subscriberId: 'BP-2', noTax: {} };
    await succeed(server(), 'subscriberAccountMaintain', { subscriberAccount: replaced });
    await succeed(server(), 'subscriberAccountMaintain', { subscriberAccount: replaced });
    assert.deepEqual((await succeed(server(), 'subscriberAccountRead', { subscriberAccountId: 'SA-1' })).body.subscriberAccount, replaced);
  });

  test('when an account has both noTax and tax, then the request is invalid REQUEST-110', async () => {
    assertProblem(await suac(server(), 'subscriberAccountMaintain', { subscriberAccount: { ...account, id: 'SA-3', noTax: {} } }), 400, 'REQUEST-110');
  });

  test('when a reader maintains or cancels an account, then it is forbidden; reading is allowed', async () => {
    assertProblem(await suac(server(), 'subscriberAccountMaintain', { subscriberAccount: account }, { user: 'reader' }), 403, 'CC-SEC-AUTH-6');
    assertProblem(await suac(server(), 'subscriberAccountCancel', { subscriberAccountId: 'SA-1' }, { user: 'reader' }), 403, 'CC-SEC-AUTH-6');
    await succeed(server(), 'subscriberAccountReadFully', { subscriberAccountId: 'SA-1' }, { user: 'reader' });
  });
});
