// One element decoded by its schema as the document streams in (decode.ts): the
// frame stack that turns the element's children into properties, repeated ones into
// arrays, text into values. A reader extends it with the elements around the one it
// decodes (the SOAP envelope, a customer data file's root) and hands it the element
// to decode; the events of that element's content never reach the reader.
//
// What the schema cannot place is a business error (ChargingError, REQUEST-102/107/
// 109), kept as the element's `error` under one of two policies: `stop` reads no
// more of the element after the first (a SOAP request is refused whole), `readOn`
// keeps the first and decodes on to the element's end (a customer data file's
// record fails alone, its JSON form written to the failures file).
import { ChargingError } from '../model/errors.ts';
import type { ErrorCode } from '../model/codes.ts';
import { XmlError } from './error.ts';
import { ObjectBuilder, type DecodeNode, type ObjectNode, type Slot, type ValueNode } from './decode.ts';
import { XmlStream, type XmlAttribute, type XmlLimits, type XmlName, type XmlSink } from './xmlStream.ts';

export type ErrorPolicy = 'stop' | 'readOn';

/** The frames of the decoded element's content; a reader names its own frames with other kinds. */
export const OBJECT = 'object';
export const VALUE = 'value';
export const SKIP = 'skip';

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const NOT_SPACE = /[^ \t\r\n]/;

/**
 * One open element; a class, so that every frame has one shape and the decoder's
 * property accesses stay monomorphic. Its fields are `declare`d, so that only the
 * constructor assigns them: a field declared plainly is also defined (as undefined)
 * on every new frame before the constructor runs, work that the object literals the
 * customer file reader used to build never did.
 */
export class Frame {
  declare readonly kind: string;
  declare readonly name: string;
  declare text: string;
  /** whether the element's text is read (saxes does not even collect it otherwise) */
  declare readonly wantsText: boolean;
  declare readonly builder: ObjectBuilder | undefined;
  declare readonly node: DecodeNode | undefined;
  /** where the value goes in the parent object */
  declare readonly slot: Slot | undefined;

  constructor(kind: string, name: string, wantsText: boolean, builder?: ObjectBuilder, node?: DecodeNode, slot?: Slot) {
    this.kind = kind;
    this.name = name;
    this.text = '';
    this.wantsText = wantsText;
    this.builder = builder;
    this.node = node;
    this.slot = slot;
  }
}

// skipped elements hold nothing: one shared frame keeps floods of them cheap
const SKIPPED: Frame = Object.freeze(new Frame(SKIP, '', false));

export abstract class ElementDecoder implements XmlSink {
  protected readonly xml: XmlStream;
  protected readonly stack: Frame[] = [];
  /** the first thing the schema could not place in the element being decoded */
  protected error: ChargingError | undefined = undefined;
  /** the namespace of the element being decoded, that of its qualified items (decode.ts) */
  private namespace = '';
  /** elements in the element being decoded, itself included */
  protected elements = 0;
  private readonly stopAtFirstError: boolean;
  /** elements the decoded element may hold */
  private readonly maxElements: number;
  /** whether text outside every element is read */
  private readonly textOutside: boolean;
  /** frames of the stack that paths leave out (`/a/b` starts below them) */
  private readonly pathStart: number;

  constructor(limits: XmlLimits, policy: ErrorPolicy, options: { maxElements?: number; textOutside: boolean; pathStart: number }) {
    this.stopAtFirstError = policy === 'stop';
    // unbounded by default: the document's own limit (XmlLimits.maxElements) bounds it
    this.maxElements = options.maxElements ?? Number.POSITIVE_INFINITY;
    this.textOutside = options.textOutside;
    this.pathStart = options.pathStart;
    this.xml = new XmlStream(limits, this);
  }

  /** An element outside any decoded one: one of the reader's own (parent undefined: the root). */
  protected abstract openOuter(parent: Frame | undefined, name: XmlName, attributes: readonly XmlAttribute[]): void;
  /** Text in one of the reader's own elements that wants it. */
  protected abstract outerText(frame: Frame, text: string): void;
  /** The end of one of the reader's own elements. */
  protected abstract closeOuter(frame: Frame): void;
  /** The decoded element is complete: its JSON form (`error` says what it could not place). */
  protected abstract decoded(value: Record<string, unknown>): void;
  /** The error when the decoded element holds more than maxElements. */
  protected tooManyElements(): Error {
    return new XmlError('REQUEST-115', `more than ${this.maxElements} elements in the element decoded`, this.xml.line);
  }

  /** Pushes one of the reader's own frames. */
  protected pushFrame(frame: Frame): void {
    this.stack.push(frame);
    this.xml.wantText(frame.wantsText);
  }

  protected pushSkip(): void {
    this.stack.push(SKIPPED);
    this.xml.wantText(false);
  }

  /** Starts decoding the element just opened (`namespace`: its own), by the schema of `node`. */
  protected decode(local: string, node: ObjectNode, attributes: readonly XmlAttribute[], namespace = ''): void {
    this.elements = 1;
    this.namespace = namespace;
    this.error = undefined;
    const builder = new ObjectBuilder(node);
    this.stack.push(new Frame(OBJECT, local, true, builder, node, undefined));
    this.xml.wantText(true);
    this.readAttributes(builder, attributes);
  }

  openElement(name: XmlName, attributes: readonly XmlAttribute[]): void {
    const parent = this.stack[this.stack.length - 1];
    if (parent !== undefined) {
      const kind = parent.kind;
      if (kind === OBJECT || kind === VALUE || kind === SKIP) {
        if (++this.elements > this.maxElements) throw this.tooManyElements();
        if (kind === OBJECT) return this.openChild(parent, name, attributes);
        if (kind === VALUE) this.refuse('REQUEST-109', `${this.path()}/${name.local}: an element inside a simple value`);
        return this.pushSkip();
      }
    }
    this.openOuter(parent, name, attributes);
  }

  private openChild(parent: Frame, { local, uri }: XmlName, attributes: readonly XmlAttribute[]): void {
    if (this.stopAtFirstError && this.error) return this.pushSkip();
    const slot = parent.builder!.child(local, uri, this.namespace, this);
    if (slot instanceof ChargingError) {
      this.error ??= slot;
      return this.pushSkip();
    }
    if (slot.node.kind === 'value') {
      this.stack.push(new Frame(VALUE, local, true, undefined, slot.node, slot));
      this.xml.wantText(true);
      return;
    }
    const builder = new ObjectBuilder(slot.node);
    this.stack.push(new Frame(OBJECT, local, true, builder, slot.node, slot));
    this.xml.wantText(true);
    this.readAttributes(builder, attributes);
  }

  private readAttributes(builder: ObjectBuilder, attributes: readonly XmlAttribute[]): void {
    for (const attribute of attributes) {
      if (attribute.uri === XSI) continue;
      const error = builder.attribute(attribute.local, attribute.uri, attribute.value, this);
      if (error) {
        this.error ??= error;
        if (this.stopAtFirstError) return;
      }
    }
  }

  text(text: string): void {
    const frame = this.stack[this.stack.length - 1];
    if (!frame) return;
    if (frame.kind === VALUE) {
      frame.text += text;
      return;
    }
    if (frame.kind === OBJECT) {
      if (NOT_SPACE.test(text)) this.refuse('REQUEST-109', `${this.path()}: text where elements are expected`);
      return;
    }
    this.outerText(frame, text);
  }

  closeElement(): void {
    const frame = this.stack.pop()!;
    const parent = this.stack[this.stack.length - 1];
    this.xml.wantText(parent === undefined ? this.textOutside : parent.wantsText);
    const kind = frame.kind;
    if (kind === VALUE) {
      parent.builder!.set(frame.slot!, (frame.node as ValueNode).convert(frame.text));
    } else if (kind === OBJECT) {
      const value = frame.builder!.finish();
      if (frame.slot) parent.builder!.set(frame.slot, value);
      else this.decoded(value);
    } else if (kind !== SKIP) {
      this.closeOuter(frame);
    }
  }

  /** Keeps the first error of the element being decoded. */
  protected refuse(code: ErrorCode, detail: string): void {
    this.error ??= new ChargingError(code, detail);
  }

  /** `/a/b` from below the pathStart frames down to the current element, for error messages. */
  path(): string {
    return `/${this.stack
      .slice(this.pathStart)
      .map((frame) => frame.name)
      .join('/')}`.replace(/\/$/, '');
  }
}
