// `convergent audit`: the audit log from the store, filtered like GET /api/v1/audit.
import { Command } from 'commander';
import { findAuditRecords, MAX_AUDIT_PAGE } from '../operations/audit.ts';
import { isWireDate } from '../model/values.ts';
import type { AuditFilter, AuditRecord } from '../store/port.ts';
import { action, UsageError, withStore } from './common.ts';

interface AuditOptions {
  user?: string;
  operation?: string;
  object?: string;
  from?: string;
  to?: string;
  limit: string;
  json?: boolean;
  db?: string;
}

const line = (r: AuditRecord): string =>
  [r.id, r.time, r.user, r.operation, r.outcome, r.errorCode ?? '-', r.channel, r.address ?? '-', r.objectIds.join(',') || '-', r.detail ?? ''].join('\t');

export function auditCommand(): Command {
  return new Command('audit')
    .description('print the audit log, newest last: id, time, user, operation, outcome, error code, channel, address, object ids, detail')
    .option('--user <name>', 'records of this user')
    .option('--operation <name>', 'records of this operation')
    .option('--object <id>', 'records naming this object id')
    .option('--from <date>', 'from this time on (YYYY-MM-DDThh:mm:ss, inclusive)')
    .option('--to <date>', 'before this time (exclusive)')
    .option('--limit <n>', 'at most this many of the newest records', '100')
    .option('--json', 'one JSON record per line')
    .option('--db <url>', 'SQLite file or postgres:// URL')
    .action(
      action(async (options: AuditOptions) => {
        const limit = Number(options.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > MAX_AUDIT_PAGE) throw new UsageError(`--limit must be 1 to ${MAX_AUDIT_PAGE}`);
        for (const bound of [options.from, options.to]) {
          if (bound !== undefined && !isWireDate(bound)) throw new UsageError(`not a date YYYY-MM-DDThh:mm:ss: ${bound}`);
        }
        const filter: AuditFilter = { user: options.user, operation: options.operation, objectId: options.object, from: options.from, to: options.to };
        const page = await withStore(options.db, (store) => findAuditRecords(store, filter, undefined, limit, 'desc'));
        for (const record of page.rows.reverse()) process.stdout.write(`${options.json ? JSON.stringify(record) : line(record)}\n`);
      }),
    );
}
