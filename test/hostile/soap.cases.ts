// The SOAP half of the hostile-input corpus, as tables. Faults (HTTP 500) for what
// is not a business outcome — malformed XML, DOCTYPE, limits, envelope, namespaces
// of the request element, credentials; business errors (HTTP 200, status=error)
// for schema violations and business rules, as docs/soap.md says. The fixture of
// json.cases.ts exists when they run.
import { SERVICES, type ServiceName } from '../../src/operations/services.ts';
import { requestEnvelope, SOAP_ENV } from '../soap/client.ts';
import { auditedRefusal, type HostileCase } from './case.ts';
import { findOperationByName } from './operations.ts';

const FAULT = 500;
const BUSINESS = 200;
const XML = 'text/xml; charset=utf-8';

/** A SOAP request to `operation`: its content inside `<s:<op>Request>`, or a whole document as it is. */
function soapCase(operation: string, name: string, request: { content: string } | { document: string | Buffer }, status: number, code: string, contentType = XML): HostileCase {
  const op = findOperationByName(operation);
  if (!op) throw new Error(`no operation ${operation}`);
  const body = 'content' in request ? requestEnvelope(op.service, operation, request.content) : request.document;
  return {
    name: `SOAP ${operation}: ${name}`,
    method: 'POST',
    path: SERVICES[op.service].endpoint,
    operation,
    body,
    headers: { 'content-type': contentType, soapaction: `"${operation}"` },
    expect: { status, code },
    audited: auditedRefusal(operation, code),
  };
}

const content = (text: string) => ({ content: text });
const document = (text: string | Buffer) => ({ document: text });
const times = (text: string, n: number): string => text.repeat(n);
const element = (name: string, text: string) => `<${name}>${text}</${name}>`;

/** An envelope around `body` (the Body's content), with admin credentials. */
const envelopeOf = (service: ServiceName, body: string, header = ''): string =>
  requestEnvelope(service, '__', '').replace(/<soapenv:Body>.*<\/soapenv:Body>/s, `<soapenv:Body>${body}</soapenv:Body>`).replace('<soapenv:Header>', `<soapenv:Header>${header}`);

// --- String256 at and past its bound, on every kind of id
const ID_OPERATIONS: Array<[operation: string, field: string, notFound: string]> = [
  ['subscriberAccountRead', 'subscriberAccountId', 'SUBSCRIBERACCOUNT-100'],
  ['subscriberAccountCancel', 'subscriberAccountId', 'SUBSCRIBERACCOUNT-100'],
  ['chargingContractRead', 'chargingContractId', 'CHARGINGCONTRACT-100'],
  ['chargingContractCancel', 'id', 'CHARGINGCONTRACT-100'],
  ['chargingContractStateRead', 'chargingContractId', 'CONTRACTSTATE-11'],
  ['rangeTableRead', 'rangeTableId', 'RANGETABLE-154'],
  ['rangeTableCancel', 'rangeTableId', 'RANGETABLE-154'],
  ['mappingTableCancel', 'id', 'MAPPINGTABLE-100'],
];

const ID_VALUES: Array<[name: string, text: string, status: number, code?: string]> = [
  ['256 characters', times('a', 256), BUSINESS],
  ['257 characters', times('a', 257), BUSINESS, 'REQUEST-103'],
  ['empty', '', BUSINESS, 'REQUEST-103'],
  ['256 characters outside the BMP', times('😀', 256), BUSINESS],
  ['257 characters outside the BMP', times('😀', 257), BUSINESS, 'REQUEST-103'],
  ['256 characters as character references', times('&#x10348;', 256), BUSINESS],
  ['a NUL character reference', 'A&#0;B', FAULT, 'REQUEST-108'],
  ['an escape character reference', 'A&#x1B;B', FAULT, 'REQUEST-108'],
  ['a surrogate character reference', 'A&#xD800;B', FAULT, 'REQUEST-108'],
];

const stringBounds: HostileCase[] = ID_OPERATIONS.flatMap(([operation, field, notFound]) =>
  ID_VALUES.map(([name, text, status, code]) => soapCase(operation, `${field} ${name}`, content(element(field, text)), status, code ?? notFound)),
);

// --- decimals (XML whitespace around a decimal is not part of it)
const balanceSet = (prepaidAccountId: string, balance: string) =>
  content(`<prepaidAccountReference><subscriberAccountId>SA-H</subscriberAccountId><prepaidAccountId>${prepaidAccountId}</prepaidAccountId></prepaidAccountReference>${element('balance', balance)}<reason>migration</reason>`);

const DECIMALS: Array<[name: string, account: string, value: string, code: string]> = [
  ['28 digits, 6 after the point, more than EUR allows', 'PP-H', '1234567890123456789012.123456', 'PREPAIDACCOUNT-108'],
  ['29 digits', 'PP-H', '12345678901234567890123.123456', 'REQUEST-104'],
  ['7 digits after the point', 'PP-H', '1.1234567', 'REQUEST-104'],
  ['29 integer digits', 'PP-H', '12345678901234567890123456789', 'REQUEST-104'],
  ['an exponent', 'PP-H', '1E3', 'REQUEST-104'],
  ['INF', 'PP-H', 'INF', 'REQUEST-104'],
  ['NaN', 'PP-H', 'NaN', 'REQUEST-104'],
  ['empty', 'PP-H', '', 'REQUEST-104'],
  ['a decimal comma', 'PP-H', '1,5', 'REQUEST-104'],
  ['a space inside', 'PP-H', '1 5', 'REQUEST-104'],
  ['28 integer digits (then no such account)', 'PP-NONE', '1234567890123456789012345678', 'PREPAIDACCOUNT-100'],
  ['surrounded by whitespace (then no such account)', 'PP-NONE', '\n  1.50  \n', 'PREPAIDACCOUNT-100'],
];

const decimals = DECIMALS.map(([name, account, value, code]) => soapCase('prepaidAccountBalanceSet', `balance ${name}`, balanceSet(account, value), BUSINESS, code));

// --- dates
const lookupAt = (date: string) => content(`<rangeTableId>RT-NONE</rangeTableId><value>1</value>${element('date', date)}`);
const DATES = [
  '2023-02-29T00:00:00',
  '2024-02-30T00:00:00',
  '2024-13-01T00:00:00',
  '2024-01-01T24:00:00',
  '2024-01-01T00:00:60',
  '2024-01-01',
  '2024-01-01T00:00:00Z',
  '2024-01-01T00:00:00+01:00',
  '2024-01-01T00:00:00.000',
  '24-01-01T00:00:00',
];
const dates: HostileCase[] = [
  soapCase('rangeTableLookup', 'date February 29 of a leap year (then no such table)', lookupAt('2024-02-29T00:00:00'), BUSINESS, 'RANGETABLE-154'),
  ...DATES.map((date) => soapCase('rangeTableLookup', `date ${date}`, lookupAt(date), BUSINESS, 'REQUEST-105')),
];

// --- enumerations, shapes, types and repetitions
const account = (inner: string) => content(`<subscriberAccount><id>SA-H2</id><subscriberId>BP-H2</subscriberId>${inner}</subscriberAccount>`);
const accountItems = (count: number) => times('<subscriberAccountMaintainRequest><subscriberAccount><id>SA-X</id><subscriberId>B</subscriberId></subscriberAccount></subscriberAccountMaintainRequest>', count);
const externalItems = (count: number) =>
  Array.from({ length: count }, (_, i) => `<externalAccountMaintainRequest><externalAccount><id>E${i}</id><subscriberAccountId>SA-NONE</subscriberAccountId></externalAccount></externalAccountMaintainRequest>`).join('');
/** The items with `prefix:` on their own tags only (their content stays unqualified). */
const qualified = (items: string, prefix: string) => items.replaceAll('subscriberAccountMaintainRequest>', `${prefix}:subscriberAccountMaintainRequest>`);
const taxMissing = '<tax><mode>vendorSubjectToPay</mode><vat><taxCode>VAT_NONE</taxCode></vat></tax>';

const messages: HostileCase[] = [
  soapCase('chargingContractOperationalStatusChange', 'operationalStatus not a status', content('<rootChargingContractId>CC-NONE</rootChargingContractId><operationalStatus>deleted</operationalStatus>'), BUSINESS, 'REQUEST-106'),
  soapCase('chargingContractOperationalStatusChange', 'a valid status (then no such contract)', content('<rootChargingContractId>CC-NONE</rootChargingContractId><operationalStatus>locked</operationalStatus>'), BUSINESS, 'OPERATIONALSTATUS-3'),
  soapCase('prepaidAccountStateChange', 'stateCode not a state', content('<prepaidAccountReference><subscriberAccountId>SA-H</subscriberAccountId><prepaidAccountId>PP-H</prepaidAccountId></prepaidAccountReference><stateCode>frozen</stateCode>'), BUSINESS, 'REQUEST-106'),
  soapCase('subscriberAccountMaintain', 'a description of 2000 characters (then a missing tax code)', account(`<description>${times('d', 2000)}</description>${taxMissing}`), BUSINESS, 'SUBSCRIBERACCOUNT-102'),
  soapCase('subscriberAccountMaintain', 'a description of 2001 characters', account(`<description>${times('d', 2001)}</description>`), BUSINESS, 'REQUEST-103'),
  soapCase('subscriberAccountMaintain', 'an unknown element', account('<colour>red</colour>'), BUSINESS, 'REQUEST-102'),
  soapCase('subscriberAccountMaintain', 'elements out of order', content('<subscriberAccount><subscriberId>B</subscriberId><id>SA-H2</id></subscriberAccount>'), BUSINESS, 'REQUEST-102'),
  soapCase('subscriberAccountMaintain', 'a local element qualified with the service namespace', content('<s:subscriberAccount><id>SA-H2</id><subscriberId>B</subscriberId></s:subscriberAccount>'), BUSINESS, 'REQUEST-102'),
  soapCase('subscriberAccountMaintain', 'an unknown attribute', content('<subscriberAccount role="admin"><id>SA-H2</id><subscriberId>B</subscriberId></subscriberAccount>'), BUSINESS, 'REQUEST-102'),
  soapCase('subscriberAccountMaintain', 'subscriberId missing', content('<subscriberAccount><id>SA-H2</id></subscriberAccount>'), BUSINESS, 'REQUEST-101'),
  soapCase('subscriberAccountRead', 'the id missing', content(''), BUSINESS, 'REQUEST-101'),
  soapCase('subscriberAccountRead', 'the id given twice', content('<subscriberAccountId>a</subscriberAccountId><subscriberAccountId>b</subscriberAccountId>'), BUSINESS, 'REQUEST-107'),
  soapCase('subscriberAccountMaintain', 'text where elements belong', content('<subscriberAccount>SA-H2</subscriberAccount>'), BUSINESS, 'REQUEST-109'),
  soapCase('subscriberAccountRead', 'an element inside the id', content('<subscriberAccountId><id>SA-H</id></subscriberAccountId>'), BUSINESS, 'REQUEST-109'),
  soapCase('subscriberAccountMaintain', 'additionalInfo with both string and number', account('<additionalInfo><name>X</name><string>s</string><number>1</number></additionalInfo>'), BUSINESS, 'REQUEST-110'),
  soapCase('subscriberAccountFind', 'a window of 1001', content('<searchFilter><searchWindow><windowSize>1001</windowSize></searchWindow></searchFilter>'), BUSINESS, 'REQUEST-113'),
  soapCase('subscriberAccountFind', 'a window that is not a number', content('<searchFilter><searchWindow><windowSize>ten</windowSize></searchWindow></searchFilter>'), BUSINESS, 'REQUEST-109'),
  soapCase('subscriberAccountMaintainBundle', '1001 items', content(accountItems(1001)), BUSINESS, 'REQUEST-107'),
  soapCase('subscriberAccountMaintainMass', '1001 items', content(accountItems(1001)), BUSINESS, 'REQUEST-107'),
  soapCase('subscriberAccountMaintainBundle', 'no item', content(''), BUSINESS, 'REQUEST-107'),
  // items as SAP CC's clients send them: qualified in the service schema namespace (`s`, declared by the envelope)
  soapCase('subscriberAccountMaintainMass', '1001 qualified items', content(qualified(accountItems(1001), 's')), BUSINESS, 'REQUEST-107'),
  soapCase('subscriberAccountMaintainBundle', 'an item qualified in another namespace', content(qualified(accountItems(1), 'o').replace('>', ' xmlns:o="urn:other">')), BUSINESS, 'REQUEST-102'),
  soapCase('externalAccountMaintainBundle', '1000 items of an account that does not exist', content(externalItems(1000)), BUSINESS, 'EXTERNALACCOUNT-101'),
  soapCase('chargingContractCollectionLock', 'a lock id with a space', content('<chargingContractCollection><subscriberAccountId>SA-H</subscriberAccountId></chargingContractCollection><rechargingLockId>lock 1</rechargingLockId>'), BUSINESS, 'RECHARGING-102'),
  soapCase('subscriberAccountRead', 'the id in CDATA (then no such account)', content('<subscriberAccountId><![CDATA[<SA-H>]]></subscriberAccountId>'), BUSINESS, 'SUBSCRIBERACCOUNT-100'),
];

// --- documents that are not well-formed, DTDs and entities, limits, envelopes
const read = (id: string) => requestEnvelope('suacProvisioning', 'subscriberAccountRead', element('subscriberAccountId', id));
const withDoctype = (doctype: string, id = 'SA-H') => read(id).replace('<soapenv:Envelope', `${doctype}<soapenv:Envelope`);
const deep = (depth: number) => `${times('<a>', depth)}x${times('</a>', depth)}`;
const bytes = (...parts: Array<string | number[]>) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));
const [readHead, readTail] = read('@@').split('@@');

const DOCUMENTS: Array<[name: string, body: string | Buffer, code: string, contentType?: string]> = [
  ['XXE: an external entity to a local file', withDoctype('<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', '&xxe;'), 'REQUEST-116'],
  ['XXE: an external entity to a URL', withDoctype('<!DOCTYPE x [<!ENTITY xxe SYSTEM "http://127.0.0.1:9/x">]>', '&xxe;'), 'REQUEST-116'],
  ['an external DTD', withDoctype('<!DOCTYPE x SYSTEM "http://127.0.0.1:9/x.dtd">'), 'REQUEST-116'],
  ['a billion laughs', withDoctype(`<!DOCTYPE x [<!ENTITY a "ha">${Array.from({ length: 9 }, (_, i) => `<!ENTITY ${'b'.repeat(i + 1)} "${times(`&${i ? 'b'.repeat(i) : 'a'};`, 10)}">`).join('')}]>`, '&bbbbbbbbb;'), 'REQUEST-116'],
  ['a quadratic blowup', withDoctype(`<!DOCTYPE x [<!ENTITY big "${times('x', 100_000)}">]>`, times('&big;', 1000)), 'REQUEST-116'],
  ['a parameter entity', withDoctype('<!DOCTYPE x [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>'), 'REQUEST-116'],
  ['an entity reference without a DOCTYPE', read('&xxe;'), 'REQUEST-108'],
  ['a DOCTYPE after the prolog', read('SA-H').replace('?>', '?><!DOCTYPE soapenv:Envelope>'), 'REQUEST-116'],
  ['not XML', 'subscriberAccountRead SA-H', 'REQUEST-108'],
  ['an empty body', '', 'REQUEST-108'],
  ['truncated', read('SA-H').slice(0, -40), 'REQUEST-108'],
  ['mismatched tags', read('SA-H').replace('</subscriberAccountId>', '</subscriberAccountID>'), 'REQUEST-108'],
  ['two root elements', `${read('SA-H')}<soapenv:Envelope/>`, 'REQUEST-108'],
  ['an undeclared namespace prefix', read('SA-H').replace('<subscriberAccountId>', '<x:subscriberAccountId>').replace('</subscriberAccountId>', '</x:subscriberAccountId>'), 'REQUEST-108'],
  ['a duplicated attribute', read('SA-H').replace('<subscriberAccountId>', '<subscriberAccountId a="1" a="2">'), 'REQUEST-108'],
  ['invalid UTF-8 (0xFF)', bytes(readHead, [0xff], readTail), 'REQUEST-108'],
  ['an overlong UTF-8 sequence', bytes(readHead, [0xc0, 0xaf], readTail), 'REQUEST-108'],
  ['a UTF-8-encoded surrogate', bytes(readHead, [0xed, 0xa0, 0x80], readTail), 'REQUEST-108'],
  ['a raw control character', read('A\u0001B'), 'REQUEST-108'],
  ['a charset the server does not serve', read('SA-H'), 'REQUEST-108', 'text/xml; charset=ebcdic-cp-us'],
  ['UTF-16 sent as UTF-8', Buffer.from(read('SA-H'), 'utf16le'), 'REQUEST-108'],
  ['nesting 100 deep in the id', read(deep(100)), 'REQUEST-114'],
  ['nesting 100000 deep', read(deep(100_000)), 'REQUEST-114'],
  ['500001 elements', read(times('<a/>', 500_001)), 'REQUEST-115'],
  ['65 attributes on one element', read('SA-H').replace('<subscriberAccountId>', `<subscriberAccountId ${Array.from({ length: 65 }, (_, i) => `a${i}="x"`).join(' ')}>`), 'REQUEST-115'],
  ['a body of 33 MB', read(times('x', 33 * 1024 * 1024)), 'REQUEST-111'],
  ['a SOAP 1.2 envelope', read('SA-H').replaceAll(SOAP_ENV, 'http://www.w3.org/2003/05/soap-envelope'), 'REQUEST-108'],
  ['an envelope in no namespace', read('SA-H').replace(`xmlns:soapenv="${SOAP_ENV}"`, 'xmlns:soapenv="urn:not-soap"'), 'REQUEST-108'],
  ['a Body with two elements', envelopeOf('suacProvisioning', `${element('s:subscriberAccountReadRequest', '<subscriberAccountId>a</subscriberAccountId>')}${element('s:subscriberAccountReadRequest', '<subscriberAccountId>b</subscriberAccountId>')}`), 'REQUEST-108'],
  ['an empty Body', envelopeOf('suacProvisioning', ''), 'REQUEST-108'],
  ['text in the Body', envelopeOf('suacProvisioning', 'hello'), 'REQUEST-108'],
  ['a mustUnderstand header that is not understood', envelopeOf('suacProvisioning', element('s:subscriberAccountReadRequest', '<subscriberAccountId>a</subscriberAccountId>'), `<t:Tx xmlns:t="urn:tx" soapenv:mustUnderstand="1">1</t:Tx>`), 'REQUEST-117'],
  ['the request element of another service', envelopeOf('suacProvisioning', '<e:echoRequest xmlns:e="http://schema.echo.ws.highdeal.com/"><text>x</text></e:echoRequest>'), 'REQUEST-112'],
  ['the request element in no namespace', envelopeOf('suacProvisioning', '<subscriberAccountReadRequest><subscriberAccountId>a</subscriberAccountId></subscriberAccountReadRequest>'), 'REQUEST-112'],
  ['the request element in the WSDL namespace', envelopeOf('suacProvisioning', `<w:subscriberAccountReadRequest xmlns:w="${SERVICES.suacProvisioning.wsdlNamespace}x"><subscriberAccountId>a</subscriberAccountId></w:subscriberAccountReadRequest>`), 'REQUEST-112'],
  ['an operation that does not exist', envelopeOf('suacProvisioning', element('s:subscriberAccountDestroyRequest', '<subscriberAccountId>a</subscriberAccountId>')), 'REQUEST-112'],
  ['no WS-Security header', read('SA-H').replace(/<soapenv:Header>.*<\/soapenv:Header>/s, ''), 'CC-SEC-AUTH-100'],
  ['a PasswordDigest', read('SA-H').replace('#PasswordText', '#PasswordDigest'), 'CC-SEC-AUTH-100'],
];

const documents: HostileCase[] = DOCUMENTS.map(([name, body, code, contentType]) => soapCase('subscriberAccountRead', name, document(body), FAULT, code, contentType));

/** Writes refused by Faults too: a malformed document for a write never reaches it. */
const writeDocuments: HostileCase[] = [
  soapCase('subscriberAccountCancel', 'a DOCTYPE in a cancel', document(requestEnvelope('suacProvisioning', 'subscriberAccountCancel', '<subscriberAccountId>SA-H</subscriberAccountId>').replace('<soapenv:Envelope', '<!DOCTYPE x><soapenv:Envelope')), FAULT, 'REQUEST-116'),
  soapCase('subscriberAccountCancel', 'a truncated cancel', document(requestEnvelope('suacProvisioning', 'subscriberAccountCancel', '<subscriberAccountId>SA-H</subscriberAccountId>').slice(0, -30)), FAULT, 'REQUEST-108'),
];

export const SOAP_CASES: HostileCase[] = [...stringBounds, ...decimals, ...dates, ...messages, ...documents, ...writeDocuments];
