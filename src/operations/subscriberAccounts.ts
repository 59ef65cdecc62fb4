// Subscriber accounts of suacProvisioning (SPEC 4.2).
import { AdditionalInfoSchema, SearchFilterSchema, type AdditionalInfo } from '../schema/common.ts';
import { SubscriberAccountSchema, ExternalAccountSchema, PrepaidAccountSchema, type SubscriberAccount } from '../schema/customerData.ts';
import { Int, Many, Obj, Opt, String256, WireDate } from '../schema/types.ts';
import { fail } from '../model/errors.ts';
import { sameContent } from '../model/identity.ts';
import { checkSubscriberAccount } from '../model/subscriberAccount.ts';
import type { Page, StoreTx, SubscriberAccountFilter } from '../store/port.ts';
import { bundleOf, massOf } from './batch.ts';
import { defineOperation, type Operation } from './operation.ts';
import { pagingFields, windowOf } from './paging.ts';
import { SUAC_READ, SUAC_WRITE } from './suacProvisioning.ts';

/** SAP CC's response of maintain and cancel; `subscriberAccountReference` (meaning undocumented) is left out. */
const SubscriberAccountOperationResponse = { response: Obj({ subscriberAccountId: Opt(String256()) }), responseType: 'SubscriberAccountOperationResponse' };

export async function requireSubscriberAccount(tx: StoreTx, id: string): Promise<SubscriberAccount> {
  return (await tx.accounts.getSubscriberAccount(id)) ?? fail('SUBSCRIBERACCOUNT-100', id);
}

const subscriberAccountMaintain = defineOperation({
  name: 'subscriberAccountMaintain',
  summary: 'Creates or replaces a subscriber account.',
  request: Obj({ subscriberAccount: SubscriberAccountSchema }),
  ...SubscriberAccountOperationResponse,
  ...SUAC_WRITE,
  idempotent: true,
  objectIds: (request) => [request.subscriberAccount.id],
  handler: async ({ subscriberAccount }, { tx, catalog }) => {
    checkSubscriberAccount(subscriberAccount, catalog);
    const existing = await tx.accounts.getSubscriberAccount(subscriberAccount.id);
    if (!existing || !sameContent(existing, subscriberAccount)) await tx.accounts.putSubscriberAccount(subscriberAccount);
    return { subscriberAccountId: subscriberAccount.id };
  },
});

const subscriberAccountCancel = defineOperation({
  name: 'subscriberAccountCancel',
  summary: 'Deletes a subscriber account that owns nothing any more.',
  request: Obj({ subscriberAccountId: String256() }),
  ...SubscriberAccountOperationResponse,
  ...SUAC_WRITE,
  idempotent: false,
  objectIds: (request) => [request.subscriberAccountId],
  handler: async ({ subscriberAccountId }, { tx }) => {
    await requireSubscriberAccount(tx, subscriberAccountId);
    if (await tx.accounts.ownsCustomerData(subscriberAccountId)) fail('SUBSCRIBERACCOUNT-101', subscriberAccountId);
    await tx.accounts.deleteSubscriberAccount(subscriberAccountId);
    return { subscriberAccountId };
  },
});

const subscriberAccountRead = defineOperation({
  name: 'subscriberAccountRead',
  summary: 'Reads a subscriber account.',
  request: Obj({ subscriberAccountId: String256() }),
  response: Obj({ subscriberAccount: SubscriberAccountSchema }),
  ...SUAC_READ,
  handler: async ({ subscriberAccountId }, { tx }) => ({ subscriberAccount: await requireSubscriberAccount(tx, subscriberAccountId) }),
});

export const SubscriberAccountFullSchema = Obj(
  {
    ...SubscriberAccountSchema.properties,
    externalAccount: Many(ExternalAccountSchema),
    prepaidAccount: Many(PrepaidAccountSchema),
  },
  { xsdName: 'SubscriberAccountFull', choice: SubscriberAccountSchema.choice },
);

const subscriberAccountReadFully = defineOperation({
  name: 'subscriberAccountReadFully',
  summary: 'Reads a subscriber account with its external and prepaid accounts (as they are now, whatever the date).',
  // date: SAP CC's; accepted, the current state is answered (docs/provisioning.md)
  request: Obj({ subscriberAccountId: String256(), date: Opt(WireDate()) }),
  response: Obj({ subscriberAccount: SubscriberAccountFullSchema }),
  ...SUAC_READ,
  handler: async ({ subscriberAccountId }, { tx }) => {
    const account = await requireSubscriberAccount(tx, subscriberAccountId);
    const externalAccount = await tx.accounts.listExternalAccounts(subscriberAccountId);
    const prepaidAccount = await tx.accounts.listPrepaidAccounts(subscriberAccountId);
    const full: Record<string, unknown> = { ...account };
    if (externalAccount.length) full.externalAccount = externalAccount;
    if (prepaidAccount.length) full.prepaidAccount = prepaidAccount;
    return { subscriberAccount: full as never };
  },
});

const hasAdditionalInfo = (account: SubscriberAccount, wanted: AdditionalInfo[]): boolean =>
  wanted.every((w) => (account.additionalInfo ?? []).some((info) => sameContent(info, w)));

/** Finds by the indexed filter, then by additional info, window by window. */
async function findAccounts(tx: StoreTx, filter: SubscriberAccountFilter, wanted: AdditionalInfo[], afterId: string | undefined, limit: number): Promise<Page<SubscriberAccount>> {
  if (wanted.length === 0) return tx.accounts.findSubscriberAccounts(filter, afterId, limit);
  const rows: SubscriberAccount[] = [];
  let cursor = afterId;
  for (;;) {
    const page = await tx.accounts.findSubscriberAccounts(filter, cursor, limit);
    for (const account of page.rows) {
      if (!hasAdditionalInfo(account, wanted)) continue;
      if (rows.length === limit) return { rows, more: true };
      rows.push(account);
    }
    if (!page.more) return { rows, more: false };
    cursor = page.rows[page.rows.length - 1].id;
  }
}

const subscriberAccountFind = defineOperation({
  name: 'subscriberAccountFind',
  summary: 'Finds subscriber accounts by id, subscriber id and additional info, one window at a time.',
  request: Obj({
    filter: Opt(Obj({ id: Opt(String256()), subscriberId: Opt(String256()), additionalInfo: Many(AdditionalInfoSchema) }, { xsdName: 'SubscriberAccountFilter' })),
    searchFilter: Opt(SearchFilterSchema),
  }),
  response: Obj({ subscriberAccount: Many(SubscriberAccountSchema), totalCount: Opt(Int({ minimum: 0 })), lastUniqueId: Opt(String256()) }),
  ...SUAC_READ,
  handler: async ({ filter, searchFilter }, { tx }) => {
    const window = windowOf(searchFilter);
    const indexed: SubscriberAccountFilter = { id: filter?.id, subscriberId: filter?.subscriberId };
    const wanted = filter?.additionalInfo ?? [];
    const page = await findAccounts(tx, indexed, wanted, window.afterId, window.limit);
    let totalCount: number | undefined;
    if (window.countRequired) {
      totalCount = wanted.length ? (await findAccounts(tx, indexed, wanted, undefined, Number.MAX_SAFE_INTEGER)).rows.length : await tx.accounts.countSubscriberAccounts(indexed);
    }
    return { ...(page.rows.length ? { subscriberAccount: page.rows } : {}), ...pagingFields(page, (a) => a.id, totalCount) };
  },
});

export const subscriberAccountOperations: Operation[] = [
  subscriberAccountMaintain,
  subscriberAccountCancel,
  subscriberAccountRead,
  subscriberAccountReadFully,
  subscriberAccountFind,
  bundleOf(subscriberAccountMaintain),
  massOf(subscriberAccountMaintain),
];
