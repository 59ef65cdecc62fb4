// Recharging locks (SPEC 4.8): which contracts a charging contract collection
// covers, and whether a recharging lock id may take or release them. The unit a
// lock holds is a family — a root with its linked contracts — because they share
// pooled counters and one operational status (docs/recharging.md).
import { fail } from './errors.ts';
import { assertActive } from './operationalStatus.ts';
import type { OperationalStatus } from '../schema/customerData.ts';

export const RECHARGING_LOCK_ID = /^[A-Za-z0-9._:-]{1,256}$/;

/** The collection as it arrives: the account id is optional on the wire so that its absence gets our code. */
export interface CollectionRequest {
  subscriberAccountId?: string;
  chargingContractId?: string[];
}

/** A checked collection: by account (no ids) or by ids. */
export interface ChargingContractCollection {
  subscriberAccountId: string;
  chargingContractIds?: string[];
}

/** A contract of the account as the lock rules see it. */
export interface LockableContract {
  chargingContractId: string;
  rootChargingContractId?: string;
  /** the root's for a linked contract */
  operationalStatus: OperationalStatus;
}

/** A root and its linked contracts: what one lock holds together, by a lock row on the root. */
export interface ContractFamily {
  rootChargingContractId: string;
  operationalStatus: OperationalStatus;
  /** the root first, then its linked contracts in id order */
  chargingContractIds: string[];
}

/** A lock row found on a contract. */
export interface LockHolding {
  chargingContractId: string;
  rechargingLockId: string;
}

export function checkRechargingLockId(id: string | undefined): string {
  if (id === undefined || !RECHARGING_LOCK_ID.test(id)) fail('RECHARGING-102', id === undefined ? 'none given' : JSON.stringify(id));
  return id;
}

export function checkCollection(request: CollectionRequest | undefined): ChargingContractCollection {
  const subscriberAccountId = request?.subscriberAccountId ?? fail('RECHARGING-100');
  const ids = request?.chargingContractId ?? [];
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) fail('RECHARGING-101', id);
    seen.add(id);
  }
  return ids.length ? { subscriberAccountId, chargingContractIds: ids } : { subscriberAccountId };
}

/** The ids of the collection that the account does not own, in request order. */
export function idsNotOwned(collection: ChargingContractCollection, contracts: LockableContract[]): string[] {
  const owned = new Set(contracts.map((c) => c.chargingContractId));
  return (collection.chargingContractIds ?? []).filter((id) => !owned.has(id));
}

/** The account's contracts grouped into families, keyed by root id, in root id order. */
export function familiesOf(contracts: LockableContract[]): Map<string, ContractFamily> {
  const families = new Map<string, ContractFamily>();
  const sorted = [...contracts].sort((a, b) => compareIds(a.chargingContractId, b.chargingContractId));
  for (const root of sorted) {
    if (root.rootChargingContractId !== undefined) continue;
    families.set(root.chargingContractId, { rootChargingContractId: root.chargingContractId, operationalStatus: root.operationalStatus, chargingContractIds: [root.chargingContractId] });
  }
  for (const linked of sorted) {
    if (linked.rootChargingContractId !== undefined) families.get(linked.rootChargingContractId)?.chargingContractIds.push(linked.chargingContractId);
  }
  return families;
}

/**
 * The families a collection covers. By account: every family that is not closed
 * (RECHARGING-109 when there is none). By ids: the family of each id, in request
 * order; a linked contract's family is its root's. Ids the account does not own
 * are refused before (idsNotOwned).
 */
export function collectionFamilies(collection: ChargingContractCollection, contracts: LockableContract[]): ContractFamily[] {
  const families = familiesOf(contracts);
  const ids = collection.chargingContractIds;
  if (ids === undefined) {
    const open = [...families.values()].filter((family) => family.operationalStatus !== 'closed');
    if (!open.length) fail('RECHARGING-109', collection.subscriberAccountId);
    return open;
  }
  const byId = new Map(contracts.map((c) => [c.chargingContractId, c]));
  const covered = new Set<ContractFamily>();
  for (const id of ids) {
    const contract = byId.get(id)!;
    covered.add(families.get(contract.rootChargingContractId ?? id)!);
  }
  return [...covered];
}

/** Only active families can be locked (a locked or closed one: OPERATIONALSTATUS-1). */
export function assertLockable(families: ContractFamily[]): void {
  for (const family of families) assertActive(family.operationalStatus, family.rootChargingContractId);
}

/** Taking a family's lock row found it held by `holder`: another lock id is RECHARGING-108, and the whole request is undone. */
export function assertNoOtherHolder(family: ContractFamily, holder: string | undefined, rechargingLockId: string): void {
  if (holder !== undefined && holder !== rechargingLockId) fail('RECHARGING-108', `${family.chargingContractIds.join(', ')} held by recharging lock ${holder}`);
}

/** Unlock: no contract of the families held by another lock id; otherwise nothing is released. */
export function assertNotHeldByOther(families: ContractFamily[], holdings: LockHolding[], rechargingLockId: string): void {
  const familyOf = new Map(families.flatMap((family) => family.chargingContractIds.map((id) => [id, family] as const)));
  for (const holding of holdings) {
    const family = familyOf.get(holding.chargingContractId);
    if (family) assertNoOtherHolder(family, holding.rechargingLockId, rechargingLockId);
  }
}

/** Ids compare by code unit, as the stores order TEXT keys (C collation). */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
