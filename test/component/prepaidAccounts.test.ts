import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeOnStores } from '../helpers/server.ts';
import type { PrepaidAccount } from '../../src/schema/customerData.ts';
import { assertProblem, placeContractAssigning, prepaidAccount, removeContract, suac, succeed } from '../helpers/accounts.ts';
import { createPrepaidAccount, createSubscriberAccount, freshId } from '../helpers/factories.ts';

/** the reference of a prepaid account: its subscriber account and id */
const ref = ({ subscriberAccountId, id }: Pick<PrepaidAccount, 'subscriberAccountId' | 'id'>) => ({ prepaidAccountReference: { subscriberAccountId, prepaidAccountId: id } });
const migration = { user: 'migration' };

const definition = prepaidAccount('SA-P1', 'PP-1', {
  description: 'main balance',
  emptyLimit: '-10.00',
  stateSchedule: {
    item: [
      { stateCode: 'blocked', fromDate: '2027-01-01T00:00:00' },
      { stateCode: 'locked', fromDate: '2027-02-01T00:00:00' },
      { stateCode: 'closed', fromDate: '2027-03-01T00:00:00' },
    ],
  },
  amountAlert: [{ alertCode: 'LOW', amountThreshold: '5.00' }],
  stateChangeAlert: [{ alertCode: 'SOON_BLOCKED', dayCount: 7, toStateCode: 'blocked' }],
});

describeOnStores('prepaid accounts', (server) => {
  const read = async (account: PrepaidAccount) => (await succeed(server(), 'prepaidAccountRead', ref(account))).body.prepaidAccount;
  const maintain = (account: object) => suac(server(), 'prepaidAccountMaintain', { prepaidAccount: account });
  const stateChange = (account: PrepaidAccount, stateCode: string) => suac(server(), 'prepaidAccountStateChange', { ...ref(account), stateCode });
  const balanceSet = (account: PrepaidAccount, balance: string, reason = 'migrated from legacy billing') =>
    suac(server(), 'prepaidAccountBalanceSet', { ...ref(account), balance, reason }, migration);
  /** a subscriber account of this test's own */
  const ownAccount = async () => (await createSubscriberAccount(server())).id;
  /** `definition` with a fresh id under a subscriber account of this test's own, maintained */
  const defined = async (): Promise<PrepaidAccount> => {
    const account = { ...definition, id: freshId('PP'), subscriberAccountId: await ownAccount() };
    await succeed(server(), 'prepaidAccountMaintain', { prepaidAccount: account });
    return account;
  };

  test('when a prepaid account is created, then it reads back active with balance 0 and its definition unchanged', async () => {
    const mine = await defined();
    const account = await read(mine);
    assert.deepEqual(account, { ...mine, balance: '0', currentState: 'active' });
  });

  test('when what a read returned, or the same definition, is maintained again, then it succeeds and reads back the same', async () => {
    const mine = await defined();
    const before = await read(mine);
    await succeed(server(), 'prepaidAccountMaintain', { prepaidAccount: before });
    await succeed(server(), 'prepaidAccountMaintain', { prepaidAccount: mine });
    assert.deepEqual(await read(mine), before);
  });

  test('when a prepaid account is replaced, then it keeps its balance and state', async () => {
    const mine = await defined();
    await succeed(server(), 'prepaidAccountBalanceSet', { ...ref(mine), balance: '12.50', reason: 'migration' }, migration);
    assert.equal((await stateChange(mine, 'blocked')).status, 200);
    // balance and currentState sent on write are read-side fields: ignored
    await succeed(server(), 'prepaidAccountMaintain', { prepaidAccount: { ...mine, description: 'renamed', balance: '99', currentState: 'active' } });
    const account = await read(mine);
    assert.equal(account.description, 'renamed');
    assert.equal(account.balance, '12.50');
    assert.equal(account.currentState, 'blocked');
  });

  test('when a day count is beyond the integers a JSON number holds exactly, then maintain is invalid REQUEST-113; the largest one reads back as sent', async () => {
    const days = { ...definition, id: freshId('PP-DAYS'), subscriberAccountId: await ownAccount() };
    const withDays = (dayCount: number) => ({ ...days, stateChangeAlert: [{ alertCode: 'SOON_BLOCKED', dayCount, toStateCode: 'blocked' }] });
    assertProblem(await maintain(withDays(2 ** 53)), 400, 'REQUEST-113');
    assertProblem(await maintain(withDays(1e20)), 400, 'REQUEST-113');
    await succeed(server(), 'prepaidAccountMaintain', { prepaidAccount: withDays(Number.MAX_SAFE_INTEGER) });
    assert.equal((await read(days)).stateChangeAlert[0].dayCount, Number.MAX_SAFE_INTEGER);
  });

  test('when its subscriber account does not exist, then maintain is prerequisiteMissing PREPAIDACCOUNT-101', async () => {
    assertProblem(await maintain(prepaidAccount(freshId('SA-NONE'), freshId('PP'))), 422, 'PREPAIDACCOUNT-101');
  });

  test('when its currency is not in the catalog, then maintain is prerequisiteMissing PREPAIDACCOUNT-102', async () => {
    const xxx = prepaidAccount(await ownAccount(), freshId('PP-XXX'), { currencyCode: 'XXX' });
    assertProblem(await maintain(xxx), 422, 'PREPAIDACCOUNT-102');
    assertProblem(await suac(server(), 'prepaidAccountRead', ref(xxx)), 404, 'PREPAIDACCOUNT-100');
  });

  test('when the state schedule is out of order, repeats a state or its dates do not increase, then maintain is invalid PREPAIDACCOUNT-103', async () => {
    const schedules = [
      [{ stateCode: 'locked', fromDate: '2027-01-01T00:00:00' }, { stateCode: 'blocked', fromDate: '2027-02-01T00:00:00' }],
      [{ stateCode: 'blocked', fromDate: '2027-01-01T00:00:00' }, { stateCode: 'blocked', fromDate: '2027-02-01T00:00:00' }],
      [{ stateCode: 'blocked', fromDate: '2027-02-01T00:00:00' }, { stateCode: 'closed', fromDate: '2027-01-01T00:00:00' }],
      [{ stateCode: 'locked', fromDate: '2027-02-01T00:00:00' }, { stateCode: 'closed', fromDate: '2027-02-01T00:00:00' }],
    ] as const;
    const [subscriberAccountId, id] = [await ownAccount(), freshId('PP-SCHED')];
    for (const item of schedules) {
      const result = await maintain(prepaidAccount(subscriberAccountId, id, { stateSchedule: { item: [...item] } }));
      assertProblem(result, 400, 'PREPAIDACCOUNT-103');
      assert.equal(result.body.category, 'invalid');
    }
    await succeed(server(), 'prepaidAccountMaintain', {
      prepaidAccount: prepaidAccount(subscriberAccountId, id, { stateSchedule: { item: [{ stateCode: 'locked', fromDate: '2027-01-01T00:00:00' }, { stateCode: 'closed', fromDate: '2027-01-01T00:00:01' }] } }),
    });
  });

  test('when the currency changes while the balance is not zero, then maintain is illegalState PREPAIDACCOUNT-110; at zero it is allowed', async () => {
    const cur = await createPrepaidAccount(server(), await ownAccount());
    await succeed(server(), 'prepaidAccountMaintain', { prepaidAccount: { ...cur, currencyCode: 'USD' } });
    assert.equal((await balanceSet(cur, '3.00')).status, 200);
    assertProblem(await maintain({ ...cur, currencyCode: 'EUR' }), 409, 'PREPAIDACCOUNT-110');
    assert.equal((await read(cur)).currencyCode, 'USD');
  });

  test('when a prepaid account does not exist, then read, cancel, state change and balance set are doesNotExist PREPAIDACCOUNT-100', async () => {
    const existing = await defined();
    const none = prepaidAccount(existing.subscriberAccountId, freshId('PP-NONE'));
    assertProblem(await suac(server(), 'prepaidAccountRead', ref(none)), 404, 'PREPAIDACCOUNT-100');
    assertProblem(await suac(server(), 'prepaidAccountCancel', ref(none)), 404, 'PREPAIDACCOUNT-100');
    assertProblem(await stateChange(none, 'blocked'), 404, 'PREPAIDACCOUNT-100');
    assertProblem(await balanceSet(none, '1'), 404, 'PREPAIDACCOUNT-100');
    // the key is (subscriberAccountId, id): the same id under another account is another account
    assertProblem(await suac(server(), 'prepaidAccountRead', ref({ ...existing, subscriberAccountId: freshId('SA-OTHER') })), 404, 'PREPAIDACCOUNT-100');
  });

  test('when the state moves active → blocked → locked → active, then each read shows it; the same state again is a no-op', async () => {
    const mine = await defined();
    for (const state of ['blocked', 'locked', 'locked', 'active', 'active']) {
      const result = await stateChange(mine, state);
      assert.equal(result.status, 200, JSON.stringify(result.body));
      assert.equal((await read(mine)).currentState, state);
    }
  });

  test('when an unknown state is asked, then the request is invalid REQUEST-106', async () => {
    assertProblem(await stateChange(await defined(), 'frozen'), 400, 'REQUEST-106');
  });

  test('when a prepaid account is closed, then it stays closed: other states are illegalState PREPAIDACCOUNT-104, closed again succeeds', async () => {
    const closed = await createPrepaidAccount(server(), await ownAccount());
    assert.equal((await stateChange(closed, 'closed')).status, 200);
    for (const state of ['active', 'blocked', 'locked']) assertProblem(await stateChange(closed, state), 409, 'PREPAIDACCOUNT-104');
    assert.equal((await stateChange(closed, 'closed')).status, 200);
    assert.equal((await read(closed)).currentState, 'closed');
  });

  test('when the balance of a closed account is set, then it is illegalState PREPAIDACCOUNT-109 and the balance is unchanged', async () => {
    const closed = await createPrepaidAccount(server(), await ownAccount());
    assert.equal((await stateChange(closed, 'closed')).status, 200);
    assertProblem(await balanceSet(closed, '5.00'), 409, 'PREPAIDACCOUNT-109');
    assert.equal((await read(closed)).balance, '0');
  });

  test('when the balance has more fraction digits than the currency, then it is invalid PREPAIDACCOUNT-108; trailing zeros do not count', async () => {
    const mine = await defined();
    assertProblem(await balanceSet(mine, '1.005'), 400, 'PREPAIDACCOUNT-108');
    assert.equal((await balanceSet(mine, '1.500')).status, 200);
    assert.equal((await read(mine)).balance, '1.500');
  });

  test('when a negative balance is set, then it reads back exactly', async () => {
    const mine = await defined();
    assert.equal((await balanceSet(mine, '-3.20')).status, 200);
    assert.equal((await read(mine)).balance, '-3.20');
  });

  test('when the reason is missing or longer than 2000 characters, then balance set is invalid', async () => {
    const mine = await defined();
    const missing = await suac(server(), 'prepaidAccountBalanceSet', { ...ref(mine), balance: '1' }, migration);
    assertProblem(missing, 400, 'REQUEST-101');
    assertProblem(await balanceSet(mine, '1', 'r'.repeat(2001)), 400, 'REQUEST-103');
    assertProblem(await balanceSet(mine, '1', ''), 400, 'REQUEST-103');
  });

  test('when provisioning or a reader sets a balance, then it is forbidden: only migration may', async () => {
    const mine = await defined();
    const body = { ...ref(mine), balance: '1', reason: 'r' };
    assertProblem(await suac(server(), 'prepaidAccountBalanceSet', body, { user: 'provisioning' }), 403, 'CC-SEC-AUTH-6');
    assertProblem(await suac(server(), 'prepaidAccountBalanceSet', body, { user: 'reader' }), 403, 'CC-SEC-AUTH-6');
    assertProblem(await suac(server(), 'prepaidAccountStateChange', { ...ref(mine), stateCode: 'blocked' }, { user: 'reader' }), 403, 'CC-SEC-AUTH-6');
    assertProblem(await suac(server(), 'prepaidAccountMaintain', { prepaidAccount: mine }, { user: 'migration' }), 403, 'CC-SEC-AUTH-6');
    await succeed(server(), 'prepaidAccountRead', ref(mine), { user: 'reader' });
    await succeed(server(), 'prepaidAccountStateChange', { ...ref(mine), stateCode: 'active' }, { user: 'provisioning' });
  });

  test('when a contract assigns it as prepaid, then cancel is illegalState PREPAIDACCOUNT-105; after the contract is gone it is allowed', async () => {
    const used = await createPrepaidAccount(server(), await ownAccount());
    const contractId = freshId('CC');
    await placeContractAssigning(server(), used.subscriberAccountId, contractId, used.id, 'prepaid');
    const refused = await suac(server(), 'prepaidAccountCancel', ref(used));
    assertProblem(refused, 409, 'PREPAIDACCOUNT-105');
    assert.equal(refused.body.category, 'illegalState');
    await succeed(server(), 'prepaidAccountRead', ref(used));

    await removeContract(server(), contractId);
    await succeed(server(), 'prepaidAccountCancel', ref(used));
    assertProblem(await suac(server(), 'prepaidAccountRead', ref(used)), 404, 'PREPAIDACCOUNT-100');
  });

  test('when a contract assigns the same id as postpaid, then the prepaid account can be cancelled', async () => {
    const same = await createPrepaidAccount(server(), await ownAccount());
    const contractId = freshId('CC');
    await placeContractAssigning(server(), same.subscriberAccountId, contractId, same.id, 'postpaid');
    await succeed(server(), 'prepaidAccountCancel', ref(same));
    await removeContract(server(), contractId);
  });
});
