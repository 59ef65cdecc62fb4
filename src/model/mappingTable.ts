// Rules of a subscriber mapping table (SPEC 2.2) and its lookup: each row holds
// exactly the class's input and output columns; rows with the same inputs do not
// overlap in validity, so a lookup finds at most one row.
import type { Catalog, MappingTableClass } from './catalog.ts';
import { fail } from './errors.ts';
import { validAt, type WireDate } from './values.ts';
import { columnMismatch, duplicateId, endsAfterStart, groupBy, inputKey, overlappingPair, type Cell } from './tableRows.ts';
import type { MappingTableRow, SubscriberMappingTable } from '../schema/customerData.ts';

export type MappingTableColumn = MappingTableRow['column'][number];

export function mappingTableClassOf(table: Pick<SubscriberMappingTable, 'mappingTableClassId'>, catalog: Catalog): MappingTableClass {
  return catalog.mappingTableClass(table.mappingTableClassId) ?? fail('MAPPINGTABLE-102', table.mappingTableClassId);
}

/** Checks a whole table against the catalog; returns its class. */
export function checkMappingTable(table: SubscriberMappingTable, catalog: Catalog): MappingTableClass {
  const mappingClass = mappingTableClassOf(table, catalog);
  const rows = table.row ?? [];
  const twice = duplicateId(rows.map((r) => r.id));
  if (twice !== undefined) fail('MAPPINGTABLE-107', `row ${twice}`);
  const columns = [...mappingClass.inputColumns, ...mappingClass.outputColumns];
  for (const row of rows) {
    const mismatch = columnMismatch(row.column, columns);
    if (mismatch) fail('MAPPINGTABLE-103', `row ${row.id}: ${mismatch}`);
    if (!endsAfterStart(row)) fail('MAPPINGTABLE-110', `row ${row.id}`);
  }
  for (const sameInputs of groupBy(rows, (r) => inputKey(r.column, mappingClass.inputColumns)).values()) {
    const pair = overlappingPair(sameInputs);
    if (pair) fail('MAPPINGTABLE-104', `rows ${pair[0].id} and ${pair[1].id}`);
  }
  return mappingClass;
}

/** The output columns (in class order) of the row with these inputs valid at `date`. */
export function lookupMappingTable(table: SubscriberMappingTable, mappingClass: MappingTableClass, inputs: readonly Cell[], date: WireDate): MappingTableColumn[] {
  const mismatch = columnMismatch(inputs, mappingClass.inputColumns);
  if (mismatch) fail('MAPPINGTABLE-111', mismatch);
  const wanted = inputKey(inputs, mappingClass.inputColumns);
  const row = (table.row ?? []).find((r) => validAt(r.start, r.end, date) && inputKey(r.column, mappingClass.inputColumns) === wanted);
  if (!row) return fail('MAPPINGTABLE-108', `table ${table.id} at ${date}`);
  return mappingClass.outputColumns.map((output) => row.column.find((c) => c.name === output.name)!);
}
