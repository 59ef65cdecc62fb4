// Rules of a prepaid account beyond its message schema: the catalog currency, the
// order of the state schedule, state transitions and amounts in the currency's digits.
import type { Catalog } from './catalog.ts';
import { Decimal } from './decimal.ts';
import { fail } from './errors.ts';
import type { PrepaidAccount, PrepaidState } from '../schema/customerData.ts';

type StateSchedule = NonNullable<PrepaidAccount['stateSchedule']>;

/** The order scheduled states must follow. */
const SCHEDULE_ORDER: readonly PrepaidState[] = ['blocked', 'locked', 'closed'];

export function checkPrepaidAccount(account: PrepaidAccount, catalog: Catalog): void {
  checkStateSchedule(account.stateSchedule);
  if (!catalog.hasCurrency(account.currencyCode)) fail('PREPAIDACCOUNT-102', account.currencyCode);
}

/** Items go blocked → locked → closed (each at most once, any may be left out) with increasing fromDate. */
export function checkStateSchedule(schedule: StateSchedule | undefined): void {
  const items = schedule?.item ?? [];
  for (let i = 1; i < items.length; i++) {
    const previous = items[i - 1];
    const item = items[i];
    if (SCHEDULE_ORDER.indexOf(item.stateCode) <= SCHEDULE_ORDER.indexOf(previous.stateCode)) {
      fail('PREPAIDACCOUNT-103', `${item.stateCode} after ${previous.stateCode}`);
    }
    if (item.fromDate <= previous.fromDate) fail('PREPAIDACCOUNT-103', `${item.stateCode} from ${item.fromDate}, not after ${previous.fromDate}`);
  }
}

/**
 * The state after a change to `requested`, or undefined when it is already the
 * current one (a no-op). Any state may follow active, blocked and locked; closed is final.
 */
export function prepaidStateChange(current: PrepaidState, requested: PrepaidState): PrepaidState | undefined {
  if (requested === current) return undefined;
  if (current === 'closed') fail('PREPAIDACCOUNT-104', `to ${requested}`);
  return requested;
}

/** A definition replacing `existing` may change its currency only while the balance is zero. */
export function checkPrepaidReplacement(existing: PrepaidAccount, replacement: PrepaidAccount): void {
  if (existing.currencyCode === replacement.currencyCode) return;
  if (existing.balance !== undefined && !Decimal.parse(existing.balance).isZero()) {
    fail('PREPAIDACCOUNT-110', `${existing.currencyCode} to ${replacement.currencyCode} with balance ${existing.balance}`);
  }
}

/** A balance must be an amount of the currency: no more significant fraction digits than it has. */
export function checkCurrencyAmount(amount: Decimal, currencyCode: string, digits: number): void {
  if (amount.significantScale() > digits) fail('PREPAIDACCOUNT-108', `${amount} has more than ${digits} fraction digits of ${currencyCode}`);
}

/** A balance may be set on any prepaid account that is not closed. */
export function checkBalanceSettable(state: PrepaidState | undefined): void {
  if (state === 'closed') fail('PREPAIDACCOUNT-109');
}

/** The definition without the read side (balance, currentState), as stored and compared. */
export function prepaidDefinition(account: PrepaidAccount): PrepaidAccount {
  if (account.balance === undefined && account.currentState === undefined) return account;
  const { balance: _balance, currentState: _state, ...definition } = account;
  return definition;
}
