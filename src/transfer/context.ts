// What one account's transfer works with (the two servers, the journal, the shared
// catalog, the options) and what it ends as: transferred, skipped or failed.
import type { Catalog } from '../model/catalog.ts';
import { isChargingError } from '../model/errors.ts';
import { CODES } from '../model/codes.ts';
import type { ConvergentApi } from './convergentApi.ts';
import type { Journal, Step } from './journal.ts';
import { RemoteFailure, type Side } from './remote.ts';

export interface TransferContext {
  source: ConvergentApi;
  destination: ConvergentApi;
  journal: Journal;
  /** the catalog both systems hold */
  catalog: Catalog;
  closeSource: boolean;
  /** the reason each prepaid balance set records */
  balanceReason: string;
}

/** One account to transfer: all its contracts that are not closed, or (`--contract`) the given roots. */
export interface TransferUnit {
  account: string;
  roots?: string[];
}

export interface FailureFacts {
  code: string;
  category: string;
  message: string;
  /** the server that failed did not answer */
  unreachable: boolean;
  side?: Side;
}

export type AccountOutcome =
  | { account: string; result: 'transferred'; roots: string[]; sourceClosed: boolean }
  | { account: string; result: 'skipped'; reason: string }
  | {
      account: string;
      result: 'failed';
      /** the step that failed */
      step: Step;
      code: string;
      category: string;
      message: string;
      /** what the roll-back could not do yet; a rerun with the journal does it */
      pending?: Side[];
      /** the account is in the destination; only closing it in the source failed */
      transferred?: boolean;
      /** nothing was done: a server had gone before its turn came */
      notStarted?: boolean;
    };

/** The code, category and message of anything a step throws. */
export function failureFacts(error: unknown): FailureFacts {
  if (error instanceof RemoteFailure) return { code: error.code, category: error.category, message: error.message, unreachable: error.unreachable, side: error.side };
  if (isChargingError(error)) return { code: error.code, category: error.category, message: error.message, unreachable: false };
  return { code: 'TRANSFER-105', category: CODES['TRANSFER-105'].category, message: (error as Error)?.stack ?? String(error), unreachable: false };
}

export function failedOutcome(account: string, step: Step, error: unknown, extra: { pending?: Side[]; transferred?: boolean } = {}): AccountOutcome {
  const { code, category, message } = failureFacts(error);
  return { account, result: 'failed', step, code, category, message, ...(extra.pending?.length ? { pending: extra.pending } : {}), ...(extra.transferred ? { transferred: true } : {}) };
}

export const skipped = (account: string, reason: string): AccountOutcome => ({ account, result: 'skipped', reason });
