import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeOnStores } from '../helpers/server.ts';
import { assertProblem, externalAccount, maintainSubscriberAccount, placeContractAssigning, removeContract, suac, succeed } from '../helpers/accounts.ts';

const ref = (subscriberAccountId: string, externalAccountId: string) => ({ externalAccountReference: { subscriberAccountId, externalAccountId } });

describeOnStores('external accounts', (server) => {
  test('when an external account is maintained, then it reads back identically', async () => {
    await maintainSubscriberAccount(server(), 'SA-E1');
    const account = externalAccount('SA-E1', 'EXT-1', { description: 'invoice account', additionalId: 'CA-77' });
    await succeed(server(), 'externalAccountMaintain', { externalAccount: account });
    const read = await succeed(server(), 'externalAccountRead', ref('SA-E1', 'EXT-1'));
    assert.deepEqual(read.body, { status: 'return', externalAccount: account });
  });

  test('when the same external account is maintained again, then it succeeds and nothing changes', async () => {
    const account = externalAccount('SA-E1', 'EXT-1', { description: 'invoice account', additionalId: 'CA-77' });
    await succeed(server(), 'externalAccountMaintain', { externalAccount: account });
    const read = await succeed(server(), 'externalAccountRead', ref('SA-E1', 'EXT-1'));
    assert.deepEqual(read.body.externalAccount, account);
  });

  test('when an external account is maintained with other content, then it is replaced', async () => {
    const replacement = externalAccount('SA-E1', 'EXT-1', { currencyCode: 'USD', externalSystemCode: 'SD' });
    await succeed(server(), 'externalAccountMaintain', { externalAccount: replacement });
    const read = await succeed(server(), 'externalAccountRead', ref('SA-E1', 'EXT-1'));
    assert.deepEqual(read.body.externalAccount, replacement);
  });

  test('when an external account has no currency, then it is accepted', async () => {
    const { currencyCode: _none, ...account } = externalAccount('SA-E1', 'EXT-NOCUR');
    await succeed(server(), 'externalAccountMaintain', { externalAccount: account });
    const read = await succeed(server(), 'externalAccountRead', ref('SA-E1', 'EXT-NOCUR'));
    assert.deepEqual(read.body.externalAccount, account);
  });

  test('when its subscriber account does not exist, then maintain is prerequisiteMissing EXTERNALACCOUNT-101', async () => {
    const result = await suac(server(), 'externalAccountMaintain', { externalAccount: externalAccount('SA-NONE', 'EXT-1') });
    assertProblem(result, 422, 'EXTERNALACCOUNT-101');
    assert.equal(result.body.category, 'prerequisiteMissing');
  });

  test('when its currency is not in the catalog, then maintain is prerequisiteMissing EXTERNALACCOUNT-102 and nothing is written', async () => {
    const result = await suac(server(), 'externalAccountMaintain', { externalAccount: externalAccount('SA-E1', 'EXT-XXX', { currencyCode: 'XXX' }) });
    assertProblem(result, 422, 'EXTERNALACCOUNT-102');
    assertProblem(await suac(server(), 'externalAccountRead', ref('SA-E1', 'EXT-XXX')), 404, 'EXTERNALACCOUNT-100');
  });

  test('when an external account does not exist, then read and cancel are doesNotExist EXTERNALACCOUNT-100', async () => {
    assertProblem(await suac(server(), 'externalAccountRead', ref('SA-E1', 'EXT-NONE')), 404, 'EXTERNALACCOUNT-100');
    assertProblem(await suac(server(), 'externalAccountCancel', ref('SA-E1', 'EXT-NONE')), 404, 'EXTERNALACCOUNT-100');
    // the key is (subscriberAccountId, id): the same id under another account is another account
    assertProblem(await suac(server(), 'externalAccountRead', ref('SA-OTHER', 'EXT-1')), 404, 'EXTERNALACCOUNT-100');
  });

  test('when the reference lacks the external account id, then the request is invalid', async () => {
    const result = await suac(server(), 'externalAccountRead', { externalAccountReference: { subscriberAccountId: 'SA-E1' } });
    assertProblem(result, 400, 'REQUEST-101');
  });

  test('when a contract assigns it as postpaid, then cancel is illegalState EXTERNALACCOUNT-103; after the contract is gone it is allowed', async () => {
    await succeed(server(), 'externalAccountMaintain', { externalAccount: externalAccount('SA-E1', 'EXT-BILLED') });
    await placeContractAssigning(server(), 'SA-E1', 'CC-E1', 'EXT-BILLED', 'postpaid');
    const refused = await suac(server(), 'externalAccountCancel', ref('SA-E1', 'EXT-BILLED'));
    assertProblem(refused, 409, 'EXTERNALACCOUNT-103');
    assert.equal(refused.body.category, 'illegalState');
    assert.match(refused.body.detail, /CC-E1/);
    await succeed(server(), 'externalAccountRead', ref('SA-E1', 'EXT-BILLED'));

    await removeContract(server(), 'CC-E1');
    await succeed(server(), 'externalAccountCancel', ref('SA-E1', 'EXT-BILLED'));
    assertProblem(await suac(server(), 'externalAccountRead', ref('SA-E1', 'EXT-BILLED')), 404, 'EXTERNALACCOUNT-100');
  });

  test('when a contract assigns the same id as a prepaid account, then the external account can be cancelled', async () => {
    await succeed(server(), 'externalAccountMaintain', { externalAccount: externalAccount('SA-E1', 'SAME-ID') });
    await placeContractAssigning(server(), 'SA-E1', 'CC-E2', 'SAME-ID', 'prepaid');
    await succeed(server(), 'externalAccountCancel', ref('SA-E1', 'SAME-ID'));
    await removeContract(server(), 'CC-E2');
  });

  test('when a reader reads, then it is allowed; when a reader maintains or cancels, then it is forbidden', async () => {
    await succeed(server(), 'externalAccountRead', ref('SA-E1', 'EXT-1'), { user: 'reader' });
    const maintain = await suac(server(), 'externalAccountMaintain', { externalAccount: externalAccount('SA-E1', 'EXT-R') }, { user: 'reader' });
    assertProblem(maintain, 403, 'CC-SEC-AUTH-6');
    assertProblem(await suac(server(), 'externalAccountCancel', ref('SA-E1', 'EXT-1'), { user: 'reader' }), 403, 'CC-SEC-AUTH-6');
    await succeed(server(), 'externalAccountMaintain', { externalAccount: externalAccount('SA-E1', 'EXT-P') }, { user: 'provisioning' });
  });
});
