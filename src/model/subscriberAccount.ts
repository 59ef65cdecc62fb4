// Rules of a subscriber account beyond its message schema.
import type { Catalog } from './catalog.ts';
import { fail } from './errors.ts';
import type { SubscriberAccount } from '../schema/customerData.ts';

export function checkSubscriberAccount(account: SubscriberAccount, catalog: Catalog): void {
  const tax = account.tax;
  if (!tax) return;
  if (!catalog.hasTaxMode(tax.mode)) fail('SUBSCRIBERACCOUNT-102', `tax mode ${tax.mode}`);
  if (tax.vat && !catalog.hasTaxCode(tax.vat.taxCode)) fail('SUBSCRIBERACCOUNT-102', `tax code ${tax.vat.taxCode}`);
}
