// HTTP statuses of errors on the JSON API (SPEC 3.2): the category's, and the few codes
// that answer another (authentication, roles, throttling, body size, unknown route).
import type { Category } from '../../model/categories.ts';
import { CODES, type ErrorCode } from '../../model/codes.ts';

/** HTTP status of a category on the JSON API (SPEC 3.2). */
export const CATEGORY_HTTP_STATUS: Record<Category, number> = {
  invalid: 400,
  doesNotExist: 404,
  alreadyExists: 409,
  prerequisiteMissing: 422,
  illegalState: 409,
  invalidConfiguration: 409,
  temporaryIllegalSystemState: 503,
  illegalSystemState: 500,
};

/** The codes whose HTTP status is not their category's. */
const CODE_HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  'REQUEST-111': 413,
  'REQUEST-112': 404,
  'CC-SEC-AUTH-6': 403,
  'CC-SEC-AUTH-100': 401,
  'CC-SEC-AUTH-106': 429,
  'IDEMPOTENCY-101': 422,
};

/** The HTTP status of a code on the JSON API. */
export function httpStatusOf(code: ErrorCode): number {
  return CODE_HTTP_STATUS[code] ?? CATEGORY_HTTP_STATUS[CODES[code].category];
}
