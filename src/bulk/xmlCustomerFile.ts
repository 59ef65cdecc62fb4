// XML customer data files (SPEC 8): a `customerDataImportRequest` of the customer
// data v3 schema namespace holding any number of `customerData` (docs/customerdata.md).
// Read as a stream through saxes (src/xml/xmlStream.ts: DOCTYPE refused, depth and
// attributes bounded) and decoded record by record by the element decoder that reads
// SOAP bodies (src/xml/elementDecoder.ts), so a record is exactly what
// `customerDataImport` would have read; written by the same encoder one
// `customerData` per line. Memory holds one record, whatever the file's size.
import { ChargingError } from '../model/errors.ts';
import type { ErrorCode } from '../model/codes.ts';
import { SERVICES } from '../operations/services.ts';
import { CustomerDataSchema } from '../schema/customerData.ts';
import { objectNode } from '../xml/decode.ts';
import { ElementDecoder, Frame } from '../xml/elementDecoder.ts';
import { elementWriter } from '../xml/encode.ts';
import { XmlError } from '../xml/error.ts';
import { DEFAULT_XML_LIMITS, type XmlAttribute, type XmlName } from '../xml/xmlStream.ts';
import { TextOutput, type NdjsonRecord } from './files.ts';
import type { CustomerWriter } from './customerExport.ts';

/** The root element of a customer data file: the SOAP request element of customerDataImport. */
export const CUSTOMER_FILE_ROOT = 'customerDataImportRequest';
export const CUSTOMER_FILE_NAMESPACE = SERVICES.customerDataExportImport.schemaNamespace;
const RECORD = 'customerData';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const NOT_SPACE = /[^ \t\r\n]/;

/** Elements in one customerData; the whole file is not bounded (a record is what memory holds). */
export const MAX_RECORD_ELEMENTS = DEFAULT_XML_LIMITS.maxElements;

const ROOT = 'root';

/**
 * Reads a customer data file's text as it comes; `take()` hands over the records
 * completed so far. The element decoder reads each customerData, keeping the first
 * error of a record and reading on, so that the record fails alone.
 */
export class CustomerXmlReader extends ElementDecoder {
  private readonly done: NdjsonRecord[] = [];
  private sawRoot = false;
  /** the line of the record being read */
  private line = 0;

  constructor() {
    // paths start at the customerData: `/customerData/a/b`
    super({ ...DEFAULT_XML_LIMITS, maxElements: Number.MAX_SAFE_INTEGER }, 'readOn', { maxElements: MAX_RECORD_ELEMENTS, textOutside: false, pathStart: 1 });
  }

  /** Feeds the next piece of the file; throws a ChargingError naming the line when the file cannot be read on. */
  write(text: string): void {
    try {
      this.xml.write(text);
    } catch (error) {
      throw this.located(error);
    }
  }

  /** Ends the file; throws when it is not a complete document. */
  close(): void {
    try {
      this.xml.close();
    } catch (error) {
      throw this.located(error);
    }
    if (!this.sawRoot) throw this.stop('REQUEST-108', `no ${CUSTOMER_FILE_ROOT} element`);
  }

  take(): NdjsonRecord[] {
    return this.done.length ? this.done.splice(0) : NO_RECORDS;
  }

  /** What the XML layer refused, with the line (and column, when the parser found it) where it was. */
  private located(error: unknown): unknown {
    if (!(error instanceof XmlError)) return error;
    return new ChargingError(error.code, `line ${error.line ?? this.xml.line}${error.column === undefined ? '' : `:${error.column}`}: ${error.detail}`);
  }

  /** An error that ends the file, with where it was found. */
  private stop(code: ErrorCode, detail: string): ChargingError {
    return new ChargingError(code, `line ${this.xml.line}: ${detail}`);
  }

  protected openOuter(parent: Frame | undefined, name: XmlName, attributes: readonly XmlAttribute[]): void {
    if (!parent) return this.openRoot(name, attributes);
    this.openRecord(name, attributes);
  }

  private openRoot({ local, uri }: XmlName, attributes: readonly XmlAttribute[]): void {
    if (local !== CUSTOMER_FILE_ROOT || uri !== CUSTOMER_FILE_NAMESPACE) {
      throw this.stop('REQUEST-108', `the root element is {${uri}}${local}, not {${CUSTOMER_FILE_NAMESPACE}}${CUSTOMER_FILE_ROOT}`);
    }
    for (const attribute of attributes) {
      if (attribute.uri === XSI) continue;
      if (attribute.local === 'onAlreadyExistingTable' && attribute.uri === '') {
        throw this.stop('REQUEST-102', `${CUSTOMER_FILE_ROOT}/@onAlreadyExistingTable: a file's import options are given to the import (command option or job parameter), not in the file`);
      }
      throw this.stop('REQUEST-102', `${CUSTOMER_FILE_ROOT}/@${attribute.local}`);
    }
    this.sawRoot = true;
    this.pushFrame(new Frame(ROOT, local, true));
  }

  private openRecord({ local, uri }: XmlName, attributes: readonly XmlAttribute[]): void {
    if (local !== RECORD || uri !== '') {
      const hint = local === 'chargingContractOperationalStatusChangedTo' ? `: a file's import options are given to the import (command option or job parameter), not in the file` : '';
      throw this.stop('REQUEST-102', `${CUSTOMER_FILE_ROOT}/${uri ? `{${uri}}` : ''}${local}${hint}`);
    }
    this.line = this.xml.tagLine;
    this.decode(local, objectNode(CustomerDataSchema), attributes);
  }

  protected outerText(frame: Frame, text: string): void {
    if (frame.kind === ROOT && NOT_SPACE.test(text)) throw this.stop('REQUEST-108', `text in ${CUSTOMER_FILE_ROOT}`);
  }

  protected closeOuter(): void {}

  /** A decoded customerData: its JSON form, and what the codec refused in it (the record fails with that code). */
  protected decoded(value: Record<string, unknown>): void {
    const record: NdjsonRecord = { line: this.line, value, text: JSON.stringify(value) };
    if (this.error) record.error = this.error;
    this.done.push(record);
  }

  protected override tooManyElements(): Error {
    return this.stop('REQUEST-115', `the customerData of line ${this.line} has more than ${MAX_RECORD_ELEMENTS} elements`);
  }
}

const NO_RECORDS: NdjsonRecord[] = [];

/** The customerData of an XML customer data file (bytes, gunzipped already), in order, each with the line of its start tag. */
export async function* readXmlCustomerRecords(input: AsyncIterable<Buffer>): AsyncGenerator<NdjsonRecord> {
  const reader = new CustomerXmlReader();
  // UTF-8 only, as the SOAP endpoints: bytes that are not are refused, not replaced; a BOM is dropped
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const decode = (chunk?: Buffer): string => {
    try {
      return chunk ? utf8.decode(chunk, { stream: true }) : utf8.decode();
    } catch {
      throw new ChargingError('REQUEST-108', 'the file is not valid UTF-8');
    }
  };
  for await (const chunk of input) {
    reader.write(decode(chunk));
    yield* reader.take();
  }
  reader.write(decode());
  reader.close();
  yield* reader.take();
}

const HEAD = `<?xml version="1.0" encoding="UTF-8"?>\n<cd:${CUSTOMER_FILE_ROOT} xmlns:cd="${CUSTOMER_FILE_NAMESPACE}">\n`;
const TAIL = `</cd:${CUSTOMER_FILE_ROOT}>\n`;
const writeCustomerData = elementWriter(CustomerDataSchema);

/**
 * XML: a customerDataImportRequest with one customerData per line (so a record's
 * line is its position + 2), written by the SOAP encoder; gzip for `.gz`.
 */
export class XmlCustomerWriter implements CustomerWriter {
  private readonly output: TextOutput;
  private started = false;

  constructor(path: string) {
    this.output = new TextOutput(path);
  }

  async write(json: string): Promise<void> {
    const element = `${writeCustomerData(RECORD, JSON.parse(json))}\n`;
    if (this.started) return this.output.write(element);
    this.started = true;
    return this.output.write(HEAD + element);
  }

  async close(): Promise<void> {
    await this.output.write(this.started ? TAIL : HEAD + TAIL);
    await this.output.close();
  }
}
