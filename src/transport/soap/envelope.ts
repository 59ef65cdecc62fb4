// The SOAP 1.1 envelopes Convergent answers with: a response element in the
// service's schema namespace (children unqualified), or a Fault whose detail holds
// `hd:faultDetail {errorCode, failure}` so a client sees the code and the Failure
// (its category as SAP CC's schema has it, failures.ts).
import { COMMON_NAMESPACE } from '../../schema/xsd.ts';
import { FAULT_DETAIL_ELEMENT, FaultDetailSchema } from '../../schema/wsdl.ts';
import { escapeText } from '../../schema/xmlText.ts';
import { failureOf } from '../../operations/respond.ts';
import { elementWriter } from '../../xml/encode.ts';
import type { SoapFault } from './fault.ts';
import { soapFaultFailure } from './failures.ts';
import { SOAP_ENVELOPE } from './reader.ts';

const HEAD = `<?xml version="1.0" encoding="UTF-8"?>\n<soapenv:Envelope xmlns:soapenv="${SOAP_ENVELOPE}"><soapenv:Body>`;
const TAIL = '</soapenv:Body></soapenv:Envelope>';

export function soapEnvelope(body: string): string {
  return `${HEAD}${body}${TAIL}`;
}

const writeFaultDetail = elementWriter(FaultDetailSchema);

export function faultEnvelope(fault: SoapFault): string {
  const error = fault.error;
  const detail = writeFaultDetail(`hd:${FAULT_DETAIL_ELEMENT}`, { errorCode: error.code, failure: soapFaultFailure(failureOf(error)) }, ` xmlns:hd="${COMMON_NAMESPACE}"`);
  return soapEnvelope(
    `<soapenv:Fault><faultcode>soapenv:${fault.faultCode}</faultcode><faultstring>${escapeText(`${error.code}: ${error.message}`)}</faultstring>` +
      `<detail>${detail}</detail></soapenv:Fault>`,
  );
}
