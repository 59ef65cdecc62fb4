// One account's contract transfer, as SPEC 7 tells it: check, lock in the source,
// export, import locked in the destination, balances, activate, counters; roll
// back on any failure after the lock; optionally close in the source. A rerun
// picks the account up at the step its journal last completed.
import { failedOutcome, skipped, type AccountOutcome, type TransferContext, type TransferUnit } from './context.ts';
import { reached, type AccountHistory, type Attempt } from './journal.ts';
import { activateInDestination, checkAccount, closeInSource, copyContractStates, copyPrepaidBalances, importLocked, lockAndExport } from './steps.ts';
import { finishEarlierUndo, undoTransfer } from './undo.ts';

export async function transferAccount(unit: TransferUnit, ctx: TransferContext): Promise<AccountOutcome> {
  const history = ctx.journal.historyOf(unit.account);
  const stillPending = history.attempt && (await finishEarlierUndo(history.attempt, ctx));
  if (stillPending) return stillPending;
  const attempt = attemptToContinue(unit, history, ctx) ?? (await checkAccount(unit, history, ctx));
  if ('result' in attempt) return attempt;
  if (!reached(attempt, 'transferred')) {
    try {
      const data = await lockAndExport(attempt, ctx);
      await importLocked(attempt, data, ctx);
      await copyPrepaidBalances(attempt, data, ctx);
      await activateInDestination(attempt, ctx);
      await copyContractStates(attempt, data, ctx);
    } catch (failure) {
      return undoTransfer(attempt, failure, ctx);
    }
  }
  if (ctx.closeSource) {
    try {
      await closeInSource(attempt, ctx);
    } catch (failure) {
      // the account lives in the destination now: nothing to roll back, a rerun closes
      return failedOutcome(unit.account, 'sourceClosed', failure, { transferred: true });
    }
  }
  return { account: unit.account, result: 'transferred', roots: attempt.roots, sourceClosed: reached(attempt, 'sourceClosed') };
}

/**
 * The journal's attempt when this run continues it: one a crash interrupted, or
 * one transferred whose source is still to be closed. A transferred account is
 * skipped; a failed one (and roots `--contract` adds) gets a fresh attempt.
 */
function attemptToContinue(unit: TransferUnit, history: AccountHistory, ctx: TransferContext): Attempt | AccountOutcome | undefined {
  const attempt = history.attempt;
  if (!attempt || attempt.step === 'failed') return undefined;
  if (!reached(attempt, 'transferred')) return attempt;
  if ((unit.roots ?? []).some((root) => !history.transferredRoots.has(root))) return undefined;
  if (ctx.closeSource && !reached(attempt, 'sourceClosed')) return attempt;
  return skipped(unit.account, 'already transferred');
}
