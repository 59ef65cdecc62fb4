// The WSDL 1.1 of a SOAP service (SOAP 1.1, document/literal), self-contained: both
// schema documents inline in wsdl:types. Service, port, portType and binding names,
// part names and SOAPAction are SAP CC's (the service definition's `wsdl`).
// The same schema documents are served alone for tools (`?xsd=`).
import type { TObject } from '@sinclair/typebox';
import { FailureSchema } from './common.ts';
import { Obj, String256, COMMON } from './types.ts';
import { COMMON_NAMESPACE, schemaDocuments, type SchemaDocuments } from './xsd.ts';
import { escapeAttribute, escapeText } from './xmlText.ts';

export const WSDL_NAMESPACE = 'http://schemas.xmlsoap.org/wsdl/';
export const WSDL_SOAP_NAMESPACE = 'http://schemas.xmlsoap.org/wsdl/soap/';

/** The detail of every SOAP Fault: the full error code and the Failure. */
export const FaultDetailSchema = Obj({ errorCode: String256(), failure: FailureSchema }, { xsdName: 'FaultDetail', xsdNamespace: COMMON });
export const FAULT_DETAIL_ELEMENT = 'faultDetail';

export interface WsdlOperation {
  name: string;
  summary: string;
  requestElement: string;
  responseElement: string;
  request: TObject;
  responseSchema: TObject;
}

/** The names of a service's WSDL: JAX-WS clients construct the service and its port by them. */
export interface WsdlNames {
  service: string;
  port: string;
  portType: string;
  binding: string;
  /** the name of the single part of every input / output message */
  requestPart: string;
  responsePart: string;
  /** SOAPAction of each operation: its name, or empty (dispatch is by the body element either way) */
  soapAction: 'operation' | 'empty';
  /** true when the names are read from a real SAP CC WSDL, false when inferred (docs/soap.md) */
  real: boolean;
}

export interface WsdlService {
  name: string;
  endpoint: string;
  wsdlNamespace: string;
  schemaNamespace: string;
  wsdl: WsdlNames;
}

export interface ServiceDocuments {
  /** the WSDL with its soap:address at `location` */
  wsdl(location: string): string;
  /** the service schema importing the common one from `commonLocation` */
  serviceXsd(commonLocation: string): string;
  commonXsd: string;
}

export function serviceDocuments(service: WsdlService, operations: WsdlOperation[]): ServiceDocuments {
  const schemas = schemaDocuments({
    schemaNamespace: service.schemaNamespace,
    elements: operations.flatMap((op) => [
      { name: op.requestElement, schema: op.request, typeName: upperFirstOf(op.requestElement) },
      { name: op.responseElement, schema: op.responseSchema, typeName: upperFirstOf(op.responseElement) },
    ]),
    commonElements: [{ name: FAULT_DETAIL_ELEMENT, schema: FaultDetailSchema, typeName: 'FaultDetail' }],
  });
  const [head, tail] = wsdlParts(service, operations, schemas);
  const commonXsd = xmlDocument(schemas.common);
  return {
    wsdl: (location) => `${head}${escapeAttribute(location)}${tail}`,
    serviceXsd: (commonLocation) => xmlDocument(schemas.service(commonLocation)),
    commonXsd,
  };
}

const upperFirstOf = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);

const xmlDocument = (root: string): string => `<?xml version="1.0" encoding="UTF-8"?>\n${root}\n`;

const indent = (text: string, by: string): string => text.replace(/^/gm, by);

/** The WSDL text before and after the soap:address location. */
function wsdlParts(service: WsdlService, operations: WsdlOperation[], schemas: SchemaDocuments): [string, string] {
  const names = service.wsdl;
  const documentation = (text: string) => `<wsdl:documentation>${escapeText(text)}</wsdl:documentation>`;
  const lines: string[] = [
    `<wsdl:definitions xmlns:wsdl="${WSDL_NAMESPACE}" xmlns:soap="${WSDL_SOAP_NAMESPACE}" xmlns:tns="${service.wsdlNamespace}"` +
      ` xmlns:s="${service.schemaNamespace}" xmlns:hd="${COMMON_NAMESPACE}" name="${names.service}" targetNamespace="${service.wsdlNamespace}">`,
    '  <wsdl:types>',
    indent(schemas.common, '    '),
    indent(schemas.service(), '    '),
    '  </wsdl:types>',
    `  <wsdl:message name="fault"><wsdl:part name="fault" element="hd:${FAULT_DETAIL_ELEMENT}"/></wsdl:message>`,
  ];
  for (const op of operations) {
    lines.push(`  <wsdl:message name="${op.requestElement}"><wsdl:part name="${names.requestPart}" element="s:${op.requestElement}"/></wsdl:message>`);
    lines.push(`  <wsdl:message name="${op.responseElement}"><wsdl:part name="${names.responsePart}" element="s:${op.responseElement}"/></wsdl:message>`);
  }
  lines.push(`  <wsdl:portType name="${names.portType}">`);
  for (const op of operations) {
    lines.push(
      `    <wsdl:operation name="${op.name}">${documentation(op.summary)}<wsdl:input message="tns:${op.requestElement}"/>` +
        `<wsdl:output message="tns:${op.responseElement}"/><wsdl:fault name="fault" message="tns:fault"/></wsdl:operation>`,
    );
  }
  lines.push('  </wsdl:portType>');
  lines.push(`  <wsdl:binding name="${names.binding}" type="tns:${names.portType}">`);
  lines.push('    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>');
  for (const op of operations) {
    const action = names.soapAction === 'operation' ? op.name : '';
    lines.push(
      `    <wsdl:operation name="${op.name}"><soap:operation soapAction="${action}" style="document"/>` +
        '<wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output>' +
        '<wsdl:fault name="fault"><soap:fault name="fault" use="literal"/></wsdl:fault></wsdl:operation>',
    );
  }
  lines.push('  </wsdl:binding>');
  lines.push(`  <wsdl:service name="${names.service}">`);
  lines.push(`    <wsdl:port name="${names.port}" binding="tns:${names.binding}"><soap:address location="`);
  const head = xmlDocument(lines.join('\n'));
  const tail = '"/></wsdl:port>\n  </wsdl:service>\n</wsdl:definitions>\n';
  return [head.slice(0, -1), tail];
}
