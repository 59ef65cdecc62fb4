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

interface Pooled {
  parser: SaxesParser<{}>;
  stream?: XmlStream;
}

const pool: Pooled[] = [];
const POOL_SIZE = 64;

/** saxes's handler slots, as it names them. */
interface HandlerSlots {
  xmldeclHandler: unknown;
  textHandler: unknown;
  piHandler: unknown;
  doctypeHandler: unknown;
  commentHandler: unknown;
  openTagStartHandler: unknown;
  attributeHandler: unknown;
  openTagHandler: unknown;
  closeTagHandler: unknown;
  cdataHandler: unknown;
  errorHandler: unknown;
  endHandler: unknown;
  readyHandler: unknown;
}

/**
 * saxes's `on()` adds each handler as a new property with a keyed store
 * (`this[name] = handler`); past a few of those V8 turns the parser into a
 * dictionary-mode object, and every field access of its state machine slows
 * down (about 4x on a large document). Adding the slots first by name keeps the
 * parser a fast object; `on()` then only changes their values.
 */
function declareHandlerSlots(parser: SaxesParser<{}>): void {
  const slots = parser as unknown as HandlerSlots;
  slots.xmldeclHandler = undefined;
  slots.textHandler = undefined;
  slots.piHandler = undefined;
  slots.doctypeHandler = undefined;
  slots.commentHandler = undefined;
  slots.openTagStartHandler = undefined;
  slots.attributeHandler = undefined;
  slots.openTagHandler = undefined;
  slots.closeTagHandler = undefined;
  slots.cdataHandler = undefined;
  slots.errorHandler = undefined;
  slots.endHandler = undefined;
  slots.readyHandler = undefined;
}

function newParser(): Pooled {
  const pooled: Pooled = { parser: new SaxesParser({ xmlns: false }) };
  const parser = pooled.parser;
  declareHandlerSlots(parser);
  parser.on('error', (error) => {
    throw new SoapFault('REQUEST-108', error.message);
  });
  parser.on('doctype', () => {
    throw new SoapFault('REQUEST-116', 'the request has a DOCTYPE');
  });
  parser.on('opentagstart', () => pooled.stream!.startTag());
  parser.on('attribute', () => pooled.stream!.attribute());
  parser.on('opentag', (tag) => pooled.stream!.openTag(tag));
  parser.on('cdata', (text) => pooled.stream!.sink.text(text));
  parser.on('closetag', () => pooled.stream!.closeTag());
  return pooled;
}

export class XmlStream {
  readonly sink: XmlSink;
  private readonly limits: XmlLimits;
  private readonly pooled: Pooled;
  private readonly onText: (text: string) => void;
  private scope: Scope = ROOT_SCOPE;
  private readonly scopes: Scope[] = [];
  private elements = 0;
  private attributes = 0;
  private textWanted = false;
  private broken = false;
  /** the line (1-based) of the last start tag's name, for files that number their records */
  tagLine = 0;

  constructor(limits: XmlLimits, sink: XmlSink) {
    this.limits = limits;
    this.sink = sink;
    this.pooled = pool.pop() ?? newParser();
    this.pooled.stream = this;
    this.onText = (text) => sink.text(text);
    this.wantText(true);
  }

  /** Feeds the next piece of the document; throws a SoapFault. */
  write(chunk: string): void {
    this.guard(() => this.pooled.parser.write(chunk));
  }

  /** The line (1-based) the parser is at. */
  get line(): number {
    return this.pooled.parser.line;
  }

  /** Ends the document (throws a SoapFault when it is not well-formed) and gives the parser back. */
  close(): void {
    this.guard(() => this.pooled.parser.close());
    this.pooled.stream = undefined;
    if (pool.length < POOL_SIZE) pool.push(this.pooled);
  }

  /** Text of elements nobody reads is not even collected by saxes. */
  wantText(wanted: boolean): void {
    if (wanted === this.textWanted) return;
    this.textWanted = wanted;
    if (wanted) this.pooled.parser.on('text', this.onText);
    else this.pooled.parser.off('text');
  }

  private guard(step: () => void): void {
    if (this.broken) throw new SoapFault('REQUEST-108', 'the document was refused already');
    try {
      step();
    } catch (error) {
      // a parser left in the middle of a document is not given back
      this.broken = true;
      throw error;
    }
  }

  startTag(): void {
    this.attributes = 0;
    this.tagLine = this.pooled.parser.line;
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
