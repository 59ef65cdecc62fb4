// XML customer data files (SPEC 8): a `customerDataImportRequest` of the customer
// data v3 schema namespace holding any number of `customerData` (docs/customerdata.md).
// Read as a stream through saxes (xmlStream.ts: DOCTYPE refused, depth and
// attributes bounded) and decoded record by record by the SOAP codec, so a record
// is exactly what `customerDataImport` would have read; written by the SOAP encoder
// one `customerData` per line. Memory holds one record, whatever the file's size.
import { ChargingError } from '../model/errors.ts';
import { CODES, type ErrorCode } from '../model/codes.ts';
import { SERVICES } from '../operations/services.ts';
import { CustomerDataSchema } from '../schema/customerData.ts';
import { ObjectBuilder, objectNode, type DecodeNode, type Slot } from '../xml/decode.ts';
import { elementWriter } from '../xml/encode.ts';
import { SoapFault } from '../transport/soap/fault.ts';
import { DEFAULT_XML_LIMITS, XmlStream, type XmlAttribute, type XmlName, type XmlSink } from '../xml/xmlStream.ts';
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

type FrameKind = 'root' | 'object' | 'value' | 'skip';

interface Frame {
  kind: FrameKind;
  name: string;
  text: string;
  builder?: ObjectBuilder;
  node?: DecodeNode;
  slot?: Slot;
}

const SKIP: Frame = Object.freeze({ kind: 'skip', name: '', text: '', builder: undefined, node: undefined, slot: undefined });

/** Reads a customer data file's text as it comes; `take()` hands over the records completed so far. */
export class CustomerXmlReader implements XmlSink {
  private readonly xml: XmlStream;
  private readonly stack: Frame[] = [];
  private readonly done: NdjsonRecord[] = [];
  private sawRoot = false;
  /** the record being read */
  private line = 0;
  private elements = 0;
  private error?: ChargingError;

  constructor() {
    this.xml = new XmlStream({ ...DEFAULT_XML_LIMITS, maxElements: Number.MAX_SAFE_INTEGER }, this);
  }

  /** Feeds the next piece of the file; throws a ChargingError naming the line when the file cannot be read on. */
  write(text: string): void {
    this.guard(() => this.xml.write(text));
  }

  /** Ends the file; throws when it is not a complete document. */
  close(): void {
    this.guard(() => this.xml.close());
    if (!this.sawRoot) throw this.stop('REQUEST-108', `no ${CUSTOMER_FILE_ROOT} element`);
  }

  take(): NdjsonRecord[] {
    return this.done.length ? this.done.splice(0) : NO_RECORDS;
  }

  private guard(step: () => void): void {
    try {
      step();
    } catch (error) {
      if (error instanceof SoapFault) {
        // the fault's detail, without the code's message that the ChargingError made of it puts first
        const prefix = `${CODES[error.error.code].message}: `;
        throw this.stop(error.error.code, error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message);
      }
      throw error;
    }
  }

  /** An error that ends the file, with where it was found. */
  private stop(code: ErrorCode, detail: string): ChargingError {
    return new ChargingError(code, /^\d+:\d+: /.test(detail) ? `line ${detail}` : `line ${this.xml.line}: ${detail}`);
  }

  private push(kind: FrameKind, name: string, builder?: ObjectBuilder, node?: DecodeNode, slot?: Slot): void {
    // one shape for every frame keeps the decoder's property accesses monomorphic
    this.stack.push(kind === 'skip' ? SKIP : { kind, name, text: '', builder, node, slot });
    this.xml.wantText(kind !== 'skip');
  }

  openElement(name: XmlName, attributes: readonly XmlAttribute[]): void {
    const parent = this.stack[this.stack.length - 1];
    if (!parent) return this.openRoot(name, attributes);
    if (parent.kind === 'root') return this.openRecord(name, attributes);
    if (++this.elements > MAX_RECORD_ELEMENTS) throw new SoapFault('REQUEST-115', `the customerData of line ${this.line} has more than ${MAX_RECORD_ELEMENTS} elements`);
    if (parent.kind === 'object') return this.openChild(parent, name, attributes);
    if (parent.kind === 'value') this.refuse('REQUEST-109', `${this.path()}/${name.local}: an element inside a simple value`);
    this.push('skip', name.local);
  }

  private openRoot({ local, uri }: XmlName, attributes: readonly XmlAttribute[]): void {
    if (local !== CUSTOMER_FILE_ROOT || uri !== CUSTOMER_FILE_NAMESPACE) {
      throw new SoapFault('REQUEST-108', `the root element is {${uri}}${local}, not {${CUSTOMER_FILE_NAMESPACE}}${CUSTOMER_FILE_ROOT}`);
    }
    for (const attribute of attributes) {
      if (attribute.uri === XSI) continue;
      if (attribute.local === 'onAlreadyExistingTable' && attribute.uri === '') {
        throw new SoapFault('REQUEST-102', `${CUSTOMER_FILE_ROOT}/@onAlreadyExistingTable: a file's import options are given to the import (command option or job parameter), not in the file`);
      }
      throw new SoapFault('REQUEST-102', `${CUSTOMER_FILE_ROOT}/@${attribute.local}`);
    }
    this.sawRoot = true;
    this.push('root', local);
  }

  private openRecord({ local, uri }: XmlName, attributes: readonly XmlAttribute[]): void {
    if (local !== RECORD || uri !== '') {
      const hint = local === 'chargingContractOperationalStatusChangedTo' ? `: a file's import options are given to the import (command option or job parameter), not in the file` : '';
      throw new SoapFault('REQUEST-102', `${CUSTOMER_FILE_ROOT}/${uri ? `{${uri}}` : ''}${local}${hint}`);
    }
    this.line = this.xml.tagLine;
    this.elements = 1;
    this.error = undefined;
    const node = objectNode(CustomerDataSchema);
    const builder = new ObjectBuilder(node);
    this.push('object', local, builder, node);
    this.readAttributes(builder, attributes);
  }

  private openChild(parent: Frame, { local, uri }: XmlName, attributes: readonly XmlAttribute[]): void {
    const slot = parent.builder!.child(local, uri, this);
    if (slot instanceof ChargingError) {
      this.error ??= slot;
      return this.push('skip', local);
    }
    if (slot.node.kind === 'value') return this.push('value', local, undefined, slot.node, slot);
    const builder = new ObjectBuilder(slot.node);
    this.push('object', local, builder, slot.node, slot);
    this.readAttributes(builder, attributes);
  }

  private readAttributes(builder: ObjectBuilder, attributes: readonly XmlAttribute[]): void {
    for (const attribute of attributes) {
      if (attribute.uri === XSI) continue;
      const error = builder.attribute(attribute.local, attribute.uri, attribute.value, this);
      if (error) this.error ??= error;
    }
  }

  text(text: string): void {
    const frame = this.stack[this.stack.length - 1];
    if (!frame) return;
    if (frame.kind === 'value') {
      frame.text += text;
      return;
    }
    if (!NOT_SPACE.test(text)) return;
    if (frame.kind === 'object') this.refuse('REQUEST-109', `${this.path()}: text where elements are expected`);
    else if (frame.kind === 'root') throw new SoapFault('REQUEST-108', `text in ${CUSTOMER_FILE_ROOT}`);
  }

  closeElement(): void {
    const frame = this.stack.pop()!;
    const parent = this.stack[this.stack.length - 1];
    this.xml.wantText(parent !== undefined && parent.kind !== 'skip');
    if (frame.kind === 'value') {
      parent.builder!.set(frame.slot!, (frame.node as { convert(text: string): unknown }).convert(frame.text));
    } else if (frame.kind === 'object') {
      const value = frame.builder!.finish();
      if (frame.slot) parent.builder!.set(frame.slot, value);
      else this.done.push(this.record(value));
    }
  }

  /** A decoded customerData: its JSON form, and what the codec refused in it (the record fails with that code). */
  private record(value: Record<string, unknown>): NdjsonRecord {
    const record: NdjsonRecord = { line: this.line, value, text: JSON.stringify(value) };
    if (this.error) record.error = this.error;
    return record;
  }

  private refuse(code: ErrorCode, detail: string): void {
    this.error ??= new ChargingError(code, detail);
  }

  /** `/customerData/a/b` for error messages. */
  path(): string {
    return `/${this.stack
      .slice(1)
      .map((frame) => frame.name)
      .join('/')}`;
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
