// Users and the catalog: small system tables.
import type { CatalogRepository, StoredCatalog, StoredUser, UserRepository } from '../port.ts';
import type { SqlSession } from './session.ts';

interface UserRow {
  name: string;
  password_hash: string;
  roles: string;
  created_at: string;
}

const toUser = (row: UserRow): StoredUser => ({ name: row.name, passwordHash: row.password_hash, roles: JSON.parse(row.roles), createdAt: row.created_at });

export class SqlUserRepository implements UserRepository {
  private readonly db: SqlSession;

  constructor(db: SqlSession) {
    this.db = db;
  }

  async get(name: string): Promise<StoredUser | undefined> {
    const row = await this.db.get<UserRow>('SELECT name, password_hash, roles, created_at FROM app_user WHERE name = ?', [name]);
    return row && toUser(row);
  }

  async put(user: StoredUser): Promise<void> {
    await this.db.run(
      `INSERT INTO app_user (name, password_hash, roles, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET password_hash = excluded.password_hash, roles = excluded.roles`,
      [user.name, user.passwordHash, JSON.stringify(user.roles), user.createdAt],
    );
  }

  async delete(name: string): Promise<boolean> {
    return (await this.db.run('DELETE FROM app_user WHERE name = ?', [name])) > 0;
  }

  async list(): Promise<StoredUser[]> {
    return (await this.db.all<UserRow>('SELECT name, password_hash, roles, created_at FROM app_user ORDER BY name')).map(toUser);
  }

  async count(): Promise<number> {
    const row = await this.db.get<{ n: number | string }>('SELECT COUNT(*) AS n FROM app_user');
    return Number(row?.n ?? 0);
  }
}

export class SqlCatalogRepository implements CatalogRepository {
  private readonly db: SqlSession;

  constructor(db: SqlSession) {
    this.db = db;
  }

  async get(): Promise<StoredCatalog | undefined> {
    const row = await this.db.get<{ doc: string; fingerprint: string; loaded_at: string }>('SELECT doc, fingerprint, loaded_at FROM catalog WHERE slot = 1');
    return row && { json: row.doc, fingerprint: row.fingerprint, loadedAt: row.loaded_at };
  }

  async put(catalog: StoredCatalog): Promise<void> {
    await this.db.run(
      `INSERT INTO catalog (slot, fingerprint, doc, loaded_at) VALUES (1, ?, ?, ?)
       ON CONFLICT (slot) DO UPDATE SET fingerprint = excluded.fingerprint, doc = excluded.doc, loaded_at = excluded.loaded_at`,
      [catalog.fingerprint, catalog.json, catalog.loadedAt],
    );
  }
}
