// `convergent import FILE...` and `convergent export`: bulk customer data files
// (SPEC 8) on the store directly, with a progress bar on a terminal (periodic
// lines otherwise) and a summary at the end.
import { statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { setFlagsFromString } from 'node:v8';
import { Command, Option } from 'commander';
import { importStatus, IMPORT_OBJECT_TYPES, type ImportSummary } from '../model/customerDataImport.ts';
import { openChunks } from '../bulk/files.ts';
import { Progress } from '../bulk/progress.ts';
import { importCustomerFile, type BulkMode, type FileImportResult, type RecordFailure } from '../bulk/customerImport.ts';
import { FAILURES_SHOWN, failureLines } from '../bulk/importer.ts';
import { exportCustomers, type ExportSelection } from '../bulk/customerExport.ts';
import { customerFileKind, customerWriter, formatOfName, type CustomerFileFormat } from '../bulk/customerFiles.ts';
import { action, EXIT_FAILURE, UsageError, withStore } from './common.ts';

interface ImportCliOptions {
  mode: BulkMode;
  status: 'active' | 'locked';
  onExistingTable: 'reject' | 'overwrite';
  db?: string;
}

/** Records in a file, for the bar's total on a terminal: its lines for NDJSON; unknown (no count first) for XML. */
async function countRecords(path: string): Promise<number | undefined> {
  if ((await customerFileKind(path)).format === 'xml') return undefined;
  let lines = 0;
  for await (const _ of createInterface({ input: openChunks(path), crlfDelay: Infinity })) lines++;
  return lines;
}

const summaryLine = (summary: ImportSummary, key: 'created' | 'unchanged' | 'replaced'): string =>
  IMPORT_OBJECT_TYPES.filter((type) => summary[type][key] !== undefined)
    .map((type) => `${type} ${summary[type][key]}`)
    .join(', ');

/** A file the command cannot read is a usage error, said before anything is imported. */
function readableFile(file: string): void {
  let stats;
  try {
    stats = statSync(file);
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  if (!stats.isFile()) throw new UsageError(`cannot read ${file}: not a file`);
}

function report(result: FileImportResult, seconds: number): string {
  const rate = seconds > 0 ? Math.round(result.records / seconds) : result.records;
  const lines = [`${result.file}: ${result.records} records, ${result.imported} imported, ${result.failed} failed in ${seconds.toFixed(1)} s (${rate}/s)`];
  if (result.failure) {
    const { line, code, message } = result.failure;
    lines.push(`  nothing imported (bundle): line ${line}: ${code}: ${message}`);
  } else {
    for (const key of ['created', 'unchanged', 'replaced'] as const) lines.push(`  ${key}: ${summaryLine(result.summary, key)}`);
  }
  if (result.failuresFile) lines.push(`  failures with line numbers and codes in ${result.failuresFile}; fix them and import that file`);
  return `${lines.join('\n')}\n`;
}

export function importCommand(): Command {
  return new Command('import')
    .description(
      'import customer data files: NDJSON of customerData or XML (a customerDataImportRequest of many customerData), gzip or not, recognised by their content; bundle: each file whole or nothing; mass: each customer alone',
    )
    .argument('<file...>', 'customer data files')
    .addOption(new Option('--mode <mode>', 'bundle (the whole file or nothing) or mass (each customer alone)').choices(['bundle', 'mass']).default('bundle'))
    .addOption(new Option('--status <status>', 'operational status of the root contracts created').choices(['active', 'locked']).default('locked'))
    .addOption(new Option('--on-existing-table <what>', 'a table that exists with other content').choices(['reject', 'overwrite']).default('reject'))
    .option('--db <url>', 'SQLite file or postgres:// URL')
    .action(
      action(async (files: string[], options: ImportCliOptions) => {
        let failed = 0;
        files.forEach(readableFile);
        await withStore(options.db, async (store) => {
          const { settleCatalog } = await import('../app.ts');
          const catalog = (await settleCatalog(store, undefined)).current()!;
          const importOptions = { mode: options.mode, status: importStatus(options.status), onAlreadyExistingTable: options.onExistingTable };
          for (const file of files) {
            const progress = new Progress(`import ${file}`, process.stderr.isTTY ? await countRecords(file) : undefined);
            const first: RecordFailure[] = [];
            const listener = { progress: (done: number, bad: number) => progress.advance(done, bad), failure: (f: RecordFailure) => void (first.length < FAILURES_SHOWN && first.push(f)) };
            const result = await importCustomerFile(store, catalog, file, importOptions, listener);
            progress.stop();
            failed += result.failed;
            // the first failures as errors on the command line; all of them are in the failures file
            if (result.failed) process.stderr.write(`${failureLines(file, first, result.failed).join('\n')}\n`);
            process.stdout.write(report(result, progress.elapsedSeconds()));
          }
        });
        if (failed) process.exit(EXIT_FAILURE);
      }),
    );
}

interface ExportCliOptions {
  account?: string[];
  all?: boolean;
  out: string;
  format?: CustomerFileFormat;
  db?: string;
}

export function exportCommand(): Command {
  return new Command('export')
    .description('export customer data as NDJSON of customerData, or XML (a customerDataImportRequest), gzip when FILE ends in .gz; streamed')
    .option('--account <id...>', 'subscriber accounts to export')
    .option('--all', 'every subscriber account, in id order')
    .option('--out <file>', 'output file, - for stdout', '-')
    .addOption(new Option('--format <format>', 'file format (default: xml when FILE ends in .xml or .xml.gz, else ndjson)').choices(['ndjson', 'xml']))
    .option('--db <url>', 'SQLite file or postgres:// URL')
    .action(
      action(async (options: ExportCliOptions) => {
        if (Boolean(options.all) === Boolean(options.account?.length)) throw new UsageError('give either --all or --account ID...');
        // an export makes short-lived garbage only: a young generation that does not grow keeps memory flat
        setFlagsFromString('--semi-space-growth-factor=1');
        const selection: ExportSelection = options.all ? { all: true } : { accounts: options.account! };
        const writer = customerWriter(options.out, options.format ?? formatOfName(options.out));
        const progress = new Progress(`export`, undefined, { stream: options.out === '-' ? process.stderr : undefined });
        const count = await withStore(options.db, (store) => exportCustomers(store, selection, writer, (n) => progress.advance(n - progress.counts.done)));
        await writer.close();
        progress.stop();
        process.stderr.write(`exported ${count} customers in ${progress.elapsedSeconds().toFixed(1)} s\n`);
      }),
    );
}
