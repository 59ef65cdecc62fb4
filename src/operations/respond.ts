// Invoking an operation: validate, run the handler in a read or write transaction,
// and answer with the Response envelope. Every transport calls `invoke`; none
// calls a handler directly.
import { ChargingError, isChargingError } from '../model/errors.ts';
import type { Catalog } from '../model/catalog.ts';
import { wireNow } from '../model/values.ts';
import type { Store, StoreTx } from '../store/port.ts';
import type { Failure } from '../schema/common.ts';
import { FailureWithFields, type Operation, type OperationContext } from './operation.ts';

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
  const now = wireNow();
  return {
    tx,
    user,
    now,
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

/** Runs `op` for `user` on a JSON-form request; never throws. */
export async function invoke(op: Operation, body: unknown, user: string, env: InvokeEnvironment): Promise<WireResponse> {
  try {
    const request = op.validate(body);
    const run = (tx: StoreTx) => op.handler(request, operationContext(tx, env, user));
    const fields = op.access === 'read' ? await env.store.read(run) : await env.store.write(run);
    return { status: 'return', ...fields };
  } catch (error) {
    if (error instanceof FailureWithFields) return errorResponse(error.failure, error.fields);
    if (isChargingError(error)) return errorResponse(error);
    env.onUnexpected?.(error, op);
    return errorResponse(new ChargingError('STORE-101', (error as Error)?.message));
  }
}
