// What subscriber mapping and range tables share: cells typed by their value
// element, input keys that compare decimals by value, row ids, validity overlaps.
import { Decimal } from './decimal.ts';
import { compareDates, type WireDate } from './values.ts';

export type CellType = 'string' | 'currency' | 'number';

/** A named value: a mapping table column, a range table input or output. */
export interface Cell {
  name: string;
  string?: string;
  currency?: string;
  number?: string;
}

/** A column of a catalog table class; `type` is a CellType (the catalog schema types it as text). */
export interface ColumnDef {
  name: string;
  type: string;
}

/** The value element a cell gives (the message schema lets exactly one through). */
export function cellType(cell: Cell): CellType | undefined {
  if (cell.string !== undefined) return 'string';
  if (cell.currency !== undefined) return 'currency';
  if (cell.number !== undefined) return 'number';
  return undefined;
}

/**
 * What keeps `cells` from being exactly `columns` (each once, each with the value
 * element of its column's type), or undefined when they are.
 */
export function columnMismatch(cells: readonly Cell[], columns: readonly ColumnDef[]): string | undefined {
  // rows have a few cells: lists searched beat maps built per row
  const seen: string[] = [];
  for (const cell of cells) {
    const type = columns.find((c) => c.name === cell.name)?.type;
    if (type === undefined) return `${cell.name} is not a column of the class`;
    if (seen.includes(cell.name)) return `${cell.name} is given twice`;
    if (cellType(cell) !== type) return `${cell.name} must be given as ${type}`;
    seen.push(cell.name);
  }
  const missing = columns.find((c) => !seen.includes(c.name));
  return missing && `${missing.name} is missing`;
}

/** A decimal's text with trailing fraction zeros dropped: equal for equal values ("1.50", "1.5"). */
export function decimalKey(text: string): string {
  const canonical = Decimal.isCanonical(text) ? text : Decimal.parse(text).toString();
  return canonical.includes('.') ? canonical.replace(/\.?0+$/, '') : canonical;
}

/**
 * The same text for cells of `columns` with equal values; `cells` match `columns`.
 * Each value after its length, so that no two lists of values make the same text
 * and the text ends where its last value does.
 */
export function inputKey(cells: readonly Cell[], columns: readonly ColumnDef[]): string {
  let key = '';
  for (const column of columns) {
    let value = '';
    for (const cell of cells) {
      if (cell.name !== column.name) continue;
      value = cell.number !== undefined ? decimalKey(cell.number) : (cell.string ?? cell.currency)!;
      break;
    }
    key += `${value.length}:${value}`;
  }
  return key;
}

/** The first id given twice, if any. */
export function duplicateId(ids: Iterable<string>): string | undefined {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) return id;
    seen.add(id);
  }
  return undefined;
}

export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

export interface Validity {
  start: WireDate;
  end?: WireDate;
}

/** Does a validity end after it starts (an absent end is open)? */
export const endsAfterStart = (v: Validity): boolean => v.end === undefined || compareDates(v.end, v.start) > 0;

/** Two of `rows` valid at a same instant of [start, end), if any; sorted by start, so n log n. */
export function overlappingPair<T extends Validity>(rows: readonly T[]): [T, T] | undefined {
  const byStart = [...rows].sort((a, b) => compareDates(a.start, b.start));
  let endsLast: T | undefined;
  for (const row of byStart) {
    if (endsLast && (endsLast.end === undefined || compareDates(row.start, endsLast.end) < 0)) return [endsLast, row];
    if (!endsLast || row.end === undefined || compareDates(row.end, endsLast.end!) > 0) endsLast = row;
  }
  return undefined;
}
