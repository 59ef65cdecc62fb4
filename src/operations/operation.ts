// One SAP CC operation, defined once: service, wire name, request and response
// schema, roles, idempotency, audit domain and handler. Transports, WSDLs, OpenAPI,
// role checks and docs are all derived from these definitions.
import type { Static, TObject } from '@sinclair/typebox';
import { Obj } from '../schema/types.ts';
import { RESPONSE_FIELDS } from '../schema/common.ts';
import { compileValidator, type Validator } from '../schema/validate.ts';
import type { Catalog } from '../model/catalog.ts';
import type { StoreTx } from '../store/port.ts';
import type { WireDate } from '../model/values.ts';
import type { ChargingError } from '../model/errors.ts';
import type { ServiceName } from './services.ts';

export const ROLES = ['administrator', 'provisioning', 'migration', 'rerating', 'charging', 'reader', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** The audit domain of a write (SPEC 3.5): CUSTOMER for customer data. */
export type AuditDomain = 'CUSTOMER' | 'CONFIGURATION' | 'SECURITY' | 'NONE';

export interface OperationContext {
  readonly tx: StoreTx;
  /** The loaded catalog; CATALOG-101 when there is none. */
  readonly catalog: Catalog;
  /** The authenticated user's name. */
  readonly user: string;
  /** The time of the request. */
  readonly now: WireDate;
}

export interface OperationSpec<Req extends TObject, Res extends TObject> {
  service: ServiceName;
  name: string;
  summary: string;
  request: Req;
  /** the fields of the response beyond the Response envelope */
  response: Res;
  /** the response's type name when several operations share one (SAP CC's `…OperationResponse`) */
  responseType?: string;
  /** roles that may invoke it besides administrator */
  roles: readonly Role[];
  idempotent: boolean;
  access: 'read' | 'write';
  auditDomain: AuditDomain;
  /** ids of the objects a request touches, for the audit log */
  objectIds?: (request: Static<Req>) => string[];
  handler: (request: Static<Req>, ctx: OperationContext) => Promise<Static<Res>>;
}

export interface Operation extends OperationSpec<TObject, TObject> {
  /** `<name>Request` */
  readonly requestElement: string;
  /** `<name>Response` */
  readonly responseElement: string;
  /** the response with its envelope: status, message?, error?, then the fields */
  readonly responseSchema: TObject;
  readonly validate: Validator<Record<string, unknown>>;
  /** set on bundle and mass operations: the single operation they run */
  readonly batchOf?: { kind: 'bundle' | 'mass'; item: Operation };
}

export function defineOperation<Req extends TObject, Res extends TObject>(spec: OperationSpec<Req, Res>): Operation {
  const op = spec as unknown as OperationSpec<TObject, TObject>;
  return {
    ...op,
    requestElement: `${spec.name}Request`,
    responseElement: `${spec.name}Response`,
    responseSchema: withEnvelope(spec.response, spec.responseType ?? `${upperFirst(spec.name)}Response`),
    validate: compileValidator(spec.request),
  };
}

export function withEnvelope(fields: TObject, xsdName: string): TObject {
  return Obj({ ...RESPONSE_FIELDS, ...fields.properties }, { xsdName, choice: (fields as { choice?: never }).choice });
}

export const upperFirst = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);

/**
 * A failure that still carries response fields (a bundle's item responses): the
 * transaction rolls back and the response says `status=error` with those fields.
 */
export class FailureWithFields extends Error {
  readonly failure: ChargingError;
  readonly fields: Record<string, unknown>;

  constructor(failure: ChargingError, fields: Record<string, unknown>) {
    super(failure.message);
    this.failure = failure;
    this.fields = fields;
  }
}
