// What each record of a customer data file comes to before the store is asked:
// parsed, validated against the message schema, checked alone and against the
// catalog, then admitted as if the store were empty — the same model code as
// customerDataImport. A record the store could change the verdict of (its ids
// may exist there, or its failure may be a reference the store could resolve)
// is admitted again on the main thread against what the store knows.
import { ChargingError, isChargingError } from '../model/errors.ts';
import type { Catalog } from '../model/catalog.ts';
import { checkCustomerAlone, CustomerDataImporter, emptySummary, type ImportOptions, type ImportSummary } from '../model/customerDataImport.ts';
import { emptyKnown, type ImportKeys } from '../model/knownCustomerData.ts';
import { CustomerDataSchema, type CustomerData } from '../schema/customerData.ts';
import { compileValidator } from '../schema/validate.ts';
import { columnOf, IMPORT_ROW_WIDTH, importRows } from '../store/sql/customerData.ts';
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
  | { kind: 'admitted'; line: number; text: string; rows: ImportRows };

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
    const writes = new CustomerDataImporter(catalog, options, emptyKnown()).admitChecked(data, false);
    return { kind: 'admitted', line: record.line, text: record.text, rows: importRows([writes], transferDate) };
  } catch (error) {
    if (!isChargingError(error)) throw error;
    return { kind: 'recheck', line: record.line, text: record.text };
  }
}

/**
 * The ids an admitted record names (importKeysOf of its customer), read off its
 * rows: admitted as if the store were empty, it creates every object it names, all
 * of its one subscriber account, and the roots of its linked contracts are its own.
 */
export function keysOfRows(rows: ImportRows): ImportKeys {
  const userServiceIds: string[] = [];
  for (const id of columnOf(rows.claims, IMPORT_ROW_WIDTH.claims, 0)) if (!userServiceIds.includes(id)) userServiceIds.push(id);
  return {
    subscriberAccountIds: columnOf(rows.subscriberAccounts, IMPORT_ROW_WIDTH.subscriberAccounts, 0),
    contractIds: columnOf(rows.contractDirectory, IMPORT_ROW_WIDTH.contractDirectory, 0),
    mappingTableIds: columnOf(rows.mappingTables, IMPORT_ROW_WIDTH.mappingTables, 2),
    rangeTableIds: columnOf(rows.rangeTables, IMPORT_ROW_WIDTH.rangeTables, 2),
    userServiceIds,
  };
}

/** The counts of an admitted record: every object it writes is created (the store held none of them). */
export function createdCounts(rows: ImportRows): ImportSummary {
  const counts = emptySummary();
  const count = (key: keyof ImportRows) => rows[key].length / IMPORT_ROW_WIDTH[key];
  counts.subscriberAccount.created = count('subscriberAccounts');
  counts.externalAccount.created = count('externalAccounts');
  counts.prepaidAccount.created = count('prepaidAccounts');
  counts.subscriberMappingTable.created = count('mappingTables');
  counts.subscriberRangeTable.created = count('rangeTables');
  counts.chargingContract.created = count('contracts');
  return counts;
}
