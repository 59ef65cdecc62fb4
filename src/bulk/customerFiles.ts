// Customer data files (SPEC 8): NDJSON, one customerData per line, or XML, a
// customerDataImportRequest of many customerData (xmlCustomerFile.ts); either
// gzip or not. A file is recognised by its content, not its name: gzip by its
// magic bytes, then XML when its first non-blank character is `<`, so imports,
// failures-file re-runs and HTTP jobs need no format flag (docs/customerdata.md).
import { ChargingError, isChargingError } from '../model/errors.ts';
import type { ErrorCode } from '../model/codes.ts';
import { isGzipFile, openChunks, readNdjson, TextOutput, type NdjsonRecord } from './files.ts';
import type { CustomerWriter } from './customerExport.ts';
import { readXmlCustomerRecords, XmlCustomerWriter } from './xmlCustomerFile.ts';

export type CustomerFileFormat = 'ndjson' | 'xml';

export interface CustomerFileKind {
  gzip: boolean;
  format: CustomerFileFormat;
}

const BLANK = new Set([0x20, 0x09, 0x0a, 0x0d]);
const BOM = [0xef, 0xbb, 0xbf];

/** What a customer data file is, from its first bytes: gzip or not, then NDJSON or XML (`<` first, after blanks and a BOM). */
export async function customerFileKind(path: string): Promise<CustomerFileKind> {
  const gzip = isGzipFile(path);
  const input = openChunks(path, gzip);
  let offset = 0;
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      for (const byte of chunk) {
        const bom = offset < BOM.length && byte === BOM[offset];
        offset++;
        if (bom || BLANK.has(byte)) continue;
        return { gzip, format: byte === 0x3c ? 'xml' : 'ndjson' };
      }
    }
  } catch {
    // unreadable (a broken gzip stream): the reader says why
  } finally {
    input.destroy();
  }
  return { gzip, format: 'ndjson' };
}

/** The records of a customer data file, NDJSON or XML, in order, each with its line number. */
export async function* readCustomerRecords(path: string): AsyncGenerator<NdjsonRecord> {
  const { gzip, format } = await customerFileKind(path);
  if (format === 'xml') yield* readXmlCustomerRecords(openChunks(path, gzip) as AsyncIterable<Buffer>);
  else yield* readNdjson(path);
}

/**
 * The code of an error met reading a customer data file: its own for a refusal
 * (malformed XML: REQUEST-108), REQUEST-108 for gzip data that is cut short or
 * corrupt (zlib's `Z_…` errors), none for other failures (the disk's).
 */
export function readErrorCode(error: unknown): ErrorCode | undefined {
  if (isChargingError(error)) return error.code;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && code.startsWith('Z_') ? 'REQUEST-108' : undefined;
}

/**
 * The error that stopped reading a file, as the import reports it: with the
 * file's name, and the code when reading it named one (readErrorCode).
 */
export function fileReadError(path: string, message: string, code?: ErrorCode): Error {
  const error = code ? new ChargingError(code) : new Error();
  error.message = `reading ${path}: ${message}`;
  return error;
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
  return format === 'xml' ? new XmlCustomerWriter(path) : new NdjsonCustomerWriter(path);
}

/** The format an output file's name asks for: XML for `.xml` and `.xml.gz`. */
export const formatOfName = (path: string): CustomerFileFormat => (/\.xml(\.gz)?$/i.test(path) ? 'xml' : 'ndjson');
