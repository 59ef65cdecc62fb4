// The SOAP endpoints of SPEC 3.1, one per service of the registry: `GET
// <endpoint>?wsdl` (and `?xsd=service.xsd|common.xsd`) without credentials, `POST
// <endpoint>` for every operation. The body is read as a stream into the SOAP
// reader, so limits apply while it arrives and a refused document is not read on.
import { StringDecoder } from 'node:string_decoder';
import { isUtf8 } from 'node:buffer';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Operation } from '../../operations/operation.ts';
import { operationsOf, services } from '../../operations/registry.ts';
import type { ServiceDef } from '../../operations/services.ts';
import { authorize, invoke, refuseUnreadable, type InvokeEnvironment, type WireResponse } from '../../operations/respond.ts';
import { mayInvoke, type Authenticator } from '../../operations/users.ts';
import type { Origin } from '../../operations/audit.ts';
import { isChargingError } from '../../model/errors.ts';
import { serviceDocuments, type ServiceDocuments } from '../../schema/wsdl.ts';
import { COMMON_FAILURE_CATEGORIES } from '../../schema/common.ts';
import { objectNode } from '../../xml/decode.ts';
import { elementWriter } from '../../xml/encode.ts';
import { faultEnvelope, soapEnvelope } from './envelope.ts';
import { soapResponseForm } from './failures.ts';
import { SoapFault } from './fault.ts';
import { SoapReader, type BodyResolver, type SoapRequest } from './reader.ts';
import { DEFAULT_XML_LIMITS, type XmlLimits } from '../../xml/xmlStream.ts';

const XML_TYPE = 'text/xml; charset=utf-8';
/** the types SOAP clients send (SOAP 1.2's only to be refused with a VersionMismatch) */
const SOAP_TYPES = ['text/xml', 'application/xml', 'application/soap+xml'];

/** Limits from the server options, else the environment, else the defaults (docs/soap.md). */
export function xmlLimits(overrides: Partial<XmlLimits> = {}, env: NodeJS.ProcessEnv = process.env): XmlLimits {
  const fromEnv = (name: string): number | undefined => {
    const value = Number(env[name]);
    return env[name] && Number.isInteger(value) && value > 0 ? value : undefined;
  };
  return {
    maxBytes: overrides.maxBytes ?? fromEnv('CONVERGENT_MAX_REQUEST_BYTES') ?? DEFAULT_XML_LIMITS.maxBytes,
    maxDepth: overrides.maxDepth ?? fromEnv('CONVERGENT_XML_MAX_DEPTH') ?? DEFAULT_XML_LIMITS.maxDepth,
    maxElements: overrides.maxElements ?? fromEnv('CONVERGENT_XML_MAX_ELEMENTS') ?? DEFAULT_XML_LIMITS.maxElements,
    maxAttributes: overrides.maxAttributes ?? fromEnv('CONVERGENT_XML_MAX_ATTRIBUTES') ?? DEFAULT_XML_LIMITS.maxAttributes,
  };
}

type ReadOutcome = SoapRequest<Operation> | SoapFault;

interface SoapService {
  def: ServiceDef;
  resolve: BodyResolver<Operation>;
  documents(): ServiceDocuments;
  /** the `<op>Response` element of a response */
  responseElement(op: Operation, response: WireResponse): string;
}

function soapService(def: ServiceDef): SoapService {
  const operations = operationsOf(def.name);
  const byElement = new Map(operations.map((op) => [op.requestElement, { target: op, node: objectNode(op.request) }]));
  const namespace = ` xmlns:s="${def.schemaNamespace}"`;
  // the response's SOAP form (its Failures as SAP CC's common hd:Failure has them: every
  // service's schema uses it; charging's own chg:Failure would bring its table here), written
  const writers = new Map(
    operations.map((op) => {
      const write = elementWriter(op.responseSchema);
      const form = soapResponseForm(op, COMMON_FAILURE_CATEGORIES);
      const element = `s:${op.responseElement}`;
      return [op, (response: WireResponse) => write(element, form(response), namespace)];
    }),
  );
  let documents: ServiceDocuments | undefined;
  return {
    def,
    resolve: (uri, local) => (uri === def.schemaNamespace ? byElement.get(local) : undefined),
    documents: () => (documents ??= serviceDocuments(def, operations)),
    responseElement: (op, response) => writers.get(op)!(response),
  };
}

/** Registers the SOAP endpoints; the limits their requests are read within. */
export function registerSoapRoutes(app: FastifyInstance, env: InvokeEnvironment, authenticator: Authenticator, overrides: Partial<XmlLimits> = {}): XmlLimits {
  const limits = xmlLimits(overrides);
  // a scope per service: its body reader knows the service without a lookup per request
  for (const def of services()) {
    const service = soapService(def);
    app.register(async (scope) => {
      // in this scope every body is a SOAP request, whatever its declared type
      scope.removeAllContentTypeParsers();
      const parse = (request: FastifyRequest, payload: NodeJS.ReadableStream, done: (error: Error | null, body?: unknown) => void) => {
        readSoapRequest(request, payload, limits, service.resolve, (outcome) => done(null, outcome));
      };
      // named types too: fastify remembers the parser of a Content-Type it matched by name, while '*' is looked up anew each time
      for (const type of SOAP_TYPES) scope.addContentTypeParser(type, parse);
      scope.addContentTypeParser('*', parse);
      scope.setErrorHandler((error: Error, request, reply) => {
        if (!(error instanceof SoapFault)) request.log.error({ err: error }, 'unexpected failure');
        return sendFault(reply, error instanceof SoapFault ? error : new SoapFault('STORE-101', error.message, 'Server'));
      });
      scope.get(def.endpoint, (request, reply) => sendDocument(service, request, reply));
      scope.post(def.endpoint, (request, reply) => dispatch(service, request, reply, env, authenticator));
    });
  }
  return limits;
}

async function dispatch(service: SoapService, request: FastifyRequest, reply: FastifyReply, env: InvokeEnvironment, authenticator: Authenticator): Promise<FastifyReply> {
  const outcome = request.body as ReadOutcome;
  if (outcome instanceof SoapFault) return sendFault(reply, outcome);
  const credentials = outcome.credentials;
  if (!credentials) return sendFault(reply, new SoapFault('CC-SEC-AUTH-100', 'no WS-Security UsernameToken with a PasswordText'));
  const origin: Origin = { channel: 'soap', address: request.ip };
  let user = authenticator.remembered(credentials.name, credentials.password);
  try {
    user ??= await authenticator.authenticate(credentials.name, credentials.password, origin);
  } catch (error) {
    if (!isChargingError(error) || error.code !== 'CC-SEC-AUTH-106') throw error;
    const seconds = authenticator.retryAfterSeconds(origin);
    reply.header('retry-after', String(seconds));
    return sendFault(reply, new SoapFault('CC-SEC-AUTH-106', `retry in ${seconds} s`));
  }
  if (!user) return sendFault(reply, new SoapFault('CC-SEC-AUTH-100', 'wrong user or password'));
  const op = outcome.target;
  if (!op) return sendFault(reply, new SoapFault('REQUEST-112', `no operation has the request element ${outcome.bodyElement} at ${request.url}`));
  // a permitted user goes on without a turn of the event loop; authorize() audits a refused write
  if (!mayInvoke(user.roles, op.roles) && !(await authorize(op, user, outcome.request, env, origin))) return sendFault(reply, new SoapFault('CC-SEC-AUTH-6', op.name));
  const response = outcome.invalid
    ? await refuseUnreadable(op, outcome.invalid, user.name, env, origin)
    : await invoke(op, outcome.request, user.name, env, { origin });
  return reply.code(200).type(XML_TYPE).send(soapEnvelope(service.responseElement(op, response)));
}

function sendFault(reply: FastifyReply, fault: SoapFault): FastifyReply {
  // SOAP 1.1 (section 6.2): a Fault travels with HTTP 500
  return reply.code(500).type(XML_TYPE).send(faultEnvelope(fault));
}

function sendDocument(service: SoapService, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const query = Object.fromEntries(Object.entries(request.query as Record<string, string>).map(([key, value]) => [key.toLowerCase(), value]));
  const base = baseUrl(request);
  const endpoint = `${base}${service.def.endpoint}`;
  if ('wsdl' in query) return reply.type(XML_TYPE).send(service.documents().wsdl(endpoint));
  if (query.xsd === 'service.xsd') return reply.type(XML_TYPE).send(service.documents().serviceXsd(`${endpoint}?xsd=common.xsd`));
  if (query.xsd === 'common.xsd') return reply.type(XML_TYPE).send(service.documents().commonXsd);
  return reply.code(404).type('text/plain; charset=utf-8').send(`${service.def.endpoint}?wsdl is the WSDL of this SOAP service; POST SOAP 1.1 requests here.\n`);
}

const HOST = /^[A-Za-z0-9.\-_:[\]]{1,255}$/;

/** `http(s)://host:port` as the client addressed us, for soap:address and schema locations. */
function baseUrl(request: FastifyRequest): string {
  const host = HOST.test(request.host) ? request.host : 'localhost';
  return `${request.protocol}://${host}`;
}

const CHARSETS: Record<string, BufferEncoding> = { 'utf-8': 'utf8', utf8: 'utf8', 'us-ascii': 'utf8', 'iso-8859-1': 'latin1', latin1: 'latin1' };

const NOT_UTF8 = 'the body is not valid UTF-8';

interface PieceDecoder {
  write(chunk: Buffer): string;
  end(): string;
}

/** Decodes a body arriving in pieces; bytes that are not UTF-8 are refused, not replaced (XML 1.0, 4.3.3). */
function pieceDecoder(encoding: BufferEncoding): PieceDecoder {
  if (encoding !== 'utf8') return new StringDecoder(encoding);
  const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const strict = (decode: () => string): string => {
    try {
      return decode();
    } catch {
      throw new SoapFault('REQUEST-108', NOT_UTF8);
    }
  };
  return { write: (chunk) => strict(() => utf8.decode(chunk, { stream: true })), end: () => strict(() => utf8.decode()) };
}

// the charset of the last Content-Type seen: clients send the same header on every request
let lastContentType = '';
let lastCharset = 'utf-8';

/** Streams the body into a SoapReader; `finish` is called once, possibly before the body's end. */
function readSoapRequest(request: FastifyRequest, payload: NodeJS.ReadableStream, limits: XmlLimits, resolve: BodyResolver<Operation>, finish: (outcome: ReadOutcome) => void): void {
  let finished = false;
  const end = (outcome: ReadOutcome) => {
    if (finished) return;
    finished = true;
    finish(outcome);
  };
  const tooLarge = () => new SoapFault('REQUEST-111', `more than ${limits.maxBytes} bytes`);
  if (Number(request.headers['content-length']) > limits.maxBytes) return end(tooLarge());
  const contentType = request.headers['content-type'] ?? '';
  if (contentType !== lastContentType) {
    lastCharset = /charset="?([^";\s]+)/i.exec(contentType)?.[1]?.toLowerCase() ?? 'utf-8';
    lastContentType = contentType;
  }
  const charset = lastCharset;
  const encoding = Object.hasOwn(CHARSETS, charset) ? CHARSETS[charset] : undefined;
  if (!encoding) return end(new SoapFault('REQUEST-108', `charset ${charset} is not served: send UTF-8`));
  // a body in one piece (the usual) is decoded and read at once; a decoder carries characters split across pieces
  const whole = Number(request.headers['content-length']);
  let decoder: PieceDecoder | undefined;
  const reader = new SoapReader(limits, resolve);
  let bytes = 0;
  const guarded = (step: () => ReadOutcome | undefined) => {
    try {
      const outcome = step();
      if (outcome) end(outcome);
    } catch (error) {
      end(error instanceof SoapFault ? error : new SoapFault('REQUEST-108', (error as Error).message));
    }
  };
  payload.on('data', (chunk: Buffer) => {
    if (finished) return;
    bytes += chunk.length;
    if (bytes > limits.maxBytes) return end(tooLarge());
    guarded(() => {
      if (!decoder && chunk.length === whole) {
        if (encoding === 'utf8' && !isUtf8(chunk)) throw new SoapFault('REQUEST-108', NOT_UTF8);
        reader.writeWhole(chunk.toString(encoding));
      } else {
        decoder ??= pieceDecoder(encoding);
        reader.write(decoder.write(chunk));
      }
      return undefined;
    });
  });
  payload.on('end', () => {
    if (finished) return;
    guarded(() => {
      if (decoder) reader.write(decoder.end());
      return reader.close();
    });
  });
  payload.on('error', (error: Error) => end(new SoapFault('REQUEST-108', error.message)));
}
