// OpenAPI 3.1 from the same message schemas as the WSDLs: named types become
// components, our annotations become `x-` extensions or standard keywords. Two
// kinds of paths: the operations (POST with a JSON body, SPEC 5) and the other
// routes of the HTTP route registry (src/transport/routes.ts): GET views, jobs,
// audit, health, metrics, this document, the SOAP endpoints.
import { Kind, OptionalKind, type TObject, type TSchema } from '@sinclair/typebox';
import type { ChoiceGroup } from './types.ts';

type Json = Record<string, unknown>;

export interface OpenApiOperation {
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  roles: readonly string[];
  idempotent: boolean;
  request: TSchema;
  response: TSchema;
}

/** One answer of a route besides its problems. */
export interface OpenApiResponse {
  status: number;
  description: string;
  contentType: string;
  schema?: TSchema;
}

/** A route that is not an operation, as the document shows it. */
export interface OpenApiRoute {
  method: 'GET' | 'POST';
  /** `/api/v1/jobs/{id}` */
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  /** roles that may call it besides administrator; 'open' needs no credentials */
  roles: readonly string[] | 'open';
  /** its path parameters, each a string property */
  params?: TObject;
  query?: TObject;
  /** the request body: its media types with their schemas */
  body?: { description: string; content: Record<string, TSchema> };
  responses: readonly OpenApiResponse[];
  /** answers problem+json (4XX, 5XX) when it fails */
  problems: boolean;
  /** how it authenticates instead of HTTP (WS-Security in the SOAP envelope) */
  security?: string;
}

const FORMAT_PATTERNS: Record<string, { pattern?: string; description: string; maxLength?: number; minLength?: number }> = {
  decimal: { pattern: '^[+-]?(\\d+(\\.\\d*)?|\\.\\d+)$', description: 'exact decimal: up to 28 digits, at most 6 after the point' },
  'cc-date': { pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}$', description: 'date YYYY-MM-DDThh:mm:ss (UTC)' },
  string256: { minLength: 1, maxLength: 256, description: '1 to 256 characters' },
  string2000: { minLength: 1, maxLength: 2000, description: '1 to 2000 characters' },
};

class Converter {
  readonly components: Record<string, Json> = {};

  convert(schema: TSchema): Json {
    const s = schema as TSchema & Json;
    switch (s[Kind]) {
      case 'Object':
        return this.object(s);
      case 'Array': {
        const out: Json = { type: 'array', items: this.convert(s.items as TSchema) };
        if (s.minItems !== undefined) out.minItems = s.minItems;
        if (s.maxItems !== undefined) out.maxItems = s.maxItems;
        return out;
      }
      case 'Union': {
        const members = s.anyOf as Json[];
        if (members.every((v) => v.const !== undefined)) return { type: 'string', enum: members.map((v) => v.const) };
        return { anyOf: members.map((v) => this.convert(v as TSchema)) };
      }
      case 'Literal':
        return { type: 'string', const: s.const };
      case 'Null':
        return { type: 'null' };
      case 'String': {
        const out: Json = { type: 'string' };
        const format = s.format as string | undefined;
        if (format && FORMAT_PATTERNS[format]) Object.assign(out, { 'x-format': format }, FORMAT_PATTERNS[format]);
        if (s.description) out.description = s.description;
        return out;
      }
      case 'Integer': {
        const out: Json = { type: 'integer' };
        if (s.minimum !== undefined) out.minimum = s.minimum;
        if (s.maximum !== undefined) out.maximum = s.maximum;
        return out;
      }
      case 'Boolean':
        return { type: 'boolean' };
      default:
        // anything (e.g. the catalog document): said in words
        return s.description ? { description: s.description } : {};
    }
  }

  private object(s: TSchema & Json): Json {
    const name = s.xsdName as string | undefined;
    if (name && this.components[name]) return { $ref: `#/components/schemas/${name}` };
    if (name) this.components[name] = {};
    const properties: Json = {};
    const required: string[] = [];
    for (const [key, child] of Object.entries((s.properties ?? {}) as Record<string, TSchema>)) {
      properties[key] = this.convert(child);
      if (child[OptionalKind] !== 'Optional') required.push(key);
    }
    const out: Json = { type: 'object', properties, additionalProperties: false };
    if (required.length) out.required = required;
    const choice = s.choice as ChoiceGroup[] | undefined;
    if (choice?.length) out['x-choice'] = choice;
    if (!name) return out;
    this.components[name] = out;
    return { $ref: `#/components/schemas/${name}` };
  }
}

/** Path parameters and query of a route as OpenAPI parameters. */
function parametersOf(route: OpenApiRoute, converter: Converter): Json[] {
  const parameters: Json[] = [];
  for (const [where, schema] of [['path', route.params], ['query', route.query]] as const) {
    for (const [name, child] of Object.entries((schema?.properties ?? {}) as Record<string, TSchema>)) {
      const parameter: Json = { name, in: where, required: where === 'path' || child[OptionalKind] !== 'Optional', schema: converter.convert(child) };
      if (child.description) parameter.description = child.description;
      parameters.push(parameter);
    }
  }
  return parameters;
}

function routeEntry(route: OpenApiRoute, converter: Converter, problem: Json): Json {
  const who = route.security ?? (route.roles === 'open' ? 'Open: no credentials.' : `Roles: administrator, ${route.roles.join(', ')}.`);
  const entry: Json = { operationId: route.operationId, tags: [route.tag], summary: route.summary, description: who };
  // no HTTP authentication: open, or authenticated inside the request
  if (route.roles === 'open' || route.security !== undefined) entry.security = [];
  const parameters = parametersOf(route, converter);
  if (parameters.length) entry.parameters = parameters;
  if (route.body) {
    const content: Json = {};
    for (const [type, schema] of Object.entries(route.body.content)) content[type] = { schema: converter.convert(schema) };
    entry.requestBody = { required: true, description: route.body.description, content };
  }
  const responses: Json = {};
  for (const response of route.responses) {
    const answer: Json = { description: response.description };
    if (response.schema) answer.content = { [response.contentType]: { schema: converter.convert(response.schema) } };
    else answer.content = { [response.contentType]: {} };
    responses[String(response.status)] = answer;
  }
  if (route.problems) {
    responses['4XX'] = { description: 'refused: the request, authentication or authorization', content: { 'application/problem+json': { schema: problem } } };
    responses['5XX'] = { description: 'system state error', content: { 'application/problem+json': { schema: problem } } };
  }
  entry.responses = responses;
  return entry;
}

export function openApiDocument(operations: OpenApiOperation[], routes: readonly OpenApiRoute[], info: { title: string; version: string }): Json {
  const converter = new Converter();
  const problem = { $ref: '#/components/schemas/Problem' };
  const paths: Json = {};
  for (const op of operations) {
    paths[op.path] = {
      post: {
        operationId: op.operationId,
        tags: [op.tag],
        summary: op.summary,
        description: `Roles: administrator, ${op.roles.join(', ')}. Idempotent: ${op.idempotent ? 'yes' : 'no'}.`,
        requestBody: { required: true, content: { 'application/json': { schema: converter.convert(op.request) } } },
        responses: {
          '200': { description: 'success (status=return)', content: { 'application/json': { schema: converter.convert(op.response) } } },
          '4XX': { description: 'business error, authentication or authorization failure', content: { 'application/problem+json': { schema: problem } } },
          '5XX': { description: 'system state error', content: { 'application/problem+json': { schema: problem } } },
        },
      },
    };
  }
  for (const route of routes) {
    const methods = (paths[route.path] ??= {}) as Json;
    methods[route.method.toLowerCase()] = routeEntry(route, converter, problem);
  }
  converter.components.Problem = {
    type: 'object',
    required: ['type', 'title', 'status', 'detail', 'code', 'category'],
    properties: {
      type: { type: 'string' },
      title: { type: 'string' },
      status: { type: 'integer' },
      detail: { type: 'string' },
      code: { type: 'string', description: 'MODULE-n' },
      category: { type: 'string' },
      error: { $ref: '#/components/schemas/Failure' },
    },
  };
  return {
    openapi: '3.1.0',
    info,
    security: [{ basicAuth: [] }, { bearerAuth: [] }],
    paths,
    components: {
      schemas: converter.components,
      securitySchemes: { basicAuth: { type: 'http', scheme: 'basic' }, bearerAuth: { type: 'http', scheme: 'bearer' } },
    },
  };
}
