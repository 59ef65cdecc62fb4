// Rules of a charging contract (SPEC 2.2) beyond its message schema, as pure
// functions: those that need only the contract and the catalog, and those that
// need references resolved elsewhere (the store, or a customer data import's
// request), so provisioning and import apply the same rules.
import type { Catalog, Plan, PlanKind } from './catalog.ts';
import { fail } from './errors.ts';
import { validitiesOverlap, type WireDate } from './values.ts';
import type { ChargingContract, ChargingContractItem, Period } from '../schema/customerData.ts';

type Allowance = NonNullable<ChargingContract['allowance']>[number];
type AccountAssignmentType = 'prepaid' | 'postpaid';

/** The definition without the read side (operationalStatus, rechargingLockId, transferDate). */
export function contractDefinition(contract: ChargingContract): ChargingContract {
  if (contract.operationalStatus === undefined && contract.rechargingLockId === undefined && contract.transferDate === undefined) return contract;
  const { operationalStatus: _status, rechargingLockId: _lock, transferDate: _transfer, ...definition } = contract;
  return definition;
}

/** The rules that need only the contract and the catalog. */
export function checkChargingContract(contract: ChargingContract, catalog: Catalog): void {
  const items = contract.chargingContractItem ?? [];
  const allowances = contract.allowance ?? [];
  assertUnique('contract item', items.map((item) => item.id));
  assertUnique('allowance', allowances.map((allowance) => allowance.id));
  for (const item of items) checkItem(item, catalog);
  for (const allowance of allowances) checkAllowance(allowance, catalog);
}

function assertUnique(what: string, ids: string[]): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) fail('CHARGINGCONTRACT-113', `${what} ${id}`);
    seen.add(id);
  }
}

const PLAN_CLASS_FIELDS: Array<[PlanKind, 'chargePlanClassId' | 'refillPlanClassId' | 'monitoringPlanClassId']> = [
  ['chargePlan', 'chargePlanClassId'],
  ['refillPlan', 'refillPlanClassId'],
  ['monitoringPlan', 'monitoringPlanClassId'],
];

/** The plan class an item names; the schema's choice guarantees exactly one. */
export function planClassOf(item: ChargingContractItem): { kind: PlanKind; id: string } {
  for (const [kind, field] of PLAN_CLASS_FIELDS) {
    const id = item[field];
    if (id !== undefined) return { kind, id };
  }
  throw new Error(`contract item ${item.id} names no plan class, which its schema forbids`);
}

function checkItem(item: ChargingContractItem, catalog: Catalog): void {
  const { kind, id } = planClassOf(item);
  const plan = catalog.plan(kind, id) ?? fail('CHARGINGCONTRACT-102', `${kind} ${id} of item ${item.id}`);
  checkPeriods(item);
  for (const period of item.period) {
    checkParameters(item, period, plan);
    checkCounters(item, period, catalog);
  }
}

/** Each period ends after it starts; periods of one item do not overlap. */
function checkPeriods(item: ChargingContractItem): void {
  const periods = [...item.period].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  let previous: Period | undefined;
  for (const period of periods) {
    assertEndsAfterStart(period.start, period.end, `a period of item ${item.id}`);
    if (previous && validitiesOverlap(previous.start, previous.end, period.start, period.end)) {
      fail('CHARGINGCONTRACT-104', `item ${item.id}: the periods starting ${previous.start} and ${period.start} overlap`);
    }
    // sorted by start, a period that overlaps no neighbour overlaps none: keep the one reaching furthest
    if (!previous || (previous.end !== undefined && (period.end === undefined || period.end > previous.end))) previous = period;
  }
}

function assertEndsAfterStart(start: WireDate, end: WireDate | undefined, what: string): void {
  if (end !== undefined && end <= start) fail('CHARGINGCONTRACT-104', `${what} starts ${start} and ends ${end}`);
}

/** Every mandatory plan parameter present; none unknown, none twice, each of its type. */
function checkParameters(item: ChargingContractItem, period: Period, plan: Plan): void {
  const given = new Set<string>();
  for (const parameter of period.parameter ?? []) {
    // the text of a failure only: not built for every parameter that passes
    const where = () => `parameter ${parameter.name} of item ${item.id} in the period starting ${period.start}`;
    const declared = plan.parameters.find((p) => p.name === parameter.name) ?? fail('CHARGINGCONTRACT-106', `${where()} is not in plan ${plan.id}`);
    if (given.has(parameter.name)) fail('CHARGINGCONTRACT-106', `${where()} is given twice`);
    given.add(parameter.name);
    if (parameter[declared.type] === undefined) fail('CHARGINGCONTRACT-106', `${where()} must be a ${declared.type}`);
  }
  for (const declared of plan.parameters) {
    if (declared.mandatory && !given.has(declared.name)) {
      fail('CHARGINGCONTRACT-105', `${declared.name} of plan ${plan.id} in item ${item.id}, period starting ${period.start}`);
    }
  }
}

/** Shared and pooled counters come from the catalog's counter dictionary. */
function checkCounters(item: ChargingContractItem, period: Period, catalog: Catalog): void {
  for (const counter of [...(period.sharedCounter ?? []), ...(period.pooledCounter ?? [])]) {
    if (!catalog.isSharedCounter(counter.name)) fail('CHARGINGCONTRACT-102', `counter ${counter.name} of item ${item.id} is not in the counter dictionary`);
  }
}

function checkAllowance(allowance: Allowance, catalog: Catalog): void {
  if (!catalog.allowancePlan(allowance.allowancePlanId)) fail('CHARGINGCONTRACT-102', `allowance plan ${allowance.allowancePlanId} of allowance ${allowance.id}`);
  assertEndsAfterStart(allowance.start, allowance.end, `allowance ${allowance.id}`);
}

/** A rule of a contract that cannot change once it exists: whether and under which root it is linked. */
export function checkContractChange(existing: ChargingContract, next: ChargingContract): void {
  const was = existing.rootChargingContractId;
  const becomes = next.rootChargingContractId;
  if (was === becomes) return;
  const describe = (root: string | undefined) => (root === undefined ? 'a root' : `linked to ${root}`);
  fail('CHARGINGCONTRACT-116', `${next.id} is ${describe(was)} and cannot become ${describe(becomes)}`);
}

/** The counter names a contract pools: a root declares those its linked contracts may pool. */
export function pooledCounterNames(contract: ChargingContract): Set<string> {
  const names = new Set<string>();
  for (const item of contract.chargingContractItem ?? []) {
    for (const period of item.period) for (const counter of period.pooledCounter ?? []) names.add(counter.name);
  }
  return names;
}

/** A linked contract pools only counters its root declares. */
export function checkPooledCounters(linked: ChargingContract, root: ChargingContract): void {
  const declared = pooledCounterNames(root);
  for (const name of pooledCounterNames(linked)) {
    if (!declared.has(name)) fail('CHARGINGCONTRACT-111', `${name} of ${linked.id} is not pooled by root ${root.id}`);
  }
}

/** A period's use of a user service id: the validity during which the contract claims it. */
export interface UserServiceUse {
  userServiceId: string;
  start: WireDate;
  end?: WireDate;
}

/** Another contract's claim of a user service id. */
export interface UserServiceClaimOf extends UserServiceUse {
  contractId: string;
}

/**
 * The uses of the contracts asked about last: an import asks for a contract's uses
 * several times (claims, references, rows), one customer's contracts after another.
 * Found by identity in a short list: a WeakMap's hashing and its weak entries cost
 * the bulk import more than working the uses out again.
 */
const RECENT_USES = 16;
const recentContracts: Array<ChargingContract | undefined> = new Array(RECENT_USES).fill(undefined);
const recentUses: UserServiceUse[][] = new Array(RECENT_USES).fill([]);
let nextRecent = 0;

/** One use per user service id and period start; the longest end wins when items repeat it. */
export function userServiceUsesOf(contract: ChargingContract): UserServiceUse[] {
  for (let i = 0; i < RECENT_USES; i++) if (recentContracts[i] === contract) return recentUses[i];
  const uses = computeUserServiceUses(contract);
  recentContracts[nextRecent] = contract;
  recentUses[nextRecent] = uses;
  nextRecent = (nextRecent + 1) % RECENT_USES;
  return uses;
}

function computeUserServiceUses(contract: ChargingContract): UserServiceUse[] {
  const uses = new Map<string, UserServiceUse>();
  for (const item of contract.chargingContractItem ?? []) {
    for (const period of item.period) {
      for (const identifier of period.userTechnicalIdentifier ?? []) {
        const key = `${identifier.userServiceId}\u0000${period.start}`;
        const known = uses.get(key);
        if (known && (known.end === undefined || (period.end !== undefined && period.end <= known.end))) continue;
        const use: UserServiceUse = { userServiceId: identifier.userServiceId, start: period.start };
        if (period.end !== undefined) use.end = period.end;
        uses.set(key, use);
      }
    }
  }
  return [...uses.values()];
}

/** The accounts a contract's assignments name, each once. */
export function assignedAccountsOf(contract: ChargingContract): Array<{ type: AccountAssignmentType; accountId: string }> {
  const accounts = new Map<string, { type: AccountAssignmentType; accountId: string }>();
  for (const item of contract.chargingContractItem ?? []) {
    for (const period of item.period) {
      for (const assignment of period.accountAssignment ?? []) accounts.set(`${assignment.type}:${assignment.accountId}`, { type: assignment.type, accountId: assignment.accountId });
    }
  }
  return [...accounts.values()];
}

/** What the reference rules need, resolved from the store or from a request. */
export interface ContractReferences {
  subscriberAccountExists: boolean;
  /** the root a linked contract names, when it exists */
  root?: ChargingContract;
  /** the linked contracts of a root that exists already */
  linked: ChargingContract[];
  /** does the subscriber account have this prepaid (type prepaid) or external (type postpaid) account? */
  hasAccount(type: AccountAssignmentType, accountId: string): boolean;
  /** other contracts' claims of the user service ids the contract uses */
  otherClaims: UserServiceClaimOf[];
}

/** The rules between a contract and what it refers to. */
export function checkContractReferences(contract: ChargingContract, references: ContractReferences): void {
  if (!references.subscriberAccountExists) fail('CHARGINGCONTRACT-101', contract.subscriberAccountId);
  if (contract.rootChargingContractId !== undefined) checkRoot(contract, references.root);
  for (const linked of references.linked) checkPooledCounters(linked, contract);
  for (const { type, accountId } of assignedAccountsOf(contract)) {
    if (!references.hasAccount(type, accountId)) fail('CHARGINGCONTRACT-112', `${type} account ${accountId} of subscriber account ${contract.subscriberAccountId}`);
  }
  checkUserServiceClaims(contract, references.otherClaims);
}

function checkRoot(linked: ChargingContract, root: ChargingContract | undefined): void {
  if (!root) return fail('CHARGINGCONTRACT-109', linked.rootChargingContractId);
  if (root.rootChargingContractId !== undefined) fail('CHARGINGCONTRACT-110', `${root.id} is itself linked to ${root.rootChargingContractId}`);
  if (root.subscriberAccountId !== linked.subscriberAccountId) fail('CHARGINGCONTRACT-110', `${root.id} belongs to subscriber account ${root.subscriberAccountId}`);
  checkPooledCounters(linked, root);
}

/** A user service id is used by one contract at a time. */
export function checkUserServiceClaims(contract: ChargingContract, otherClaims: UserServiceClaimOf[]): void {
  for (const use of userServiceUsesOf(contract)) {
    for (const claim of otherClaims) {
      if (claim.contractId === contract.id || claim.userServiceId !== use.userServiceId) continue;
      if (validitiesOverlap(use.start, use.end, claim.start, claim.end)) {
        fail('CHARGINGCONTRACT-108', `${use.userServiceId} from ${use.start} is used by ${claim.contractId} from ${claim.start}${claim.end ? ` to ${claim.end}` : ''}`);
      }
    }
  }
}
