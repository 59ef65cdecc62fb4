// A bare SOAP 1.1 client for component tests: envelopes written by hand, answers
// read into a plain element tree (saxes, namespace-aware), so assertions name the
// wire elements exactly.
import assert from 'node:assert/strict';
import { SaxesParser } from 'saxes';
import { SERVICES, type ServiceName } from '../../src/operations/services.ts';
import { ADMIN_PASSWORD, ROLE_PASSWORD } from '../helpers/server.ts';

export const SOAP_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';
export const WSSE = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
const PASSWORD_TEXT = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText';

export interface XmlElement {
  name: string;
  uri: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

export function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag) => {
    const element: XmlElement = { name: tag.local, uri: tag.uri, attributes: Object.fromEntries(Object.values(tag.attributes).map((a) => [a.name, a.value])), children: [], text: '' };
    stack[stack.length - 1]?.children.push(element);
    stack.push(element);
    root ??= element;
  });
  parser.on('text', (text) => {
    if (stack.length) stack[stack.length - 1].text += text;
  });
  parser.on('closetag', () => stack.pop());
  parser.write(xml).close();
  return root!;
}

/** The first descendant (or self) named `name` along `path` (`a/b/c`). */
export function child(element: XmlElement, path: string): XmlElement | undefined {
  let current: XmlElement | undefined = element;
  for (const name of path.split('/')) current = current?.children.find((c) => c.name === name);
  return current;
}

export const textOf = (element: XmlElement, path: string): string | undefined => child(element, path)?.text;

export interface Credentials {
  user?: string;
  password?: string;
  /** no Security header at all */
  anonymous?: boolean;
}

export function securityHeader(credentials: Credentials = {}): string {
  if (credentials.anonymous) return '';
  const user = credentials.user ?? 'admin';
  const password = credentials.password ?? (user === 'admin' ? ADMIN_PASSWORD : ROLE_PASSWORD);
  return (
    `<soapenv:Header><wsse:Security xmlns:wsse="${WSSE}" soapenv:mustUnderstand="1"><wsse:UsernameToken>` +
    `<wsse:Username>${user}</wsse:Username><wsse:Password Type="${PASSWORD_TEXT}">${password}</wsse:Password>` +
    '</wsse:UsernameToken></wsse:Security></soapenv:Header>'
  );
}

/** A request envelope whose body is `<s:<operation>Request>` with `content`. */
export function requestEnvelope(service: ServiceName, operation: string, content: string, credentials: Credentials = {}): string {
  const ns = SERVICES[service].schemaNamespace;
  return (
    `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="${SOAP_ENV}" xmlns:s="${ns}">${securityHeader(credentials)}` +
    `<soapenv:Body><s:${operation}Request>${content}</s:${operation}Request></soapenv:Body></soapenv:Envelope>`
  );
}

export interface SoapAnswer {
  status: number;
  text: string;
  contentType: string | null;
  /** the element inside soapenv:Body */
  body: XmlElement;
}

export async function postSoap(baseUrl: string, endpoint: string, envelope: string, headers: Record<string, string> = {}): Promise<SoapAnswer> {
  const response = await fetch(`${baseUrl}${endpoint}`, { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8', ...headers }, body: envelope });
  const text = await response.text();
  const root = parseXml(text);
  assert.equal(root.name, 'Envelope');
  assert.equal(root.uri, SOAP_ENV);
  const body = child(root, 'Body')!.children[0];
  return { status: response.status, text, contentType: response.headers.get('content-type'), body };
}

export function callSoap(baseUrl: string, service: ServiceName, operation: string, content: string, credentials: Credentials = {}): Promise<SoapAnswer> {
  // the SOAPAction the service's WSDL declares, as a generated client sends it
  const action = SERVICES[service].wsdl.soapAction === 'operation' ? operation : '';
  return postSoap(baseUrl, SERVICES[service].endpoint, requestEnvelope(service, operation, content, credentials), { soapaction: `"${action}"` });
}

/** Asserts a SOAP Fault with `code` in its detail; returns the fault element. */
export function assertFault(answer: SoapAnswer, code: string, faultcode = 'soapenv:Client'): XmlElement {
  assert.equal(answer.status, 500, answer.text);
  assert.equal(answer.body.name, 'Fault', answer.text);
  assert.equal(textOf(answer.body, 'faultcode'), faultcode);
  assert.equal(textOf(answer.body, 'detail/faultDetail/errorCode'), code, answer.text);
  const [module, number] = [code.slice(0, code.lastIndexOf('-')), code.slice(code.lastIndexOf('-') + 1)];
  assert.equal(textOf(answer.body, 'detail/faultDetail/failure/cause/module'), module);
  assert.equal(textOf(answer.body, 'detail/faultDetail/failure/cause/code'), number);
  return answer.body;
}

/** Asserts a business error in the response body: HTTP 200, status=error, the code and category. */
export function assertBusinessError(answer: SoapAnswer, code: string, category: string): void {
  assert.equal(answer.status, 200, answer.text);
  assert.equal(textOf(answer.body, 'status'), 'error', answer.text);
  assert.equal(textOf(answer.body, 'error/category'), category, answer.text);
  assert.equal(`${textOf(answer.body, 'error/cause/module')}-${textOf(answer.body, 'error/cause/code')}`, code, answer.text);
}
