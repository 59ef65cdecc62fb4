// What the benchmarks' floors and fillers write: a generated customer as an import
// would write it, with no rule checked.
import type { CustomerWrites } from '../src/model/customerDataImport.ts';
import { emptySummary } from '../src/model/customerDataImport.ts';
import type { CustomerData } from '../src/schema/customerData.ts';

export function uncheckedWrites(c: CustomerData): CustomerWrites {
  return {
    subscriberAccount: c.subscriberAccount,
    externalAccounts: c.externalAccount ?? [],
    prepaidAccounts: c.prepaidAccount ?? [],
    mappingTables: c.subscriberMappingTable ?? [],
    rangeTables: c.subscriberRangeTable ?? [],
    contracts: c.chargingContract ?? [],
    operationalStatus: 'locked',
    counts: emptySummary(),
  };
}
