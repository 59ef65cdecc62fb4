// `convergent serve`: serve every endpoint on the store `--db` names.
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { action, dbOf, UsageError } from './common.ts';

interface ServeOptions {
  port?: string;
  host?: string;
  db?: string;
  catalog?: string;
  tlsCert?: string;
  tlsKey?: string;
  idempotencyTtl?: string;
  jobMaxBytes?: string;
}

/** CONVERGENT_TRUST_PROXY: `true`, or the proxies' addresses/CIDRs separated by commas. */
function trustProxyOf(value: string | undefined): boolean | string[] | undefined {
  if (value === undefined || value === '' || value === 'false') return undefined;
  if (value === 'true') return true;
  return value.split(',').map((part) => part.trim());
}

const BYTE_UNITS: Record<string, number> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4 };

/** A size in bytes: digits, optionally followed by K, M, G or T (powers of 1024); undefined when it is not one. */
export function bytesOf(text: string): number | undefined {
  const match = /^(\d+)([KMGT]?)$/i.exec(text.trim());
  if (!match) return undefined;
  const bytes = Number(match[1]) * BYTE_UNITS[match[2].toUpperCase()];
  return Number.isSafeInteger(bytes) && bytes > 0 ? bytes : undefined;
}

export function serveCommand(): Command {
  return new Command('serve')
    .description('serve SOAP, JSON and the console')
    .option('--port <port>', 'port (CONVERGENT_PORT, default 8080)')
    .option('--host <host>', 'address to listen on (default 127.0.0.1)')
    .option('--db <url>', 'SQLite file or postgres:// URL (CONVERGENT_DB, default ./data/convergent.db)')
    .option('--catalog <file>', 'catalog to load at start (CONVERGENT_CATALOG; default: the stored one, else the sample)')
    .option('--tls-cert <file>', 'certificate (PEM) to serve HTTPS')
    .option('--tls-key <file>', 'private key (PEM) to serve HTTPS')
    .option('--idempotency-ttl <hours>', 'how long a response to an Idempotency-Key is replayed (CONVERGENT_IDEMPOTENCY_TTL, default 24)')
    .option('--job-max-bytes <bytes>', 'the largest import job upload, in bytes or with K, M, G, T (CONVERGENT_JOB_MAX_BYTES, default 16G)')
    .action(
      action(async (options: ServeOptions) => {
        const port = Number(options.port ?? process.env.CONVERGENT_PORT ?? 8080);
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`not a port: ${options.port}`);
        if (Boolean(options.tlsCert) !== Boolean(options.tlsKey)) throw new UsageError('--tls-cert and --tls-key go together');
        const ttlHours = Number(options.idempotencyTtl ?? process.env.CONVERGENT_IDEMPOTENCY_TTL ?? 24);
        if (!(ttlHours > 0 && ttlHours <= 24 * 365)) throw new UsageError(`--idempotency-ttl must be hours, more than 0: ${options.idempotencyTtl}`);
        const jobMaxText = options.jobMaxBytes ?? (process.env.CONVERGENT_JOB_MAX_BYTES || undefined);
        const jobMaxBytes = jobMaxText === undefined ? undefined : bytesOf(jobMaxText);
        if (jobMaxText !== undefined && jobMaxBytes === undefined) throw new UsageError(`--job-max-bytes must be bytes, more than 0, optionally with K, M, G or T: ${jobMaxText}`);
        // loaded here so that the other commands do not carry the server's modules
        const { startConvergent } = await import('../app.ts');
        const running = await startConvergent({
          db: dbOf(options.db),
          catalogFile: options.catalog ?? process.env.CONVERGENT_CATALOG,
          port,
          host: options.host ?? process.env.CONVERGENT_HOST,
          logger: { level: process.env.CONVERGENT_LOG_LEVEL ?? 'info' },
          adminPassword: process.env.CONVERGENT_ADMIN_PASSWORD,
          dataDir: process.env.CONVERGENT_DATA_DIR,
          https: options.tlsCert ? { cert: readFileSync(options.tlsCert), key: readFileSync(options.tlsKey!) } : undefined,
          idempotency: { ttlMs: ttlHours * 3600_000 },
          trustProxy: trustProxyOf(process.env.CONVERGENT_TRUST_PROXY),
          jobMaxBytes,
        });
        const stop = async () => {
          await running.close();
          process.exit(0);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      }),
    );
}
