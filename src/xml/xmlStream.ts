// XML as it streams in, through saxes (no DTD processing, only the predefined
// entities) with a DOCTYPE refused, depth, element and attribute counts bounded and
// namespace prefixes resolved here. Parsers are pooled: saxes resets itself at the
// end of a document, and building one per request costs more than parsing a small one.
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { ErrorCode } from '../model/codes.ts';
import { XmlError } from './error.ts';
import { ATTRIBUTE, CLOSE, OPEN, OPENED, subsetTokens, type Token } from './xmlSubset.ts';

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
const XMLNS_PREFIX = 'xmlns:';
const ROOT_BINDINGS: ReadonlyArray<[string, string]> = [
  ['', ''],
  ['xml', XML_NAMESPACE],
];

/** An attribute as saxes reports it, before namespaces are resolved. */
interface RawAttribute {
  name: string;
  value: string;
}

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
  doctypeHandler?: () => void;
  openTagStartHandler?: () => void;
  attributeHandler?: (attribute: RawAttribute) => void;
  openTagHandler?: (tag: SaxesTagPlain) => void;
  cdataHandler?: (text: string) => void;
  closeTagHandler?: () => void;
  textHandler?: (text: string) => void;
}

/** A saxes parser that serves one XmlStream at a time; saxes resets itself at the end of a document. */
class PooledParser extends SaxesParser<{}> {
  stream: XmlStream | undefined = undefined;
  private readonly onText: (text: string) => void;
  // the namespace state of XmlStream, kept with the parser: a document that ends
  // well-formed leaves it as it found it, and one that does not takes the parser with it
  readonly bindings = new Map<string, string>(ROOT_BINDINGS);
  readonly undone: Array<string | undefined> = [];
  readonly marks: number[] = [];
  readonly pending: RawAttribute[] = [];

  constructor() {
    super({ xmlns: false });
    const fields = this as unknown as HandlerFields;
    fields.doctypeHandler = () => {
      throw new XmlError('REQUEST-116', 'the request has a DOCTYPE', this.line);
    };
    fields.openTagStartHandler = () => this.stream!.startTag();
    fields.attributeHandler = (attribute) => this.stream!.attribute(attribute);
    fields.openTagHandler = (tag) => this.stream!.openTag(tag.name);
    fields.cdataHandler = (text) => this.stream!.sink.text(text);
    fields.closeTagHandler = () => this.stream!.closeTag();
    fields.textHandler = undefined;
    this.onText = (text) => this.stream!.sink.text(text);
  }

  /** Text of elements nobody reads is not even collected by saxes: it does so only with a text handler. */
  wantText(wanted: boolean): void {
    (this as unknown as HandlerFields).textHandler = wanted ? this.onText : undefined;
  }

  /** saxes's every well-formedness error: its message and its position apart (saxes would join them into one text). */
  override fail(message: string): this {
    throw new XmlError('REQUEST-108', message, this.line, this.column);
  }
}

const pool: PooledParser[] = [];
const POOL_SIZE = 64;

/**
 * Namespaces are resolved with one map of the prefixes in scope and an undo log of
 * what each element's declarations replaced (prefix, previous URI or undefined),
 * so that opening or closing an element costs its own declarations only, whatever
 * the depth and however many prefixes are declared above it.
 */
export class XmlStream {
  readonly sink: XmlSink;
  private readonly limits: XmlLimits;
  private readonly parser: PooledParser;
  /** the URI of each prefix in scope */
  private readonly bindings: Map<string, string>;
  /** what declarations replaced: prefix, then its previous URI (undefined: unbound) */
  private readonly undone: Array<string | undefined>;
  /** the undo log's length when each open element was opened */
  private readonly marks: number[];
  /** the attributes of the start tag being read, in document order */
  private readonly pending: RawAttribute[];
  private elements = 0;
  private textWanted = false;
  private broken = false;
  /** read by writeWhole's fast path */
  private whole = false;
  /** the line (1-based) of the last start tag's name, for files that number their records (saxes's path only) */
  tagLine = 0;

  constructor(limits: XmlLimits, sink: XmlSink) {
    this.limits = limits;
    this.sink = sink;
    this.parser = pool.pop() ?? new PooledParser();
    this.parser.stream = this;
    ({ bindings: this.bindings, undone: this.undone, marks: this.marks, pending: this.pending } = this.parser);
    this.textWanted = true;
    this.parser.wantText(true);
  }

  /** Feeds the next piece of the document; throws an XmlError. */
  write(chunk: string): void {
    if (this.whole) throw new Error('the whole document was written already');
    if (this.broken) throw this.error('REQUEST-108', 'the document was refused already');
    try {
      this.parser.write(chunk);
    } catch (error) {
      // a parser left in the middle of a document is not given back
      this.broken = true;
      throw error;
    }
  }

  /**
   * The whole document at once (nothing before, nothing after but close()): a small
   * one in the everyday subset is tokenized without saxes (xmlSubset.ts), which
   * reads all the rest.
   */
  writeWhole(doc: string): void {
    const tokens = this.broken ? undefined : subsetTokens(doc);
    if (!tokens) return this.write(doc);
    this.whole = true;
    try {
      this.replay(tokens);
    } catch (error) {
      this.broken = true;
      throw error;
    }
  }

  /** The events saxes would have given for the tokens' document, in its order, through the same checks. */
  private replay(tokens: readonly Token[]): void {
    let name = '';
    for (let t = 0; t < tokens.length; ) {
      switch (tokens[t]) {
        case OPEN:
          name = tokens[t + 1] as string;
          this.startTag();
          t += 2;
          break;
        case ATTRIBUTE:
          this.attribute({ name: tokens[t + 1] as string, value: tokens[t + 2] as string });
          t += 3;
          break;
        case OPENED:
          this.openTag(name);
          t += 1;
          break;
        case CLOSE:
          this.closeTag();
          t += 1;
          break;
        default:
          if (this.textWanted) this.sink.text(tokens[t + 1] as string);
          t += 2;
      }
    }
  }

  /** An error of the document at the line the parser is at (unknown to the fast path). */
  private error(code: ErrorCode, detail: string): XmlError {
    return new XmlError(code, detail, this.whole ? undefined : this.parser.line);
  }

  /** The line (1-based) the parser is at. */
  get line(): number {
    return this.parser.line;
  }

  /** Ends the document (throws an XmlError when it is not well-formed) and gives the parser back. */
  close(): void {
    if (this.broken) throw this.error('REQUEST-108', 'the document was refused already');
    try {
      // a document read by the fast path was complete and well-formed: saxes never saw it
      if (!this.whole) this.parser.close();
    } catch (error) {
      this.broken = true;
      throw error;
    }
    this.parser.stream = undefined;
    this.pending.length = 0;
    if (pool.length < POOL_SIZE) pool.push(this.parser);
  }

  /** Text of elements nobody reads is not even collected by saxes. */
  wantText(wanted: boolean): void {
    if (wanted === this.textWanted) return;
    this.textWanted = wanted;
    this.parser.wantText(wanted);
  }

  startTag(): void {
    this.tagLine = this.parser.line;
    this.pending.length = 0;
    if (++this.elements > this.limits.maxElements) throw this.error('REQUEST-115', `more than ${this.limits.maxElements} elements`);
    if (this.marks.length >= this.limits.maxDepth) throw this.error('REQUEST-114', `deeper than ${this.limits.maxDepth} elements`);
  }

  attribute(attribute: RawAttribute): void {
    if (this.pending.length >= this.limits.maxAttributes) throw this.error('REQUEST-115', `more than ${this.limits.maxAttributes} attributes on one element`);
    this.pending.push(attribute);
  }

  /** saxes has checked the start tag (no attribute given twice) before it calls this. */
  openTag(name: string): void {
    const pending = this.pending;
    const bindings = this.bindings;
    this.marks.push(this.undone.length);
    let others = 0;
    for (let i = 0; i < pending.length; i++) {
      const { name, value: uri } = pending[i];
      const prefix = name === 'xmlns' ? '' : name.startsWith(XMLNS_PREFIX) ? name.slice(XMLNS_PREFIX.length) : undefined;
      if (prefix === undefined) {
        others++;
        continue;
      }
      if (prefix !== '' && uri === '') throw this.error('REQUEST-108', `${name}="" undeclares a prefix, which XML 1.0 forbids`);
      if (prefix === 'xmlns' || (prefix === 'xml') !== (uri === XML_NAMESPACE)) throw this.error('REQUEST-108', `${name} cannot be bound to ${uri}`);
      this.undone.push(prefix, bindings.get(prefix));
      bindings.set(prefix, uri);
    }
    this.sink.openElement(this.resolve(name, true), others === 0 ? NO_ATTRIBUTES : this.resolveAttributes(pending));
  }

  closeTag(): void {
    this.sink.closeElement();
    const mark = this.marks.pop()!;
    const undone = this.undone;
    while (undone.length > mark) {
      const previous = undone.pop();
      const prefix = undone.pop()!;
      if (previous === undefined) this.bindings.delete(prefix);
      else this.bindings.set(prefix, previous);
    }
  }

  private resolveAttributes(pending: readonly RawAttribute[]): XmlAttribute[] {
    const attributes: XmlAttribute[] = [];
    for (let i = 0; i < pending.length; i++) {
      const { name, value } = pending[i];
      if (name === 'xmlns' || name.startsWith(XMLNS_PREFIX)) continue;
      const { local, uri } = this.resolve(name, false);
      attributes.push({ local, uri, value });
    }
    // saxes refused a name given twice; two prefixes bound to one namespace can still name one attribute twice
    if (attributes.length > 1 && new Set(attributes.map(({ local, uri }) => `{${uri}}${local}`)).size < attributes.length) {
      throw this.error('REQUEST-108', 'an attribute is given twice in one namespace');
    }
    return attributes;
  }

  /** An element takes the default namespace; an unprefixed attribute has none. */
  private resolve(qualified: string, element: boolean): XmlName {
    const colon = qualified.indexOf(':');
    if (colon < 0) return { local: qualified, uri: element ? this.bindings.get('')! : '' };
    const prefix = qualified.slice(0, colon);
    const uri = this.bindings.get(prefix);
    if (uri === undefined || prefix === '') throw this.error('REQUEST-108', `unbound namespace prefix in ${qualified}`);
    return { local: qualified.slice(colon + 1), uri };
  }
}
