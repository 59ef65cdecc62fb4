// Users and roles (SPEC 3.5): scrypt-hashed passwords in the store, the bootstrap
// admin, and authentication with a short-lived cache (the last verified password per user) so that it
// is not hashed again on every request.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChargingError } from '../model/errors.ts';
import { wireNow } from '../model/values.ts';
import type { Store, StoredUser } from '../store/port.ts';
import { ROLES, type Role } from './operation.ts';
import { auditedWrite, commandLineSubject, recordFailure, recordSuccess, type Origin } from './audit.ts';
import { LoginThrottle, type ThrottleOptions } from './throttle.ts';
import { tokenHash } from './tokens.ts';

const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 };
const USER_NAME = /^[A-Za-z0-9._@-]{1,64}$/;
export const MIN_PASSWORD_LENGTH = 8;

function scrypt(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCb(password, salt, keylen, options, (error, key) => (error ? reject(error) : resolve(key))));
}

/** `scrypt$N$r$p$salt$hash`, base64 salt and hash. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt') return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return timingSafeEqual(key, expected);
}

export function isRole(name: string): name is Role {
  return (ROLES as readonly string[]).includes(name);
}

/**
 * Bumped by every user change made in this process, so that this process's
 * authenticators forget cached successes at once (other processes: within their TTL).
 */
let userGeneration = 0;
const usersChanged = (): void => {
  userGeneration++;
};

function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw new ChargingError('CC-SEC-AUTH-105');
}

export async function addUser(store: Store, name: string, roles: string[], password: string, subject = commandLineSubject('userAdd', 'SECURITY', [name])): Promise<StoredUser> {
  if (!USER_NAME.test(name)) throw new ChargingError('CC-SEC-AUTH-101', name);
  const unknown = roles.find((role) => !isRole(role));
  if (unknown !== undefined || roles.length === 0) throw new ChargingError('CC-SEC-AUTH-104', unknown ?? 'no role given');
  checkPassword(password);
  const user: StoredUser = { name, passwordHash: await hashPassword(password), roles: [...new Set(roles)], createdAt: wireNow() };
  await auditedWrite(store, subject, async (tx) => {
    if (await tx.users.get(name)) throw new ChargingError('CC-SEC-AUTH-102', name);
    await tx.users.put(user);
  });
  usersChanged();
  return user;
}

/** Removes the user and its tokens. */
export async function removeUser(store: Store, name: string, subject = commandLineSubject('userRemove', 'SECURITY', [name])): Promise<void> {
  await auditedWrite(store, subject, async (tx) => {
    if (!(await tx.users.delete(name))) throw new ChargingError('CC-SEC-AUTH-103', name);
    await tx.tokens.deleteOf(name);
  });
  usersChanged();
}

/** Sets a new password (rotation); the old one is refused from now on. */
export async function setPassword(store: Store, name: string, password: string, subject = commandLineSubject('userPasswordChange', 'SECURITY', [name])): Promise<void> {
  checkPassword(password);
  const passwordHash = await hashPassword(password);
  await auditedWrite(store, subject, async (tx) => {
    const user = await tx.users.get(name);
    if (!user) throw new ChargingError('CC-SEC-AUTH-103', name);
    await tx.users.put({ ...user, passwordHash });
  });
  usersChanged();
}

export async function listUsers(store: Store): Promise<Array<{ name: string; roles: string[]; createdAt: string }>> {
  const users = await store.read((tx) => tx.users.list());
  return users.map(({ name, roles, createdAt }) => ({ name, roles, createdAt }));
}

export interface BootstrapResult {
  created: boolean;
  /** where the generated password was written, when it was generated */
  passwordFile?: string;
}

/**
 * First start with no user: create `admin` with CONVERGENT_ADMIN_PASSWORD, or with a
 * random password written to `<dataDir>/initial-admin-password` (mode 0600).
 */
export async function bootstrapAdmin(store: Store, dataDir: string, adminPassword: string | undefined): Promise<BootstrapResult> {
  if ((await store.read((tx) => tx.users.count())) > 0) return { created: false };
  const generated = adminPassword === undefined || adminPassword === '';
  const password = generated ? randomBytes(18).toString('base64url') : adminPassword;
  const user: StoredUser = { name: 'admin', passwordHash: await hashPassword(password), roles: ['administrator'], createdAt: wireNow() };
  const created = await store.write(async (tx) => {
    if ((await tx.users.count()) > 0) return false;
    await tx.users.put(user);
    await recordSuccess(tx, { user: 'system', operation: 'userAdd', domain: 'SECURITY', objectIds: [user.name], origin: { channel: 'cli' } });
    return true;
  });
  if (!created || !generated) return { created };
  mkdirSync(dataDir, { recursive: true });
  const passwordFile = join(dataDir, 'initial-admin-password');
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  return { created, passwordFile };
}

export interface AuthenticatedUser {
  name: string;
  roles: readonly Role[];
}

const toAuthenticated = (stored: StoredUser): AuthenticatedUser => ({ name: stored.name, roles: stored.roles.filter(isRole) });

export interface AuthenticatorOptions {
  /** how long a verified user and password is remembered */
  ttlMs?: number;
  throttle?: Partial<ThrottleOptions>;
}

/**
 * Verifies user and password, or a bearer token. A verified password is remembered
 * for `ttlMs` so hot paths skip scrypt; a token is looked up every time, so a
 * revoked one is refused at once. A failure is audited and counted against its
 * address by the throttle.
 */
export class Authenticator {
  /** the last password verified for each user name, while it is fresh */
  private readonly cache = new Map<string, { password: string; user: AuthenticatedUser; expires: number }>();
  private readonly store: Store;
  private readonly ttlMs: number;
  private readonly throttle: LoginThrottle;
  private generation = userGeneration;

  constructor(store: Store, options: AuthenticatorOptions = {}) {
    this.store = store;
    this.ttlMs = options.ttlMs ?? 30_000;
    this.throttle = new LoginThrottle(options.throttle);
  }

  async authenticate(name: string, password: string, origin: Origin = UNKNOWN_ORIGIN): Promise<AuthenticatedUser | undefined> {
    const remembered = this.remembered(name, password);
    if (remembered) return remembered;
    await this.admit(origin);
    const stored = await this.store.read((tx) => tx.users.get(name));
    if (!stored || !(await verifyPassword(password, stored.passwordHash))) return this.failed(name, origin);
    const user = toAuthenticated(stored);
    if (this.cache.size >= MAX_CACHED_USERS && !this.cache.has(name)) this.cache.clear();
    this.cache.set(name, { password, user, expires: Date.now() + this.ttlMs });
    return user;
  }

  /** The user, when this password was verified for it within the TTL; without a turn of the event loop. */
  remembered(name: string, password: string): AuthenticatedUser | undefined {
    if (this.generation !== userGeneration) this.forget();
    const hit = this.cache.get(name);
    return hit !== undefined && hit.expires > Date.now() && sameSecret(hit.password, password) ? hit.user : undefined;
  }

  async authenticateToken(token: string, origin: Origin = UNKNOWN_ORIGIN): Promise<AuthenticatedUser | undefined> {
    await this.admit(origin);
    const stored = await this.store.read((tx) => tx.tokens.userOf(tokenHash(token)));
    return stored ? toAuthenticated(stored) : this.failed('(bearer token)', origin);
  }

  /** The seconds a client refused by the throttle should wait. */
  retryAfterSeconds(origin: Origin): number {
    return this.throttle.retryAfterSeconds(origin.address ?? '');
  }

  /** Forget every cached success. */
  forget(): void {
    this.cache.clear();
    this.generation = userGeneration;
  }

  private async admit(origin: Origin): Promise<void> {
    const wait = this.throttle.admit(origin.address ?? '');
    if (wait > 0) await sleep(wait);
  }

  private async failed(name: string, origin: Origin): Promise<undefined> {
    this.throttle.failed(origin.address ?? '');
    const refusal = new ChargingError('CC-SEC-AUTH-100', `as ${name}`);
    await recordFailure(this.store, { user: name.slice(0, 256), operation: 'authenticate', domain: 'SECURITY', objectIds: [], origin }, { errorCode: refusal.code, detail: refusal.message });
    return undefined;
  }
}

const UNKNOWN_ORIGIN: Origin = { channel: 'json' };

/** Entries of the authentication cache: only verified users get one, so this bounds it by the store's users. */
const MAX_CACHED_USERS = 10_000;

/**
 * Equal passwords? Every character is compared whatever the first difference, so
 * the time taken tells nothing of how much of a guess was right; only a length
 * that differs from the remembered password's answers sooner (docs/trust.md).
 */
function sameSecret(remembered: string, given: string): boolean {
  if (remembered.length !== given.length) return false;
  let difference = 0;
  for (let i = 0; i < remembered.length; i++) difference |= remembered.charCodeAt(i) ^ given.charCodeAt(i);
  return difference === 0;
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** May a user with `roles` invoke an operation open to `allowed`? Administrators may do everything. */
export function mayInvoke(roles: readonly Role[], allowed: readonly Role[]): boolean {
  return roles.includes('administrator') || roles.some((role) => allowed.includes(role));
}
