// One case of the hostile-input corpus: a request as raw bytes and the refusal it
// must get. The runner (corpus.test.ts) sends each, checks the answer, then checks
// that the server still answers and that nothing was written.
import { findOperationByName } from './operations.ts';

export interface HostileCase {
  /** what is hostile about it */
  name: string;
  method: 'GET' | 'POST';
  path: string;
  /** the operation the request is meant for, when it is meant for one */
  operation?: string;
  body?: string | Buffer;
  headers?: Record<string, string>;
  expect: {
    /** HTTP status */
    status: number;
    /** the error code: problem+json `code`, or the Fault's / Failure's cause */
    code: string;
  };
  /** a refused write that reached its operation leaves one audit record (failure) */
  audited: boolean;
}

/** Codes of refusals made before an operation gets the request (unreadable body, XML limits, DOCTYPE, envelope, credentials): never audited. */
const BEFORE_OPERATION = new Set(['REQUEST-108', 'REQUEST-111', 'REQUEST-112', 'REQUEST-114', 'REQUEST-115', 'REQUEST-116', 'REQUEST-117', 'IDEMPOTENCY-100', 'CC-SEC-AUTH-100']);

/** Is a refusal of operation `name` with `code` audited? Writes that reached the operation are. */
export function auditedRefusal(operation: string, code: string): boolean {
  return findOperationByName(operation)?.access === 'write' && !BEFORE_OPERATION.has(code);
}
