// The catalog in use: loaded from a file into the store (`catalog load`, or
// `serve --catalog`), read back from the store at start.
import { readFileSync } from 'node:fs';
import { Catalog } from '../model/catalog.ts';
import { ChargingError } from '../model/errors.ts';
import { wireNow } from '../model/values.ts';
import type { Store } from '../store/port.ts';
import { auditedWrite, commandLineSubject } from './audit.ts';

export class CatalogHolder {
  private catalog: Catalog | undefined;

  constructor(catalog?: Catalog) {
    this.catalog = catalog;
  }

  current(): Catalog | undefined {
    return this.catalog;
  }

  set(catalog: Catalog): void {
    this.catalog = catalog;
  }
}

export function readCatalogFile(path: string): Catalog {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ChargingError('CATALOG-100', `${path}: ${(error as Error).message}`);
  }
  try {
    return Catalog.fromJson(text);
  } catch (error) {
    if (error instanceof ChargingError) throw new ChargingError('CATALOG-100', `${path}: ${error.message}`);
    throw error;
  }
}

/** Stores `catalog` as the system's catalog; audited as `catalogLoad` by `user` (the command line's user when not said). */
export async function installCatalog(store: Store, catalog: Catalog, user?: string): Promise<void> {
  const subject = commandLineSubject('catalogLoad', 'CONFIGURATION', [catalog.fingerprint]);
  await auditedWrite(store, user === undefined ? subject : { ...subject, user }, (tx) =>
    tx.catalogs.put({ json: JSON.stringify(catalog.document), fingerprint: catalog.fingerprint, loadedAt: wireNow() }),
  );
}

export async function storedCatalog(store: Store): Promise<Catalog | undefined> {
  const stored = await store.read((tx) => tx.catalogs.get());
  return stored && Catalog.fromJson(stored.json);
}
