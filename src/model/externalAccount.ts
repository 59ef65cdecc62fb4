// Rules of an external (postpaid) account beyond its message schema.
import type { Catalog } from './catalog.ts';
import { fail } from './errors.ts';
import type { ExternalAccount } from '../schema/customerData.ts';

export function checkExternalAccount(account: ExternalAccount, catalog: Catalog): void {
  if (account.currencyCode !== undefined && !catalog.hasCurrency(account.currencyCode)) fail('EXTERNALACCOUNT-102', account.currencyCode);
}
