// `convergent catalog load FILE` and `convergent catalog show`.
import { Command } from 'commander';
import { installCatalog, readCatalogFile, storedCatalog } from '../operations/catalog.ts';
import { ChargingError } from '../model/errors.ts';
import { action, withStore } from './common.ts';

export function catalogCommand(): Command {
  const catalog = new Command('catalog').description('the charging catalog customer data refers to');
  catalog
    .command('load <file>')
    .description('validate a catalog file and make it the catalog of the store (a running server uses it after a restart)')
    .option('--db <url>', 'SQLite file or postgres:// URL')
    .action(
      action(async (file: string, options: { db?: string }) => {
        const loaded = readCatalogFile(file);
        await withStore(options.db, (store) => installCatalog(store, loaded));
        process.stdout.write(`loaded ${file}\nfingerprint ${loaded.fingerprint}\n`);
      }),
    );
  catalog
    .command('show')
    .description('print the catalog fingerprint and what the catalog holds')
    .option('--db <url>', 'SQLite file or postgres:// URL')
    .option('--json', 'print the catalog document')
    .action(
      action(async (options: { db?: string; json?: boolean }) => {
        const current = await withStore(options.db, (store) => storedCatalog(store));
        if (!current) throw new ChargingError('CATALOG-101');
        if (options.json) {
          process.stdout.write(`${JSON.stringify(current.document, null, 2)}\n`);
          return;
        }
        const d = current.document;
        const lines = [
          `fingerprint ${current.fingerprint}`,
          `id ${d.id ?? '-'}`,
          `currencies ${d.currencies.map((c) => c.code).join(' ')}`,
          `charge plans ${d.chargePlans.map((p) => p.id).join(' ')}`,
          `refill plans ${d.refillPlans.map((p) => p.id).join(' ')}`,
          `monitoring plans ${d.monitoringPlans.map((p) => p.id).join(' ')}`,
          `allowance plans ${d.allowancePlans.map((p) => p.id).join(' ')}`,
          `mapping table classes ${d.mappingTableClasses.map((c) => c.id).join(' ')}`,
          `range table classes ${d.rangeTableClasses.map((c) => c.id).join(' ')}`,
          `recharging ${current.rechargingEnabled ? 'on' : 'off'}`,
        ];
        process.stdout.write(`${lines.join('\n')}\n`);
      }),
    );
  return catalog;
}
