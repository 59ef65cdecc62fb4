// Assertions on operation results through the JSON API (failures: assertFailure in customerData.ts).
import assert from 'node:assert/strict';
import type { CallResult } from './server.ts';

/** HTTP 200 with `status=return`. */
export function assertReturn(result: CallResult): void {
  assert.equal(result.status, 200, JSON.stringify(result.body));
  assert.equal(result.body.status, 'return');
}
