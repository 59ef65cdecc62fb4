// `convergent audit`: the audit log from the store, filtered like GET /api/v1/audit.
import { Command } from 'commander';
import { auditQuery, findAuditRecords, type AuditQueryText } from '../operations/audit.ts';
import { ChargingError } from '../model/errors.ts';
import type { AuditRecord } from '../store/port.ts';
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

/** How the options are spelled, for the refusal of a wrong one. */
const OPTION_OF: Partial<Record<keyof AuditQueryText, string>> = { object_id: '--object', page_size: '--limit' };

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
        // the same check as GET /api/v1/audit's, the newest records first
        const asked = auditQuery(
          { user: options.user, operation: options.operation, object_id: options.object, from: options.from, to: options.to, order: 'desc', page_size: options.limit },
          (field) => OPTION_OF[field] ?? `--${field}`,
        );
        if (asked instanceof ChargingError) throw new UsageError(asked.message);
        const page = await withStore(options.db, (store) => findAuditRecords(store, asked.filter, undefined, asked.size, asked.order));
        for (const record of page.rows.reverse()) process.stdout.write(`${options.json ? JSON.stringify(record) : line(record)}\n`);
      }),
    );
}
