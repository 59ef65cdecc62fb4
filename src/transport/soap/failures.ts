// Failures at the SOAP wire: each carries its category as the service's schema has
// it (src/schema/common.ts, docs/errors.md); JSON, store and audit keep Convergent's.
import { COMMON_FAILURE_CATEGORIES, soapFailure, type Failure, type SoapFailureCategories } from '../../schema/common.ts';
import type { Operation } from '../../operations/operation.ts';
import type { WireResponse } from '../../operations/respond.ts';

/** A response's SOAP form: its own Failure and those of its bundle or mass items, copied where one is. */
export type SoapResponseForm = (response: WireResponse) => Record<string, unknown>;

/** The SOAP form of `op`'s responses under `categories`; a response without a Failure is itself. */
export function soapResponseForm(op: Operation, categories: SoapFailureCategories = COMMON_FAILURE_CATEGORIES): SoapResponseForm {
  const itemsKey = op.batchOf?.item.responseElement;
  const itemForm = (item: WireResponse): Record<string, unknown> => (item.error ? { ...item, error: soapFailure(item.error, categories) } : item);
  return (response) => {
    let form: Record<string, unknown> = response.error ? { ...response, error: soapFailure(response.error, categories) } : response;
    if (itemsKey === undefined) return form;
    const items = form[itemsKey] as WireResponse[] | undefined;
    if (items?.some((item) => item.error)) form = { ...form, [itemsKey]: items.map(itemForm) };
    return form;
  };
}

/** The Failure of a Fault's detail in its SOAP form. */
export const soapFaultFailure = (failure: Failure): ReturnType<typeof soapFailure> => soapFailure(failure, COMMON_FAILURE_CATEGORIES);
