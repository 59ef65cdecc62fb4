// Reads a SOAP 1.1 request as it streams in (xmlStream.ts: saxes, DOCTYPE refused,
// limits): the envelope, the WS-Security UsernameToken of the header, and the body
// decoded by its operation's schema on the fly. Work and memory stay linear in the
// input; nothing outside the document is ever read.
import { ChargingError } from '../../model/errors.ts';
import type { ErrorCode } from '../../model/codes.ts';
import { ObjectBuilder, type DecodeNode, type ObjectNode, type Slot } from '../../xml/decode.ts';
import { SoapFault } from './fault.ts';
import { XmlStream, type XmlAttribute, type XmlLimits, type XmlName, type XmlSink } from '../../xml/xmlStream.ts';

export const SOAP_ENVELOPE = 'http://schemas.xmlsoap.org/soap/envelope/';
const SOAP12_ENVELOPE = 'http://www.w3.org/2003/05/soap-envelope';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const PASSWORD_TEXT = '#PasswordText';

export interface Credentials {
  name: string;
  password: string;
}

export interface SoapRequest<Target> {
  /** what the body element resolved to; undefined for an unknown operation */
  target?: Target;
  /** `{namespace}local` of the body element */
  bodyElement: string;
  /** the request in JSON form, unless `invalid` */
  request?: Record<string, unknown>;
  /** the first thing the schema could not place: a business error */
  invalid?: ChargingError;
  /** the WS-Security UsernameToken (PasswordText), if one was sent */
  credentials?: Credentials;
}

/** The operation a body element names, and the schema of its content. */
export type BodyResolver<Target> = (namespace: string, local: string) => { target: Target; node: ObjectNode } | undefined;

type FrameKind = 'envelope' | 'header' | 'ignored' | 'security' | 'token' | 'username' | 'password' | 'body' | 'object' | 'value' | 'skip';

/** One open element; a class, so that every frame has one shape. */
class Frame {
  readonly kind: FrameKind;
  readonly name: string;
  text = '';
  readonly builder: ObjectBuilder | undefined;
  readonly node: DecodeNode | undefined;
  /** where the value goes in the parent object */
  readonly slot: Slot | undefined;

  constructor(kind: FrameKind, name: string, builder?: ObjectBuilder, node?: DecodeNode, slot?: Slot) {
    this.kind = kind;
    this.name = name;
    this.builder = builder;
    this.node = node;
    this.slot = slot;
  }
}

const NOT_SPACE = /[^ \t\r\n]/;
const SKIP: Frame = Object.freeze(new Frame('skip', ''));
const IGNORED: Frame = Object.freeze(new Frame('ignored', ''));

// Text in skipped or ignored elements is not wanted: saxes does not even collect it then.
const WANTS_TEXT = new Set<FrameKind>(['envelope', 'header', 'body', 'object', 'value', 'username', 'password']);

export class SoapReader<Target> implements XmlSink {
  private readonly xml: XmlStream;
  private readonly resolve: BodyResolver<Target>;
  private readonly stack: Frame[] = [];
  private sawHeader = false;
  private sawBody = false;
  private bodyElement = '';
  private target?: Target;
  private request?: Record<string, unknown>;
  private invalid?: ChargingError;
  private username?: string;
  private password?: string;
  private unsupportedPassword = false;

  constructor(limits: XmlLimits, resolve: BodyResolver<Target>) {
    this.resolve = resolve;
    this.xml = new XmlStream(limits, this);
  }

  /** Feeds the next piece of the document; throws a SoapFault. */
  write(chunk: string): void {
    this.xml.write(chunk);
  }

  /** The whole document in one piece (then only close()); throws a SoapFault. */
  writeWhole(doc: string): void {
    this.xml.writeWhole(doc);
  }

  /** Ends the document; throws a SoapFault when it is not a complete SOAP request. */
  close(): SoapRequest<Target> {
    this.xml.close();
    const credentials = this.username !== undefined && this.password !== undefined && !this.unsupportedPassword ? { name: this.username, password: this.password } : undefined;
    return { target: this.target, bodyElement: this.bodyElement, request: this.invalid ? undefined : this.request, invalid: this.invalid, credentials };
  }

  private push(kind: FrameKind, name: string, builder?: ObjectBuilder, node?: DecodeNode, slot?: Slot): void {
    // skipped and ignored elements hold nothing: one shared frame each keeps floods of them cheap
    const shared = kind === 'skip' ? SKIP : kind === 'ignored' ? IGNORED : undefined;
    this.stack.push(shared ?? new Frame(kind, name, builder, node, slot));
    this.xml.wantText(WANTS_TEXT.has(kind));
  }

  openElement(name: XmlName, attributes: readonly XmlAttribute[]): void {
    const parent = this.stack[this.stack.length - 1];
    const { local, uri } = name;
    if (!parent) return this.openEnvelope(local, uri);
    switch (parent.kind) {
      case 'envelope':
        if (uri === SOAP_ENVELOPE && local === 'Header' && !this.sawHeader && !this.sawBody) {
          this.sawHeader = true;
          return this.push('header', local);
        }
        if (uri === SOAP_ENVELOPE && local === 'Body' && !this.sawBody) {
          this.sawBody = true;
          return this.push('body', local);
        }
        throw new SoapFault('REQUEST-108', `unexpected {${uri}}${local} in the SOAP envelope`);
      case 'header':
        if (local === 'Security') return this.push('security', local);
        if (mustUnderstand(attributes)) throw new SoapFault('REQUEST-117', `{${uri}}${local}`, 'MustUnderstand');
        return this.push('ignored', local);
      case 'security':
        return this.push(local === 'UsernameToken' ? 'token' : 'ignored', local);
      case 'token':
        if (local === 'Username') return this.push('username', local);
        if (local === 'Password') {
          const type = attributes.find((attribute) => attribute.local === 'Type' && attribute.uri === '')?.value;
          if (type !== undefined && !type.endsWith(PASSWORD_TEXT)) this.unsupportedPassword = true;
          return this.push('password', local);
        }
        return this.push('ignored', local);
      case 'body':
        return this.openBodyElement(name, attributes);
      case 'object':
        return this.openChild(parent, name, attributes);
      case 'value':
        this.fail('REQUEST-109', `${this.path()}/${local}: an element inside a simple value`);
        return this.push('skip', local);
      default:
        return this.push(parent.kind === 'skip' ? 'skip' : 'ignored', local);
    }
  }

  private openEnvelope(local: string, uri: string): void {
    if (local === 'Envelope' && uri === SOAP12_ENVELOPE) throw new SoapFault('REQUEST-108', 'SOAP 1.2 is not served: send SOAP 1.1', 'VersionMismatch');
    if (local !== 'Envelope' || uri !== SOAP_ENVELOPE) throw new SoapFault('REQUEST-108', `the root element is {${uri}}${local}, not a SOAP 1.1 Envelope`);
    this.push('envelope', local);
  }

  private openBodyElement({ local, uri }: XmlName, attributes: readonly XmlAttribute[]): void {
    if (this.bodyElement) throw new SoapFault('REQUEST-108', 'the SOAP Body holds more than one element');
    this.bodyElement = `{${uri}}${local}`;
    const resolved = this.resolve(uri, local);
    if (!resolved) return this.push('skip', local);
    this.target = resolved.target;
    const builder = new ObjectBuilder(resolved.node);
    this.push('object', local, builder, resolved.node);
    this.readAttributes(builder, attributes);
  }

  private openChild(parent: Frame, { local, uri }: XmlName, attributes: readonly XmlAttribute[]): void {
    if (this.invalid) return this.push('skip', local);
    const slot = parent.builder!.child(local, uri, this);
    if (slot instanceof ChargingError) {
      this.invalid = slot;
      return this.push('skip', local);
    }
    if (slot.node.kind === 'value') return this.push('value', local, undefined, slot.node, slot);
    const builder = new ObjectBuilder(slot.node);
    this.push('object', local, builder, slot.node, slot);
    this.readAttributes(builder, attributes);
  }

  private readAttributes(builder: ObjectBuilder, attributes: readonly XmlAttribute[]): void {
    for (const attribute of attributes) {
      if (attribute.uri === XSI) continue;
      const error = builder.attribute(attribute.local, attribute.uri, attribute.value, this);
      if (error) return this.fail(error);
    }
  }

  text(text: string): void {
    const frame = this.stack[this.stack.length - 1];
    if (!frame) return;
    switch (frame.kind) {
      case 'value':
      case 'username':
      case 'password':
        frame.text += text;
        return;
      case 'object':
        if (NOT_SPACE.test(text)) this.fail('REQUEST-109', `${this.path()}: text where elements are expected`);
        return;
      case 'envelope':
      case 'header':
      case 'body':
        if (NOT_SPACE.test(text)) throw new SoapFault('REQUEST-108', `text in the SOAP ${frame.name}`);
        return;
      default:
        return;
    }
  }

  closeElement(): void {
    const frame = this.stack.pop()!;
    const parent = this.stack[this.stack.length - 1];
    this.xml.wantText(parent === undefined || WANTS_TEXT.has(parent.kind));
    switch (frame.kind) {
      case 'username':
        this.username = frame.text;
        return;
      case 'password':
        this.password = frame.text;
        return;
      case 'value':
        parent.builder!.set(frame.slot!, (frame.node as { convert(text: string): unknown }).convert(frame.text));
        return;
      case 'object': {
        const value = frame.builder!.finish();
        if (frame.slot) parent.builder!.set(frame.slot, value);
        else this.request = value;
        return;
      }
      case 'body':
        if (!this.bodyElement) throw new SoapFault('REQUEST-108', 'the SOAP Body is empty');
        return;
      case 'envelope':
        if (!this.sawBody) throw new SoapFault('REQUEST-108', 'the SOAP envelope has no Body');
        return;
      default:
        return;
    }
  }

  private fail(error: ChargingError | ErrorCode, detail?: string): void {
    this.invalid ??= error instanceof ChargingError ? error : new ChargingError(error, detail);
  }

  /** `/a/b` from the body element's content down to the current element. */
  path(): string {
    const start = this.stack.findIndex((frame) => frame.kind === 'body') + 2;
    return `/${this.stack
      .slice(start)
      .map((frame) => frame.name)
      .join('/')}`.replace(/\/$/, '');
  }
}

function mustUnderstand(attributes: readonly XmlAttribute[]): boolean {
  const flag = attributes.find((attribute) => attribute.local === 'mustUnderstand' && attribute.uri === SOAP_ENVELOPE)?.value.trim();
  return flag === '1' || flag === 'true';
}
