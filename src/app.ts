// Starting Convergent: open the store, settle the catalog, make sure an
// administrator exists, serve.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyServerOptions } from 'fastify';
import { openStore, isPostgresUrl, DEFAULT_DB } from './store/open.ts';
import type { Store } from './store/port.ts';
import { CatalogHolder, installCatalog, readCatalogFile, storedCatalog } from './operations/catalog.ts';
import { bootstrapAdmin } from './operations/users.ts';
import { buildServer, type Server, type ServerOptions } from './transport/server.ts';

export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SAMPLE_CATALOG = resolve(PACKAGE_ROOT, 'examples/catalog.json');

export interface StartOptions {
  db?: string;
  /** loaded into the store at start; else the stored catalog; else the sample catalog */
  catalogFile?: string;
  port?: number;
  host?: string;
  logger?: FastifyServerOptions['logger'];
  adminPassword?: string;
  dataDir?: string;
  bodyLimit?: number;
  https?: { cert: Buffer; key: Buffer };
  throttle?: ServerOptions['throttle'];
  idempotency?: ServerOptions['idempotency'];
  trustProxy?: ServerOptions['trustProxy'];
  jobMaxBytes?: ServerOptions['jobMaxBytes'];
}

export interface Running {
  url: string;
  store: Store;
  server: Server;
  close(): Promise<void>;
}

/** The data directory: CONVERGENT_DATA_DIR, else the SQLite file's folder, else ./data. */
export function dataDirOf(db: string, explicit?: string): string {
  if (explicit) return resolve(explicit);
  if (isPostgresUrl(db)) return resolve('data');
  return dirname(resolve(db));
}

export async function settleCatalog(store: Store, catalogFile: string | undefined): Promise<CatalogHolder> {
  if (catalogFile) {
    const catalog = readCatalogFile(catalogFile);
    await installCatalog(store, catalog, 'system');
    return new CatalogHolder(catalog);
  }
  const stored = await storedCatalog(store);
  if (stored) return new CatalogHolder(stored);
  const sample = readCatalogFile(SAMPLE_CATALOG);
  await installCatalog(store, sample, 'system');
  return new CatalogHolder(sample);
}

export async function startConvergent(options: StartOptions = {}): Promise<Running> {
  const db = options.db ?? DEFAULT_DB;
  const store = await openStore(db);
  try {
    const catalogs = await settleCatalog(store, options.catalogFile);
    const dataDir = dataDirOf(db, options.dataDir);
    const { logger, bodyLimit, https, throttle, idempotency, trustProxy, jobMaxBytes } = options;
    const server = buildServer({ store, catalogs, logger, bodyLimit, https, throttle, idempotency, trustProxy, dataDir, jobMaxBytes });
    await server.jobs.recover();
    const boot = await bootstrapAdmin(store, dataDir, options.adminPassword);
    if (boot.passwordFile) server.app.log.warn(`created user admin; its password is in ${boot.passwordFile}`);
    else if (boot.created) server.app.log.info('created user admin with the password of CONVERGENT_ADMIN_PASSWORD');
    const address = await server.app.listen({ port: options.port ?? 8080, host: options.host ?? '127.0.0.1' });
    return {
      url: address,
      store,
      server,
      close: async () => {
        await server.app.close();
        await server.jobs.close();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
