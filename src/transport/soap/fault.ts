// What is not a business outcome of a SOAP request: answered with a SOAP Fault whose
// detail carries the error code (docs/soap.md).
import { ChargingError } from '../../model/errors.ts';
import type { ErrorCode } from '../../model/codes.ts';

export type FaultCode = 'Client' | 'Server' | 'MustUnderstand' | 'VersionMismatch';

export class SoapFault extends Error {
  readonly faultCode: FaultCode;
  readonly error: ChargingError;

  constructor(code: ErrorCode, detail: string, faultCode: FaultCode = 'Client') {
    const error = new ChargingError(code, detail);
    super(error.message);
    this.error = error;
    this.faultCode = faultCode;
  }
}
