// Customer data files (SPEC 8): NDJSON, one customerData per line, gzip when the
// name ends in `.gz`. XML files (a customerDataImportRequest-like document of many
// customerData) come with the SOAP codec.
import { readNdjson, TextOutput, type NdjsonRecord } from './files.ts';
import type { CustomerWriter } from './customerExport.ts';

export type CustomerFileFormat = 'ndjson' | 'xml';

/** The records of a customer data file, in order, each with its line number. */
export function readCustomerRecords(path: string): AsyncGenerator<NdjsonRecord> {
  return readNdjson(path);
}

/** NDJSON: one customerData per line, as the JSON API would send it. */
export class NdjsonCustomerWriter implements CustomerWriter {
  private readonly output: TextOutput;

  constructor(path: string) {
    this.output = new TextOutput(path);
  }

  write(json: string): Promise<void> {
    return this.output.write(`${json}\n`);
  }

  close(): Promise<void> {
    return this.output.close();
  }
}

export function customerWriter(path: string, format: CustomerFileFormat): CustomerWriter {
  if (format === 'xml') throw new Error('XML customer files are not written yet; use --format ndjson');
  return new NdjsonCustomerWriter(path);
}
