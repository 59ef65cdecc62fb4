// The sample customer data (examples/customer-data.json) for component tests:
// tagged copies so tests sharing one server do not meet, and the set-up of its
// subscriber account with its prepaid and external accounts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { ChargingContract, CustomerData } from '../../src/schema/customerData.ts';
import type { TestServer } from './server.ts';

const SAMPLE_TEXT = readFileSync(new URL('../../examples/customer-data.json', import.meta.url), 'utf8');

export interface Sample extends CustomerData {
  root: ChargingContract;
  linked: ChargingContract;
}

/** The sample with account and contract ids and user service ids made unique by `tag`. */
export function taggedSample(tag: string): Sample {
  const text = JSON.stringify(JSON.parse(SAMPLE_TEXT))
    .replaceAll('"SA-0001"', `"SA-${tag}"`)
    .replaceAll('"CC-000', `"${tag}-CC-000`)
    .replace(/"userServiceId":"([^"]*)"/g, `"userServiceId":"$1-${tag}"`);
  const data = JSON.parse(text) as CustomerData;
  const [root, linked] = data.chargingContract!;
  return { ...data, root, linked };
}

/** Creates the sample's subscriber account with its prepaid and external accounts through the API. */
export async function provisionAccount(server: TestServer, data: CustomerData): Promise<void> {
  const calls: Array<[string, Record<string, unknown>]> = [
    ['subscriberAccountMaintain', { subscriberAccount: data.subscriberAccount }],
    ...(data.prepaidAccount ?? []).map((prepaidAccount): [string, Record<string, unknown>] => ['prepaidAccountMaintain', { prepaidAccount }]),
    ...(data.externalAccount ?? []).map((externalAccount): [string, Record<string, unknown>] => ['externalAccountMaintain', { externalAccount }]),
  ];
  for (const [operation, body] of calls) {
    const result = await server.call('suacProvisioning', operation, body);
    assert.equal(result.body.status, 'return', `${operation}: ${JSON.stringify(result.body)}`);
  }
}

export function maintainContract(server: TestServer, chargingContract: ChargingContract) {
  return server.call('contractProvisioning', 'chargingContractMaintain', { chargingContract });
}

export function readContract(server: TestServer, chargingContractId: string) {
  return server.call('contractProvisioning', 'chargingContractRead', { chargingContractId });
}

export function changeStatus(server: TestServer, rootChargingContractId: string, operationalStatus: string) {
  return server.call('operationalStatus', 'chargingContractOperationalStatusChange', { rootChargingContractId, operationalStatus });
}

/** The tagged sample's account set up and its root and linked contract maintained through the API. */
export async function provisionSample(server: TestServer, tag: string): Promise<Sample> {
  const sample = taggedSample(tag);
  await provisionAccount(server, sample);
  for (const contract of [sample.root, sample.linked]) {
    const maintained = await maintainContract(server, contract);
    assert.equal(maintained.body.status, 'return', JSON.stringify(maintained.body));
  }
  return sample;
}

/** Places a recharging lock on a contract through the store port (the recharging operations come later). */
export async function placeRechargingLock(server: TestServer, contract: ChargingContract, rechargingLockId: string): Promise<void> {
  await server.running.store.write((tx) =>
    tx.locks.put({ chargingContractId: contract.id, subscriberAccountId: contract.subscriberAccountId, rechargingLockId, lockedAt: '2026-03-01T00:00:00', user: 'rerating' }),
  );
}

export async function releaseRechargingLock(server: TestServer, contract: ChargingContract): Promise<void> {
  await server.running.store.write((tx) => tx.locks.delete(contract.id));
}

/** Asserts a business failure: its HTTP status, code and category. */
export function assertFailure(result: { status: number; body: any }, httpStatus: number, code: string, category: string): void {
  assert.equal(result.body.code, code, JSON.stringify(result.body));
  assert.equal(result.status, httpStatus);
  assert.equal(result.body.category, category);
}
