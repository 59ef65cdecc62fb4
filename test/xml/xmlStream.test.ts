// The XML layer under the SOAP reader resolves namespaces itself (saxes runs
// without its xmlns mode, which costs more). Checked here against saxes's own
// namespace resolution on documents that declare, shadow and restore prefixes,
// whole and fed in pieces.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { SaxesParser } from 'saxes';
import { DEFAULT_XML_LIMITS, XmlStream, type XmlAttribute, type XmlName, type XmlSink } from '../../src/xml/xmlStream.ts';
import { subsetTokens } from '../../src/xml/xmlSubset.ts';
import { XmlError } from '../../src/xml/error.ts';
import { SOAP_CASES } from '../hostile/soap.cases.ts';

/** Events as text: `<{uri}local {uri}attr="value">`, text, `</>`; adjacent texts joined. */
function events(push: (event: string) => void) {
  let text = '';
  const flush = () => {
    if (text) push(`"${text}"`);
    text = '';
  };
  return {
    open(name: XmlName, attributes: readonly XmlAttribute[]) {
      flush();
      const attrs = attributes.map((a) => ` {${a.uri}}${a.local}="${a.value}"`).join('');
      push(`<{${name.uri}}${name.local}${attrs}>`);
    },
    text(value: string) {
      text += value;
    },
    close() {
      flush();
      push('</>');
    },
  };
}

function ours(xml: string, pieces: number): string[] | 'refused' {
  const out: string[] = [];
  const e = events((event) => out.push(event));
  const sink: XmlSink = { openElement: e.open, text: e.text, closeElement: e.close };
  const stream = new XmlStream(DEFAULT_XML_LIMITS, sink);
  try {
    const size = Math.ceil(xml.length / pieces);
    for (let i = 0; i < xml.length; i += size) stream.write(xml.slice(i, i + size));
    stream.close();
  } catch {
    return 'refused';
  }
  return out;
}

function reference(xml: string): string[] | 'refused' {
  const out: string[] = [];
  const e = events((event) => out.push(event));
  const parser = new SaxesParser({ xmlns: true });
  parser.on('opentag', (tag) => {
    const attributes = Object.values(tag.attributes)
      .filter((a) => a.prefix !== 'xmlns' && a.name !== 'xmlns')
      .map((a) => ({ local: a.local, uri: a.uri, value: a.value }));
    e.open({ local: tag.local, uri: tag.uri }, attributes);
  });
  parser.on('text', e.text);
  parser.on('cdata', e.text);
  parser.on('closetag', e.close);
  try {
    parser.write(xml).close();
  } catch {
    return 'refused';
  }
  return out;
}

const DOCUMENTS = [
  '<a/>',
  '<a xmlns="urn:1"><b/><c xmlns=""><d/></c><e/></a>',
  '<p:a xmlns:p="urn:1" xmlns:q="urn:2"><q:b p:x="1" y="2"/><p:c xmlns:p="urn:3"><p:d/></p:c><p:e/></p:a>',
  '<a xmlns:p="urn:1"><b xmlns:p="urn:2"><c xmlns:p="urn:3"><p:d/></c><p:e/></b><p:f/></a>',
  '<a xmlns="urn:d" xmlns:p="urn:p"><p:b xmlns="urn:e"><c/></p:b><c/></a>',
  '<a><b xmlns:p="urn:1"><p:c/></b><p:d/></a>',
  '<a xml:lang="en"><b xmlns:xml="http://www.w3.org/XML/1998/namespace" xml:space="preserve">t</b></a>',
  '<a xmlns:p=""/>',
  '<a xmlns:xml="urn:not-xml"/>',
  '<a xmlns:xmlns="urn:x"/>',
  '<a x="1" x="2"/>',
  '<a xmlns:p="urn:1" p:x="1" xmlns:q="urn:1" q:x="2"/>',
  '<a>one &amp; two<![CDATA[<three>]]>four<b>five</b>six</a>',
  '<?xml version="1.0" encoding="UTF-8"?>\n<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header><w:Security xmlns:w="urn:w"><w:UsernameToken><w:Username>u</w:Username></w:UsernameToken></w:Security></s:Header><s:Body><t:r xmlns:t="urn:t"><id>A</id></t:r></s:Body></s:Envelope>',
];

describe('XML namespaces', () => {
  for (const xml of DOCUMENTS) {
    test(`when ${xml.slice(0, 60)} is read, whole or in pieces, then namespaces resolve as saxes resolves them`, () => {
      const expected = reference(xml);
      for (const pieces of [1, 3, 7, xml.length]) assert.deepEqual(ours(xml, pieces), expected, `${pieces} pieces`);
    });
  }

  test('when a refused document breaks a pooled parser, then the next document is read by a clean one', () => {
    assert.equal(ours('<a><b></a>', 1), 'refused');
    assert.equal(ours('<a xmlns:p="urn:1"><p:b>', 1), 'refused');
    assert.deepEqual(ours('<a xmlns:p="urn:1"><p:b/></a>', 1), reference('<a xmlns:p="urn:1"><p:b/></a>'));
  });
});

/** Events and the error (its code and message) of a document written whole (the fast path when it can) or in pieces (saxes). */
function outcome(xml: string, whole: boolean): { events: string[]; error?: string } {
  const out: string[] = [];
  const e = events((event) => out.push(event));
  // a sink that stops wanting text inside <skip>, as the SOAP reader does for ignored elements
  let depth = 0;
  let skipAt = -1;
  let stream: XmlStream | undefined = undefined;
  const sink: XmlSink = {
    openElement: (name, attributes) => {
      e.open(name, attributes);
      depth++;
      if (name.local === 'skip' && skipAt < 0) {
        skipAt = depth;
        stream!.wantText(false);
      }
    },
    text: e.text,
    closeElement: () => {
      e.close();
      if (depth === skipAt) {
        skipAt = -1;
        stream!.wantText(true);
      }
      depth--;
    },
  };
  stream = new XmlStream({ ...DEFAULT_XML_LIMITS, maxDepth: 8, maxElements: 40, maxAttributes: 6 }, sink);
  try {
    if (whole) stream.writeWhole(xml);
    else stream.write(xml);
    stream.close();
  } catch (error) {
    assert.ok(error instanceof XmlError, String(error));
    return { events: out, error: `${error.code}: ${error.located}` };
  }
  return { events: out };
}

const SOAP_REQUEST =
  '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:s="http://schema.provisioning.ws.highdeal.com/">' +
  '<soapenv:Header><wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"><wsse:UsernameToken>' +
  '<wsse:Username>bench</wsse:Username><wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText">bench-password</wsse:Password>' +
  '</wsse:UsernameToken></wsse:Security></soapenv:Header>' +
  '<soapenv:Body><s:subscriberAccountReadRequest><subscriberAccountId>BENCH-1</subscriberAccountId></s:subscriberAccountReadRequest></soapenv:Body></soapenv:Envelope>';

const SUBSET_DOCUMENTS = [
  SOAP_REQUEST,
  '<?xml version="1.0"?>\n<a x="1" y = \'two\'\t z="t\tab\nline">\n  <b/>\n  <c>text > more</c><skip>gone <d>x</d></skip><e></e >\n</a>\n',
  "<?xml version='1.0' encoding='utf-8' standalone='yes' ?><a/>",
  '<a:b xmlns:a="urn:a"><a:c a:x="1"/></a:b>',
  '<a><b><c><d><e><f><g><h><i/></h></g></f></e></d></c></b></a>',
  '<a p="1" q="2" r="3" s="4" t="5" u="6" v="7"/>',
  `<a>${'<b/>'.repeat(50)}</a>`,
];

/** Deterministic mutations: characters deleted, inserted, replaced, pieces repeated. */
function mutations(base: string, count: number, seed: number): string[] {
  let state = seed;
  const random = (n: number) => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state % n;
  };
  const palette = ['<', '>', '/', '=', '"', "'", ' ', '\t', '\n', '\r', 'a', 'x', ':', '&', ';', '!', '?', '-', '.', '1', ']', '[', 'é', '\u0001', 'xmlns:p="urn:p" ', '<!--c-->', '<![CDATA[x]]>', '&amp;', '<?pi x?>', ']]>'];
  const out: string[] = [];
  for (let n = 0; n < count; n++) {
    let doc = base;
    for (let k = 1 + random(3); k > 0; k--) {
      const at = random(doc.length + 1);
      switch (random(4)) {
        case 0:
          doc = doc.slice(0, at) + doc.slice(at + 1 + random(4));
          break;
        case 1:
          doc = doc.slice(0, at) + palette[random(palette.length)] + doc.slice(at);
          break;
        case 2:
          doc = doc.slice(0, at) + palette[random(palette.length)] + doc.slice(at + 1);
          break;
        default: {
          const piece = doc.slice(at, at + random(30));
          doc = doc.slice(0, at) + piece + piece + doc.slice(at + piece.length);
        }
      }
    }
    out.push(doc);
  }
  return out;
}

describe('XML fast path (xmlSubset.ts) against saxes', () => {
  test('when everyday SOAP requests are written whole, then the fast path reads them (saxes does not)', () => {
    for (const xml of SUBSET_DOCUMENTS) assert.ok(subsetTokens(xml), xml);
  });

  test('when every test document is written whole or given to saxes, then events and errors are the same', () => {
    const corpus = [...DOCUMENTS, ...SUBSET_DOCUMENTS, ...SOAP_CASES.map((c) => c.body).filter((body): body is string => typeof body === 'string')];
    for (const xml of corpus) assert.deepEqual(outcome(xml, true), outcome(xml, false), xml.slice(0, 300));
  });

  test('when thousands of mutations of those documents are written whole or given to saxes, then events and errors are the same', () => {
    let fast = 0;
    SUBSET_DOCUMENTS.forEach((base, index) => {
      for (const xml of mutations(base, 1500, index + 1)) {
        if (subsetTokens(xml)) fast++;
        assert.deepEqual(outcome(xml, true), outcome(xml, false), JSON.stringify(xml));
      }
    });
    // the mutations exercise both paths
    assert.ok(fast > 1000, `${fast} mutations took the fast path`);
  });
});

describe('XML parser speed guard', () => {
  test('when pooled parsers have read documents, then they still have fast properties (a dictionary-mode parser is several times slower)', () => {
    // V8's natives syntax is only for a child process: %HasFastProperties tells whether an object became a dictionary
    const module = new URL('../../src/xml/xmlStream.ts', import.meta.url).href;
    const script = `
      const { XmlStream, DEFAULT_XML_LIMITS } = await import(${JSON.stringify(module)});
      const sink = { openElement() {}, text() {}, closeElement() {} };
      let parser;
      for (let i = 0; i < 3; i++) {
        const stream = new XmlStream(DEFAULT_XML_LIMITS, sink);
        parser = stream.parser;
        stream.write('<a xmlns:p="urn:p"><p:b x="1">t</p:b><c><![CDATA[d]]></c></a>');
        stream.close();
      }
      console.log(%HasFastProperties(parser));`;
    const child = spawnSync(process.execPath, ['--allow-natives-syntax', '--input-type=module', '-e', script], { encoding: 'utf8' });
    assert.equal(child.stderr.trim(), '');
    assert.equal(child.stdout.trim(), 'true');
  });
});
