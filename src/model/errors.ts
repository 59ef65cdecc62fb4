// ChargingError (SPEC 3.2): a code of the table in codes.ts, with its category. Each
// error is thrown once with its code where the rule lives; transports map it to a
// Failure, a problem or a Fault.
import type { Category } from './categories.ts';
import { CODES, type ErrorCode } from './codes.ts';

export interface ErrorCause {
  module: string;
  code: string;
  message: string;
}

/** `CUSTOMERDATA-13` travels as module `CUSTOMERDATA`, code `13`. */
export function splitCode(code: string): { module: string; code: string } {
  const dash = code.lastIndexOf('-');
  return { module: code.slice(0, dash), code: code.slice(dash + 1) };
}

const SYSTEM_CATEGORIES: ReadonlySet<Category> = new Set<Category>(['temporaryIllegalSystemState', 'illegalSystemState']);

export class ChargingError extends Error {
  readonly code: ErrorCode;
  readonly category: Category;
  /** The error stack below the cause, innermost last. */
  readonly causedBy: ErrorCause[];

  constructor(code: ErrorCode, detail?: string, causedBy: ErrorCause[] = []) {
    const entry = CODES[code];
    // a business outcome (a refused request) is answered, not debugged: capturing the
    // call stack would cost more than the rest of a small request's error path; a
    // system failure keeps its stack
    const limit = Error.stackTraceLimit;
    if (!SYSTEM_CATEGORIES.has(entry.category)) Error.stackTraceLimit = 0;
    try {
      super(detail ? `${entry.message}: ${detail}` : entry.message);
    } finally {
      Error.stackTraceLimit = limit;
    }
    this.name = 'ChargingError';
    this.code = code;
    this.category = entry.category;
    this.causedBy = causedBy;
  }

  /** The Failure's `cause`: the code split into module and number, with the message. */
  toCause(): ErrorCause {
    return { ...splitCode(this.code), message: this.message };
  }
}

/** Throws the error of `code`; use where the rule lives. */
export function fail(code: ErrorCode, detail?: string): never {
  throw new ChargingError(code, detail);
}

export function isChargingError(error: unknown): error is ChargingError {
  return error instanceof ChargingError;
}
