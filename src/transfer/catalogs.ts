// What differs between the catalogs of two systems, named the way an operator
// fixes it: per part of the catalog, the plans, classes, currencies, counters or
// values found only on one side or different on both.
import { canonicalJson } from '../model/catalog.ts';

/** The key that names an entry of a catalog list: plans and classes by id, currencies by code, counters by name. */
function keyOf(entry: unknown): string | undefined {
  if (typeof entry === 'string') return entry;
  if (entry === null || typeof entry !== 'object') return undefined;
  const record = entry as Record<string, unknown>;
  for (const field of ['id', 'code', 'name']) if (typeof record[field] === 'string') return record[field] as string;
  return undefined;
}

function listDifference(source: unknown[], destination: unknown[]): string[] {
  const keyed = (list: unknown[]) => new Map(list.map((entry) => [keyOf(entry), canonicalJson(entry)]));
  const ours = keyed(source);
  const theirs = keyed(destination);
  if (ours.has(undefined) || theirs.has(undefined)) return ['differs'];
  const onlySource = [...ours.keys()].filter((key) => !theirs.has(key));
  const onlyDestination = [...theirs.keys()].filter((key) => !ours.has(key));
  const changed = [...ours.keys()].filter((key) => theirs.has(key) && theirs.get(key) !== ours.get(key));
  const parts: string[] = [];
  if (changed.length) parts.push(`${changed.join(', ')} ${changed.length === 1 ? 'differs' : 'differ'}`);
  if (onlySource.length) parts.push(`only in the source: ${onlySource.join(', ')}`);
  if (onlyDestination.length) parts.push(`only in the destination: ${onlyDestination.join(', ')}`);
  // same entries, other order: the fingerprint sees the order
  return parts.length ? parts : ['same entries in another order'];
}

function partDifference(source: unknown, destination: unknown): string[] {
  if (source === undefined) return ['only in the destination'];
  if (destination === undefined) return ['only in the source'];
  if (Array.isArray(source) && Array.isArray(destination)) return listDifference(source, destination);
  const bothObjects = [source, destination].every((value) => value !== null && typeof value === 'object' && !Array.isArray(value));
  if (!bothObjects) return [`${canonicalJson(source)} in the source, ${canonicalJson(destination)} in the destination`];
  const fields = new Set([...Object.keys(source as object), ...Object.keys(destination as object)]);
  return [...fields]
    .filter((field) => canonicalJson((source as Record<string, unknown>)[field]) !== canonicalJson((destination as Record<string, unknown>)[field]))
    .map((field) => `${field}: ${partDifference((source as Record<string, unknown>)[field], (destination as Record<string, unknown>)[field]).join('; ')}`);
}

/** One line per part of the catalog that differs, e.g. "chargePlans: CP_VOICE differs; only in the source: CP_X"; empty when identical. */
export function catalogDifferences(source: object, destination: object): string[] {
  const parts = new Set([...Object.keys(source), ...Object.keys(destination)]);
  const lines: string[] = [];
  for (const part of parts) {
    const ours = (source as Record<string, unknown>)[part];
    const theirs = (destination as Record<string, unknown>)[part];
    if (canonicalJson(ours) === canonicalJson(theirs)) continue;
    lines.push(`${part}: ${partDifference(ours, theirs).join('; ')}`);
  }
  return lines;
}
