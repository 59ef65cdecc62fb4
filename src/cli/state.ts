// `convergent state import FILE [--mode bundle|mass]`: the contract state
// migration from an NDJSON file of chargingContractState, on the store directly,
// through the same rules as chargingContractStateChange.
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { Command, Option } from 'commander';
import { fail } from '../model/errors.ts';
import { storedCatalog } from '../operations/catalog.ts';
import { findOperation } from '../operations/registry.ts';
import { runInTransaction, type InvokeEnvironment } from '../operations/respond.ts';
import { commandLineUser } from '../operations/audit.ts';
import { IMPORT_MODES, reportOf, runImport, type ImportMode } from '../bulk/importer.ts';
import { Progress } from '../bulk/progress.ts';
import { action, EXIT_FAILURE, UsageError, withStore } from './common.ts';


export function stateCommand(): Command {
  const state = new Command('state').description('charging contract state: the counters migrated contracts start with');
  state
    .command('import <file>')
    .description(
      'set contract states from an NDJSON file of chargingContractState (gzip when it ends in .gz); ' +
        'failures go to <file>.errors.ndjson, which can be fixed and imported in turn',
    )
    .addOption(new Option('--mode <mode>', 'bundle: the whole file or nothing; mass: each record on its own, 1000 per transaction').choices(IMPORT_MODES).default('mass'))
    .option('--db <url>', 'SQLite file or postgres:// URL')
    .action(
      action(async (file: string, options: { mode: ImportMode; db?: string }) => {
        if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
        const summary = await withStore(options.db, async (store) => {
          const catalog = (await storedCatalog(store)) ?? fail('CATALOG-101', 'load one with: convergent catalog load FILE');
          const change = findOperation('contractstate', 'chargingContractStateChange')!;
          const env: InvokeEnvironment = { store, catalog: () => catalog };
          const progress = new Progress(`state import ${basename(file)}`, undefined);
          const user = commandLineUser();
          try {
            return await runImport({
              file,
              mode: options.mode,
              store,
              progress,
              audit: { user, operation: change.name, objectIdsOf: (record) => change.objectIds?.({ chargingContractState: record } as never) ?? [] },
              apply: async (record, tx) => void (await runInTransaction(change, { chargingContractState: record }, tx, env, user)),
            });
          } finally {
            progress.stop();
          }
        });
        const report = reportOf('state import', file, summary);
        if (report.errors.length) process.stderr.write(`${report.errors.join('\n')}\n`);
        process.stdout.write(`${report.summary.join('\n')}\n`);
        if (summary.failed) process.exitCode = EXIT_FAILURE;
      }),
    );
  return state;
}
