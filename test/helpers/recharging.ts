// Recharging calls as a rerating user, and accounts with several contract
// families to lock: the sample's root and linked contract, plus standalone roots.
import assert from 'node:assert/strict';
import type { ChargingContract } from '../../src/schema/customerData.ts';
import type { ApiClient, CallResult, TestServer } from './server.ts';
import { changeStatus, maintainContract, provisionSample } from './customerData.ts';

export interface Collection {
  subscriberAccountId?: string;
  chargingContractId?: string[];
}

const RERATING = { user: 'rerating' };

export function lockCollection(server: ApiClient, chargingContractCollection: Collection | undefined, rechargingLockId?: string): Promise<CallResult> {
  return server.call('recharging', 'chargingContractCollectionLock', { chargingContractCollection, rechargingLockId }, RERATING);
}

export function unlockCollection(server: ApiClient, chargingContractCollection: Collection | undefined, rechargingLockId?: string): Promise<CallResult> {
  return server.call('recharging', 'chargingContractCollectionUnlock', { chargingContractCollection, rechargingLockId }, RERATING);
}

export function findLocks(server: ApiClient, filter: { subscriberAccountId?: string; rechargingLockId?: string }, user = 'rerating'): Promise<CallResult> {
  return server.call('recharging', 'chargingContractCollectionLockFind', filter, { user });
}

/** contract id → the lock id its read shows (absent: not held) */
export async function lockIdsOf(server: ApiClient, ids: string[]): Promise<Record<string, string | undefined>> {
  const held: Record<string, string | undefined> = {};
  for (const id of ids) {
    const read = await server.call('contractProvisioning', 'chargingContractRead', { chargingContractId: id });
    assert.equal(read.body.status, 'return', JSON.stringify(read.body));
    held[id] = read.body.chargingContract.rechargingLockId;
  }
  return held;
}

/** A root contract with one voice item and no user service id, so that any number can live side by side. */
export function standaloneContract(id: string, subscriberAccountId: string): ChargingContract {
  return {
    id,
    subscriberAccountId,
    chargingContractItem: [{ id: 'VOICE', chargePlanClassId: 'CP_VOICE', period: [{ start: '2026-01-01T00:00:00', parameter: [{ name: 'FREE_MINUTES', number: '60' }] }] }],
  };
}

export interface RechargingAccount {
  accountId: string;
  /** the sample's root and its linked contract */
  root: string;
  linked: string;
  /** standalone roots, active */
  standalone: string[];
  /** a root that is closed, when asked for */
  closed?: string;
}

/** The tagged sample with `standalone` more active roots and, when asked, a closed one. */
export async function provisionRechargingAccount(server: TestServer, tag: string, options: { standalone?: number; closed?: boolean } = {}): Promise<RechargingAccount> {
  const sample = await provisionSample(server, tag);
  const accountId = sample.subscriberAccount.id;
  const standalone: string[] = [];
  for (let i = 1; i <= (options.standalone ?? 1); i++) {
    const contract = standaloneContract(`${tag}-S${i}`, accountId);
    assert.equal((await maintainContract(server, contract)).body.status, 'return');
    standalone.push(contract.id);
  }
  const account: RechargingAccount = { accountId, root: sample.root.id, linked: sample.linked.id, standalone };
  if (options.closed) {
    const closed = standaloneContract(`${tag}-X`, accountId);
    assert.equal((await maintainContract(server, closed)).body.status, 'return');
    await changeStatus(server, closed.id, 'locked');
    assert.equal((await changeStatus(server, closed.id, 'closed')).body.status, 'return');
    account.closed = closed.id;
  }
  return account;
}

/** An account's families: each root first, then its linked contracts. */
export interface FamilyAccount {
  accountId: string;
  families: string[][];
}

/** Through the API only: an account with one root of `linked` linked contracts and `standalone` more roots. */
export async function provisionFamilies(client: ApiClient, accountId: string, shape: { linked: number; standalone: number }): Promise<FamilyAccount> {
  const ok = (result: CallResult) => assert.equal(result.body.status, 'return', JSON.stringify(result.body));
  ok(await client.call('suacProvisioning', 'subscriberAccountMaintain', { subscriberAccount: { id: accountId, subscriberId: `BP-${accountId}` } }));
  const maintain = (chargingContract: ChargingContract) => client.call('contractProvisioning', 'chargingContractMaintain', { chargingContract });
  const rootId = `${accountId}-R`;
  const family = [rootId];
  ok(await maintain(standaloneContract(rootId, accountId)));
  for (let i = 1; i <= shape.linked; i++) {
    const linked = { ...standaloneContract(`${rootId}-L${i}`, accountId), rootChargingContractId: rootId };
    ok(await maintain(linked));
    family.push(linked.id);
  }
  const families = [family];
  for (let i = 1; i <= shape.standalone; i++) {
    const id = `${accountId}-S${i}`;
    ok(await maintain(standaloneContract(id, accountId)));
    families.push([id]);
  }
  return { accountId, families };
}
