import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeOnStores } from '../helpers/server.ts';
import { assertProblem, externalAccount, placeContractAssigning, removeContract, suac, succeed } from '../helpers/accounts.ts';
import { createExternalAccount, createSubscriberAccount, freshId } from '../helpers/factories.ts';

const ref = (subscriberAccountId: string, externalAccountId: string) => ({ externalAccountReference: { subscriberAccountId, externalAccountId } });

describeOnStores('external accounts', (server) => {
  /** a subscriber account of this test's own */
  const ownAccount = async () => (await createSubscriberAccount(server())).id;
  const invoiceAccount = (subscriberAccountId: string, id: string) => externalAccount(subscriberAccountId, id, { description: 'invoice account', additionalId: 'CA-77' });

  test('when an external account is maintained, then it reads back identically', async () => {
    const account = invoiceAccount(await ownAccount(), freshId('EXT'));
    await succeed(server(), 'externalAccountMaintain', { externalAccount: account });
    const read = await succeed(server(), 'externalAccountRead', ref(account.subscriberAccountId, account.id));
    assert.deepEqual(read.body, { status: 'return', externalAccount: account });
  });

  test('when the same external account is maintained again, then it succeeds and nothing changes', async () => {
    const account = invoiceAccount(await ownAccount(), freshId('EXT'));
    await succeed(server(), 'externalAccountMaintain', { externalAccount: account });
    await succeed(server(), 'externalAccountMaintain', { externalAccount: account });
    const read = await succeed(server(), 'externalAccountRead', ref(account.subscriberAccountId, account.id));
    assert.deepEqual(read.body.externalAccount, account);
  });

  test('when an external account is maintained with other content, then it is replaced', async () => {
    const account = await createExternalAccount(server(), await ownAccount(), { description: 'invoice account', additionalId: 'CA-77' });
    const replacement = externalAccount(account.subscriberAccountId, account.id, { currencyCode: 'USD', externalSystemCode: 'SD' });
    await succeed(server(), 'externalAccountMaintain', { externalAccount: replacement });
    const read = await succeed(server(), 'externalAccountRead', ref(account.subscriberAccountId, account.id));
    assert.deepEqual(read.body.externalAccount, replacement);
  });

  test('when an external account has no currency, then it is accepted', async () => {
    const { currencyCode: _none, ...account } = externalAccount(await ownAccount(), freshId('EXT-NOCUR'));
    await succeed(server(), 'externalAccountMaintain', { externalAccount: account });
    const read = await succeed(server(), 'externalAccountRead', ref(account.subscriberAccountId, account.id));
    assert.deepEqual(read.body.externalAccount, account);
  });

  test('when its subscriber account does not exist, then maintain is prerequisiteMissing EXTERNALACCOUNT-101', async () => {
    const result = await suac(server(), 'externalAccountMaintain', { externalAccount: externalAccount(freshId('SA-NONE'), freshId('EXT')) });
    assertProblem(result, 422, 'EXTERNALACCOUNT-101');
    assert.equal(result.body.category, 'prerequisiteMissing');
  });

  test('when its currency is not in the catalog, then maintain is prerequisiteMissing EXTERNALACCOUNT-102 and nothing is written', async () => {
    const [subscriberAccountId, id] = [await ownAccount(), freshId('EXT-XXX')];
    const result = await suac(server(), 'externalAccountMaintain', { externalAccount: externalAccount(subscriberAccountId, id, { currencyCode: 'XXX' }) });
    assertProblem(result, 422, 'EXTERNALACCOUNT-102');
    assertProblem(await suac(server(), 'externalAccountRead', ref(subscriberAccountId, id)), 404, 'EXTERNALACCOUNT-100');
  });

  test('when an external account does not exist, then read and cancel are doesNotExist EXTERNALACCOUNT-100', async () => {
    const existing = await createExternalAccount(server(), await ownAccount());
    const none = freshId('EXT-NONE');
    assertProblem(await suac(server(), 'externalAccountRead', ref(existing.subscriberAccountId, none)), 404, 'EXTERNALACCOUNT-100');
    assertProblem(await suac(server(), 'externalAccountCancel', ref(existing.subscriberAccountId, none)), 404, 'EXTERNALACCOUNT-100');
    // the key is (subscriberAccountId, id): the same id under another account is another account
    assertProblem(await suac(server(), 'externalAccountRead', ref(freshId('SA-OTHER'), existing.id)), 404, 'EXTERNALACCOUNT-100');
  });

  test('when the reference lacks the external account id, then the request is invalid', async () => {
    const result = await suac(server(), 'externalAccountRead', { externalAccountReference: { subscriberAccountId: await ownAccount() } });
    assertProblem(result, 400, 'REQUEST-101');
  });

  test('when a contract assigns it as postpaid, then cancel is illegalState EXTERNALACCOUNT-103; after the contract is gone it is allowed', async () => {
    const billed = await createExternalAccount(server(), await ownAccount());
    const contractId = freshId('CC');
    await placeContractAssigning(server(), billed.subscriberAccountId, contractId, billed.id, 'postpaid');
    const refused = await suac(server(), 'externalAccountCancel', ref(billed.subscriberAccountId, billed.id));
    assertProblem(refused, 409, 'EXTERNALACCOUNT-103');
    assert.equal(refused.body.category, 'illegalState');
    assert.ok(refused.body.detail.includes(contractId), refused.body.detail);
    await succeed(server(), 'externalAccountRead', ref(billed.subscriberAccountId, billed.id));

    await removeContract(server(), contractId);
    await succeed(server(), 'externalAccountCancel', ref(billed.subscriberAccountId, billed.id));
    assertProblem(await suac(server(), 'externalAccountRead', ref(billed.subscriberAccountId, billed.id)), 404, 'EXTERNALACCOUNT-100');
  });

  test('when a contract assigns the same id as a prepaid account, then the external account can be cancelled', async () => {
    const same = await createExternalAccount(server(), await ownAccount());
    const contractId = freshId('CC');
    await placeContractAssigning(server(), same.subscriberAccountId, contractId, same.id, 'prepaid');
    await succeed(server(), 'externalAccountCancel', ref(same.subscriberAccountId, same.id));
    await removeContract(server(), contractId);
  });

  test('when a reader reads, then it is allowed; when a reader maintains or cancels, then it is forbidden', async () => {
    const mine = await createExternalAccount(server(), await ownAccount());
    await succeed(server(), 'externalAccountRead', ref(mine.subscriberAccountId, mine.id), { user: 'reader' });
    const maintain = await suac(server(), 'externalAccountMaintain', { externalAccount: externalAccount(mine.subscriberAccountId, freshId('EXT-R')) }, { user: 'reader' });
    assertProblem(maintain, 403, 'CC-SEC-AUTH-6');
    assertProblem(await suac(server(), 'externalAccountCancel', ref(mine.subscriberAccountId, mine.id), { user: 'reader' }), 403, 'CC-SEC-AUTH-6');
    await succeed(server(), 'externalAccountMaintain', { externalAccount: externalAccount(mine.subscriberAccountId, freshId('EXT-P')) }, { user: 'provisioning' });
  });
});
