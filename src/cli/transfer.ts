// `convergent transfer --from URL --to URL (--account ID... | --contract ID... |
// --accounts-file F)`: contract transfer between two running servers (SPEC 7),
// with a journal to resume from, progress, a summary and a JSON report.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { Progress } from '../bulk/progress.ts';
import { JournalMismatch } from '../transfer/journal.ts';
import { RemoteFailure, type Credentials } from '../transfer/remote.ts';
import { runTransfer, type Selection, type TransferReport } from '../transfer/run.ts';
import { action, EXIT_FAILURE, UsageError } from './common.ts';

export const DEFAULT_JOURNAL = 'convergent-transfer.journal.ndjson';
const FAILURES_SHOWN = 20;

interface TransferCliOptions {
  from: string;
  to: string;
  account?: string[];
  contract?: string[];
  accountsFile?: string;
  closeSource?: boolean;
  user?: string;
  passwordFile?: string;
  fromUser?: string;
  fromPasswordFile?: string;
  toUser?: string;
  toPasswordFile?: string;
  journal: string;
  report?: string;
  parallel: string;
}

function readText(path: string, what: string): string {
  if (!existsSync(path)) throw new UsageError(`${what}: no such file: ${path}`);
  return readFileSync(path, 'utf8');
}

/** One server's user and password: its own options, else the shared ones. */
function credentialsOf(side: 'from' | 'to', options: TransferCliOptions): Credentials {
  const user = (side === 'from' ? options.fromUser : options.toUser) ?? options.user;
  const passwordFile = (side === 'from' ? options.fromPasswordFile : options.toPasswordFile) ?? options.passwordFile;
  if (!user || !passwordFile) throw new UsageError(`give --user and --password-file (or --${side}-user and --${side}-password-file)`);
  // the file holds the password, perhaps followed by a line end
  return { user, password: readText(passwordFile, 'password file').replace(/\r?\n$/, '') };
}

function selectionOf(options: TransferCliOptions): Selection {
  const given = [options.account?.length, options.contract?.length, options.accountsFile].filter(Boolean).length;
  if (given !== 1) throw new UsageError('give exactly one of --account ID..., --contract ID..., --accounts-file FILE');
  if (options.contract?.length) return { contracts: options.contract };
  if (options.account?.length) return { accounts: options.account };
  const accounts = readText(options.accountsFile!, '--accounts-file')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  return { accounts };
}

function summaryOf(report: TransferReport, journal: string): string {
  const rate = report.seconds > 0 ? Math.round(report.transferred.length / report.seconds) : report.transferred.length;
  const lines = [
    `transfer ${report.from} → ${report.to}: ${report.accounts} accounts: ${report.transferred.length} transferred, ${report.skipped.length} skipped, ${report.failed.length} failed in ${report.seconds.toFixed(1)} s (${rate} accounts/s)`,
  ];
  const started = report.failed.filter((failure) => !failure.notStarted);
  const notStarted = report.failed.filter((failure) => failure.notStarted);
  for (const failure of started.slice(0, FAILURES_SHOWN)) {
    const pending = failure.pending ? ` [roll-back pending on the ${failure.pending.join(' and ')}]` : '';
    const transferred = failure.transferred ? ' [transferred; closing in the source failed]' : '';
    lines.push(`  ${failure.account}: ${failure.step}: ${failure.code}: ${failure.message}${pending}${transferred}`);
  }
  if (started.length > FAILURES_SHOWN) lines.push(`  … ${started.length - FAILURES_SHOWN} more failures in the report`);
  if (notStarted.length) lines.push(`  ${notStarted.length} accounts not started: ${notStarted[0].code}: ${notStarted[0].message}`);
  if (report.failed.length) lines.push(`run the same command again to retry the failed accounts; the journal ${journal} says where each one stands`);
  return `${lines.join('\n')}\n`;
}

export function transferCommand(): Command {
  return new Command('transfer')
    .description('transfer charging contracts with their customer data, counters and balances from one running server to another (SPEC 7); resumable from its journal')
    .requiredOption('--from <url>', 'source server, e.g. http://cc-old:8080')
    .requiredOption('--to <url>', 'destination server')
    .option('--account <id...>', 'subscriber accounts: every charging contract that is not closed')
    .option('--contract <id...>', 'root charging contracts (with their linked contracts)')
    .option('--accounts-file <file>', 'subscriber account ids, one a line')
    .option('--close-source', 'close the transferred contracts in the source (else they stay locked)')
    .option('--user <name>', 'user on both servers (roles provisioning and migration)')
    .option('--password-file <file>', 'file holding that user\'s password')
    .option('--from-user <name>', 'user on the source, if not --user')
    .option('--from-password-file <file>', 'its password file')
    .option('--to-user <name>', 'user on the destination, if not --user')
    .option('--to-password-file <file>', 'its password file')
    .option('--journal <file>', 'journal to record progress in and resume from', DEFAULT_JOURNAL)
    .option('--report <file>', 'write the JSON report of transferred, failed and skipped accounts here (- for stdout)')
    .addOption(new Option('--parallel <n>', 'accounts transferred at once').default('8'))
    .action(
      action(async (options: TransferCliOptions) => {
        const parallel = Number(options.parallel);
        if (!Number.isSafeInteger(parallel) || parallel < 1 || parallel > 256) throw new UsageError(`--parallel must be an integer from 1 to 256: ${options.parallel}`);
        const selection = selectionOf(options);
        const sourceCredentials = credentialsOf('from', options);
        const destinationCredentials = credentialsOf('to', options);
        const stop = new AbortController();
        process.once('SIGINT', () => {
          process.stderr.write('\nstopping: no new account starts, those in flight finish; run again with the same journal to go on\n');
          stop.abort();
        });
        const total = 'accounts' in selection ? new Set(selection.accounts).size : undefined;
        const progress = new Progress('transfer', total);
        let report: TransferReport;
        try {
          report = await runTransfer({
            from: options.from,
            to: options.to,
            sourceCredentials,
            destinationCredentials,
            selection,
            journalPath: options.journal,
            closeSource: Boolean(options.closeSource),
            parallel,
            stop: stop.signal,
            onOutcome: (outcome) => progress.advance(1, outcome.result === 'failed' ? 1 : 0),
          });
        } catch (error) {
          if (error instanceof JournalMismatch) throw new UsageError(error.message);
          if (error instanceof RemoteFailure) {
            process.stderr.write(`convergent: ${error.code} (${error.category}): ${error.message}\n`);
            process.exit(EXIT_FAILURE);
          }
          throw error;
        } finally {
          progress.stop();
        }
        const json = `${JSON.stringify(report, null, 2)}\n`;
        if (options.report === '-') process.stdout.write(json);
        else if (options.report) writeFileSync(options.report, json);
        (options.report === '-' ? process.stderr : process.stdout).write(summaryOf(report, options.journal));
        if (report.failed.length) process.exitCode = EXIT_FAILURE;
      }),
    );
}
