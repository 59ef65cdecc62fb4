// PostgreSQL reached through a TCP proxy that a test can cut: the store down while
// the server stays up (STORE-100). Used by the tests of a store that cannot serve.
import { startConvergent } from '../../src/app.ts';
import { addUser } from '../../src/operations/users.ts';
import type { Role } from '../../src/operations/operation.ts';
import { ADMIN_PASSWORD, ROLE_PASSWORD, TestServer } from './server.ts';
import { freshDatabase } from './stores.ts';
import { TcpProxy } from './tcpProxy.ts';

/** An open proxy in front of the PostgreSQL of CONVERGENT_TEST_PG_URL. */
export async function postgresProxy(): Promise<TcpProxy> {
  const target = new URL(process.env.CONVERGENT_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
  const proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
  await proxy.open();
  return proxy;
}

/** A server on a fresh PostgreSQL database whose connections go through `proxy`, with a user of each role named after it (ROLE_PASSWORD). */
export async function serverBehind(proxy: TcpProxy, roles: readonly Role[]): Promise<TestServer> {
  const database = await freshDatabase('postgres');
  const url = new URL(database.db);
  url.hostname = '127.0.0.1';
  url.port = String(proxy.port);
  const running = await startConvergent({ db: url.toString(), port: 0, host: '127.0.0.1', logger: false, adminPassword: ADMIN_PASSWORD, dataDir: database.dir });
  for (const role of roles) await addUser(running.store, role, [role], ROLE_PASSWORD);
  return new TestServer(running, database);
}
