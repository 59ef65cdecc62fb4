// Fixtures and calls for the account tests of suacProvisioning: a subscriber
// account with its external and prepaid accounts, and contracts that assign them.
import assert from 'node:assert/strict';
import type { TestServer, CallOptions, CallResult } from './server.ts';
import type { ChargingContract, ExternalAccount, PrepaidAccount, SubscriberAccount } from '../../src/schema/customerData.ts';

export const subscriberAccount = (id: string, extra: Partial<SubscriberAccount> = {}): SubscriberAccount => ({ id, subscriberId: `BP-${id}`, ...extra });

export const externalAccount = (subscriberAccountId: string, id: string, extra: Partial<ExternalAccount> = {}): ExternalAccount => ({
  id,
  subscriberAccountId,
  currencyCode: 'EUR',
  externalSystemCode: 'FICA',
  ...extra,
});

export const prepaidAccount = (subscriberAccountId: string, id: string, extra: Partial<PrepaidAccount> = {}): PrepaidAccount => ({
  id,
  subscriberAccountId,
  currencyCode: 'EUR',
  ...extra,
});

export const suac = (server: TestServer, operation: string, body: unknown, options?: CallOptions): Promise<CallResult> =>
  server.call('suacProvisioning', operation, body, options);

/** Calls `operation` and asserts it succeeded. */
export async function succeed(server: TestServer, operation: string, body: unknown, options?: CallOptions): Promise<CallResult> {
  const result = await suac(server, operation, body, options);
  assert.equal(result.status, 200, `${operation}: ${JSON.stringify(result.body)}`);
  assert.equal(result.body.status, 'return');
  return result;
}

/** Asserts a business error: the category's HTTP status and the code. */
export function assertProblem(result: CallResult, httpStatus: number, code: string): void {
  assert.equal(result.status, httpStatus, JSON.stringify(result.body));
  assert.equal(result.body.code, code, JSON.stringify(result.body));
}

export const maintainSubscriberAccount = (server: TestServer, id: string) =>
  succeed(server, 'subscriberAccountMaintain', { subscriberAccount: subscriberAccount(id) });

/**
 * Places a contract that assigns `accountId` straight through the store port:
 * charging contract operations are another workstream, and only the assignment
 * matters to the account rules under test.
 */
export async function placeContractAssigning(server: TestServer, subscriberAccountId: string, contractId: string, accountId: string, type: 'prepaid' | 'postpaid'): Promise<void> {
  const contract: ChargingContract = {
    id: contractId,
    subscriberAccountId,
    chargingContractItem: [
      {
        id: 'VOICE',
        chargePlanClassId: 'CP_VOICE',
        period: [{ start: '2026-01-01T00:00:00', end: '2026-06-01T00:00:00', accountAssignment: [{ name: 'MAIN', accountId, type }] }],
      },
    ],
  };
  await server.running.store.write((tx) => tx.contracts.put(contract, 'active'));
}

export async function removeContract(server: TestServer, contractId: string): Promise<void> {
  await server.running.store.write((tx) => tx.contracts.delete(contractId));
}
