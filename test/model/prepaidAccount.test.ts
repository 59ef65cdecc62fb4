import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Decimal } from '../../src/model/decimal.ts';
import { Catalog } from '../../src/model/catalog.ts';
import { isChargingError } from '../../src/model/errors.ts';
import {
  checkBalanceSettable,
  checkCurrencyAmount,
  checkPrepaidAccount,
  checkPrepaidReplacement,
  checkStateSchedule,
  prepaidDefinition,
  prepaidStateChange,
} from '../../src/model/prepaidAccount.ts';
import type { PrepaidAccount, PrepaidState } from '../../src/schema/customerData.ts';

const failsWith = (code: string, fn: () => unknown) => assert.throws(fn, (error) => isChargingError(error) && error.code === code);

type ScheduledState = 'blocked' | 'locked' | 'closed';
const schedule = (...items: Array<[ScheduledState, string]>) => ({ item: items.map(([stateCode, day]) => ({ stateCode, fromDate: `2027-01-${day}T00:00:00` })) });

describe('prepaid account state schedule', () => {
  test('when the schedule goes blocked → locked → closed with increasing dates, or leaves some out, then it is accepted', () => {
    checkStateSchedule(schedule(['blocked', '01'], ['locked', '02'], ['closed', '03']));
    checkStateSchedule(schedule(['blocked', '01'], ['closed', '03']));
    checkStateSchedule(schedule(['closed', '01']));
    checkStateSchedule({});
    checkStateSchedule(undefined);
  });

  test('when a state comes before one it must follow, or twice, then it is PREPAIDACCOUNT-103', () => {
    failsWith('PREPAIDACCOUNT-103', () => checkStateSchedule(schedule(['locked', '01'], ['blocked', '02'])));
    failsWith('PREPAIDACCOUNT-103', () => checkStateSchedule(schedule(['closed', '01'], ['locked', '02'])));
    failsWith('PREPAIDACCOUNT-103', () => checkStateSchedule(schedule(['blocked', '01'], ['blocked', '02'])));
  });

  test('when dates do not increase, then it is PREPAIDACCOUNT-103', () => {
    failsWith('PREPAIDACCOUNT-103', () => checkStateSchedule(schedule(['blocked', '02'], ['locked', '01'])));
    failsWith('PREPAIDACCOUNT-103', () => checkStateSchedule(schedule(['blocked', '01'], ['locked', '01'])));
  });
});

describe('prepaid account state transitions', () => {
  const states: PrepaidState[] = ['active', 'blocked', 'locked', 'closed'];

  test('when an account is not closed, then it may move to any other state', () => {
    for (const from of states.filter((s) => s !== 'closed')) {
      for (const to of states.filter((s) => s !== from)) assert.equal(prepaidStateChange(from, to), to, `${from} → ${to}`);
    }
  });

  test('when the requested state is the current one, then there is nothing to do', () => {
    for (const state of states) assert.equal(prepaidStateChange(state, state), undefined);
  });

  test('when an account is closed, then any other state is PREPAIDACCOUNT-104', () => {
    for (const to of ['active', 'blocked', 'locked'] as const) failsWith('PREPAIDACCOUNT-104', () => prepaidStateChange('closed', to));
  });

  test('when a balance is set on a closed account, then it is PREPAIDACCOUNT-109; on other states it is allowed', () => {
    failsWith('PREPAIDACCOUNT-109', () => checkBalanceSettable('closed'));
    for (const state of ['active', 'blocked', 'locked'] as const) checkBalanceSettable(state);
  });
});

describe('prepaid account amounts and definition', () => {
  test('when an amount has more significant fraction digits than the currency, then it is PREPAIDACCOUNT-108', () => {
    checkCurrencyAmount(Decimal.parse('1.25'), 'EUR', 2);
    checkCurrencyAmount(Decimal.parse('1.250000'), 'EUR', 2);
    checkCurrencyAmount(Decimal.parse('-7'), 'JPY', 0);
    failsWith('PREPAIDACCOUNT-108', () => checkCurrencyAmount(Decimal.parse('1.255'), 'EUR', 2));
    failsWith('PREPAIDACCOUNT-108', () => checkCurrencyAmount(Decimal.parse('0.5'), 'JPY', 0));
  });

  const catalog = Catalog.fromJson(
    JSON.stringify({
      currencies: [{ code: 'EUR', digits: 2 }],
      counterDictionary: [],
      chargePlans: [],
      refillPlans: [],
      monitoringPlans: [],
      allowancePlans: [],
      mappingTableClasses: [],
      rangeTableClasses: [],
      tax: { modes: [], taxCodes: [] },
      spendingStatuses: [],
      allowanceInterfaces: [],
    }),
  );
  const account = (extra: Partial<PrepaidAccount> = {}): PrepaidAccount => ({ id: 'PP', subscriberAccountId: 'SA', currencyCode: 'EUR', ...extra });

  test('when the currency is not in the catalog, then it is PREPAIDACCOUNT-102', () => {
    checkPrepaidAccount(account(), catalog);
    failsWith('PREPAIDACCOUNT-102', () => checkPrepaidAccount(account({ currencyCode: 'USD' }), catalog));
  });

  test('when a replacement changes the currency, then it is refused with a balance (PREPAIDACCOUNT-110) and allowed at zero', () => {
    checkPrepaidReplacement(account({ balance: '0.00' }), account({ currencyCode: 'USD' }));
    checkPrepaidReplacement(account({ balance: '5' }), account({ description: 'same currency' }));
    failsWith('PREPAIDACCOUNT-110', () => checkPrepaidReplacement(account({ balance: '0.01' }), account({ currencyCode: 'USD' })));
  });

  test('when the definition is taken, then balance and current state are left out', () => {
    assert.deepEqual(prepaidDefinition(account({ balance: '3', currentState: 'locked', emptyLimit: '0' })), account({ emptyLimit: '0' }));
  });
});
