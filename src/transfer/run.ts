// A transfer run: the catalogs compared before anything is touched, the journal
// opened, the accounts transferred a few at a time, and the report of what became
// of each. New accounts stop starting once a server is gone or the run is stopped;
// those already started finish or roll back.
import { Catalog } from '../model/catalog.ts';
import { ChargingError } from '../model/errors.ts';
import { catalogDifferences } from './catalogs.ts';
import { failedOutcome, skipped, type AccountOutcome, type TransferContext, type TransferUnit } from './context.ts';
import { ConvergentApi } from './convergentApi.ts';
import { Journal } from './journal.ts';
import { RemoteServer, type Credentials, type RemoteOptions } from './remote.ts';
import { transferAccount } from './transferAccount.ts';

export type Selection = { accounts: string[] } | { contracts: string[] };

export interface TransferRequest {
  from: string;
  to: string;
  sourceCredentials: Credentials;
  destinationCredentials: Credentials;
  selection: Selection;
  journalPath: string;
  closeSource: boolean;
  /** accounts in flight at once */
  parallel: number;
  /** called as each account ends, for progress */
  onOutcome?: (outcome: AccountOutcome) => void;
  /** once aborted, no further account starts */
  stop?: AbortSignal;
  remote?: RemoteOptions;
}

export interface TransferReport {
  from: string;
  to: string;
  startedAt: string;
  finishedAt: string;
  seconds: number;
  accounts: number;
  transferred: Array<Extract<AccountOutcome, { result: 'transferred' }>>;
  failed: Array<Extract<AccountOutcome, { result: 'failed' }>>;
  skipped: Array<Extract<AccountOutcome, { result: 'skipped' }>>;
}

export async function runTransfer(request: TransferRequest): Promise<TransferReport> {
  const started = new Date();
  const source = new ConvergentApi(new RemoteServer(request.from, 'source', request.sourceCredentials, request.remote));
  const destination = new ConvergentApi(new RemoteServer(request.to, 'destination', request.destinationCredentials, request.remote));
  // a journal of other servers is refused before either server is asked anything
  const journal = await Journal.open(request.journalPath, source.url, destination.url);
  try {
    const catalog = await sameCatalog(source, destination);
    const ctx: TransferContext = { source, destination, journal, catalog, closeSource: request.closeSource, balanceReason: `contract transfer from ${source.url}` };
    const { units, unresolved } = await unitsOf(request.selection, source);
    unresolved.forEach((outcome) => request.onOutcome?.(outcome));
    const outcomes = await inPool(units, request.parallel, async (unit) => {
      const outcome = notStarted(unit, ctx, request.stop) ?? (await transferAccount(unit, ctx).catch((error) => failedOutcome(unit.account, journal.historyOf(unit.account).attempt?.step ?? 'checked', error)));
      request.onOutcome?.(outcome);
      return outcome;
    });
    return reportOf(request, started, [...unresolved, ...outcomes]);
  } finally {
    await journal.close();
  }
}

/** Both catalogs, compared by fingerprint; TRANSFER-100 names every part that differs. */
async function sameCatalog(source: ConvergentApi, destination: ConvergentApi): Promise<Catalog> {
  const [ours, theirs] = await Promise.all([source.catalog(), destination.catalog()]);
  if (ours.fingerprint !== theirs.fingerprint) {
    const lines = catalogDifferences(ours.catalog, theirs.catalog).map((line) => `\n  ${line}`);
    throw new ChargingError('TRANSFER-100', `source ${ours.fingerprint.slice(0, 12)}…, destination ${theirs.fingerprint.slice(0, 12)}…${lines.join('')}`);
  }
  return Catalog.fromDocument(ours.catalog);
}

/** Accounts as given (each once), or the roots given grouped by their account in the source. */
async function unitsOf(selection: Selection, source: ConvergentApi): Promise<{ units: TransferUnit[]; unresolved: AccountOutcome[] }> {
  if ('accounts' in selection) return { units: [...new Set(selection.accounts)].map((account) => ({ account })), unresolved: [] };
  const byAccount = new Map<string, string[]>();
  const unresolved: AccountOutcome[] = [];
  for (const id of new Set(selection.contracts)) {
    try {
      const contract = await source.contract(id);
      if (contract.rootChargingContractId !== undefined) throw new ChargingError('TRANSFER-104', `${id} is linked to ${contract.rootChargingContractId}`);
      byAccount.set(contract.subscriberAccountId, [...(byAccount.get(contract.subscriberAccountId) ?? []), id]);
    } catch (error) {
      // reported under the contract id: its account is not known
      unresolved.push(failedOutcome(id, 'checked', error));
    }
  }
  return { units: [...byAccount].map(([account, roots]) => ({ account, roots })), unresolved };
}

/** Why an account is not started: the run was stopped, or a server cannot be used any more. */
function notStarted(unit: TransferUnit, ctx: TransferContext, stop: AbortSignal | undefined): AccountOutcome | undefined {
  if (stop?.aborted) return skipped(unit.account, 'not started: the run was stopped');
  const gone = ctx.source.server.unusable ?? ctx.destination.server.unusable;
  if (!gone) return undefined;
  return { account: unit.account, result: 'failed', step: 'checked', code: gone.code, category: gone.category, message: gone.message, notStarted: true };
}

/** `work` on every item, at most `size` at a time; results in item order. */
async function inPool<T, R>(items: T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(size, items.length)) }, worker));
  return results;
}

function reportOf(request: TransferRequest, started: Date, outcomes: AccountOutcome[]): TransferReport {
  const finished = new Date();
  const of = <K extends AccountOutcome['result']>(result: K) => outcomes.filter((outcome): outcome is Extract<AccountOutcome, { result: K }> => outcome.result === result);
  return {
    from: request.from,
    to: request.to,
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    seconds: (finished.getTime() - started.getTime()) / 1000,
    accounts: outcomes.length,
    transferred: of('transferred'),
    failed: of('failed'),
    skipped: of('skipped'),
  };
}
