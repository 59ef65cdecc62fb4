// OpenAPI 3.1 from the same message schemas as the WSDLs: named types become
// components, our annotations become `x-` extensions or standard keywords.
import { Kind, OptionalKind, type TSchema } from '@sinclair/typebox';
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
        const values = (s.anyOf as Json[]).map((v) => v.const);
        return { type: 'string', enum: values };
      }
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
        return {};
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

export function openApiDocument(operations: OpenApiOperation[], info: { title: string; version: string }): Json {
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
