import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Attr, Bool, DecimalText, Empty, Enum, Int, List, Many, Obj, Opt, String256, WireDate } from '../../src/schema/types.ts';
import { objectNode } from '../../src/xml/decode.ts';
import { elementWriter } from '../../src/xml/encode.ts';
import { SoapFault } from '../../src/transport/soap/fault.ts';
import { SoapReader, type SoapRequest } from '../../src/transport/soap/reader.ts';
import { DEFAULT_XML_LIMITS } from '../../src/xml/xmlStream.ts';

const NS = 'urn:test';

const Item = Obj({ id: String256(), amount: Opt(DecimalText()), start: Opt(WireDate()) }, { xsdName: 'Item' });
const Message = Obj(
  {
    mode: Opt(Attr(Enum(['reject', 'overwrite'] as const, 'Mode'))),
    id: String256(),
    count: Opt(Int({ minimum: 0 })),
    flag: Opt(Bool()),
    noTax: Opt(Empty()),
    taxCode: Opt(String256()),
    item: Many(Item),
    tag: List(String256()),
  },
  { choice: [{ elements: ['noTax', 'taxCode'], optional: true }] },
);

function envelope(body: string, header = ''): string {
  return `<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:t="${NS}">${header}<soap:Body>${body}</soap:Body></soap:Envelope>`;
}

function read(xml: string, limits = DEFAULT_XML_LIMITS): SoapRequest<string> {
  const reader = new SoapReader<string>(limits, (uri, local) => (uri === NS && local === 'messageRequest' ? { target: 'message', node: objectNode(Message) } : undefined));
  reader.write(xml);
  return reader.close();
}

function faultOf(xml: string, limits = DEFAULT_XML_LIMITS): SoapFault {
  try {
    read(xml, limits);
  } catch (error) {
    assert.ok(error instanceof SoapFault, String(error));
    return error;
  }
  assert.fail('no fault');
}

describe('SOAP codec', () => {
  test('when a request carries every kind of element, then its JSON form follows the schema', () => {
    const result = read(
      envelope(
        `<t:messageRequest mode="overwrite"><id> A &amp; B </id><count> 12 </count><flag>1</flag><noTax/>` +
          `<item><id>I1</id><amount> +01.50 </amount></item><tag>x</tag></t:messageRequest>`,
      ),
    );
    assert.equal(result.target, 'message');
    assert.equal(result.invalid, undefined);
    assert.deepEqual(result.request, { mode: 'overwrite', id: ' A & B ', count: 12, flag: true, noTax: {}, item: [{ id: 'I1', amount: '+01.50' }], tag: ['x'] });
  });

  test('when a required repeated element is absent, then the JSON form has an empty list for the validator to count', () => {
    assert.deepEqual(read(envelope('<t:messageRequest><id>A</id></t:messageRequest>')).request, { id: 'A', tag: [] });
  });

  test('when an element is unknown, qualified or out of order, then the request is invalid with REQUEST-102 and its path', () => {
    const unknown = read(envelope('<t:messageRequest><id>A</id><item><id>I</id><colour>red</colour></item></t:messageRequest>'));
    assert.equal(unknown.invalid?.code, 'REQUEST-102');
    assert.match(unknown.invalid!.message, /\/item\/colour/);
    assert.equal(read(envelope('<t:messageRequest><t:id>A</t:id></t:messageRequest>')).invalid?.code, 'REQUEST-102');
    const late = read(envelope('<t:messageRequest><tag>x</tag><id>A</id></t:messageRequest>'));
    assert.equal(late.invalid?.code, 'REQUEST-102');
    assert.match(late.invalid!.message, /out of order/);
  });

  test('when a single element is repeated, then the request is invalid with REQUEST-107', () => {
    assert.equal(read(envelope('<t:messageRequest><id>A</id><id>B</id></t:messageRequest>')).invalid?.code, 'REQUEST-107');
  });

  test('when text stands where elements are expected, or an element inside a value, then the request is invalid with REQUEST-109', () => {
    assert.equal(read(envelope('<t:messageRequest>loose<id>A</id></t:messageRequest>')).invalid?.code, 'REQUEST-109');
    assert.equal(read(envelope('<t:messageRequest><id>A<b/></id></t:messageRequest>')).invalid?.code, 'REQUEST-109');
  });

  test('when an unknown attribute is given, then the request is invalid; namespace declarations and xsi attributes are not attributes', () => {
    assert.equal(read(envelope('<t:messageRequest colour="red"><id>A</id></t:messageRequest>')).invalid?.code, 'REQUEST-102');
    const ok = read(envelope('<t:messageRequest xmlns:x="urn:x" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="t:M"><id>A</id></t:messageRequest>'));
    assert.equal(ok.invalid, undefined);
  });

  test('when a value does not fit its type, then it is passed on as text for the validator to refuse', () => {
    assert.deepEqual(read(envelope('<t:messageRequest><id>A</id><count>1.5</count><flag>yes</flag></t:messageRequest>')).request, { id: 'A', count: '1.5', flag: 'yes', tag: [] });
  });

  test('when the header holds a UsernameToken with a PasswordText, then its credentials are read; a PasswordDigest gives none', () => {
    const token = (type: string) =>
      `<soap:Header><w:Security xmlns:w="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd" soap:mustUnderstand="1"><w:UsernameToken>` +
      `<w:Username>anna</w:Username><w:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#${type}">s&lt;cret</w:Password>` +
      `</w:UsernameToken></w:Security></soap:Header>`;
    const body = '<t:messageRequest><id>A</id></t:messageRequest>';
    assert.deepEqual(read(envelope(body, token('PasswordText'))).credentials, { name: 'anna', password: 's<cret' });
    assert.equal(read(envelope(body, token('PasswordDigest'))).credentials, undefined);
  });

  test('when the body element is not an operation of the service, then the reader says so without decoding it', () => {
    const result = read(envelope('<t:otherRequest><anything/></t:otherRequest>'));
    assert.equal(result.target, undefined);
    assert.equal(result.bodyElement, `{${NS}}otherRequest`);
  });

  test('when the document is not a SOAP 1.1 request, then it is a Fault with its code', () => {
    assert.equal(faultOf('<a><b></a>').error.code, 'REQUEST-108');
    assert.equal(faultOf('<x:Envelope xmlns:x="urn:other"><x:Body/></x:Envelope>').error.code, 'REQUEST-108');
    assert.equal(faultOf(envelope('')).error.code, 'REQUEST-108');
    assert.equal(faultOf(envelope('<t:a/><t:b/>')).error.code, 'REQUEST-108');
    assert.equal(faultOf(envelope('<t:messageRequest><id>&unknown;</id></t:messageRequest>')).error.code, 'REQUEST-108');
    const soap12 = faultOf('<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body/></e:Envelope>');
    assert.equal(soap12.faultCode, 'VersionMismatch');
    const header = faultOf(envelope('<t:messageRequest><id>A</id></t:messageRequest>', '<soap:Header><t:tx soap:mustUnderstand="1"/></soap:Header>'));
    assert.equal(header.error.code, 'REQUEST-117');
    assert.equal(header.faultCode, 'MustUnderstand');
  });

  test('when a document has a DOCTYPE, then it is refused before any entity is used', () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>${envelope('<t:messageRequest><id>&a;</id></t:messageRequest>')}`;
    assert.equal(faultOf(xml).error.code, 'REQUEST-116');
  });

  test('when a document is deeper, larger or has more attributes than the limits, then it is refused with its code', () => {
    const limits = { ...DEFAULT_XML_LIMITS, maxDepth: 8, maxElements: 20, maxAttributes: 4 };
    assert.equal(faultOf(envelope(`<t:messageRequest>${'<a>'.repeat(10)}${'</a>'.repeat(10)}</t:messageRequest>`), limits).error.code, 'REQUEST-114');
    assert.equal(faultOf(envelope(`<t:messageRequest>${'<tag>x</tag>'.repeat(30)}</t:messageRequest>`), limits).error.code, 'REQUEST-115');
    assert.equal(faultOf(envelope('<t:messageRequest a="1" b="2" c="3" d="4" e="5"><id>A</id></t:messageRequest>'), limits).error.code, 'REQUEST-115');
  });

  test('when a JSON form is written, then elements follow the schema order, lists repeat and attributes and empty elements appear', () => {
    const write = elementWriter(Message);
    const xml = write('t:messageRequest', { tag: ['a', 'b'], item: [{ amount: '5.00', id: 'I<1>' }], noTax: {}, id: 'A&B', mode: 'reject', count: 0, flag: false });
    assert.equal(
      xml,
      '<t:messageRequest mode="reject"><id>A&amp;B</id><count>0</count><flag>false</flag><noTax/>' +
        '<item><id>I&lt;1&gt;</id><amount>5.00</amount></item><tag>a</tag><tag>b</tag></t:messageRequest>',
    );
  });

  test('when a written request is read back, then the JSON form is the same', () => {
    const value = { mode: 'overwrite', id: 'line\r\nbreak\ttab "q"', count: 3, flag: true, taxCode: 'VAT', item: [{ id: 'I1', start: '2024-01-01T00:00:00' }], tag: ['x'] };
    const xml = elementWriter(Message)('t:messageRequest', value);
    assert.deepEqual(read(envelope(xml)).request, value);
  });

  test('when text holds characters XML 1.0 cannot carry, then the written document stays well-formed', () => {
    const xml = elementWriter(Message)('t:messageRequest', { id: 'a\u0001b\uD800c', tag: [] });
    assert.equal(xml, '<t:messageRequest><id>a\uFFFDb\uFFFDc</id></t:messageRequest>');
    assert.equal(read(envelope(xml)).request?.id, 'a\uFFFDb\uFFFDc');
  });
});
