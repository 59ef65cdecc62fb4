// Streaming export of customer data (SPEC 8): every account page by page, or the
// accounts named, in one read transaction, written as they are read so memory
// stays flat however many customers there are.
import { fail } from '../model/errors.ts';
import type { Store } from '../store/port.ts';
import { exportedCustomerData, exportedCustomerDataText } from '../operations/customerDataExportImport.ts';
import { storedCustomerData } from '../operations/views.ts';

/** Accounts read per page of an `--all` export. */
export const EXPORT_PAGE = 500;

/** Writes customers given as the JSON text of their customerData. */
export interface CustomerWriter {
  write(json: string): Promise<void>;
  close(): Promise<void>;
}

export type ExportSelection = { all: true } | { accounts: string[] };

/** Writes the selected customers to `writer` (which it does not close); the number written. */
export async function exportCustomers(store: Store, selection: ExportSelection, writer: CustomerWriter, progress?: (count: number) => void): Promise<number> {
  return store.read(async (tx) => {
    let written = 0;
    if ('accounts' in selection) {
      for (const id of selection.accounts) {
        const stored = (await storedCustomerData(tx, id)) ?? fail('CUSTOMERDATA-2', id);
        await writer.write(JSON.stringify(exportedCustomerData(stored)));
        progress?.(++written);
      }
      return written;
    }
    let afterId: string | undefined;
    for (;;) {
      const page = await tx.customerData.exportPage(afterId, EXPORT_PAGE);
      if (page.length === 0) return written;
      for (const stored of page) await writer.write(exportedCustomerDataText(stored));
      written += page.length;
      progress?.(written);
      afterId = page[page.length - 1].subscriberAccountId;
    }
  });
}
