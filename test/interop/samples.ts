// Sample requests for every operation of the registry, in JSON form, for the interop
// suite (interop.test.ts): per operation one valid call with the response fields it
// must carry, and at least one invalid call with its error code (a mass: an item of its
// valid call that fails, since a mass answers an item's failure in its item response). The suite fails when
// a registered operation has no entry: add yours to the file of its service.
//
// Each entry's set-up (through the JSON API) creates what its calls need under ids
// of its own, so entries depend neither on each other nor on their order; invalid
// calls run before the valid one. Write requests zeep can send: it leaves out nothing
// required and checks no facets, so an invalid call breaks a facet (a length, an
// enumeration, a range) or a business rule. zeep reads an empty element such as
// `<noTax/>` back as nothing, and a zero inside an xs:choice (`<number>0</number>`
// of a parameter) as nothing too: expect neither.
import { ACCOUNT_SAMPLES } from './samples/accounts.ts';
import { CONTRACT_SAMPLES } from './samples/contracts.ts';
import { TABLE_SAMPLES } from './samples/tables.ts';
import { TRANSFER_SAMPLES } from './samples/transfer.ts';
import type { OperationSamples } from './samples/setup.ts';

export type { OperationSamples };

export const SAMPLES: Record<string, OperationSamples> = { ...ACCOUNT_SAMPLES, ...CONTRACT_SAMPLES, ...TABLE_SAMPLES, ...TRANSFER_SAMPLES };
