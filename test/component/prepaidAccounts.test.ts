import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeOnStores } from '../helpers/server.ts';
import { assertProblem, maintainSubscriberAccount, placeContractAssigning, prepaidAccount, removeContract, suac, succeed } from '../helpers/accounts.ts';

const ref = (prepaidAccountId: string, subscriberAccountId = 'SA-P1') => ({ prepaidAccountReference: { subscriberAccountId, prepaidAccountId } });
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
  const read = async (id: string) => (await succeed(server(), 'prepaidAccountRead', ref(id))).body.prepaidAccount;
  const maintain = (account: object) => suac(server(), 'prepaidAccountMaintain', { prepaidAccount: account });
  const stateChange = (id: string, stateCode: string) => suac(server(), 'prepaidAccountStateChange', { ...ref(id), stateCode });
  const balanceSet = (id: string, balance: string, reason = 'migrated from legacy billing') =>
    suac(server(), 'prepaidAccountBalanceSet', { ...ref(id), balance, reason }, migration);

  test('when a prepaid account is created, then it reads back active with balance 0 and its definition unchanged', async () => {
    await maintainSubscriberAccount(server(), 'SA-P1');
    await succeed(server(), 'prepaidAccountMaintain', { prepaidAccount: definition });
    const account = await read('PP-1');
    assert.deepEqual(account, { ...definition, balance: '0', currentState: 'active' });
  });

  test('when what a read returned, or the same definition, is maintained again, then it succeeds and reads back the same', async () => {
    const before = await read('PP-1');
    await succeed(server(), 'prepaidAccountMaintain', { prepaidAccount: before });
    await succeed(server(), 'prepaidAccountMaintain', { prepaidAccount: definition });
    assert.deepEqual(await read('PP-1'), before);
  });

  test('when a prepaid account is replaced, then it keeps its balance and state', async () => {
    await succeed(server(), 'prepaidAccountBalanceSet', { ...ref('PP-1'), balance: '12.50', reason: 'migration' }, migration);
    assert.equal((await stateChange('PP-1', 'blocked')).status, 200);
    // balance and currentState sent on write are read-side fields: ignored
    await succeed(server(), 'prepaidAccountMaintain', { prepaidAccount: { ...definition, description: 'renamed', balance: '99', currentState: 'active' } });
    const account = await read('PP-1');
    assert.equal(account.description, 'renamed');
    assert.equal(account.balance, '12.50');
    assert.equal(account.currentState, 'blocked');
    await stateChange('PP-1', 'active');
  });

  test('when a day count is beyond the integers a JSON number holds exactly, then maintain is invalid REQUEST-113; the largest one reads back as sent', async () => {
    const withDays = (dayCount: number) => ({ ...definition, id: 'PP-DAYS', stateChangeAlert: [{ alertCode: 'SOON_BLOCKED', dayCount, toStateCode: 'blocked' }] });
    assertProblem(await maintain(withDays(2 ** 53)), 400, 'REQUEST-113');
    assertProblem(await maintain(withDays(1e20)), 400, 'REQUEST-113');
    await succeed(server(), 'prepaidAccountMaintain', { prepaidAccount: withDays(Number.MAX_SAFE_INTEGER) });
    assert.equal((await read('PP-DAYS')).stateChangeAlert[0].dayCount, Number.MAX_SAFE_INTEGER);
  });

  test('when its subscriber account does not exist, then maintain is prerequisiteMissing PREPAIDACCOUNT-101', async () => {
    assertProblem(await maintain(prepaidAccount('SA-NONE', 'PP-1')), 422, 'PREPAIDACCOUNT-101');
  });

  test('when its currency is not in the catalog, then maintain is prerequisiteMissing PREPAIDACCOUNT-102', async () => {
    assertProblem(await maintain(prepaidAccount('SA-P1', 'PP-XXX', { currencyCode: 'XXX' })), 422, 'PREPAIDACCOUNT-102');
    assertProblem(await suac(server(), 'prepaidAccountRead', ref('PP-XXX')), 404, 'PREPAIDACCOUNT-100');
  });

  test('when the state schedule is out of order, repeats a state or its dates do not increase, then maintain is invalid PREPAIDACCOUNT-103', async () => {
    const schedules = [
      [{ stateCode: 'locked', fromDate: '2027-01-01T00:00:00' }, { stateCode: 'blocked', fromDate: '2027-02-01T00:00:00' }],
      [{ stateCode: 'blocked', fromDate: '2027-01-01T00:00:00' }, { stateCode: 'blocked', fromDate: '2027-02-01T00:00:00' }],
      [{ stateCode: 'blocked', fromDate: '2027-02-01T00:00:00' }, { stateCode: 'closed', fromDate: '2027-01-01T00:00:00' }],
      [{ stateCode: 'locked', fromDate: '2027-02-01T00:00:00' }, { stateCode: 'closed', fromDate: '2027-02-01T00:00:00' }],
    ] as const;
    for (const item of schedules) {
      const result = await maintain(prepaidAccount('SA-P1', 'PP-SCHED', { stateSchedule: { item: [...item] } }));
      assertProblem(result, 400, 'PREPAIDACCOUNT-103');
      assert.equal(result.body.category, 'invalid');
    }
    await succeed(server(), 'prepaidAccountMaintain', {
      prepaidAccount: prepaidAccount('SA-P1', 'PP-SCHED', { stateSchedule: { item: [{ stateCode: 'locked', fromDate: '2027-01-01T00:00:00' }, { stateCode: 'closed', fromDate: '2027-01-01T00:00:01' }] } }),
    });
  });

  test('when the currency changes while the balance is not zero, then maintain is illegalState PREPAIDACCOUNT-110; at zero it is allowed', async () => {
    await succeed(server(), 'prepaidAccountMaintain', { prepaidAccount: prepaidAccount('SA-P1', 'PP-CUR') });
    await succeed(server(), 'prepaidAccountMaintain', { prepaidAccount: prepaidAccount('SA-P1', 'PP-CUR', { currencyCode: 'USD' }) });
    assert.equal((await balanceSet('PP-CUR', '3.00')).status, 200);
    assertProblem(await maintain(prepaidAccount('SA-P1', 'PP-CUR', { currencyCode: 'EUR' })), 409, 'PREPAIDACCOUNT-110');
    assert.equal((await read('PP-CUR')).currencyCode, 'USD');
  });

  test('when a prepaid account does not exist, then read, cancel, state change and balance set are doesNotExist PREPAIDACCOUNT-100', async () => {
    assertProblem(await suac(server(), 'prepaidAccountRead', ref('PP-NONE')), 404, 'PREPAIDACCOUNT-100');
    assertProblem(await suac(server(), 'prepaidAccountCancel', ref('PP-NONE')), 404, 'PREPAIDACCOUNT-100');
    assertProblem(await stateChange('PP-NONE', 'blocked'), 404, 'PREPAIDACCOUNT-100');
    assertProblem(await balanceSet('PP-NONE', '1'), 404, 'PREPAIDACCOUNT-100');
    assertProblem(await suac(server(), 'prepaidAccountRead', ref('PP-1', 'SA-OTHER')), 404, 'PREPAIDACCOUNT-100');
  });

  test('when the state moves active → blocked → locked → active, then each read shows it; the same state again is a no-op', async () => {
    for (const state of ['blocked', 'locked', 'locked', 'active', 'active']) {
      const result = await stateChange('PP-1', state);
      assert.equal(result.status, 200, JSON.stringify(result.body));
      assert.equal((await read('PP-1')).currentState, state);
    }
  });

  test('when an unknown state is asked, then the request is invalid REQUEST-106', async () => {
    assertProblem(await stateChange('PP-1', 'frozen'), 400, 'REQUEST-106');
  });

  test('when a prepaid account is closed, then it stays closed: other states are illegalState PREPAIDACCOUNT-104, closed again succeeds', async () => {
    await succeed(server(), 'prepaidAccountMaintain', { prepaidAccount: prepaidAccount('SA-P1', 'PP-CLOSED') });
    assert.equal((await stateChange('PP-CLOSED', 'closed')).status, 200);
    for (const state of ['active', 'blocked', 'locked']) assertProblem(await stateChange('PP-CLOSED', state), 409, 'PREPAIDACCOUNT-104');
    assert.equal((await stateChange('PP-CLOSED', 'closed')).status, 200);
    assert.equal((await read('PP-CLOSED')).currentState, 'closed');
  });

  test('when the balance of a closed account is set, then it is illegalState PREPAIDACCOUNT-109 and the balance is unchanged', async () => {
    assertProblem(await balanceSet('PP-CLOSED', '5.00'), 409, 'PREPAIDACCOUNT-109');
    assert.equal((await read('PP-CLOSED')).balance, '0');
  });

  test('when the balance has more fraction digits than the currency, then it is invalid PREPAIDACCOUNT-108; trailing zeros do not count', async () => {
    assertProblem(await balanceSet('PP-1', '1.005'), 400, 'PREPAIDACCOUNT-108');
    assert.equal((await balanceSet('PP-1', '1.500')).status, 200);
    assert.equal((await read('PP-1')).balance, '1.500');
  });

  test('when a negative balance is set, then it reads back exactly', async () => {
    assert.equal((await balanceSet('PP-1', '-3.20')).status, 200);
    assert.equal((await read('PP-1')).balance, '-3.20');
  });

  test('when the reason is missing or longer than 2000 characters, then balance set is invalid', async () => {
    const missing = await suac(server(), 'prepaidAccountBalanceSet', { ...ref('PP-1'), balance: '1' }, migration);
    assertProblem(missing, 400, 'REQUEST-101');
    assertProblem(await balanceSet('PP-1', '1', 'r'.repeat(2001)), 400, 'REQUEST-103');
    assertProblem(await balanceSet('PP-1', '1', ''), 400, 'REQUEST-103');
  });

  test('when provisioning or a reader sets a balance, then it is forbidden: only migration may', async () => {
    const body = { ...ref('PP-1'), balance: '1', reason: 'r' };
    assertProblem(await suac(server(), 'prepaidAccountBalanceSet', body, { user: 'provisioning' }), 403, 'CC-SEC-AUTH-6');
    assertProblem(await suac(server(), 'prepaidAccountBalanceSet', body, { user: 'reader' }), 403, 'CC-SEC-AUTH-6');
    assertProblem(await suac(server(), 'prepaidAccountStateChange', { ...ref('PP-1'), stateCode: 'blocked' }, { user: 'reader' }), 403, 'CC-SEC-AUTH-6');
    assertProblem(await suac(server(), 'prepaidAccountMaintain', { prepaidAccount: definition }, { user: 'migration' }), 403, 'CC-SEC-AUTH-6');
    await succeed(server(), 'prepaidAccountRead', ref('PP-1'), { user: 'reader' });
    await succeed(server(), 'prepaidAccountStateChange', { ...ref('PP-1'), stateCode: 'active' }, { user: 'provisioning' });
  });

  test('when a contract assigns it as prepaid, then cancel is illegalState PREPAIDACCOUNT-105; after the contract is gone it is allowed', async () => {
    await succeed(server(), 'prepaidAccountMaintain', { prepaidAccount: prepaidAccount('SA-P1', 'PP-USED') });
    await placeContractAssigning(server(), 'SA-P1', 'CC-P1', 'PP-USED', 'prepaid');
    const refused = await suac(server(), 'prepaidAccountCancel', ref('PP-USED'));
    assertProblem(refused, 409, 'PREPAIDACCOUNT-105');
    assert.equal(refused.body.category, 'illegalState');
    await succeed(server(), 'prepaidAccountRead', ref('PP-USED'));

    await removeContract(server(), 'CC-P1');
    await succeed(server(), 'prepaidAccountCancel', ref('PP-USED'));
    assertProblem(await suac(server(), 'prepaidAccountRead', ref('PP-USED')), 404, 'PREPAIDACCOUNT-100');
  });

  test('when a contract assigns the same id as postpaid, then the prepaid account can be cancelled', async () => {
    await succeed(server(), 'prepaidAccountMaintain', { prepaidAccount: prepaidAccount('SA-P1', 'PP-SAME') });
    await placeContractAssigning(server(), 'SA-P1', 'CC-P2', 'PP-SAME', 'postpaid');
    await succeed(server(), 'prepaidAccountCancel', ref('PP-SAME'));
    await removeContract(server(), 'CC-P2');
  });
});
