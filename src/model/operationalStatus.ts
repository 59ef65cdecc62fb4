// Operational status of a root charging contract (SPEC 2.2): active ⇄ locked →
// closed. Linked contracts have none of their own; they follow their root.
import { fail } from './errors.ts';
import type { OperationalStatus } from '../schema/customerData.ts';

/**
 * Is going from `from` to `to` a change? False when it is the current status (a
 * no-op); throws when the transition is not allowed.
 */
export function isStatusChange(from: OperationalStatus, to: OperationalStatus): boolean {
  if (from === to) return false;
  if (from === 'closed') fail('OPERATIONALSTATUS-12', `closed → ${to}`);
  if (from === 'active' && to === 'closed') fail('OPERATIONALSTATUS-7');
  return true;
}

/** Charging, activation, state change and maintain need an active contract (a linked one: an active root). */
export function assertActive(status: OperationalStatus, chargingContractId: string): void {
  if (status !== 'active') fail('OPERATIONALSTATUS-1', `${chargingContractId} is ${status}`);
}
