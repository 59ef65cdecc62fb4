// A real Convergent server on a random loopback port, on a fresh SQLite file or
// PostgreSQL schema, with users for each role; tests act through its HTTP API.
import { describe, before, after } from 'node:test';
import { startConvergent, type Running, type StartOptions } from '../../src/app.ts';
import { addUser } from '../../src/operations/users.ts';
import { ROLES, type Role } from '../../src/operations/operation.ts';
import { freshDatabase, PG_AVAILABLE, type StoreKind, type TestDatabase } from './stores.ts';

export const ADMIN_PASSWORD = 'admin-password-for-tests';
/** every role has a user of the same name with this password */
export const ROLE_PASSWORD = 'role-password-for-tests';

export interface CallResult<T = any> {
  status: number;
  body: T;
  /** the body as received */
  text: string;
  headers: Headers;
}

export interface CallOptions {
  user?: string;
  password?: string;
  /** send no Authorization header */
  anonymous?: boolean;
  /** authenticate with this bearer token instead of a password */
  bearer?: string;
  headers?: Record<string, string>;
}

/** Calls a Convergent server's HTTP API as one of the test users. */
export class ApiClient {
  readonly url: string;

  constructor(url: string) {
    this.url = url;
  }

  authorization(options: CallOptions = {}): Record<string, string> {
    if (options.anonymous) return {};
    if (options.bearer !== undefined) return { authorization: `Bearer ${options.bearer}` };
    const user = options.user ?? 'admin';
    const password = options.password ?? (user === 'admin' ? ADMIN_PASSWORD : ROLE_PASSWORD);
    return { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` };
  }

  async request<T = any>(method: string, path: string, body?: unknown, options: CallOptions = {}): Promise<CallResult<T>> {
    const headers: Record<string, string> = { ...this.authorization(options), ...options.headers };
    if (body !== undefined && typeof body !== 'string') headers['content-type'] = 'application/json';
    if (typeof body === 'string') headers['content-type'] ??= 'application/json';
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed as T, text, headers: response.headers };
  }

  /** `POST /api/v1/<service>/<operation>` */
  call<T = any>(service: string, operation: string, body: unknown, options: CallOptions = {}): Promise<CallResult<T>> {
    return this.request<T>('POST', `/api/v1/${service}/${operation}`, body, options);
  }
}

/** A server started in this process on a fresh database. */
export class TestServer extends ApiClient {
  readonly running: Running;
  readonly database: TestDatabase;

  constructor(running: Running, database: TestDatabase) {
    super(running.url);
    this.running = running;
    this.database = database;
  }

  async close(): Promise<void> {
    await this.running.close();
    await this.database.drop();
  }
}

/** What a suite may set on its server. */
export type TestServerOptions = Pick<StartOptions, 'catalogFile' | 'throttle' | 'idempotency' | 'https' | 'jobMaxBytes'>;

/** Login throttling off: for suites that fail authentication on purpose many times. */
export const NO_THROTTLE: StartOptions['throttle'] = { freeFailures: Number.POSITIVE_INFINITY };

export async function startTestServer(kind: StoreKind, options: TestServerOptions = {}): Promise<TestServer> {
  const database = await freshDatabase(kind);
  const running = await startConvergent({
    ...options,
    db: database.db,
    port: 0,
    host: '127.0.0.1',
    logger: false,
    adminPassword: ADMIN_PASSWORD,
    dataDir: database.dir,
  });
  for (const role of ROLES) await addUser(running.store, role, [role as Role], ROLE_PASSWORD);
  return new TestServer(running, database);
}

export const STORE_KINDS: StoreKind[] = ['sqlite', 'postgres'];

/**
 * Runs `suite` once per store, each with its own server: "[sqlite]" always,
 * "[postgres]" where PostgreSQL is reachable (skipped, and said so, elsewhere).
 */
export function describeOnStores(name: string, suite: (server: () => TestServer, kind: StoreKind) => void, options: TestServerOptions = {}): void {
  for (const kind of STORE_KINDS) {
    describe(`${name} [${kind}]`, () => {
      if (kind === 'postgres' && !PG_AVAILABLE) {
        describe('PostgreSQL unreachable', { skip: `no PostgreSQL at CONVERGENT_TEST_PG_URL` }, () => undefined);
        return;
      }
      let server: TestServer;
      before(async () => {
        server = await startTestServer(kind, options);
      });
      after(async () => {
        await server?.close();
      });
      suite(() => server, kind);
    });
  }
}
