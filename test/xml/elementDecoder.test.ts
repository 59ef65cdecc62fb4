// The element decoder's two error policies (src/xml/elementDecoder.ts), on a reader
// of its own: `<records>` holding `<record>`s, each decoded by a small schema.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChargingError } from '../../src/model/errors.ts';
import { Attr, Int, Many, Obj, Opt, String256 } from '../../src/schema/types.ts';
import { objectNode } from '../../src/xml/decode.ts';
import { ElementDecoder, Frame, type ErrorPolicy } from '../../src/xml/elementDecoder.ts';
import { XmlError } from '../../src/xml/error.ts';
import { DEFAULT_XML_LIMITS, type XmlAttribute, type XmlName } from '../../src/xml/xmlStream.ts';

const Record = Obj({ kind: Opt(Attr(String256())), id: String256(), count: Opt(Int()), tag: Many(String256()), note: Opt(String256()) });

interface Decoded {
  value: Record<string, unknown>;
  error?: { code: string; message: string };
}

class RecordsReader extends ElementDecoder {
  readonly records: Decoded[] = [];

  constructor(policy: ErrorPolicy, maxElements?: number) {
    super(DEFAULT_XML_LIMITS, policy, { maxElements, textOutside: false, pathStart: 1 });
  }

  read(xml: string): Decoded[] {
    this.xml.write(xml);
    this.xml.close();
    return this.records;
  }

  protected openOuter(parent: Frame | undefined, { local }: XmlName, attributes: readonly XmlAttribute[]): void {
    if (!parent) return this.pushFrame(new Frame('records', local, true));
    this.decode(local, objectNode(Record), attributes);
  }

  protected outerText(): void {}

  protected closeOuter(): void {}

  protected decoded(value: Record<string, unknown>): void {
    const error = this.error as ChargingError | undefined;
    this.records.push(error ? { value, error: { code: error.code, message: error.message } } : { value });
  }
}

// record 1: an unknown element, then an attribute and elements the schema knows; record 2 is valid
const FILE =
  '<records>' +
  '<record kind="a" colour="red" shade="dark"><id>R1</id><unknown>x</unknown><count>2</count><tag>t1</tag><id>again</id></record>' +
  '<record kind="b"><id>R2</id><count>3</count><tag>t1</tag><tag>t2</tag></record>' +
  '</records>';

const RECORD_2 = { value: { kind: 'b', id: 'R2', count: 3, tag: ['t1', 't2'] } };

describe('element decoder error policies', () => {
  test('when a record has errors under the read-on policy, then its first error is kept, the record is decoded to its end and the next record is read clean', () => {
    const [first, second, ...rest] = new RecordsReader('readOn').read(FILE);
    assert.equal(rest.length, 0);
    // the first error is the attribute (read before the children); the unknown element and the repeated id come after it
    assert.deepEqual(first.error, { code: 'REQUEST-102', message: 'an element is not allowed here: /record/@colour' });
    // every attribute and element the schema could place is in the JSON form, after the errors as before them
    assert.deepEqual(first.value, { kind: 'a', id: 'R1', count: 2, tag: ['t1'] });
    assert.deepEqual(second, RECORD_2);
  });

  test('when a record has errors under the stop policy, then its first error is kept, nothing after it is decoded, and the next record is read clean', () => {
    const [first, second, ...rest] = new RecordsReader('stop').read(FILE);
    assert.equal(rest.length, 0);
    assert.deepEqual(first.error, { code: 'REQUEST-102', message: 'an element is not allowed here: /record/@colour' });
    // the attributes after the first error and every child element are left unread
    assert.deepEqual(first.value, { kind: 'a' });
    assert.deepEqual(second, RECORD_2);
  });

  test('when the first error is a child element, then both policies keep the same error; only read-on decodes what follows', () => {
    const xml = '<records><record><id>R1</id><unknown/><count>2</count><tag>a</tag></record></records>';
    const [readOn] = new RecordsReader('readOn').read(xml);
    const [stop] = new RecordsReader('stop').read(xml);
    assert.equal(readOn.error?.message, 'an element is not allowed here: /record/unknown');
    assert.deepEqual(stop.error, readOn.error);
    assert.deepEqual(stop.value, { id: 'R1' });
    assert.deepEqual(readOn.value, { id: 'R1', count: 2, tag: ['a'] });
  });

  test('when text or an element stands where the schema has none, then it is REQUEST-109 with the path', () => {
    const [text, nested] = new RecordsReader('readOn').read('<records><record>oops<id>R1</id></record><record><id>R2<b/></id></record></records>');
    assert.equal(text.error?.code, 'REQUEST-109');
    assert.match(text.error!.message, /: \/record: text where elements are expected$/);
    assert.equal(nested.error?.code, 'REQUEST-109');
    assert.match(nested.error!.message, /: \/record\/id\/b: an element inside a simple value$/);
    assert.deepEqual(nested.value, { id: 'R2' });
  });

  test('when a decoded element holds more elements than its bound, then the reader is told (XmlError by default)', () => {
    assert.throws(
      () => new RecordsReader('readOn', 3).read('<records><record><id>1</id><tag>a</tag><tag>b</tag></record></records>'),
      (error: unknown) => error instanceof XmlError && error.code === 'REQUEST-115' && error.line === 1,
    );
  });

  test('when the document is not well-formed, then the layer raises an XmlError with the parser position apart from the detail', () => {
    assert.throws(
      () => new RecordsReader('stop').read('<records>\n<record><id>1</id></recrd></records>'),
      (error: unknown) =>
        error instanceof XmlError && error.code === 'REQUEST-108' && error.line === 2 && error.column !== undefined && !/^\d/.test(error.detail) && error.located === `2:${error.column}: ${error.detail}`,
    );
  });
});
