// XML as it streams in, through saxes (no DTD processing, only the predefined
// entities) with a DOCTYPE refused, depth, element and attribute counts bounded and
// namespace prefixes resolved here. Parsers are pooled: saxes resets itself at the
// end of a document, and building one per request costs more than parsing a small one.
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { SoapFault } from './fault.ts';

export interface XmlLimits {
  /** request body in bytes */
  maxBytes: number;
  /** element nesting, the envelope included */
  maxDepth: number;
  /** elements in one document */
  maxElements: number;
  /** attributes (namespace declarations included) on one element */
  maxAttributes: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = { maxBytes: 32 * 1024 * 1024, maxDepth: 64, maxElements: 500_000, maxAttributes: 64 };

export interface XmlName {
  local: string;
  /** '' for no namespace */
  uri: string;
}

export interface XmlAttribute extends XmlName {
  value: string;
}

/** Receives the document's elements and text, namespaces resolved. */
export interface XmlSink {
  openElement(name: XmlName, attributes: readonly XmlAttribute[]): void;
  text(text: string): void;
  closeElement(): void;
}

const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';
const NO_ATTRIBUTES: readonly XmlAttribute[] = Object.freeze([]);
type Scope = Record<string, string>;
const ROOT_SCOPE: Scope = Object.freeze(Object.assign(Object.create(null) as Scope, { '': '', xml: XML_NAMESPACE }));

/**
 * The handler fields saxes keeps (saxes.d.ts declares them private). saxes's own
 * `on(name, handler)` stores them under a computed key, and V8 turns an object that
 * gains more than a few properties by computed key into a dictionary: every
 * `this.i`, `this.chunk` of the parser's state machine then became a hash lookup,
 * and parsing a 715-byte envelope took 60 µs instead of 9. Assigned here by name,
 * once per pooled parser, the parser keeps its fast properties, and each call site
 * sees one function.
 */
interface HandlerFields {
  errorHandler?: (error: Error) => void;
  doctypeHandler?: () => void;
  openTagStartHandler?: () => void;
  attributeHandler?: () => void;
  openTagHandler?: (tag: SaxesTagPlain) => void;
  cdataHandler?: (text: string) => void;
  closeTagHandler?: () => void;
  textHandler?: (text: string) => void;
}

/** A saxes parser that serves one XmlStream at a time; saxes resets itself at the end of a document. */
class PooledParser extends SaxesParser<{}> {
  stream: XmlStream | undefined = undefined;
  private readonly onText: (text: string) => void;

  constructor() {
    super({ xmlns: false });
    const fields = this as unknown as HandlerFields;
    fields.errorHandler = (error) => {
      throw new SoapFault('REQUEST-108', error.message);
    };
    fields.doctypeHandler = () => {
      throw new SoapFault('REQUEST-116', 'the request has a DOCTYPE');
    };
    fields.openTagStartHandler = () => this.stream!.startTag();
    fields.attributeHandler = () => this.stream!.attribute();
    fields.openTagHandler = (tag) => this.stream!.openTag(tag);
    fields.cdataHandler = (text) => this.stream!.sink.text(text);
    fields.closeTagHandler = () => this.stream!.closeTag();
    fields.textHandler = undefined;
    this.onText = (text) => this.stream!.sink.text(text);
  }

  /** Text of elements nobody reads is not even collected by saxes: it does so only with a text handler. */
  wantText(wanted: boolean): void {
    (this as unknown as HandlerFields).textHandler = wanted ? this.onText : undefined;
  }
}

const pool: PooledParser[] = [];
const POOL_SIZE = 64;

export class XmlStream {
  readonly sink: XmlSink;
  private readonly limits: XmlLimits;
  private readonly parser: PooledParser;
  private scope: Scope = ROOT_SCOPE;
  private readonly scopes: Scope[] = [];
  private elements = 0;
  private attributes = 0;
  private textWanted = false;
  private broken = false;

  constructor(limits: XmlLimits, sink: XmlSink) {
    this.limits = limits;
    this.sink = sink;
    this.parser = pool.pop() ?? new PooledParser();
    this.parser.stream = this;
    this.textWanted = true;
    this.parser.wantText(true);
  }

  /** Feeds the next piece of the document; throws a SoapFault. */
  write(chunk: string): void {
    if (this.broken) throw new SoapFault('REQUEST-108', 'the document was refused already');
    try {
      this.parser.write(chunk);
    } catch (error) {
      // a parser left in the middle of a document is not given back
      this.broken = true;
      throw error;
    }
  }

  /** Ends the document (throws a SoapFault when it is not well-formed) and gives the parser back. */
  close(): void {
    if (this.broken) throw new SoapFault('REQUEST-108', 'the document was refused already');
    try {
      this.parser.close();
    } catch (error) {
      this.broken = true;
      throw error;
    }
    this.parser.stream = undefined;
    if (pool.length < POOL_SIZE) pool.push(this.parser);
  }

  /** Text of elements nobody reads is not even collected by saxes. */
  wantText(wanted: boolean): void {
    if (wanted === this.textWanted) return;
    this.textWanted = wanted;
    this.parser.wantText(wanted);
  }

  startTag(): void {
    this.attributes = 0;
    if (++this.elements > this.limits.maxElements) throw new SoapFault('REQUEST-115', `more than ${this.limits.maxElements} elements`);
    if (this.scopes.length >= this.limits.maxDepth) throw new SoapFault('REQUEST-114', `deeper than ${this.limits.maxDepth} elements`);
  }

  attribute(): void {
    if (++this.attributes > this.limits.maxAttributes) throw new SoapFault('REQUEST-115', `more than ${this.limits.maxAttributes} attributes on one element`);
  }

  openTag(tag: SaxesTagPlain): void {
    const raw = tag.attributes as Record<string, string>;
    let scope = this.scope;
    let others = 0;
    for (const name in raw) {
      if (name !== 'xmlns' && !name.startsWith('xmlns:')) {
        others++;
        continue;
      }
      const prefix = name === 'xmlns' ? '' : name.slice(6);
      const uri = raw[name];
      if (prefix !== '' && uri === '') throw new SoapFault('REQUEST-108', `${name}="" undeclares a prefix, which XML 1.0 forbids`);
      if (prefix === 'xmlns' || (prefix === 'xml') !== (uri === XML_NAMESPACE)) throw new SoapFault('REQUEST-108', `${name} cannot be bound to ${uri}`);
      if (scope === this.scope) scope = Object.create(this.scope) as Scope;
      scope[prefix] = uri;
    }
    this.scopes.push(this.scope);
    this.scope = scope;
    this.sink.openElement(this.resolve(tag.name, true), others === 0 ? NO_ATTRIBUTES : this.resolveAttributes(raw));
  }

  closeTag(): void {
    this.sink.closeElement();
    this.scope = this.scopes.pop()!;
  }

  private resolveAttributes(raw: Record<string, string>): XmlAttribute[] {
    const attributes: XmlAttribute[] = [];
    for (const name in raw) {
      if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
      const { local, uri } = this.resolve(name, false);
      attributes.push({ local, uri, value: raw[name] });
    }
    return attributes;
  }

  /** An element takes the default namespace; an unprefixed attribute has none. */
  private resolve(qualified: string, element: boolean): XmlName {
    const colon = qualified.indexOf(':');
    if (colon < 0) return { local: qualified, uri: element ? this.scope[''] : '' };
    const prefix = qualified.slice(0, colon);
    const uri = this.scope[prefix];
    if (uri === undefined || prefix === '') throw new SoapFault('REQUEST-108', `unbound namespace prefix in ${qualified}`);
    return { local: qualified.slice(colon + 1), uri };
  }
}
