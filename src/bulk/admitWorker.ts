// A worker thread of a bulk import: reads the file and admits its share of the
// records (src/bulk/admission.ts) while the main thread writes the previous ones,
// so parsing and validation run beside the writing, on other cores. Messages go
// out as the main thread asks for them, so memory stays flat however long the file.
import { parentPort, workerData } from 'node:worker_threads';
import { once } from 'node:events';
import { Catalog } from '../model/catalog.ts';
import { wireNow } from '../model/values.ts';
import type { ImportOptions } from '../model/customerDataImport.ts';
import { readCustomerRecords, readErrorCode } from './customerFiles.ts';
import { MessageBuilder, type AdmittedMessage } from './admission.ts';

export interface AdmitWorkerData {
  path: string;
  catalog: unknown;
  options: ImportOptions;
  /** records per message */
  batchSize: number;
  /** this worker admits the records of messages `index`, `index + of`, `index + 2 * of`, … of the file */
  share: { index: number; of: number };
}

const { path, catalog: document, options, batchSize, share } = workerData as AdmitWorkerData;
const port = parentPort!;
const catalog = Catalog.fromDocument(document);
let credits = 0;
port.on('message', () => credits++);

async function send(message: AdmittedMessage): Promise<void> {
  while (credits === 0) await once(port, 'message');
  credits--;
  port.postMessage({ message }, [message.texts.buffer]);
}

try {
  const batch = new MessageBuilder();
  let transferDate = wireNow();
  let seen = 0;
  for await (const record of readCustomerRecords(path)) {
    // the others' records are passed over unread (an NDJSON line is decoded and parsed when first asked for)
    if (Math.floor(seen++ / batchSize) % share.of !== share.index) continue;
    batch.add(record, catalog, options, transferDate);
    if (batch.size === batchSize) {
      await send(batch.take());
      transferDate = wireNow();
    }
  }
  if (batch.size) await send(batch.take());
  port.postMessage({ end: true });
} catch (error) {
  port.postMessage({ error: (error as Error)?.message ?? String(error), code: readErrorCode(error) });
}
