// The transfer journal: an append-only NDJSON file of {account, step, at, …}, each
// line on disk (fsync) before the next step of its account starts, so that a rerun
// after a crash continues every account from its last completed step. Lines of
// accounts running side by side share one write and one fsync (group commit).
import { existsSync, readFileSync, truncateSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import type { Side } from './remote.ts';

/** The steps of a transfer, in order; each is recorded once it is complete. */
export const STEPS = ['checked', 'locked', 'imported', 'balancesSet', 'activated', 'transferred', 'sourceClosed'] as const;
export type TransferStep = (typeof STEPS)[number];
/** `undoing`: a failure is being rolled back; `failed`: rolled back, `pending` what could not be. */
export type Step = TransferStep | 'undoing' | 'failed';

/** Ids of what a subscriber account holds (or an import creates) in the destination. */
export interface HeldObjects {
  subscriberAccount: boolean;
  externalAccounts: string[];
  prepaidAccounts: string[];
  mappingTables: string[];
  rangeTables: string[];
  contracts: string[];
}

export interface JournalEntry {
  account: string;
  step: Step;
  at: string;
  /** checked: the root contracts this attempt transfers */
  roots?: string[];
  /** checked: what the destination held of the account before the import */
  preexisting?: HeldObjects;
  /** locked: what the import creates in the destination (and an undo removes) */
  creates?: HeldObjects;
  /** undoing, failed */
  code?: string;
  category?: string;
  message?: string;
  /** failed: what the undo could not do yet (the side that was unreachable) */
  pending?: Side[];
}

/** The latest attempt at an account, as far as the journal knows it. */
export interface Attempt {
  account: string;
  roots: string[];
  preexisting: HeldObjects;
  creates?: HeldObjects;
  step: Step;
  /** undoing, failed: why */
  failure?: { code: string; category: string; message: string };
  pending?: Side[];
}

export interface AccountHistory {
  attempt?: Attempt;
  /** roots transferred by any attempt so far */
  transferredRoots: Set<string>;
}

export const reached = (attempt: Attempt, step: TransferStep): boolean => STEPS.indexOf(attempt.step as TransferStep) >= STEPS.indexOf(step);

const HEADER = 'convergent transfer journal';

interface Header {
  journal: typeof HEADER;
  from: string;
  to: string;
}

export class JournalMismatch extends Error {}

/** Folds the entries of one account, in order, into its history. */
export function foldEntry(history: AccountHistory, entry: JournalEntry): void {
  if (entry.step === 'checked') {
    history.attempt = { account: entry.account, roots: entry.roots ?? [], preexisting: entry.preexisting ?? emptyHeld(), step: 'checked' };
    return;
  }
  const attempt = history.attempt;
  if (!attempt) return;
  attempt.step = entry.step;
  if (entry.creates) attempt.creates = entry.creates;
  if (entry.code !== undefined) attempt.failure = { code: entry.code, category: entry.category ?? '', message: entry.message ?? '' };
  if (entry.step === 'failed') attempt.pending = entry.pending?.length ? entry.pending : undefined;
  if (entry.step === 'transferred') for (const root of attempt.roots) history.transferredRoots.add(root);
}

export const emptyHeld = (): HeldObjects => ({ subscriberAccount: false, externalAccounts: [], prepaidAccounts: [], mappingTables: [], rangeTables: [], contracts: [] });

export class Journal {
  readonly path: string;
  readonly histories = new Map<string, AccountHistory>();
  private file: FileHandle | undefined;
  private pending: string[] = [];
  private waiters: Array<{ resolve: () => void; reject: (error: unknown) => void }> = [];
  private flushing: Promise<void> | undefined;

  private constructor(path: string) {
    this.path = path;
  }

  /**
   * Opens the journal of a transfer from `from` to `to`, reading what it holds; a
   * journal of another pair of servers is refused. A last line cut by a crash is
   * dropped: its step was never confirmed, and every step can be redone.
   */
  static async open(path: string, from: string, to: string): Promise<Journal> {
    const journal = new Journal(path);
    if (existsSync(path)) {
      journal.read(readFileSync(path, 'utf8'), from, to);
    }
    journal.file = await open(path, 'a');
    if ((await journal.file.stat()).size === 0) await journal.writeDurably(`${JSON.stringify({ journal: HEADER, from, to } satisfies Header)}\n`);
    return journal;
  }

  private read(text: string, from: string, to: string): void {
    const complete = text.lastIndexOf('\n') + 1;
    if (complete < text.length) truncateSync(this.path, Buffer.byteLength(text.slice(0, complete)));
    const lines = text.slice(0, complete).split('\n').filter((line) => line.trim() !== '');
    if (!lines.length) return;
    const header = parseLine<Header>(lines[0], this.path, 1);
    if (header.journal !== HEADER) throw new JournalMismatch(`${this.path} is not a transfer journal`);
    if (header.from !== from || header.to !== to) {
      throw new JournalMismatch(`${this.path} is the journal of a transfer from ${header.from} to ${header.to}; give another --journal`);
    }
    lines.slice(1).forEach((line, index) => {
      const entry = parseLine<JournalEntry>(line, this.path, index + 2);
      foldEntry(this.historyOf(entry.account), entry);
    });
  }

  historyOf(account: string): AccountHistory {
    let history = this.histories.get(account);
    if (!history) {
      history = { transferredRoots: new Set() };
      this.histories.set(account, history);
    }
    return history;
  }

  /** Records a step; resolves once the line is on disk. */
  record(entry: Omit<JournalEntry, 'at'>): Promise<void> {
    const { account, step, ...facts } = entry;
    const line = JSON.stringify({ account, step, at: new Date().toISOString(), ...facts });
    foldEntry(this.historyOf(entry.account), JSON.parse(line) as JournalEntry);
    return new Promise((resolve, reject) => {
      this.pending.push(`${line}\n`);
      this.waiters.push({ resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  /** Writes and syncs what is waiting, again while more arrived during the last sync. */
  private async flush(): Promise<void> {
    while (this.pending.length) {
      const text = this.pending.join('');
      const waiters = this.waiters;
      this.pending = [];
      this.waiters = [];
      try {
        await this.writeDurably(text);
        for (const waiter of waiters) waiter.resolve();
      } catch (error) {
        for (const waiter of waiters) waiter.reject(error);
      }
    }
    this.flushing = undefined;
  }

  private async writeDurably(text: string): Promise<void> {
    await this.file!.write(text);
    await this.file!.datasync();
  }

  async close(): Promise<void> {
    await this.flushing;
    await this.file?.close();
    this.file = undefined;
  }
}

function parseLine<T>(line: string, path: string, number: number): T {
  try {
    return JSON.parse(line) as T;
  } catch {
    throw new JournalMismatch(`${path}:${number}: not a journal line`);
  }
}
