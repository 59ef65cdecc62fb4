// Assertions on operation results through the JSON API.
import assert from 'node:assert/strict';
import type { CallResult } from './server.ts';

/** HTTP 200 with `status=return`. */
export function assertReturn(result: CallResult): void {
  assert.equal(result.status, 200, JSON.stringify(result.body));
  assert.equal(result.body.status, 'return');
}

/** A business error: its code, HTTP status and category, as problem+json carries them. */
export function assertCode(result: CallResult, code: string, httpStatus: number, category: string): void {
  assert.equal(result.body.code, code, JSON.stringify(result.body));
  assert.equal(result.status, httpStatus);
  assert.equal(result.body.category, category);
}
