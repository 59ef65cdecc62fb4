// recharging (SPEC 4.8): lock and unlock charging contract collections for a
// rerating session, their mass variants, and the locks held. A lock row per family
// is taken in the transaction that checks the collection; the store's unique key on
// the contract decides between concurrent sessions (docs/recharging.md).
import { Many, Obj, Opt, String256 } from '../schema/types.ts';
import { CollectionLockRequestSchema, RechargingLockSchema, type CollectionLockRequest } from '../schema/recharging.ts';
import { fail } from '../model/errors.ts';
import type { Catalog } from '../model/catalog.ts';
import {
  assertLockable,
  assertNoOtherHolder,
  assertNotHeldByOther,
  checkCollection,
  checkRechargingLockId,
  collectionFamilies,
  idsNotOwned,
  type ChargingContractCollection,
  type ContractFamily,
} from '../model/recharging.ts';
import type { StoreTx } from '../store/port.ts';
import { massOf } from './batch.ts';
import { defineOperation, type Operation } from './operation.ts';

interface CheckedRequest {
  collection: ChargingContractCollection;
  rechargingLockId: string;
}

/** The request's own checks (invalid), then the catalog's switch (invalidConfiguration). */
function checkRequest(request: CollectionLockRequest, catalog: Catalog): CheckedRequest {
  const collection = checkCollection(request.chargingContractCollection);
  const rechargingLockId = checkRechargingLockId(request.rechargingLockId);
  if (!catalog.rechargingEnabled) fail('RECHARGING-107');
  return { collection, rechargingLockId };
}

/** The families the collection covers, once the account and every listed contract are found in it (prerequisiteMissing). */
async function familiesIn(tx: StoreTx, collection: ChargingContractCollection): Promise<ContractFamily[]> {
  const accountId = collection.subscriberAccountId;
  const contracts = await tx.locks.contractsOf(accountId);
  // contracts cannot outlive their account: only an account without any is looked up
  if (!contracts.length) fail((await tx.accounts.getSubscriberAccount(accountId)) ? 'RECHARGING-104' : 'RECHARGING-103', accountId);
  const [notOwned] = idsNotOwned(collection, contracts);
  if (notOwned !== undefined) {
    const owner = (await tx.contracts.ownerOf(notOwned)) ?? fail('RECHARGING-105', notOwned);
    fail('RECHARGING-106', `${notOwned} belongs to subscriber account ${owner}`);
  }
  return collectionFamilies(collection, contracts);
}

const collectionIds = (request: CollectionLockRequest): string[] => {
  const collection = request.chargingContractCollection;
  return [collection?.subscriberAccountId ?? '', ...(collection?.chargingContractId ?? [])].filter(Boolean);
};

const chargingContractCollectionLock = defineOperation({
  service: 'recharging',
  name: 'chargingContractCollectionLock',
  summary: 'Locks a charging contract collection for a recharging session: all or none; a lock holds whole families (a root and its linked contracts); a repeat is a no-op.',
  request: CollectionLockRequestSchema,
  response: Obj({ lockedChargingContractId: Many(String256()) }),
  roles: ['rerating'],
  idempotent: false,
  access: 'write',
  auditDomain: 'CUSTOMER',
  objectIds: collectionIds,
  handler: async (request, { tx, catalog, user, now }) => {
    const { collection, rechargingLockId } = checkRequest(request, catalog);
    const families = await familiesIn(tx, collection);
    assertLockable(families);
    // a lock row per family, on its root; another holder undoes the whole request
    for (const family of families) {
      const lock = { chargingContractId: family.rootChargingContractId, subscriberAccountId: collection.subscriberAccountId, rechargingLockId, lockedAt: now, user };
      assertNoOtherHolder(family, await tx.locks.take(lock), rechargingLockId);
    }
    return { lockedChargingContractId: families.flatMap((family) => family.chargingContractIds) };
  },
});

const chargingContractCollectionUnlock = defineOperation({
  service: 'recharging',
  name: 'chargingContractCollectionUnlock',
  summary: 'Releases what a recharging lock id holds in a charging contract collection; contracts not locked are left alone.',
  request: CollectionLockRequestSchema,
  response: Obj({}),
  roles: ['rerating'],
  idempotent: false,
  access: 'write',
  auditDomain: 'CUSTOMER',
  objectIds: collectionIds,
  handler: async (request, { tx, catalog }) => {
    const { collection, rechargingLockId } = checkRequest(request, catalog);
    const families = await familiesIn(tx, collection);
    const ids = families.flatMap((family) => family.chargingContractIds);
    assertNotHeldByOther(families, await tx.locks.holdings(collection.subscriberAccountId, ids), rechargingLockId);
    await tx.locks.release(collection.subscriberAccountId, rechargingLockId, ids);
    return {};
  },
});

const chargingContractCollectionLockFind = defineOperation({
  service: 'recharging',
  name: 'chargingContractCollectionLockFind',
  summary: 'The recharging locks held, per charging contract, by subscriber account and/or lock id (neither: all).',
  request: Obj({ subscriberAccountId: Opt(String256()), rechargingLockId: Opt(String256()) }),
  response: Obj({ rechargingLock: Many(RechargingLockSchema) }),
  roles: ['rerating', 'provisioning', 'reader'],
  idempotent: true,
  access: 'read',
  auditDomain: 'NONE',
  handler: async ({ subscriberAccountId, rechargingLockId }, { tx }) => {
    if (rechargingLockId !== undefined) checkRechargingLockId(rechargingLockId);
    const locks = await tx.locks.find({ subscriberAccountId, rechargingLockId });
    return locks.length ? { rechargingLock: locks } : {};
  },
});

export const rechargingOperations: Operation[] = [
  chargingContractCollectionLock,
  chargingContractCollectionUnlock,
  massOf(chargingContractCollectionLock),
  massOf(chargingContractCollectionUnlock),
  chargingContractCollectionLockFind,
];
