// What each record of a customer data file comes to before the store is asked:
// parsed, validated against the message schema, checked alone and against the
// catalog, then admitted as if the store were empty — the same model code as
// customerDataImport. A record the store could change the verdict of (its ids
// may exist there, or its failure may be a reference the store could resolve)
// is admitted again on the main thread against what the store knows.
import { ChargingError, isChargingError } from '../model/errors.ts';
import type { Catalog } from '../model/catalog.ts';
import { checkCustomerAlone, CustomerDataImporter, type ImportOptions, type ImportSummary } from '../model/customerDataImport.ts';
import { emptyKnown } from '../model/knownCustomerData.ts';
import { CustomerDataSchema, type CustomerData } from '../schema/customerData.ts';
import { compileValidator } from '../schema/validate.ts';
import { emptyRows, IMPORT_DOCUMENT_COLUMNS, IMPORT_ROW_KEYS, IMPORT_ROW_WIDTH, importRows, type ImportRows } from '../store/importRows.ts';
import type { NdjsonRecord } from './files.ts';
import { canonicalTexts } from './canonicalText.ts';
import type { ImportFailure } from './importer.ts';

/** A record that did not import, as the failures file of the bulk import driver holds it. */
export type RecordFailure = ImportFailure;

export type AdmittedRecord =
  /** refused whatever the store holds */
  | { kind: 'failure'; line: number; failure: RecordFailure }
  /** its verdict depends on the store: admit it on the main thread */
  | { kind: 'recheck'; line: number; text: string }
  /**
   * admitted as if the store were empty (so every object is created): its rows stand
   * when the store holds none of its keys. `at`: its place among its message's
   * admitted records, where its rows and text are found (AdmittedMessage)
   */
  | { kind: 'admitted'; line: number; at: number };

/**
 * What an admitting worker sends for a run of records of the file: the records in
 * file order, and the rows and texts of those admitted, each kind in one list for
 * the whole message rather than one per record (fewer values to copy between the
 * threads, fewer objects for the main thread to keep until the batch is written).
 */
export interface AdmittedMessage {
  records: AdmittedRecord[];
  /** the rows of the admitted records, in record order, table by table */
  rows: ImportRows;
  /**
   * where each admitted record's rows end in each list of `rows`, IMPORT_ROW_KEYS.length
   * values per record (they start where the previous record's end, the first at 0)
   */
  rowEnds: number[];
  /**
   * the texts of the admitted records, their UTF-8 bytes one after the other (moved
   * to the main thread, not copied); it decodes one only when the store holds one
   * of its record's keys
   */
  texts: Uint8Array<ArrayBuffer>;
  /** where each admitted record's text ends in `texts` */
  textEnds: number[];
}

const TABLE_COUNT = IMPORT_ROW_KEYS.length;

const validateCustomerData = compileValidator<CustomerData>(CustomerDataSchema);

/** A line of a failures file: `{line, code, message, record}`; importing it imports its record. */
const isFailureLine = (value: unknown): value is { record: unknown } =>
  value !== null && typeof value === 'object' && 'record' in value && 'code' in value && !('subscriberAccount' in value);

function parseText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ChargingError('REQUEST-108', `not JSON: ${(error as Error).message}`);
  }
}

/** What a record asks to import, validated: a customerData, or the `record` of a failures-file line. */
export function customerOf(record: NdjsonRecord): CustomerData {
  if (record.error) throw record.error;
  if (record.parseError !== undefined) throw new ChargingError('REQUEST-108', `not JSON: ${record.parseError}`);
  let value = record.value;
  if (isFailureLine(value)) value = typeof value.record === 'string' ? parseText(value.record) : value.record;
  return validateCustomerData(value);
}

export function failureOf(record: NdjsonRecord, error: ChargingError): RecordFailure {
  const original = isFailureLine(record.value) ? record.value.record : (record.value ?? record.text);
  return { line: record.line, code: error.code, message: error.message, record: original };
}

/** The record read again from its text, for the main thread. */
export function reread(line: number, text: string): NdjsonRecord {
  try {
    return { line, text, value: JSON.parse(text) };
  } catch (error) {
    return { line, text, parseError: (error as Error).message };
  }
}

/** The importer of records admitted alone: against a store that holds nothing, remembering nothing, so one serves every record of an import. */
let alone: { catalog: Catalog; options: ImportOptions; importer: CustomerDataImporter } | undefined;

function importerAlone(catalog: Catalog, options: ImportOptions): CustomerDataImporter {
  if (alone?.catalog !== catalog || alone.options !== options) alone = { catalog, options, importer: new CustomerDataImporter(catalog, options, emptyKnown()) };
  return alone.importer;
}

/**
 * A document left in the message's texts for the main thread to read there, for a
 * line with as many characters as bytes (each byte one character: ASCII, or a byte
 * no UTF-8 sequence takes, read as U+FFFD either way): U+0000, then where it starts
 * and ends in the message's texts, 16 bits a character. A document itself starts
 * with `{`. Five characters to copy between the threads instead of the document's
 * thousand.
 */
function documentInTexts(start: number, end: number): string {
  return String.fromCharCode(0, start & 0xffff, start >>> 16, end & 0xffff, end >>> 16);
}

/** Reads the documents a worker left in a message's texts (documentInTexts) into its rows: on the main thread, as a message arrives. */
export function readDocuments(message: AdmittedMessage): void {
  const { texts } = message;
  let bytes: Buffer | undefined;
  for (const { list, column, width } of IMPORT_DOCUMENT_COLUMNS) {
    const values = message.rows[list];
    for (let i = column; i < values.length; i += width) {
      const value = values[i]!;
      if (value.charCodeAt(0) !== 0) continue;
      bytes ??= Buffer.from(texts.buffer, texts.byteOffset, texts.byteLength);
      const start = value.charCodeAt(1) + value.charCodeAt(2) * 0x10000;
      const end = value.charCodeAt(3) + value.charCodeAt(4) * 0x10000;
      values[i] = bytes.toString('utf8', start, end);
    }
  }
}

/**
 * Admits one record as if the store held nothing; an admitted record's rows are
 * appended to `rows`. `at`: where the record's bytes will start in its message's
 * texts.
 */
function admitAlone(record: NdjsonRecord, catalog: Catalog, options: ImportOptions, transferDate: string, rows: ImportRows, at: number): AdmittedRecord | undefined {
  let data: CustomerData;
  let untouched: boolean;
  try {
    data = customerOf(record);
    untouched = validateCustomerData.untouched();
    checkCustomerAlone(data, catalog);
  } catch (error) {
    if (!isChargingError(error)) throw error;
    return { kind: 'failure', line: record.line, failure: failureOf(record, error) };
  }
  try {
    const writes = importerAlone(catalog, options).admitChecked(data, false);
    // the line's own texts of its objects, when it is the customer and the check changed nothing in it;
    // those of a line whose bytes are its characters left in the message's texts, where the main thread reads them
    let texts: Map<object, string> | undefined;
    if (untouched && data === record.value) {
      const { text, bytes } = record;
      texts = bytes && bytes.length === text.length ? canonicalTexts(text, data, (start, end) => documentInTexts(at + start, at + end)) : canonicalTexts(text, data);
    }
    importRows([writes], transferDate, rows, texts);
    return undefined;
  } catch (error) {
    if (!isChargingError(error)) throw error;
    return { kind: 'recheck', line: record.line, text: record.text };
  }
}

/** The message of an admitting worker, built record by record. */
export class MessageBuilder {
  private records: AdmittedRecord[] = [];
  private rows = emptyRows();
  private rowEnds: number[] = [];
  private texts: Uint8Array[] = [];
  private textEnds: number[] = [];
  private textLength = 0;

  get size(): number {
    return this.records.length;
  }

  add(record: NdjsonRecord, catalog: Catalog, options: ImportOptions, transferDate: string): void {
    const refused = admitAlone(record, catalog, options, transferDate, this.rows, this.textLength);
    if (refused) {
      this.records.push(refused);
      return;
    }
    this.records.push({ kind: 'admitted', line: record.line, at: this.textEnds.length });
    for (const key of IMPORT_ROW_KEYS) this.rowEnds.push(this.rows[key].length);
    const text = record.bytes ?? Buffer.from(record.text);
    this.texts.push(text);
    this.textLength += text.length;
    this.textEnds.push(this.textLength);
  }

  /** The message of the records added since the last one; its texts' buffer is to be transferred. */
  take(): AdmittedMessage {
    const texts = new Uint8Array(this.textLength);
    let at = 0;
    for (const text of this.texts) {
      texts.set(text, at);
      at += text.length;
    }
    const message = { records: this.records, rows: this.rows, rowEnds: this.rowEnds, texts, textEnds: this.textEnds };
    this.records = [];
    this.rows = emptyRows();
    this.rowEnds = [];
    this.texts = [];
    this.textEnds = [];
    this.textLength = 0;
    return message;
  }
}

/** Where admitted record `at` of `message` starts in the list of table `table` (an index of IMPORT_ROW_KEYS). */
export const rowStart = (message: AdmittedMessage, at: number, table: number): number => (at === 0 ? 0 : message.rowEnds[(at - 1) * TABLE_COUNT + table]);

/** The text of admitted record `at` of `message`. */
export function textOf(message: AdmittedMessage, at: number): string {
  const { texts } = message;
  return Buffer.from(texts.buffer, texts.byteOffset, texts.byteLength).toString('utf8', at === 0 ? 0 : message.textEnds[at - 1], message.textEnds[at]);
}

/** The rows of admitted records `from` to `to` (excluded) of `message`. */
export function rowsBetween(message: AdmittedMessage, from: number, to: number): ImportRows {
  if (from === 0 && to === message.textEnds.length) return message.rows;
  const rows = emptyRows();
  IMPORT_ROW_KEYS.forEach((key, table) => (rows[key] = message.rows[key].slice(rowStart(message, from, table), rowStart(message, to, table))));
  return rows;
}

/** The summary kinds of the objects of each list of rows an admitted record writes. */
const CREATED: ReadonlyArray<[keyof ImportRows, keyof ImportSummary]> = [
  ['subscriberAccounts', 'subscriberAccount'],
  ['externalAccounts', 'externalAccount'],
  ['prepaidAccounts', 'prepaidAccount'],
  ['mappingTables', 'subscriberMappingTable'],
  ['rangeTables', 'subscriberRangeTable'],
  ['contracts', 'chargingContract'],
];

/** Counts admitted record `at` of `message` in `summary`: every object it writes is created (the store held none of them). */
export function countCreated(summary: ImportSummary, message: AdmittedMessage, at: number): void {
  for (const [key, kind] of CREATED) {
    const table = IMPORT_ROW_KEYS.indexOf(key);
    summary[kind].created += (rowStart(message, at + 1, table) - rowStart(message, at, table)) / IMPORT_ROW_WIDTH[key];
  }
}
