// The rows an import writes, on the port side: the tables and their columns, the
// lists of ImportRows that go to each, the key columns (where the ids a customer
// takes are), the builder, and the key extraction. The admitting workers build the
// rows (src/bulk/admission.ts), the bulk writer reads their keys
// (src/bulk/customerImport.ts), and the SQL adapters write them
// (src/store/sql/customerData.ts); each takes the column positions from here. Every
// index is worked out once, as the module loads: the builder and the readers of
// rows do per row what they would with the positions written in.
import type { CustomerWrites } from '../model/customerDataImport.ts';
import type { ImportKeys } from '../model/knownCustomerData.ts';
import { userServiceUsesOf } from '../model/chargingContract.ts';
import type { ChargingContract, SubscriberMappingTable, SubscriberRangeTable } from '../schema/customerData.ts';

/** A value of a row an import writes: every column is TEXT, or null. */
export type ImportValue = string | null;

/**
 * What an import writes, table by table: the rows one after the other as one flat
 * list of values in column order (IMPORT_TABLES gives the columns). A bulk import
 * builds them beside its reading, on its worker threads, and hands them over as
 * they are (a few lists per customer are cheaper to pass between threads than a
 * list per row), to be bound to prepared inserts (SQLite) or sent as one JSON
 * array of rows (PostgreSQL).
 */
export interface ImportRows {
  subscriberAccounts: ImportValue[];
  externalAccounts: ImportValue[];
  prepaidAccounts: ImportValue[];
  mappingTables: ImportValue[];
  rangeTables: ImportValue[];
  tableDirectory: ImportValue[];
  contractDirectory: ImportValue[];
  contracts: ImportValue[];
  claims: ImportValue[];
}

export interface ImportTable {
  table: string;
  columns: readonly string[];
  /** the lists of ImportRows whose rows go to the table, written in this order */
  lists: ReadonlyArray<keyof ImportRows>;
  onConflict?: string;
}

/** The tables an import writes, in the order it writes them, with the rows of each. */
export const IMPORT_TABLES: readonly ImportTable[] = [
  { table: 'subscriber_account', columns: ['account_id', 'subscriber_id', 'doc'], lists: ['subscriberAccounts'] },
  { table: 'external_account', columns: ['account_id', 'id', 'doc'], lists: ['externalAccounts'] },
  { table: 'prepaid_account', columns: ['account_id', 'id', 'doc', 'balance', 'current_state'], lists: ['prepaidAccounts'] },
  { table: 'table_directory', columns: ['kind', 'table_id', 'account_id'], lists: ['tableDirectory'], onConflict: 'ON CONFLICT (kind, table_id) DO NOTHING' },
  {
    table: 'subscriber_table',
    columns: ['account_id', 'kind', 'id', 'class_id', 'doc'],
    lists: ['mappingTables', 'rangeTables'],
    onConflict: 'ON CONFLICT (account_id, kind, id) DO UPDATE SET class_id = excluded.class_id, doc = excluded.doc',
  },
  { table: 'contract_directory', columns: ['contract_id', 'account_id'], lists: ['contractDirectory'] },
  { table: 'charging_contract', columns: ['account_id', 'id', 'root_id', 'operational_status', 'transfer_date', 'doc'], lists: ['contracts'] },
  { table: 'user_service_claim', columns: ['user_service_id', 'contract_id', 'account_id', 'start_date', 'end_date'], lists: ['claims'] },
];

/** The table of each list of ImportRows. */
const TABLE_OF = Object.fromEntries(IMPORT_TABLES.flatMap((table) => table.lists.map((list) => [list, table]))) as Readonly<Record<keyof ImportRows, ImportTable>>;

/** The lists of ImportRows, in the order of IMPORT_TABLES. */
export const IMPORT_ROW_KEYS: ReadonlyArray<keyof ImportRows> = IMPORT_TABLES.flatMap((table) => table.lists);

/** Values per row of each list of ImportRows: its table's columns. */
export const IMPORT_ROW_WIDTH = Object.fromEntries(IMPORT_ROW_KEYS.map((list) => [list, TABLE_OF[list].columns.length])) as Readonly<Record<keyof ImportRows, number>>;

/** Where column `column` of the rows of `list` is in each row. */
function columnIndex(list: keyof ImportRows, column: string): number {
  const index = TABLE_OF[list].columns.indexOf(column);
  if (index < 0) throw new Error(`${TABLE_OF[list].table} has no column ${column}`);
  return index;
}

/** A column of one list of ImportRows: the list, its place in IMPORT_ROW_KEYS, the column's place in a row, and the row's width. */
export interface ImportColumn {
  list: keyof ImportRows;
  /** the list's index in IMPORT_ROW_KEYS */
  table: number;
  column: number;
  width: number;
}

const importColumn = (list: keyof ImportRows, column: string): ImportColumn => ({
  list,
  table: IMPORT_ROW_KEYS.indexOf(list),
  column: columnIndex(list, column),
  width: IMPORT_ROW_WIDTH[list],
});

/**
 * Where the ids of each kind of ImportKeys are in the rows: an admitted customer
 * takes the ids of these columns (admitted as if the store were empty, it creates
 * every object it names, all of its one subscriber account, and the roots of its
 * linked contracts are its own).
 */
export const IMPORT_KEY_COLUMNS: ReadonlyArray<ImportColumn & { kind: keyof ImportKeys }> = [
  { kind: 'subscriberAccountIds', ...importColumn('subscriberAccounts', 'account_id') },
  { kind: 'contractIds', ...importColumn('contractDirectory', 'contract_id') },
  { kind: 'mappingTableIds', ...importColumn('mappingTables', 'id') },
  { kind: 'rangeTableIds', ...importColumn('rangeTables', 'id') },
  { kind: 'userServiceIds', ...importColumn('claims', 'user_service_id') },
];

/** The key column of ids of `kind`. */
export const importKeyColumn = (kind: keyof ImportKeys): ImportColumn => IMPORT_KEY_COLUMNS.find((key) => key.kind === kind)!;

/** The columns that hold documents (JSON text), of every list whose table has one. */
export const IMPORT_DOCUMENT_COLUMNS: readonly ImportColumn[] = IMPORT_ROW_KEYS.filter((list) => TABLE_OF[list].columns.includes('doc')).map((list) => importColumn(list, 'doc'));

/** The values of column `column` of every row of `values`, rows of `width` values. */
export function columnOf(values: readonly ImportValue[], width: number, column: number): string[] {
  const texts: string[] = [];
  for (let i = column; i < values.length; i += width) texts.push(values[i]!);
  return texts;
}

const SUBSCRIBER_ACCOUNT_IDS = importKeyColumn('subscriberAccountIds');
const CONTRACT_IDS = importKeyColumn('contractIds');
const MAPPING_TABLE_IDS = importKeyColumn('mappingTableIds');
const RANGE_TABLE_IDS = importKeyColumn('rangeTableIds');
const USER_SERVICE_IDS = importKeyColumn('userServiceIds');

/** The ids rows name (importKeysOf of the customers they were built of, when admitted as if the store were empty). */
export function keysOfRows(rows: ImportRows): ImportKeys {
  const ids = ({ list, width, column }: ImportColumn): string[] => columnOf(rows[list], width, column);
  return {
    subscriberAccountIds: ids(SUBSCRIBER_ACCOUNT_IDS),
    contractIds: ids(CONTRACT_IDS),
    mappingTableIds: ids(MAPPING_TABLE_IDS),
    rangeTableIds: ids(RANGE_TABLE_IDS),
    userServiceIds: [...new Set(ids(USER_SERVICE_IDS))],
  };
}

export const emptyRows = (): ImportRows => ({
  subscriberAccounts: [],
  externalAccounts: [],
  prepaidAccounts: [],
  mappingTables: [],
  rangeTables: [],
  tableDirectory: [],
  contractDirectory: [],
  contracts: [],
  claims: [],
});

/** Concatenates the rows of several imports, table by table (one import's rows are returned as they are). */
export function concatRows(parts: readonly ImportRows[]): ImportRows {
  if (parts.length === 1) return parts[0];
  const rows = emptyRows();
  for (const key of IMPORT_ROW_KEYS) rows[key] = rows[key].concat(...parts.map((part) => part[key]));
  return rows;
}

/**
 * The rows of every table an import writes, appended to `rows` (new lists by
 * default); a table written twice in one call keeps its last version. `texts`: the
 * documents of objects known already (src/bulk/canonicalText.ts), each exactly what
 * JSON.stringify writes of its object; the others are stringified here. Each push
 * gives a row's values in the order of its table's columns in IMPORT_TABLES
 * (test/store/importRows.test.ts reads every one back through the port).
 */
export function importRows(writes: readonly CustomerWrites[], transferDate: string, rows: ImportRows = emptyRows(), texts?: ReadonlyMap<object, string>): ImportRows {
  const doc = (object: object): string => texts?.get(object) ?? JSON.stringify(object);
  const mapping = new Map<string, SubscriberMappingTable>();
  const range = new Map<string, SubscriberRangeTable>();
  for (const w of writes) {
    if (w.subscriberAccount) rows.subscriberAccounts.push(w.subscriberAccount.id, w.subscriberAccount.subscriberId, doc(w.subscriberAccount));
    for (const a of w.externalAccounts) rows.externalAccounts.push(a.subscriberAccountId, a.id, doc(a));
    for (const a of w.prepaidAccounts) rows.prepaidAccounts.push(a.subscriberAccountId, a.id, doc(a), '0', 'active');
    for (const t of w.mappingTables) mapping.set(t.id, t);
    for (const t of w.rangeTables) range.set(t.id, t);
    for (const c of w.contracts) contractRows(rows, c, w.operationalStatus, transferDate, doc(c));
  }
  for (const t of mapping.values()) {
    rows.mappingTables.push(t.subscriberAccountId, 'mapping', t.id, t.mappingTableClassId, doc(t));
    rows.tableDirectory.push('mapping', t.id, t.subscriberAccountId);
  }
  for (const t of range.values()) {
    rows.rangeTables.push(t.subscriberAccountId, 'range', t.id, t.rangeTableClassId, doc(t));
    rows.tableDirectory.push('range', t.id, t.subscriberAccountId);
  }
  return rows;
}

function contractRows(rows: ImportRows, contract: ChargingContract, status: string, transferDate: string, doc: string): void {
  const account = contract.subscriberAccountId;
  rows.contractDirectory.push(contract.id, account);
  rows.contracts.push(account, contract.id, contract.rootChargingContractId ?? null, status, transferDate, doc);
  for (const use of userServiceUsesOf(contract)) rows.claims.push(use.userServiceId, contract.id, account, use.start, use.end ?? null);
}
