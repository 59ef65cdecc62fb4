// The generic bundle (all-or-none) and mass (most) runner (SPEC 3.3): made from
// the single operation, never written by hand per operation.
import { Type, type TObject } from '@sinclair/typebox';
import { Int, List, Many, Obj, Refs } from '../schema/types.ts';
import { compileValidator } from '../schema/validate.ts';
import { ChargingError, isChargingError } from '../model/errors.ts';
import { upperFirst, FailureWithFields, type Operation, type OperationContext, withEnvelope } from './operation.ts';
import { failureOf } from './respond.ts';

export const MAX_BATCH_ITEMS = 1000;

type Item = Record<string, unknown>;

/**
 * An item that failed its operation's check (a missing or malformed field): like a
 * refusal by the operation itself, it fails on its own, in its turn — a bundle stops
 * there, a mass goes on (SPEC 3.3: each item applied or not on its own). What the
 * whole request gets wrong (no items, more than 1000, items that are not a list) is
 * the request's failure.
 */
class RefusedItem {
  readonly error: ChargingError;

  constructor(error: ChargingError) {
    this.error = error;
  }
}

/** The request's items, each checked by the single operation's validator; one that fails becomes a RefusedItem. */
function itemsValidator(single: Operation): Operation['validate'] {
  const key = single.requestElement;
  const envelope = compileValidator<Record<string, unknown[]>>(Obj({ [key]: List(Type.Unknown(), { min: 1, max: MAX_BATCH_ITEMS }) }));
  return (body) => {
    const request = envelope(body);
    const items = request[key];
    for (let i = 0; i < items.length; i++) {
      try {
        items[i] = single.validate(items[i]);
      } catch (error) {
        if (!isChargingError(error)) throw error;
        items[i] = new RefusedItem(error);
      }
    }
    return request;
  };
}

/** The ids each item names, for the audit log; none of a refused item. */
function itemIds(single: Operation, objectIds: NonNullable<Operation['objectIds']>) {
  return (request: Record<string, unknown>): string[] =>
    (request[single.requestElement] as unknown[]).flatMap((item) => {
      if (item instanceof RefusedItem) return [];
      try {
        return objectIds(item as never);
      } catch {
        return [];
      }
    });
}

function batchOperation(single: Operation, kind: 'bundle' | 'mass', name: string, fields: TObject, handler: Operation['handler']): Operation {
  // the request as the WSDL and OpenAPI describe it; validated item by item (itemsValidator)
  // the items reference the global `<op>Request` element (SAP CC's bundle/mass items): qualified on the wire
  const request = Obj({ [single.requestElement]: Refs(List(single.request, { min: 1, max: MAX_BATCH_ITEMS })) });
  return {
    ...single,
    name,
    summary: `${kind === 'bundle' ? 'All-or-none' : 'Each on its own'}: ${single.name} for up to ${MAX_BATCH_ITEMS} items in order.`,
    idempotent: single.idempotent,
    access: 'write',
    request,
    response: fields,
    requestElement: `${name}Request`,
    responseElement: `${name}Response`,
    responseSchema: withEnvelope(fields, `${upperFirst(name)}Response`),
    validate: itemsValidator(single),
    objectIds: single.objectIds && itemIds(single, single.objectIds),
    handler,
    batchOf: { kind, item: single },
  };
}

/**
 * The answers, one per item applied or failed: references to the global `<op>Response`
 * element, like the request's items. None when the request fails as a whole.
 */
const responseItems = (single: Operation) => Refs(Many(single.responseSchema, MAX_BATCH_ITEMS));

const success = (fields: unknown): Item => ({ status: 'return', ...(fields as Item) });
const failed = (error: ChargingError): Item => ({ status: 'error', error: failureOf(error) });

/** `<op>Bundle`: items in order; at the first failure nothing is applied. */
export function bundleOf(single: Operation, name = `${single.name}Bundle`): Operation {
  const itemsKey = single.responseElement;
  const fields = Obj({ [itemsKey]: responseItems(single) });
  return batchOperation(single, 'bundle', name, fields, async (request, ctx: OperationContext) => {
    const responses: Item[] = [];
    for (const item of request[single.requestElement] as unknown[]) {
      try {
        if (item instanceof RefusedItem) throw item.error;
        responses.push(success(await single.handler(item as Item, ctx)));
      } catch (error) {
        if (!isChargingError(error)) throw error;
        responses.push(failed(error));
        throw new FailureWithFields(error, { [itemsKey]: responses });
      }
    }
    return { [itemsKey]: responses };
  });
}

/** `<op>Mass`: every item in order, each applied or not on its own; `failures` counts. */
export function massOf(single: Operation, name = `${single.name}Mass`): Operation {
  const itemsKey = single.responseElement;
  const fields = Obj({ failures: Int({ minimum: 0 }), [itemsKey]: responseItems(single) });
  return batchOperation(single, 'mass', name, fields, async (request, ctx: OperationContext) => {
    const responses: Item[] = [];
    let failures = 0;
    for (const item of request[single.requestElement] as unknown[]) {
      try {
        if (item instanceof RefusedItem) throw item.error;
        responses.push(success(await ctx.tx.savepoint(() => single.handler(item as Item, ctx))));
      } catch (error) {
        if (!isChargingError(error)) throw error;
        failures++;
        responses.push(failed(error));
      }
    }
    return { failures, [itemsKey]: responses };
  });
}
