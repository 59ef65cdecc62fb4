// Per-test data: fresh ids and the accounts a test reads, created by the test
// itself through the API, so that no test depends on what another test wrote
// (tests of one suite share a server; each can run alone with --test-name-pattern).
import { randomBytes } from 'node:crypto';
import type { ExternalAccount, PrepaidAccount, SubscriberAccount } from '../../src/schema/customerData.ts';
import { addUser } from '../../src/operations/users.ts';
import type { Role } from '../../src/operations/operation.ts';
import { ROLE_PASSWORD, type TestServer } from './server.ts';
import { externalAccount, prepaidAccount, subscriberAccount, succeed } from './accounts.ts';

/** differs between runs, so that ids never meet what a database kept from another run */
const RUN = randomBytes(3).toString('hex');
let counter = 0;

/** An id no other call in this process returns: `<prefix>-<run>-<n>`. */
export function freshId(prefix: string): string {
  counter += 1;
  return `${prefix}-${RUN}-${counter}`;
}

/** Maintains a subscriber account with a fresh id (or `overrides.id`) and returns what was sent. */
export async function createSubscriberAccount(server: TestServer, overrides: Partial<SubscriberAccount> = {}): Promise<SubscriberAccount> {
  const account = subscriberAccount(overrides.id ?? freshId('SA'), overrides);
  await succeed(server, 'subscriberAccountMaintain', { subscriberAccount: account });
  return account;
}

/** Maintains an external account of `subscriberAccountId` with a fresh id (or `overrides.id`) and returns what was sent. */
export async function createExternalAccount(server: TestServer, subscriberAccountId: string, overrides: Partial<ExternalAccount> = {}): Promise<ExternalAccount> {
  const account = externalAccount(subscriberAccountId, overrides.id ?? freshId('EXT'), overrides);
  await succeed(server, 'externalAccountMaintain', { externalAccount: account });
  return account;
}

/** Maintains a prepaid account of `subscriberAccountId` with a fresh id (or `overrides.id`) and returns what was sent. */
export async function createPrepaidAccount(server: TestServer, subscriberAccountId: string, overrides: Partial<PrepaidAccount> = {}): Promise<PrepaidAccount> {
  const account = prepaidAccount(subscriberAccountId, overrides.id ?? freshId('PP'), overrides);
  await succeed(server, 'prepaidAccountMaintain', { prepaidAccount: account });
  return account;
}

/**
 * A user of its own with `roles` (password ROLE_PASSWORD, as the role users):
 * for tests that read back what one user did, such as its audit records.
 */
export async function createUser(server: TestServer, roles: Role[]): Promise<string> {
  const name = freshId(roles[0]);
  await addUser(server.running.store, name, roles, ROLE_PASSWORD);
  return name;
}
