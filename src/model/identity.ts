// "Identical" for idempotent re-creates (SPEC 3.4): the same content whatever the
// key order; read-side fields are left out by the caller.
import { canonicalJson } from './catalog.ts';

export function sameContent(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
