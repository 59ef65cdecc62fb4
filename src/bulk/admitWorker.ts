// The worker thread of a bulk import: reads the file and admits its records
// (src/bulk/admission.ts) while the main thread writes the previous batches, so
// parsing and validation use the second core. Batches go out as the main thread
// asks for them, so memory stays flat however long the file.
import { parentPort, workerData } from 'node:worker_threads';
import { once } from 'node:events';
import { Catalog } from '../model/catalog.ts';
import { wireNow } from '../model/values.ts';
import { isChargingError } from '../model/errors.ts';
import type { ImportOptions } from '../model/customerDataImport.ts';
import { readCustomerRecords } from './customerFiles.ts';
import { admitAlone, type AdmittedRecord } from './admission.ts';

export interface AdmitWorkerData {
  path: string;
  catalog: unknown;
  options: ImportOptions;
  batchSize: number;
}

const { path, catalog: document, options, batchSize } = workerData as AdmitWorkerData;
const port = parentPort!;
const catalog = Catalog.fromDocument(document);
let credits = 0;
port.on('message', () => credits++);

async function send(records: AdmittedRecord[]): Promise<void> {
  while (credits === 0) await once(port, 'message');
  credits--;
  port.postMessage({ records });
}

try {
  let batch: AdmittedRecord[] = [];
  let transferDate = wireNow();
  for await (const record of readCustomerRecords(path)) {
    batch.push(admitAlone(record, catalog, options, transferDate));
    if (batch.length === batchSize) {
      await send(batch);
      batch = [];
      transferDate = wireNow();
    }
  }
  if (batch.length) await send(batch);
  port.postMessage({ end: true });
} catch (error) {
  port.postMessage({ error: (error as Error)?.message ?? String(error), code: isChargingError(error) ? error.code : undefined });
}
