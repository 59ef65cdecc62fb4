// Prepaid accounts of suacProvisioning (SPEC 4.2, 2.2): definition, state and,
// for migrations, the balance.
import { PrepaidAccountSchema, PREPAID_STATES, type PrepaidAccount } from '../schema/customerData.ts';
import { DecimalText, Enum, Obj, Opt, String2000, String256, WireDate, type Static } from '../schema/types.ts';
import { Decimal } from '../model/decimal.ts';
import { fail } from '../model/errors.ts';
import { sameContent } from '../model/identity.ts';
import {
  checkBalanceSettable,
  checkCurrencyAmount,
  checkPrepaidAccount,
  checkPrepaidReplacement,
  prepaidDefinition,
  prepaidStateChange,
} from '../model/prepaidAccount.ts';
import type { StoreTx } from '../store/port.ts';
import { contractsAssigningAccount } from './assignments.ts';
import { bundleOf, massOf } from './batch.ts';
import { defineOperation, type Operation } from './operation.ts';
import { SUAC_READ, SUAC_WRITE } from './suacProvisioning.ts';

export const PrepaidAccountReferenceSchema = Obj(
  { subscriberAccountId: String256(), prepaidAccountId: String256() },
  { xsdName: 'PrepaidAccountReference' },
);
type PrepaidAccountReference = Static<typeof PrepaidAccountReferenceSchema>;

/** SAP CC's response of maintain, cancel and state change (and the balance set): the account's reference. */
const PrepaidAccountOperationResponse = {
  response: Obj({ prepaidAccountReference: Opt(PrepaidAccountReferenceSchema) }),
  responseType: 'PrepaidAccountOperationResponse',
};
const referenceOf = (subscriberAccountId: string, prepaidAccountId: string) => ({ prepaidAccountReference: { subscriberAccountId, prepaidAccountId } });

const referenceIds = ({ prepaidAccountReference: ref }: { prepaidAccountReference: PrepaidAccountReference }) => [ref.subscriberAccountId, ref.prepaidAccountId];

/** The account with its read side (balance, currentState). */
async function requirePrepaidAccount(tx: StoreTx, ref: PrepaidAccountReference): Promise<PrepaidAccount> {
  return (
    (await tx.accounts.getPrepaidAccount(ref.subscriberAccountId, ref.prepaidAccountId)) ??
    fail('PREPAIDACCOUNT-100', `${ref.prepaidAccountId} of subscriber account ${ref.subscriberAccountId}`)
  );
}

const prepaidAccountMaintain = defineOperation({
  name: 'prepaidAccountMaintain',
  summary: 'Creates (active, balance 0) or replaces the definition of a prepaid account; a replacement keeps balance and state.',
  request: Obj({ prepaidAccount: PrepaidAccountSchema }),
  ...PrepaidAccountOperationResponse,
  ...SUAC_WRITE,
  idempotent: true,
  objectIds: ({ prepaidAccount }) => [prepaidAccount.subscriberAccountId, prepaidAccount.id],
  handler: async ({ prepaidAccount }, { tx, catalog }) => {
    checkPrepaidAccount(prepaidAccount, catalog);
    const owner = prepaidAccount.subscriberAccountId;
    if (!(await tx.accounts.getSubscriberAccount(owner))) fail('PREPAIDACCOUNT-101', owner);
    const existing = await tx.accounts.getPrepaidAccount(owner, prepaidAccount.id);
    if (existing) {
      if (sameContent(prepaidDefinition(existing), prepaidDefinition(prepaidAccount))) return referenceOf(owner, prepaidAccount.id);
      checkPrepaidReplacement(existing, prepaidAccount);
    }
    await tx.accounts.putPrepaidAccount(prepaidAccount);
    return referenceOf(owner, prepaidAccount.id);
  },
});

const prepaidAccountCancel = defineOperation({
  name: 'prepaidAccountCancel',
  summary: 'Deletes a prepaid account that no charging contract assigns.',
  request: Obj({ prepaidAccountReference: PrepaidAccountReferenceSchema }),
  ...PrepaidAccountOperationResponse,
  ...SUAC_WRITE,
  idempotent: false,
  objectIds: referenceIds,
  handler: async ({ prepaidAccountReference: ref }, { tx }) => {
    await requirePrepaidAccount(tx, ref);
    const assigning = await contractsAssigningAccount(tx, ref.subscriberAccountId, ref.prepaidAccountId, 'prepaid');
    if (assigning.length) fail('PREPAIDACCOUNT-105', `by charging contract ${assigning.join(', ')}`);
    await tx.accounts.deletePrepaidAccount(ref.subscriberAccountId, ref.prepaidAccountId);
    return referenceOf(ref.subscriberAccountId, ref.prepaidAccountId);
  },
});

const prepaidAccountRead = defineOperation({
  name: 'prepaidAccountRead',
  summary: 'Reads a prepaid account with its balance and current state (as they are now, whatever the date).',
  // date: SAP CC's; accepted, the current state is answered (docs/provisioning.md)
  request: Obj({ prepaidAccountReference: PrepaidAccountReferenceSchema, date: Opt(WireDate()) }),
  response: Obj({ prepaidAccount: PrepaidAccountSchema }),
  ...SUAC_READ,
  handler: async ({ prepaidAccountReference }, { tx }) => ({ prepaidAccount: await requirePrepaidAccount(tx, prepaidAccountReference) }),
});

const prepaidAccountStateChange = defineOperation({
  name: 'prepaidAccountStateChange',
  summary: 'Sets the state of a prepaid account (active, blocked, locked, closed); closed is final.',
  request: Obj({ prepaidAccountReference: PrepaidAccountReferenceSchema, stateCode: Enum(PREPAID_STATES, 'PrepaidAccountState') }),
  ...PrepaidAccountOperationResponse,
  ...SUAC_WRITE,
  idempotent: true,
  objectIds: referenceIds,
  handler: async ({ prepaidAccountReference: ref, stateCode }, { tx }) => {
    const account = await requirePrepaidAccount(tx, ref);
    const next = prepaidStateChange(account.currentState ?? 'active', stateCode);
    if (next) await tx.accounts.setPrepaidState(ref.subscriberAccountId, ref.prepaidAccountId, next);
    return referenceOf(ref.subscriberAccountId, ref.prepaidAccountId);
  },
});

const prepaidAccountBalanceSet = defineOperation({
  name: 'prepaidAccountBalanceSet',
  summary: 'Sets the balance of a prepaid account: the last step of a migration or contract transfer.',
  request: Obj({ prepaidAccountReference: PrepaidAccountReferenceSchema, balance: DecimalText(), reason: String2000() }),
  ...PrepaidAccountOperationResponse,
  ...SUAC_WRITE,
  roles: ['migration'],
  idempotent: true,
  objectIds: referenceIds,
  handler: async ({ prepaidAccountReference: ref, balance }, { tx, catalog }) => {
    const account = await requirePrepaidAccount(tx, ref);
    // the currency was in the catalog when the account was maintained; a catalog loaded since may lack it
    const digits = catalog.currencyDigits(account.currencyCode) ?? fail('PREPAIDACCOUNT-102', account.currencyCode);
    checkCurrencyAmount(Decimal.parse(balance), account.currencyCode, digits);
    checkBalanceSettable(account.currentState);
    await tx.accounts.setPrepaidBalance(ref.subscriberAccountId, ref.prepaidAccountId, balance);
    return referenceOf(ref.subscriberAccountId, ref.prepaidAccountId);
  },
});

export const prepaidAccountOperations: Operation[] = [
  prepaidAccountMaintain,
  prepaidAccountCancel,
  prepaidAccountRead,
  prepaidAccountStateChange,
  prepaidAccountBalanceSet,
  bundleOf(prepaidAccountMaintain),
  massOf(prepaidAccountMaintain),
];
