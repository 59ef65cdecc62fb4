// Bearer tokens (SPEC 3.5): `convergent user token NAME` makes one and shows it
// once; the store keeps only its SHA-256 (a token has 256 random bits, so a fast
// hash is enough). A revoked token is refused at the next request.
import { createHash, randomBytes } from 'node:crypto';
import { ChargingError } from '../model/errors.ts';
import { wireNow } from '../model/values.ts';
import type { Store, StoredToken } from '../store/port.ts';
import { auditedWrite, commandLineSubject, type AuditSubject } from './audit.ts';

const TOKEN_PREFIX = 'cvt_';

export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface IssuedToken {
  id: string;
  /** shown once, never stored */
  token: string;
}

export async function issueToken(store: Store, user: string, description?: string, subject?: AuditSubject): Promise<IssuedToken> {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const stored: StoredToken = { id: randomBytes(6).toString('hex'), user, hash: tokenHash(token), createdAt: wireNow() };
  if (description !== undefined) stored.description = description;
  await auditedWrite(store, subject ?? commandLineSubject('userTokenIssue', 'SECURITY', [user, stored.id]), async (tx) => {
    if (!(await tx.users.get(user))) throw new ChargingError('CC-SEC-AUTH-103', user);
    await tx.tokens.put(stored);
  });
  return { id: stored.id, token };
}

export async function revokeToken(store: Store, id: string, subject?: AuditSubject): Promise<StoredToken> {
  return auditedWrite(store, subject ?? commandLineSubject('userTokenRevoke', 'SECURITY', [id]), async (tx) => {
    const token = await tx.tokens.get(id);
    if (!token || !(await tx.tokens.revoke(id, wireNow()))) throw new ChargingError('CC-SEC-AUTH-107', id);
    return token;
  });
}

/** Tokens of `user` (all users when undefined), without their hashes. */
export async function listTokens(store: Store, user?: string): Promise<Array<Omit<StoredToken, 'hash'>>> {
  const tokens = await store.read((tx) => tx.tokens.list(user));
  return tokens.map(({ hash: _hash, ...token }) => token);
}
