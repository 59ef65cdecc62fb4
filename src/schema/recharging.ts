// Messages of the recharging service (SPEC 4.8). The account id and the lock id are
// optional in the schema so that their absence is answered with RECHARGING codes.
import { Many, Obj, Opt, String256, WireDate, type Static } from './types.ts';

export const ChargingContractCollectionSchema = Obj(
  { subscriberAccountId: Opt(String256()), chargingContractId: Many(String256()) },
  { xsdName: 'ChargingContractCollection', description: 'the account alone: all its contracts that are not closed; with ids: those contracts' },
);

export const CollectionLockRequestSchema = Obj({
  chargingContractCollection: Opt(ChargingContractCollectionSchema),
  rechargingLockId: Opt(String256()),
});
export type CollectionLockRequest = Static<typeof CollectionLockRequestSchema>;

export const RechargingLockSchema = Obj(
  { chargingContractId: String256(), subscriberAccountId: String256(), rechargingLockId: String256(), lockedAt: WireDate(), user: String256() },
  { xsdName: 'RechargingLock' },
);
