// Calls of customerDataExportImport for component tests: import and export
// through the JSON API as the migration user, and customer data built from the
// tagged sample.
import assert from 'node:assert/strict';
import type { CustomerData } from '../../src/schema/customerData.ts';
import type { CallResult, TestServer } from './server.ts';
import { taggedSample } from './customerData.ts';

/** The tagged sample as plain customer data, its table ids tagged too (MT-<tag>, RT-<tag>). */
export function sampleCustomer(tag: string): CustomerData {
  const { root: _root, linked: _linked, ...data } = taggedSample(tag);
  return JSON.parse(JSON.stringify(data).replaceAll('"MT-FRIENDS"', `"MT-${tag}"`).replaceAll('"RT-DATA"', `"RT-${tag}"`));
}

export function importCustomers(server: TestServer, customerData: CustomerData[], extra: Record<string, unknown> = {}): Promise<CallResult> {
  return server.call('customerDataExportImport', 'customerDataImport', { ...extra, customerData }, { user: 'migration' });
}

export function exportCustomers(server: TestServer, selector: Record<string, unknown>): Promise<CallResult> {
  return server.call('customerDataExportImport', 'customerDataExport', selector, { user: 'migration' });
}

/** Imports and asserts success; the summary. */
export async function imported(server: TestServer, customerData: CustomerData[], extra: Record<string, unknown> = {}): Promise<any> {
  const result = await importCustomers(server, customerData, extra);
  assert.equal(result.status, 200, JSON.stringify(result.body));
  return result.body.summary;
}

/** Exports one account and asserts success; its customerData. */
export async function exported(server: TestServer, subscriberAccountId: string): Promise<CustomerData> {
  const result = await exportCustomers(server, { subscriberAccountId });
  assert.equal(result.status, 200, JSON.stringify(result.body));
  return result.body.customerData;
}

/** A copy to change freely. */
export const copy = <T>(value: T): T => structuredClone(value);
