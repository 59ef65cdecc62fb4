// Rolling a failed transfer back (SPEC 7): the destination loses what this
// transfer imported there — only that, never what it held before — and the
// source roots are active again. What a side that cannot be reached keeps
// undone is recorded as pending; a rerun with the journal finishes it first.
import type { ChargingContract } from '../schema/customerData.ts';
import { failedOutcome, failureFacts, type AccountOutcome, type TransferContext } from './context.ts';
import { isDoesNotExist } from './convergentApi.ts';
import { STEPS, type Attempt, type TransferStep } from './journal.ts';
import type { Side } from './remote.ts';

/** The step an attempt was at when it failed: the one after its last completed step. */
const failingStep = (attempt: Attempt): TransferStep => STEPS[Math.min(STEPS.indexOf(attempt.step as TransferStep) + 1, STEPS.length - 1)];

export async function undoTransfer(attempt: Attempt, failure: unknown, ctx: TransferContext): Promise<AccountOutcome> {
  const step = failingStep(attempt);
  const facts = failureFacts(failure);
  const why = { code: facts.code, category: facts.category, message: facts.message };
  await ctx.journal.record({ account: attempt.account, step: 'undoing', ...why });
  // an import the destination did not answer may still commit after the clean-up looked
  const importMayLand = facts.unreachable && facts.side === 'destination' && step === 'imported';
  const pending = await rollBack(attempt, ctx);
  if (importMayLand && !pending.includes('destination')) pending.unshift('destination');
  await ctx.journal.record({ account: attempt.account, step: 'failed', ...why, pending });
  return failedOutcome(attempt.account, step, failure, { pending });
}

/**
 * Finishes the roll-back of an earlier run that a crash interrupted or an
 * unreachable server left pending; undefined once nothing is left to undo.
 */
export async function finishEarlierUndo(attempt: Attempt, ctx: TransferContext): Promise<AccountOutcome | undefined> {
  if (attempt.step !== 'undoing' && !(attempt.step === 'failed' && attempt.pending)) return undefined;
  const pending = await rollBack(attempt, ctx);
  const failure = attempt.failure ?? { code: 'TRANSFER-105', category: 'illegalSystemState', message: 'an earlier run stopped while undoing' };
  await ctx.journal.record({ account: attempt.account, step: 'failed', ...failure, pending });
  if (!pending.length) return undefined;
  return { account: attempt.account, result: 'failed', step: 'undoing', ...failure, message: `the roll-back of an earlier run is still pending: ${failure.message}`, pending };
}

/** The destination first, so the account is never active on both sides; the source even when the destination cannot be reached. */
async function rollBack(attempt: Attempt, ctx: TransferContext): Promise<Side[]> {
  const pending: Side[] = [];
  if (attempt.creates) {
    if (!(await attemptOn(ctx.destination.server.unusable, () => removePartialImport(attempt, ctx)))) pending.push('destination');
  }
  if (!(await attemptOn(ctx.source.server.unusable, () => reactivateInSource(attempt, ctx)))) pending.push('source');
  return pending;
}

/** Runs `work` unless its server is known to be gone; false when it could not be done. */
async function attemptOn(unusable: unknown, work: () => Promise<void>): Promise<boolean> {
  if (unusable) return false;
  try {
    await work();
    return true;
  } catch {
    return false;
  }
}

/**
 * Removes from the destination what this attempt imported, in reverse order:
 * contracts (linked ones first, roots locked before they go), tables, prepaid and
 * external accounts, the subscriber account. A contract counts as imported by
 * this transfer when the check did not find it, the import was to create it, and
 * it carries a transfer date (an import made it).
 */
async function removePartialImport(attempt: Attempt, ctx: TransferContext): Promise<void> {
  const creates = attempt.creates!;
  const { destination } = ctx;
  let contracts: ChargingContract[];
  try {
    contracts = await destination.contractsOf(attempt.account);
  } catch (error) {
    if (isDoesNotExist(error)) return;
    throw error;
  }
  const ours = contracts.filter((contract) => creates.contracts.includes(contract.id) && contract.transferDate !== undefined);
  const roots = ours.filter((contract) => contract.rootChargingContractId === undefined);
  for (const root of roots) if (root.operationalStatus === 'active') await destination.setOperationalStatus(root.id, 'locked');
  for (const linked of ours.filter((contract) => contract.rootChargingContractId !== undefined)) await destination.cancelContract(linked.id);
  for (const root of roots) await destination.cancelContract(root.id);
  const held = await destination.exportAccount(attempt.account);
  if (!held) return;
  const created = (objects: Array<{ id: string }> | undefined, ids: string[]) => (objects ?? []).filter((object) => ids.includes(object.id));
  for (const table of created(held.subscriberMappingTable, creates.mappingTables)) await destination.cancelMappingTable(table.id);
  for (const table of created(held.subscriberRangeTable, creates.rangeTables)) await destination.cancelRangeTable(table.id);
  for (const prepaid of created(held.prepaidAccount, creates.prepaidAccounts)) await destination.cancelPrepaidAccount(attempt.account, prepaid.id);
  for (const external of created(held.externalAccount, creates.externalAccounts)) await destination.cancelExternalAccount(attempt.account, external.id);
  if (creates.subscriberAccount) await destination.cancelSubscriberAccount(attempt.account);
}

/** Sets the attempt's roots that are locked back to active. */
async function reactivateInSource(attempt: Attempt, ctx: TransferContext): Promise<void> {
  const contracts = await ctx.source.contractsOf(attempt.account);
  for (const root of contracts) {
    if (attempt.roots.includes(root.id) && root.operationalStatus === 'locked') await ctx.source.setOperationalStatus(root.id, 'active');
  }
}
