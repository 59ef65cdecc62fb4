// The generic bundle (all-or-none) and mass (most) runner (SPEC 3.3): made from
// the single operation, never written by hand per operation.
import type { TObject } from '@sinclair/typebox';
import { Int, List, Many, Obj } from '../schema/types.ts';
import { compileValidator } from '../schema/validate.ts';
import { ChargingError, isChargingError } from '../model/errors.ts';
import { upperFirst, FailureWithFields, type Operation, type OperationContext, withEnvelope } from './operation.ts';
import { failureOf } from './respond.ts';

export const MAX_BATCH_ITEMS = 1000;

type Item = Record<string, unknown>;

function batchOperation(single: Operation, kind: 'bundle' | 'mass', name: string, fields: TObject, handler: Operation['handler']): Operation {
  const request = Obj({ [single.requestElement]: List(single.request, { min: 1, max: MAX_BATCH_ITEMS }) });
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
    validate: compileValidator(request),
    objectIds: single.objectIds && ((req) => (req[single.requestElement] as Item[]).flatMap((item) => single.objectIds!(item as never))),
    handler,
    batchOf: { kind, item: single },
  };
}

const success = (fields: unknown): Item => ({ status: 'return', ...(fields as Item) });
const failed = (error: ChargingError): Item => ({ status: 'error', error: failureOf(error) });

/** `<op>Bundle`: items in order; at the first failure nothing is applied. */
export function bundleOf(single: Operation, name = `${single.name}Bundle`): Operation {
  const itemsKey = single.responseElement;
  const fields = Obj({ [itemsKey]: Many(single.responseSchema) });
  return batchOperation(single, 'bundle', name, fields, async (request, ctx: OperationContext) => {
    const responses: Item[] = [];
    for (const item of request[single.requestElement] as Item[]) {
      try {
        responses.push(success(await single.handler(item, ctx)));
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
  const fields = Obj({ failures: Int({ minimum: 0 }), [itemsKey]: Many(single.responseSchema) });
  return batchOperation(single, 'mass', name, fields, async (request, ctx: OperationContext) => {
    const responses: Item[] = [];
    let failures = 0;
    for (const item of request[single.requestElement] as Item[]) {
      try {
        responses.push(success(await ctx.tx.savepoint(() => single.handler(item, ctx))));
      } catch (error) {
        if (!isChargingError(error)) throw error;
        failures++;
        responses.push(failed(error));
      }
    }
    return { failures, [itemsKey]: responses };
  });
}
