// What the interop samples share: the shape of an entry and the set-up helpers that
// create, through the JSON API, what an entry's calls need under ids of its own.
import type { TestServer } from '../../helpers/server.ts';
import { maintainContract, provisionAccount, taggedSample } from '../../helpers/customerData.ts';
import type { ChargingContract } from '../../../src/schema/customerData.ts';

export type Json = Record<string, unknown>;

export interface InvalidCall {
  request: Json;
  /** the error code of the Failure, e.g. REQUEST-103 */
  code: string;
  category?: string;
}

export interface OperationSamples {
  /** creates what the calls need, through the JSON API */
  setup?: (server: TestServer) => Promise<void>;
  /** the valid call, made after the invalid ones, and the fields its response must carry */
  valid: { request: Json; expect: Json };
  invalid: InvalidCall[];
}

export const LONG_ID = 'x'.repeat(257);
/**
 * The item response of a mass item that breaks a facet: it fails on its own, with its
 * REQUEST code (zeep sends no mass the request of which is wrong as a whole: it
 * checks the number of items), so a mass's invalid calls are items of its valid one.
 */
export const REFUSED_ITEM = (code: string): Json => ({ status: 'error', error: { category: 'invalid', cause: { module: 'REQUEST', code } } });
export const RETURN = { status: 'return' };

/** Calls `operation` through the JSON API and insists that it succeeds. */
export async function given(server: TestServer, service: string, operation: string, body: Json): Promise<void> {
  const result = await server.call(service, operation, body);
  if (result.body.status !== 'return') throw new Error(`set-up ${operation}: ${JSON.stringify(result.body)}`);
}

export const account = (id: string): Json => ({
  id,
  subscriberId: `BP-${id}`,
  description: 'Interop Example & Co',
  tax: { mode: 'vendorSubjectToPay', vat: { taxCode: 'VAT_STD', customerCountryCode: 'DE', businessCategory: 'B2C' } },
  additionalInfo: [
    { name: 'SEGMENT', string: 'consumer' },
    { name: 'SCORE', number: '0.30' },
    { name: 'SINCE', date: '2024-02-29T12:00:00' },
  ],
});

export const createAccount = (server: TestServer, id: string): Promise<void> => given(server, 'suacProvisioning', 'subscriberAccountMaintain', { subscriberAccount: account(id) });

/** The sample customer data under `tag` (account SA-<tag>, contracts <tag>-CC-0001 and -0002), its account with prepaid PP-1 and external EXT-1 created. */
export async function sampleAccount(server: TestServer, tag: string): Promise<void> {
  await provisionAccount(server, taggedSample(tag));
}

/** The sample's account and both its contracts created. */
export async function sampleContracts(server: TestServer, tag: string): Promise<void> {
  const sample = taggedSample(tag);
  await provisionAccount(server, sample);
  for (const contract of [sample.root, sample.linked]) {
    const maintained = await maintainContract(server, contract);
    if (maintained.body.status !== 'return') throw new Error(`set-up of ${contract.id}: ${JSON.stringify(maintained.body)}`);
  }
}

export const rootOf = (tag: string): ChargingContract => taggedSample(tag).root;
export const linkedOf = (tag: string): ChargingContract => taggedSample(tag).linked;
export const withAccount = (contract: ChargingContract, subscriberAccountId: string): ChargingContract => ({ ...contract, subscriberAccountId });
