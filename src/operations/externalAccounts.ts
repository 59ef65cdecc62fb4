// External (postpaid) accounts of suacProvisioning (SPEC 4.2, 2.2).
import { ExternalAccountSchema, type ExternalAccount } from '../schema/customerData.ts';
import { Obj, Opt, String256, type Static } from '../schema/types.ts';
import { fail } from '../model/errors.ts';
import { sameContent } from '../model/identity.ts';
import { checkExternalAccount } from '../model/externalAccount.ts';
import type { StoreTx } from '../store/port.ts';
import { contractsAssigningAccount } from './assignments.ts';
import { bundleOf, massOf } from './batch.ts';
import { defineOperation, type Operation } from './operation.ts';
import { SUAC_READ, SUAC_WRITE } from './suacProvisioning.ts';

export const ExternalAccountReferenceSchema = Obj(
  // additionalId: SAP CC's; when given it must be the stored account's (else as unknown)
  { subscriberAccountId: String256(), externalAccountId: String256(), additionalId: Opt(String256()) },
  { xsdName: 'ExternalAccountReference' },
);
type ExternalAccountReference = Static<typeof ExternalAccountReferenceSchema>;

/** SAP CC's response of maintain and cancel: the account's reference. */
const ExternalAccountOperationResponse = {
  response: Obj({ externalAccountReference: Opt(ExternalAccountReferenceSchema) }),
  responseType: 'ExternalAccountOperationResponse',
};
const referenceOf = (account: ExternalAccount): ExternalAccountReference => ({
  subscriberAccountId: account.subscriberAccountId,
  externalAccountId: account.id,
  ...(account.additionalId === undefined ? {} : { additionalId: account.additionalId }),
});

const referenceIds = ({ externalAccountReference: ref }: { externalAccountReference: ExternalAccountReference }) => [ref.subscriberAccountId, ref.externalAccountId];

/** The account the reference names; an `additionalId` that is not the stored one names no account. */
async function requireExternalAccount(tx: StoreTx, ref: ExternalAccountReference): Promise<ExternalAccount> {
  const account = await tx.accounts.getExternalAccount(ref.subscriberAccountId, ref.externalAccountId);
  if (account && (ref.additionalId === undefined || ref.additionalId === account.additionalId)) return account;
  const additional = ref.additionalId === undefined ? '' : ` with additional id ${ref.additionalId}`;
  return fail('EXTERNALACCOUNT-100', `${ref.externalAccountId}${additional} of subscriber account ${ref.subscriberAccountId}`);
}

const externalAccountMaintain = defineOperation({
  name: 'externalAccountMaintain',
  summary: 'Creates or replaces an external (postpaid) account of a subscriber account.',
  request: Obj({ externalAccount: ExternalAccountSchema }),
  ...ExternalAccountOperationResponse,
  ...SUAC_WRITE,
  idempotent: true,
  objectIds: ({ externalAccount }) => [externalAccount.subscriberAccountId, externalAccount.id],
  handler: async ({ externalAccount }, { tx, catalog }) => {
    checkExternalAccount(externalAccount, catalog);
    const owner = externalAccount.subscriberAccountId;
    if (!(await tx.accounts.getSubscriberAccount(owner))) fail('EXTERNALACCOUNT-101', owner);
    const existing = await tx.accounts.getExternalAccount(owner, externalAccount.id);
    if (!existing || !sameContent(existing, externalAccount)) await tx.accounts.putExternalAccount(externalAccount);
    return { externalAccountReference: referenceOf(externalAccount) };
  },
});

const externalAccountCancel = defineOperation({
  name: 'externalAccountCancel',
  summary: 'Deletes an external account that no charging contract assigns.',
  request: Obj({ externalAccountReference: ExternalAccountReferenceSchema }),
  ...ExternalAccountOperationResponse,
  ...SUAC_WRITE,
  idempotent: false,
  objectIds: referenceIds,
  handler: async ({ externalAccountReference: ref }, { tx }) => {
    const account = await requireExternalAccount(tx, ref);
    const assigning = await contractsAssigningAccount(tx, ref.subscriberAccountId, ref.externalAccountId, 'postpaid');
    if (assigning.length) fail('EXTERNALACCOUNT-103', `by charging contract ${assigning.join(', ')}`);
    await tx.accounts.deleteExternalAccount(ref.subscriberAccountId, ref.externalAccountId);
    return { externalAccountReference: referenceOf(account) };
  },
});

const externalAccountRead = defineOperation({
  name: 'externalAccountRead',
  summary: 'Reads an external account.',
  request: Obj({ externalAccountReference: ExternalAccountReferenceSchema }),
  response: Obj({ externalAccount: ExternalAccountSchema }),
  ...SUAC_READ,
  handler: async ({ externalAccountReference }, { tx }) => ({ externalAccount: await requireExternalAccount(tx, externalAccountReference) }),
});

export const externalAccountOperations: Operation[] = [
  externalAccountMaintain,
  externalAccountCancel,
  externalAccountRead,
  bundleOf(externalAccountMaintain),
  massOf(externalAccountMaintain),
];
