// What each record of a customer data file comes to before the store is asked:
// parsed, validated against the message schema, checked alone and against the
// catalog, then admitted as if the store were empty — the same model code as
// customerDataImport. A record the store could change the verdict of (its ids
// may exist there, or its failure may be a reference the store could resolve)
// is admitted again on the main thread against what the store knows.
import { ChargingError, isChargingError } from '../model/errors.ts';
import type { Catalog } from '../model/catalog.ts';
import { checkCustomerAlone, CustomerDataImporter, emptySummary, type ImportOptions, type ImportSummary } from '../model/customerDataImport.ts';
import { emptyKnown, importKeysOf, type ImportKeys } from '../model/knownCustomerData.ts';
import { CustomerDataSchema, type CustomerData } from '../schema/customerData.ts';
import { compileValidator } from '../schema/validate.ts';
import { importRows } from '../store/sql/customerData.ts';
import type { ImportRows } from '../store/port.ts';
import type { NdjsonRecord } from './files.ts';
import type { ImportFailure } from './importer.ts';

/** A record that did not import, as the failures file of the bulk import driver holds it. */
export type RecordFailure = ImportFailure;

export type AdmittedRecord =
  /** refused whatever the store holds */
  | { kind: 'failure'; line: number; failure: RecordFailure }
  /** its verdict depends on the store: admit it on the main thread */
  | { kind: 'recheck'; line: number; text: string }
  /** admitted as if the store were empty (so every object is created): its rows stand when the store holds none of its keys */
  | { kind: 'admitted'; line: number; text: string; keys: ImportKeys; rows: ImportRows };

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

/** Admits one record as if the store held nothing. */
export function admitAlone(record: NdjsonRecord, catalog: Catalog, options: ImportOptions, transferDate: string): AdmittedRecord {
  let data: CustomerData;
  try {
    data = customerOf(record);
    checkCustomerAlone(data, catalog);
  } catch (error) {
    if (!isChargingError(error)) throw error;
    return { kind: 'failure', line: record.line, failure: failureOf(record, error) };
  }
  try {
    const writes = new CustomerDataImporter(catalog, options, emptyKnown()).admitChecked(data);
    return { kind: 'admitted', line: record.line, text: record.text, keys: importKeysOf([data]), rows: importRows([writes], transferDate) };
  } catch (error) {
    if (!isChargingError(error)) throw error;
    return { kind: 'recheck', line: record.line, text: record.text };
  }
}

/** The counts of an admitted record: every object it writes is created (the store held none of them). */
export function createdCounts(rows: ImportRows): ImportSummary {
  const counts = emptySummary();
  counts.subscriberAccount.created = rows.subscriberAccounts.length;
  counts.externalAccount.created = rows.externalAccounts.length;
  counts.prepaidAccount.created = rows.prepaidAccounts.length;
  counts.subscriberMappingTable.created = rows.mappingTables.length;
  counts.subscriberRangeTable.created = rows.rangeTables.length;
  counts.chargingContract.created = rows.contracts.length;
  return counts;
}
