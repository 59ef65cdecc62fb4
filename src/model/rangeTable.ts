// Rules of a subscriber range table v3 (SPEC 2.2) and its lookup. Rows with the
// same inputs valid at a same instant form a range set: sorted by upper bound (an
// absent bound is +∞), each row covers the values from the previous bound to its own.
import type { Catalog, RangeTableClass } from './catalog.ts';
import { Decimal } from './decimal.ts';
import { fail } from './errors.ts';
import { validAt, type WireDate } from './values.ts';
import { columnMismatch, decimalKey, duplicateId, endsAfterStart, groupBy, inputKey, overlappingPair, type Cell } from './tableRows.ts';
import type { RangeTableRow, SubscriberRangeTable } from '../schema/customerData.ts';

export type RangeTableOutput = NonNullable<RangeTableRow['output']>[number];

export function rangeTableClassOf(table: Pick<SubscriberRangeTable, 'rangeTableClassId'>, catalog: Catalog): RangeTableClass {
  return catalog.rangeTableClass(table.rangeTableClassId) ?? fail('RANGETABLE-100', table.rangeTableClassId);
}

/** Checks a whole table against the catalog; returns its class. */
export function checkRangeTable(table: SubscriberRangeTable, catalog: Catalog): RangeTableClass {
  const rangeClass = rangeTableClassOf(table, catalog);
  const rows = table.row ?? [];
  const twice = duplicateId(rows.map((r) => r.id));
  if (twice !== undefined) fail('RANGETABLE-106', `row ${twice}`);
  for (const row of rows) checkRangeRow(row, rangeClass);
  checkRangeSets(rows, rangeClass);
  return rangeClass;
}

function checkRangeRow(row: RangeTableRow, rangeClass: RangeTableClass): void {
  const inputMismatch = columnMismatch(row.input ?? [], rangeClass.inputColumns);
  if (inputMismatch) fail('RANGETABLE-101', `row ${row.id}: ${inputMismatch}`);
  const outputs = row.output ?? [];
  if (outputs.length === 0) fail('RANGETABLE-5', `row ${row.id}`);
  if (outputs.length > rangeClass.outputColumns.length) {
    fail('RANGETABLE-6', `row ${row.id} has ${outputs.length}, the class ${rangeClass.outputColumns.length}`);
  }
  const outputMismatch = columnMismatch(outputs, rangeClass.outputColumns);
  if (outputMismatch) fail('RANGETABLE-102', `row ${row.id}: ${outputMismatch}`);
  if (!endsAfterStart(row)) fail('RANGETABLE-109', `row ${row.id}`);
  if (row.upperBound === undefined && rangeClass.lastRangeBounded) fail('RANGETABLE-162', `row ${row.id}`);
}

/**
 * Within a range set no two rows share an upper bound, and only the last range may
 * be unbounded: two unbounded rows valid at a same instant leave one not last.
 */
function checkRangeSets(rows: readonly RangeTableRow[], rangeClass: RangeTableClass): void {
  // an input key ends where its last value does: what follows it cannot be read as part of it
  const sameInputsAndBound = groupBy(rows, (r) => `${inputKey(r.input ?? [], rangeClass.inputColumns)}\u0000${r.upperBound === undefined ? '' : decimalKey(r.upperBound)}`);
  for (const group of sameInputsAndBound.values()) {
    const pair = overlappingPair(group);
    if (!pair) continue;
    const [a, b] = pair;
    if (a.upperBound === undefined) fail('RANGETABLE-103', `rows ${a.id} and ${b.id} are both unbounded`);
    fail('RANGETABLE-107', `rows ${a.id} and ${b.id} both end at ${a.upperBound}`);
  }
}

/** Orders upper bounds with an absent bound as +∞. */
function compareBounds(a: Decimal | undefined, b: Decimal | undefined): number {
  if (a === undefined || b === undefined) return (a === undefined ? 1 : 0) - (b === undefined ? 1 : 0);
  return a.compare(b);
}

/** Does the range ending at `bound` (after the previous ranges) hold `value`? */
function withinBound(value: Decimal, bound: Decimal | undefined, inclusive: boolean): boolean {
  if (bound === undefined) return true;
  const c = value.compare(bound);
  return inclusive ? c <= 0 : c < 0;
}

/**
 * The outputs (in class order) of the range holding `value` among the rows with
 * these inputs valid at `date` (SPEC 2.2); the first range starts at -∞.
 */
export function lookupRangeTable(table: SubscriberRangeTable, rangeClass: RangeTableClass, inputs: readonly Cell[], value: Decimal, date: WireDate): RangeTableOutput[] {
  const mismatch = columnMismatch(inputs, rangeClass.inputColumns);
  if (mismatch) fail('RANGETABLE-110', mismatch);
  const wanted = inputKey(inputs, rangeClass.inputColumns);
  const rangeSet = (table.row ?? [])
    .filter((r) => validAt(r.start, r.end, date) && inputKey(r.input ?? [], rangeClass.inputColumns) === wanted)
    .map((row) => ({ row, bound: row.upperBound === undefined ? undefined : Decimal.parse(row.upperBound) }))
    .sort((a, b) => compareBounds(a.bound, b.bound));
  const range = rangeSet.find((r) => withinBound(value, r.bound, rangeClass.upperBoundInclusive));
  if (!range) return fail('RANGETABLE-104', `value ${value.toString()} at ${date} in table ${table.id}`);
  const outputs = range.row.output ?? [];
  return rangeClass.outputColumns.map((column) => outputs.find((o) => o.name === column.name)!);
}
