// The servers of the SOAP benchmark (bench/soap.ts), each in a process of its own
// so that the load generator does not share their event loop. Prints its URL.
//   convergent DB_FILE     Convergent itself on a fresh SQLite file, user `bench` (reader)
//   floor BODY_FILE        a bare fastify route answering the same bytes
//   node-soap DB_FILE WSDL_FILE  node-soap serving subscriberAccountRead from the same WSDL,
//                          through the same registry operation, store and users
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname } from 'node:path';
import Fastify from 'fastify';
import * as soap from 'soap';
import { startConvergent, settleCatalog } from '../src/app.ts';
import { openStore } from '../src/store/open.ts';
import { addUser, Authenticator, mayInvoke, type AuthenticatedUser } from '../src/operations/users.ts';
import { findOperation } from '../src/operations/registry.ts';
import { SERVICES } from '../src/operations/services.ts';
import { invoke } from '../src/operations/respond.ts';
import { ADMIN_PASSWORD, BENCH_PASSWORD, BENCH_USER } from './soapCredentials.ts';


async function convergent(db: string): Promise<string> {
  const running = await startConvergent({ db, port: 0, host: '127.0.0.1', logger: false, adminPassword: ADMIN_PASSWORD, dataDir: dirname(db) });
  await addUser(running.store, BENCH_USER, ['reader'], BENCH_PASSWORD);
  return running.url;
}

async function floor(bodyFile: string): Promise<string> {
  const body = readFileSync(bodyFile);
  const app = Fastify({ logger: false });
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, payload, done) => done(null, payload));
  app.post('/suacProvisioning', async (_request, reply) => reply.type('text/xml; charset=utf-8').send(body));
  return app.listen({ port: 0, host: '127.0.0.1' });
}

async function nodeSoap(db: string, wsdlFile: string): Promise<string> {
  const store = await openStore(db);
  const catalogs = await settleCatalog(store, undefined);
  const authenticator = new Authenticator(store);
  const op = findOperation('suacProvisioning', 'subscriberAccountRead')!;
  const env = { store, catalog: () => catalogs.current() };
  // node-soap authenticates before it calls the operation; the user is handed on per request
  const users = new WeakMap<object, AuthenticatedUser>();
  const { service, port } = SERVICES.suacProvisioning.wsdl;
  const services = {
    [service]: {
      [port]: {
        subscriberAccountRead: async (args: Record<string, unknown>, _callback: unknown, _headers: unknown, request: object) => {
          const user = users.get(request)!;
          if (!mayInvoke(user.roles, op.roles)) throw { Fault: { faultcode: 'soap:Client', faultstring: 'CC-SEC-AUTH-6' } };
          return invoke(op, args, user.name, env);
        },
      },
    },
  };
  const server = createServer();
  const soapServer = soap.listen(server, { path: '/suacProvisioning', services, xml: readFileSync(wsdlFile, 'utf8') });
  soapServer.authenticate = async (security: any, _processAuthResult?: unknown, request?: object) => {
    const token = security?.UsernameToken;
    const password = typeof token?.Password === 'object' ? token.Password.$value : token?.Password;
    const user = token ? await authenticator.authenticate(String(token.Username), String(password)) : undefined;
    if (user && request) users.set(request, user);
    return user !== undefined;
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return `http://127.0.0.1:${address.port}`;
}

const [mode, ...args] = process.argv.slice(2);
const url = mode === 'convergent' ? await convergent(args[0]) : mode === 'floor' ? await floor(args[0]) : await nodeSoap(args[0], args[1]);
process.stdout.write(`${url}\n`);
process.on('SIGTERM', () => process.exit(0));
