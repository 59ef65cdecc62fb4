// Invoking an operation: validate, run the handler in a read or write transaction,
// and answer with the Response envelope. Every transport calls `invoke`; none
// calls a handler directly.
import { ChargingError, isChargingError } from '../model/errors.ts';
import type { Catalog } from '../model/catalog.ts';
import { wireNow, type WireDate } from '../model/values.ts';
import type { Store, StoreTx } from '../store/port.ts';
import type { Failure } from '../schema/common.ts';
import { FailureWithFields, type Operation, type OperationContext } from './operation.ts';
import { operationSubject, recordFailure, recordSuccess, type Origin } from './audit.ts';
import { mayInvoke, type AuthenticatedUser } from './users.ts';

export interface WireResponse extends Record<string, unknown> {
  status: 'return' | 'error';
  error?: Failure;
}

export interface InvokeEnvironment {
  store: Store;
  /** the loaded catalog, if any */
  catalog(): Catalog | undefined;
  /** told about failures that are not business outcomes */
  onUnexpected?(error: unknown, op: Operation): void;
}

export function failureOf(error: ChargingError): Failure {
  const failure: Failure = { category: error.category, message: error.message, cause: error.toCause() };
  if (error.causedBy.length) failure.causedBy = error.causedBy;
  return failure;
}

export function errorResponse(error: ChargingError, fields: Record<string, unknown> = {}): WireResponse {
  return { status: 'error', error: failureOf(error), ...fields };
}

export function operationContext(tx: StoreTx, env: InvokeEnvironment, user: string): OperationContext {
  // the time is taken now; formatting it waits for an operation that reads it (most reads do not)
  const at = Date.now();
  let now: WireDate | undefined;
  return {
    tx,
    user,
    get now(): WireDate {
      return (now ??= wireNow(new Date(at)));
    },
    get catalog(): Catalog {
      const catalog = env.catalog();
      if (!catalog) throw new ChargingError('CATALOG-101');
      return catalog;
    },
  };
}

/**
 * Validates a JSON-form request and runs `op` in the caller's transaction (bulk
 * files apply many records per transaction); a refusal throws its ChargingError.
 */
export function runInTransaction(op: Operation, body: unknown, tx: StoreTx, env: InvokeEnvironment, user: string): Promise<Record<string, unknown>> {
  return op.handler(op.validate(body), operationContext(tx, env, user));
}

export interface InvokeOptions {
  /** where the request came from, for the audit log; JSON when not said */
  origin?: Origin;
  /** called inside the write transaction of a success, after the handler (the JSON transport keeps the response of an Idempotency-Key here) */
  onCommit?: (tx: StoreTx, response: WireResponse) => Promise<void>;
}

const JSON_ORIGIN: Origin = { channel: 'json' };

/**
 * Runs `op` for `user` on a JSON-form request; never throws. A write is audited:
 * its success in its own transaction, its failure (validation included) after.
 */
export async function invoke(op: Operation, body: unknown, user: string, env: InvokeEnvironment, options: InvokeOptions = {}): Promise<WireResponse> {
  const origin = options.origin ?? JSON_ORIGIN;
  try {
    const request = op.validate(body);
    const run = (tx: StoreTx) => op.handler(request, operationContext(tx, env, user));
    if (op.access === 'read') return { status: 'return', ...(await env.store.read(run)) };
    const subject = operationSubject(op, request, user, origin);
    return await env.store.write(async (tx) => {
      const response: WireResponse = { status: 'return', ...(await run(tx)) };
      await options.onCommit?.(tx, response);
      await recordSuccess(tx, subject, { detail: massDetail(response) });
      return response;
    });
  } catch (error) {
    const response = failedResponse(error, op, env);
    if (op.access === 'write') {
      const subject = operationSubject(op, body, user, origin);
      await recordFailure(env.store, subject, { errorCode: codeOf(response), detail: response.error!.message }, (lost) => env.onUnexpected?.(lost, op));
    }
    return response;
  }
}

function failedResponse(error: unknown, op: Operation, env: InvokeEnvironment): WireResponse {
  if (error instanceof FailureWithFields) return errorResponse(error.failure, error.fields);
  if (isChargingError(error)) return errorResponse(error);
  env.onUnexpected?.(error, op);
  return errorResponse(new ChargingError('STORE-101', (error as Error)?.message));
}

const codeOf = (response: WireResponse): string => `${response.error!.cause.module}-${response.error!.cause.code}`;

/** A mass request succeeds even when items fail; its audit record says how many. */
function massDetail(response: WireResponse): string | undefined {
  return typeof response.failures === 'number' && response.failures > 0 ? `${response.failures} items failed` : undefined;
}

/**
 * A request a transport could not read into `op`'s message (a SOAP body that breaks
 * the schema): refused like a failed validation, and audited the same way.
 */
export async function refuseUnreadable(op: Operation, error: ChargingError, user: string, env: InvokeEnvironment, origin: Origin): Promise<WireResponse> {
  if (op.access === 'write') {
    await recordFailure(env.store, operationSubject(op, undefined, user, origin), { errorCode: error.code, detail: error.message }, (lost) => env.onUnexpected?.(lost, op));
  }
  return errorResponse(error);
}

/**
 * May `user` invoke `op`? A refused write is audited (CC-SEC-AUTH-6); the transport
 * answers 403 or a Fault.
 */
export async function authorize(op: Operation, user: AuthenticatedUser, body: unknown, env: InvokeEnvironment, origin: Origin): Promise<boolean> {
  if (mayInvoke(user.roles, op.roles)) return true;
  if (op.access === 'write') {
    const refusal = new ChargingError('CC-SEC-AUTH-6', op.name);
    await recordFailure(env.store, operationSubject(op, body, user.name, origin), { errorCode: refusal.code, detail: refusal.message }, (lost) => env.onUnexpected?.(lost, op));
  }
  return false;
}
