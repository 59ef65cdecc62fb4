// THE registry of the HTTP routes that are not operations: the reads of
// operations (GET views, audit: src/operations/routes.ts), import jobs, health,
// metrics, this document, the SOAP endpoints. The server registers them from here
// (src/transport/http/routes.ts), behind one role guard; /openapi.json lists them
// beside the operations; docs/security.md (src/docs/security.ts) says who may call
// them. A route the server answers that is not here fails test/component/openapi.test.ts.
import { Type } from '@sinclair/typebox';
import { READ_ROUTES } from '../operations/routes.ts';
import { OPERATIONS } from '../operations/registry.ts';
import { SERVICES } from '../operations/services.ts';
import { Enum, Obj, Opt } from '../schema/types.ts';
import { openApiDocument } from '../schema/openapi.ts';
import { readRoute, type HttpRoute } from './http/routes.ts';
import { operationPath } from './json/routes.ts';
import { JOB_ROUTES } from './json/jobs.ts';

const SERVER = 'server';
const JSON_TYPE = 'application/json';

const health: HttpRoute = {
  method: 'GET',
  path: '/health',
  operationId: 'server.health',
  tag: SERVER,
  summary: 'whether the store answers, and the catalog in use',
  roles: 'open',
  responses: [
    { status: 200, description: 'the store answers', contentType: JSON_TYPE, schema: Obj({ status: Type.Literal('ok'), store: Type.String(), catalog: Type.Union([Type.String(), Type.Null()]) }) },
    { status: 503, description: 'the store does not answer', contentType: JSON_TYPE, schema: Obj({ status: Type.Literal('unavailable'), store: Type.String(), detail: Type.String() }) },
  ],
  problems: false,
  handler: ({ env }) =>
    async (_request, reply) => {
      try {
        await env.store.ping();
        return { status: 'ok', store: env.store.dialect, catalog: env.catalog()?.fingerprint ?? null };
      } catch (error) {
        return reply.code(503).send({ status: 'unavailable', store: env.store.dialect, detail: (error as Error).message });
      }
    },
};

const metrics: HttpRoute = {
  method: 'GET',
  path: '/metrics',
  operationId: 'server.metrics',
  tag: SERVER,
  summary: 'Prometheus metrics: requests by route and status, the process',
  roles: 'open',
  responses: [{ status: 200, description: 'Prometheus text format', contentType: 'text/plain; version=0.0.4; charset=utf-8', schema: Type.String() }],
  problems: false,
  handler: ({ metrics: registry }) => async (_request, reply) => reply.type(registry.contentType).send(await registry.metrics()),
};

let document: unknown;

/** /openapi.json: every operation and every route of this registry. */
export function openApi(): unknown {
  document ??= openApiDocument(
    OPERATIONS.map((op) => ({
      path: operationPath(op),
      operationId: `${op.service}.${op.name}`,
      tag: SERVICES[op.service].name,
      summary: op.summary,
      roles: op.roles,
      idempotent: op.idempotent,
      request: op.request,
      response: op.responseSchema,
    })),
    HTTP_ROUTES,
    { title: 'Convergent', version: '1' },
  );
  return document;
}

const openApiRoute: HttpRoute = {
  method: 'GET',
  path: '/openapi.json',
  operationId: 'server.openapi',
  tag: SERVER,
  summary: 'the OpenAPI 3.1 document of every route',
  roles: 'open',
  responses: [{ status: 200, description: 'OpenAPI 3.1', contentType: JSON_TYPE, schema: Type.Unknown({ description: 'an OpenAPI 3.1 document' }) }],
  problems: false,
  handler: () => async () => openApi(),
};

const XML_TYPE = 'text/xml';
const WS_SECURITY = 'Authentication: WS-Security UsernameToken (PasswordText) in the SOAP header; roles per operation (docs/security.md).';

/** The SOAP endpoints of SPEC 3.1, registered in their services' scopes by transport/soap/routes.ts. */
const SOAP_ROUTES: readonly HttpRoute[] = Object.values(SERVICES).flatMap((service): HttpRoute[] => [
  {
    method: 'GET',
    path: service.endpoint,
    operationId: `soap.${service.name}.documents`,
    tag: 'soap',
    summary: `the WSDL (?wsdl) and XSDs (?xsd=service.xsd, ?xsd=common.xsd) of ${service.name}`,
    roles: 'open',
    query: Obj({ wsdl: Opt(Type.String({ description: 'given (empty): the WSDL' })), xsd: Opt(Enum(['service.xsd', 'common.xsd'] as const)) }),
    responses: [
      { status: 200, description: 'the WSDL or XSD', contentType: XML_TYPE, schema: Type.String() },
      { status: 404, description: 'neither ?wsdl nor a known ?xsd: a line saying what the endpoint is', contentType: 'text/plain', schema: Type.String() },
    ],
    problems: false,
    registeredBy: 'src/transport/soap/routes.ts',
  },
  {
    method: 'POST',
    path: service.endpoint,
    operationId: `soap.${service.name}.call`,
    tag: 'soap',
    summary: `the SOAP 1.1 operations of ${service.name}, as its WSDL describes them`,
    roles: 'open',
    security: WS_SECURITY,
    body: { description: 'a SOAP 1.1 envelope (docs/soap.md)', content: { [XML_TYPE]: Type.String() } },
    responses: [
      { status: 200, description: 'the SOAP response envelope', contentType: XML_TYPE, schema: Type.String() },
      { status: 500, description: 'a SOAP Fault, the code in hd:faultDetail', contentType: XML_TYPE, schema: Type.String() },
    ],
    problems: false,
    registeredBy: 'src/transport/soap/routes.ts',
  },
]);

/** Every HTTP route that is not an operation, in the order the server registers them. */
export const HTTP_ROUTES: readonly HttpRoute[] = [...READ_ROUTES.map(readRoute), ...JOB_ROUTES, health, metrics, openApiRoute, ...SOAP_ROUTES];
