// What the XML layer refuses (a document that is not well-formed, a DOCTYPE, a
// limit passed): a neutral error, its code, its detail and where it was found. The
// reader that drives the layer says it in its own terms: the SOAP endpoint as a
// Fault (transport/soap/fault.ts), a customer data file as the file's failure line.
import type { ErrorCode } from '../model/codes.ts';

export class XmlError extends Error {
  readonly code: ErrorCode;
  /** what is wrong, without the position */
  readonly detail: string;
  /** the line (1-based) the parser was at; undefined when the fast path (xmlSubset.ts) read the document */
  readonly line: number | undefined;
  /** the column, when the parser itself found the error (saxes's well-formedness checks) */
  readonly column: number | undefined;

  constructor(code: ErrorCode, detail: string, line?: number, column?: number) {
    // refused input is answered, not debugged: no call stack is captured for it
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(`${code}: ${column === undefined ? '' : `${line}:${column}: `}${detail}`);
    } finally {
      Error.stackTraceLimit = limit;
    }
    this.code = code;
    this.detail = detail;
    this.line = line;
    this.column = column;
  }

  /** The detail with the parser's `line:column: ` first when it has one, as saxes writes its errors. */
  get located(): string {
    return this.column === undefined ? this.detail : `${this.line}:${this.column}: ${this.detail}`;
  }
}
