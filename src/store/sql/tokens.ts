// Bearer tokens (only their SHA-256 is stored) and Idempotency-Keys with the
// response kept for each.
import type { IdempotencyRecord, IdempotencyRepository, StoredResponse, StoredToken, StoredUser, TokenRepository } from '../port.ts';
import type { SqlSession } from './session.ts';

interface TokenRow {
  id: string;
  user_name: string;
  token_hash: string;
  description: string | null;
  created_at: string;
  revoked_at: string | null;
}

function toToken(row: TokenRow): StoredToken {
  const token: StoredToken = { id: row.id, user: row.user_name, hash: row.token_hash, createdAt: row.created_at };
  if (row.description !== null) token.description = row.description;
  if (row.revoked_at !== null) token.revokedAt = row.revoked_at;
  return token;
}

const TOKEN_COLUMNS = 'id, user_name, token_hash, description, created_at, revoked_at';

export class SqlTokenRepository implements TokenRepository {
  private readonly db: SqlSession;

  constructor(db: SqlSession) {
    this.db = db;
  }

  async put(token: StoredToken): Promise<void> {
    await this.db.run(`INSERT INTO api_token (${TOKEN_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)`, [
      token.id,
      token.user,
      token.hash,
      token.description ?? null,
      token.createdAt,
      token.revokedAt ?? null,
    ]);
  }

  async userOf(hash: string): Promise<StoredUser | undefined> {
    const row = await this.db.get<{ name: string; password_hash: string; roles: string; created_at: string }>(
      `SELECT u.name, u.password_hash, u.roles, u.created_at FROM api_token t JOIN app_user u ON u.name = t.user_name
       WHERE t.token_hash = ? AND t.revoked_at IS NULL`,
      [hash],
    );
    return row && { name: row.name, passwordHash: row.password_hash, roles: JSON.parse(row.roles), createdAt: row.created_at };
  }

  async get(id: string): Promise<StoredToken | undefined> {
    const row = await this.db.get<TokenRow>(`SELECT ${TOKEN_COLUMNS} FROM api_token WHERE id = ?`, [id]);
    return row && toToken(row);
  }

  async list(user?: string): Promise<StoredToken[]> {
    const rows =
      user === undefined
        ? await this.db.all<TokenRow>(`SELECT ${TOKEN_COLUMNS} FROM api_token ORDER BY user_name, created_at, id`)
        : await this.db.all<TokenRow>(`SELECT ${TOKEN_COLUMNS} FROM api_token WHERE user_name = ? ORDER BY created_at, id`, [user]);
    return rows.map(toToken);
  }

  async revoke(id: string, at: string): Promise<boolean> {
    return (await this.db.run('UPDATE api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [at, id])) > 0;
  }

  async deleteOf(user: string): Promise<void> {
    await this.db.run('DELETE FROM api_token WHERE user_name = ?', [user]);
  }
}

interface IdempotencyRow {
  user_name: string;
  idem_key: string;
  request_hash: string;
  claim: string;
  created_at: number | string;
  expires_at: number | string;
  lease_until: number | string;
  status_code: number | null;
  content_type: string | null;
  body: string | null;
}

function toIdempotencyRecord(row: IdempotencyRow): IdempotencyRecord {
  const record: IdempotencyRecord = {
    user: row.user_name,
    key: row.idem_key,
    requestHash: row.request_hash,
    claim: row.claim,
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    leaseUntil: Number(row.lease_until),
  };
  if (row.status_code !== null) record.response = { status: Number(row.status_code), contentType: row.content_type!, body: row.body! };
  return record;
}

export class SqlIdempotencyRepository implements IdempotencyRepository {
  private readonly db: SqlSession;

  constructor(db: SqlSession) {
    this.db = db;
  }

  async get(user: string, key: string): Promise<IdempotencyRecord | undefined> {
    const row = await this.db.get<IdempotencyRow>('SELECT * FROM idempotency_key WHERE user_name = ? AND idem_key = ?', [user, key]);
    return row && toIdempotencyRecord(row);
  }

  async put(record: IdempotencyRecord): Promise<void> {
    await this.db.run(
      `INSERT INTO idempotency_key (user_name, idem_key, request_hash, claim, created_at, expires_at, lease_until, status_code, content_type, body)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (user_name, idem_key) DO UPDATE SET request_hash = excluded.request_hash, claim = excluded.claim,
         created_at = excluded.created_at, expires_at = excluded.expires_at, lease_until = excluded.lease_until,
         status_code = excluded.status_code, content_type = excluded.content_type, body = excluded.body`,
      [
        record.user,
        record.key,
        record.requestHash,
        record.claim,
        record.createdAt,
        record.expiresAt,
        record.leaseUntil,
        record.response?.status ?? null,
        record.response?.contentType ?? null,
        record.response?.body ?? null,
      ],
    );
  }

  async complete(user: string, key: string, claim: string, response: StoredResponse): Promise<boolean> {
    const changed = await this.db.run(
      'UPDATE idempotency_key SET status_code = ?, content_type = ?, body = ? WHERE user_name = ? AND idem_key = ? AND claim = ?',
      [response.status, response.contentType, response.body, user, key, claim],
    );
    return changed > 0;
  }

  async release(user: string, key: string, claim: string): Promise<void> {
    await this.db.run('DELETE FROM idempotency_key WHERE user_name = ? AND idem_key = ? AND claim = ? AND status_code IS NULL', [user, key, claim]);
  }

  async purge(now: number): Promise<number> {
    return this.db.run('DELETE FROM idempotency_key WHERE expires_at <= ?', [now]);
  }
}
