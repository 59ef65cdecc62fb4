// Importing customers in batches: what the store holds of the batch's ids is read
// once, each customer is admitted by the model's rules against it (seeing the
// customers before it), and what was admitted is written in bulk. The
// customerDataImport operation and the bulk files both import through here.
import type { Catalog } from '../model/catalog.ts';
import { ChargingError, isChargingError } from '../model/errors.ts';
import { addSummary, CustomerDataImporter, emptySummary, type CustomerWrites, type ImportOptions, type ImportSummary } from '../model/customerDataImport.ts';
import { importKeysOf } from '../model/knownCustomerData.ts';
import type { WireDate } from '../model/values.ts';
import type { CustomerData } from '../schema/customerData.ts';
import type { StoreTx } from '../store/port.ts';

export interface CustomerFailure {
  /** position in the batch, from 0 */
  index: number;
  error: ChargingError;
}

export interface BatchOutcome {
  summary: ImportSummary;
  /** in `all` mode at most one: the first, and then nothing was written */
  failures: CustomerFailure[];
}

/**
 * Imports a batch in `tx`. `all`: every customer or none (stops at the first
 * failure and writes nothing); `each`: every customer that passes, failures listed.
 */
export async function importBatch(
  tx: StoreTx,
  catalog: Catalog,
  options: ImportOptions,
  customers: readonly CustomerData[],
  transferDate: WireDate,
  mode: 'all' | 'each',
): Promise<BatchOutcome> {
  const importer = new CustomerDataImporter(catalog, options, await tx.customerData.known(importKeysOf(customers)), customers);
  const summary = emptySummary();
  const writes: CustomerWrites[] = [];
  const failures: CustomerFailure[] = [];
  for (let index = 0; index < customers.length; index++) {
    try {
      const admitted = importer.admit(customers[index]);
      writes.push(admitted);
      addSummary(summary, admitted.counts);
    } catch (error) {
      if (!isChargingError(error)) throw error;
      failures.push({ index, error });
      if (mode === 'all') return { summary: emptySummary(), failures };
    }
  }
  await tx.customerData.writeImported(writes, transferDate);
  return { summary, failures };
}
