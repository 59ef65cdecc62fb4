// The steps of one account's transfer. Each runs only when the journal does not
// have it yet, and each can be redone after a crash: a status set again is a
// no-op, a resent import finds its objects unchanged, a balance or a state set
// again holds the same values.
import { canonicalJson } from '../model/catalog.ts';
import { fail } from '../model/errors.ts';
import { fullContractState } from '../model/contractState.ts';
import type { ChargingContract, CustomerData, PrepaidAccount } from '../schema/customerData.ts';
import type { ChargingContractState } from '../schema/contractState.ts';
import { failedOutcome, skipped, type AccountOutcome, type TransferContext, type TransferUnit } from './context.ts';
import { reached, type AccountHistory, type Attempt, type HeldObjects, type TransferStep } from './journal.ts';

const record = (ctx: TransferContext, attempt: Attempt, step: TransferStep, extra: { creates?: HeldObjects } = {}) =>
  ctx.journal.record({ account: attempt.account, step, ...extra });

const isRoot = (contract: ChargingContract): boolean => contract.rootChargingContractId === undefined;

/** The roots an attempt takes: the given ones or every root not closed, less those transferred before. */
export function rootsToTransfer(unit: TransferUnit, contracts: ChargingContract[], transferredRoots: Set<string>): string[] {
  const byId = new Map(contracts.map((contract) => [contract.id, contract]));
  for (const id of unit.roots ?? []) {
    const root = byId.get(id)?.rootChargingContractId;
    if (root !== undefined) fail('TRANSFER-104', `${id} is linked to ${root}`);
  }
  const wanted = unit.roots ?? contracts.filter((contract) => isRoot(contract) && contract.operationalStatus !== 'closed').map((contract) => contract.id);
  return wanted.filter((id) => byId.has(id) && !transferredRoots.has(id));
}

/** The ids of what customer data holds. */
export function heldObjectsOf(data: CustomerData | undefined): HeldObjects {
  const ids = (list: Array<{ id: string }> | undefined) => (list ?? []).map((object) => object.id);
  return {
    subscriberAccount: data !== undefined,
    externalAccounts: ids(data?.externalAccount),
    prepaidAccounts: ids(data?.prepaidAccount),
    mappingTables: ids(data?.subscriberMappingTable),
    rangeTables: ids(data?.subscriberRangeTable),
    contracts: ids(data?.chargingContract),
  };
}

/** What importing `data` creates in a destination that held `preexisting`. */
export function createdBy(data: CustomerData, preexisting: HeldObjects): HeldObjects {
  const held = heldObjectsOf(data);
  const fresh = (ids: string[], before: string[]) => ids.filter((id) => !before.includes(id));
  return {
    subscriberAccount: !preexisting.subscriberAccount,
    externalAccounts: fresh(held.externalAccounts, preexisting.externalAccounts),
    prepaidAccounts: fresh(held.prepaidAccounts, preexisting.prepaidAccounts),
    mappingTables: fresh(held.mappingTables, preexisting.mappingTables),
    rangeTables: fresh(held.rangeTables, preexisting.rangeTables),
    contracts: fresh(held.contracts, preexisting.contracts),
  };
}

/**
 * Before anything is locked: which roots go, that they are active in the source,
 * and that none of their family is in the destination yet. Records `checked` with
 * what the destination holds of the account, which an undo must leave there.
 */
export async function checkAccount(unit: TransferUnit, history: AccountHistory, ctx: TransferContext): Promise<Attempt | AccountOutcome> {
  try {
    const contracts = await ctx.source.contractsOf(unit.account);
    const roots = rootsToTransfer(unit, contracts, history.transferredRoots);
    if (!roots.length) return skipped(unit.account, history.transferredRoots.size ? 'already transferred' : 'no charging contract to transfer (none, or all closed)');
    const notActive = contracts.filter((contract) => roots.includes(contract.id) && contract.operationalStatus !== 'active');
    if (notActive.length) fail('TRANSFER-102', notActive.map((root) => `${root.id} is ${root.operationalStatus}`).join(', '));
    const family = new Set(contracts.filter((contract) => roots.includes(contract.id) || roots.includes(contract.rootChargingContractId ?? '')).map((contract) => contract.id));
    const held = await ctx.destination.exportAccount(unit.account);
    const there = (held?.chargingContract ?? []).filter((contract) => family.has(contract.id));
    if (there.length) fail('TRANSFER-101', there.map((contract) => contract.id).join(', '));
    await ctx.journal.record({ account: unit.account, step: 'checked', roots, preexisting: heldObjectsOf(held) });
    return history.attempt!;
  } catch (error) {
    return failedOutcome(unit.account, 'checked', error);
  }
}

/** Locks the roots in the source, then exports them: what is exported can no longer change. */
export async function lockAndExport(attempt: Attempt, ctx: TransferContext): Promise<CustomerData> {
  const done = reached(attempt, 'locked');
  if (!done) for (const root of attempt.roots) await ctx.source.setOperationalStatus(root, 'locked');
  const data = await ctx.source.exportRoots(attempt.roots);
  if (!done) await record(ctx, attempt, 'locked', { creates: createdBy(data, attempt.preexisting) });
  return data;
}

export async function importLocked(attempt: Attempt, data: CustomerData, ctx: TransferContext): Promise<void> {
  if (reached(attempt, 'imported')) return;
  await ctx.destination.importCustomerData([data], 'locked');
  await record(ctx, attempt, 'imported');
}

/** The balance (and a state other than active) of each prepaid account the import created; those the destination had keep theirs. */
export async function copyPrepaidBalances(attempt: Attempt, data: CustomerData, ctx: TransferContext): Promise<void> {
  if (reached(attempt, 'balancesSet')) return;
  for (const prepaid of data.prepaidAccount ?? []) {
    if (!attempt.preexisting.prepaidAccounts.includes(prepaid.id)) await copyPrepaidAccount(prepaid, ctx);
  }
  await record(ctx, attempt, 'balancesSet');
}

async function copyPrepaidAccount(prepaid: PrepaidAccount, ctx: TransferContext): Promise<void> {
  const reference = { subscriberAccountId: prepaid.subscriberAccountId, prepaidAccountId: prepaid.id };
  const balance = prepaid.balance ?? '0';
  const state = prepaid.currentState ?? 'active';
  // an import creates prepaid accounts active with balance 0
  if (state === 'active') {
    if (balance !== '0') await ctx.destination.setPrepaidBalance(reference, balance, ctx.balanceReason);
    return;
  }
  // a closed account takes no balance: a resend finds it closed already
  const current = (await ctx.destination.prepaidAccount(reference)).currentState;
  if (current !== 'closed') await ctx.destination.setPrepaidBalance(reference, balance, ctx.balanceReason);
  if (current !== state) await ctx.destination.setPrepaidState(reference, state);
}

/** Activates the roots in the destination: a contract state can only change on an active contract (SPEC 4.7). */
export async function activateInDestination(attempt: Attempt, ctx: TransferContext): Promise<void> {
  if (reached(attempt, 'activated')) return;
  for (const root of attempt.roots) await ctx.destination.setOperationalStatus(root, 'active');
  await record(ctx, attempt, 'activated');
}

const isInitialState = (state: ChargingContractState, contract: ChargingContract, ctx: TransferContext): boolean =>
  canonicalJson(state) === canonicalJson(fullContractState(contract, ctx.catalog));

/** Copies the counters of every contract that holds other than initial values, in one all-or-none bundle; the last step. */
export async function copyContractStates(attempt: Attempt, data: CustomerData, ctx: TransferContext): Promise<void> {
  if (reached(attempt, 'transferred')) return;
  const contracts = data.chargingContract ?? [];
  const states = await Promise.all(contracts.map((contract) => ctx.source.contractState(contract.id)));
  const changed = states.filter((state, index) => !isInitialState(state, contracts[index], ctx));
  if (changed.length) await ctx.destination.changeContractStates(changed);
  await record(ctx, attempt, 'transferred');
}

export async function closeInSource(attempt: Attempt, ctx: TransferContext): Promise<void> {
  if (reached(attempt, 'sourceClosed')) return;
  for (const root of attempt.roots) await ctx.source.setOperationalStatus(root, 'closed');
  await record(ctx, attempt, 'sourceClosed');
}
