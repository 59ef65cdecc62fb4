// Reads a SOAP 1.1 request as it streams in (src/xml/xmlStream.ts: saxes, DOCTYPE
// refused, limits): the envelope, the WS-Security UsernameToken of the header, and
// the body element decoded by its operation's schema on the fly (src/xml/
// elementDecoder.ts, stopping at the first error). What the XML layer refuses becomes
// a SOAP Fault here. Work and memory stay linear in the input; nothing outside the
// document is ever read.
import { ChargingError } from '../../model/errors.ts';
import type { ObjectNode } from '../../xml/decode.ts';
import { ElementDecoder, Frame } from '../../xml/elementDecoder.ts';
import { XmlError } from '../../xml/error.ts';
import type { XmlAttribute, XmlLimits, XmlName } from '../../xml/xmlStream.ts';
import { SoapFault } from './fault.ts';

export const SOAP_ENVELOPE = 'http://schemas.xmlsoap.org/soap/envelope/';
const SOAP12_ENVELOPE = 'http://www.w3.org/2003/05/soap-envelope';
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

// The frames of the envelope around the body element (elementDecoder.ts has those of its content)
const ENVELOPE = 'envelope';
const HEADER = 'header';
const BODY = 'body';
const SECURITY = 'security';
const TOKEN = 'token';
const USERNAME = 'username';
const PASSWORD = 'password';
const IGNORED = 'ignored';

const NOT_SPACE = /[^ \t\r\n]/;
// an ignored element holds nothing: one shared frame keeps floods of them cheap; text in it, in
// Security and in UsernameToken is not wanted, so saxes does not even collect it
const IGNORED_FRAME: Frame = Object.freeze(new Frame(IGNORED, '', false));

/** The SOAP envelope around the body element, which the element decoder reads, stopping at its first error. */
export class SoapReader<Target> extends ElementDecoder {
  private readonly resolve: BodyResolver<Target>;
  private sawHeader = false;
  private sawBody = false;
  private bodyElement = '';
  private target?: Target;
  private request?: Record<string, unknown>;
  private username?: string;
  private password?: string;
  private unsupportedPassword = false;

  constructor(limits: XmlLimits, resolve: BodyResolver<Target>) {
    // paths start below Envelope, Body and the body element: `/a/b` names the request's content
    super(limits, 'stop', { textOutside: true, pathStart: 3 });
    this.resolve = resolve;
  }

  /** Feeds the next piece of the document; throws a SoapFault. */
  write(chunk: string): void {
    try {
      this.xml.write(chunk);
    } catch (error) {
      throw faultOf(error);
    }
  }

  /** The whole document in one piece (then only close()); throws a SoapFault. */
  writeWhole(doc: string): void {
    try {
      this.xml.writeWhole(doc);
    } catch (error) {
      throw faultOf(error);
    }
  }

  /** Ends the document; throws a SoapFault when it is not a complete SOAP request. */
  close(): SoapRequest<Target> {
    try {
      this.xml.close();
    } catch (error) {
      throw faultOf(error);
    }
    const credentials = this.username !== undefined && this.password !== undefined && !this.unsupportedPassword ? { name: this.username, password: this.password } : undefined;
    const invalid = this.error;
    return { target: this.target, bodyElement: this.bodyElement, request: invalid ? undefined : this.request, invalid, credentials };
  }

  private push(kind: string, name: string): void {
    this.pushFrame(new Frame(kind, name, true));
  }

  protected openOuter(parent: Frame | undefined, name: XmlName, attributes: readonly XmlAttribute[]): void {
    const { local, uri } = name;
    if (!parent) return this.openEnvelope(local, uri);
    switch (parent.kind) {
      case ENVELOPE:
        if (uri === SOAP_ENVELOPE && local === 'Header' && !this.sawHeader && !this.sawBody) {
          this.sawHeader = true;
          return this.push(HEADER, local);
        }
        if (uri === SOAP_ENVELOPE && local === 'Body' && !this.sawBody) {
          this.sawBody = true;
          return this.push(BODY, local);
        }
        throw new SoapFault('REQUEST-108', `unexpected {${uri}}${local} in the SOAP envelope`);
      case HEADER:
        if (local === 'Security') return this.pushFrame(new Frame(SECURITY, local, false));
        if (mustUnderstand(attributes)) throw new SoapFault('REQUEST-117', `{${uri}}${local}`, 'MustUnderstand');
        return this.pushFrame(IGNORED_FRAME);
      case SECURITY:
        return this.pushFrame(local === 'UsernameToken' ? new Frame(TOKEN, local, false) : IGNORED_FRAME);
      case TOKEN:
        if (local === 'Username') return this.push(USERNAME, local);
        if (local === 'Password') {
          const type = attributes.find((attribute) => attribute.local === 'Type' && attribute.uri === '')?.value;
          if (type !== undefined && !type.endsWith(PASSWORD_TEXT)) this.unsupportedPassword = true;
          return this.push(PASSWORD, local);
        }
        return this.pushFrame(IGNORED_FRAME);
      case BODY:
        return this.openBodyElement(name, attributes);
      default:
        return this.pushFrame(IGNORED_FRAME);
    }
  }

  private openEnvelope(local: string, uri: string): void {
    if (local === 'Envelope' && uri === SOAP12_ENVELOPE) throw new SoapFault('REQUEST-108', 'SOAP 1.2 is not served: send SOAP 1.1', 'VersionMismatch');
    if (local !== 'Envelope' || uri !== SOAP_ENVELOPE) throw new SoapFault('REQUEST-108', `the root element is {${uri}}${local}, not a SOAP 1.1 Envelope`);
    this.push(ENVELOPE, local);
  }

  private openBodyElement({ local, uri }: XmlName, attributes: readonly XmlAttribute[]): void {
    if (this.bodyElement) throw new SoapFault('REQUEST-108', 'the SOAP Body holds more than one element');
    this.bodyElement = `{${uri}}${local}`;
    const resolved = this.resolve(uri, local);
    if (!resolved) return this.pushSkip();
    this.target = resolved.target;
    this.decode(local, resolved.node, attributes, uri);
  }

  protected outerText(frame: Frame, text: string): void {
    switch (frame.kind) {
      case USERNAME:
      case PASSWORD:
        frame.text += text;
        return;
      case ENVELOPE:
      case HEADER:
      case BODY:
        if (NOT_SPACE.test(text)) throw new SoapFault('REQUEST-108', `text in the SOAP ${frame.name}`);
        return;
      default:
        return;
    }
  }

  protected closeOuter(frame: Frame): void {
    switch (frame.kind) {
      case USERNAME:
        this.username = frame.text;
        return;
      case PASSWORD:
        this.password = frame.text;
        return;
      case BODY:
        if (!this.bodyElement) throw new SoapFault('REQUEST-108', 'the SOAP Body is empty');
        return;
      case ENVELOPE:
        if (!this.sawBody) throw new SoapFault('REQUEST-108', 'the SOAP envelope has no Body');
        return;
      default:
        return;
    }
  }

  protected decoded(value: Record<string, unknown>): void {
    this.request = value;
  }
}

/** What the XML layer refused, as a Fault: the detail as saxes writes it, its position first when saxes found it. */
function faultOf(error: unknown): unknown {
  return error instanceof XmlError ? new SoapFault(error.code, error.located) : error;
}

function mustUnderstand(attributes: readonly XmlAttribute[]): boolean {
  const flag = attributes.find((attribute) => attribute.local === 'mustUnderstand' && attribute.uri === SOAP_ENVELOPE)?.value.trim();
  return flag === '1' || flag === 'true';
}
