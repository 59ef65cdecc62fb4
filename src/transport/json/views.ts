// GET reads for people and tools (SPEC 5): subscriber accounts with cursor paging,
// one account's customer data, one charging contract, the catalog.
import type { FastifyInstance } from 'fastify';
import { ChargingError } from '../../model/errors.ts';
import { hasOnlyXmlChars, isString256 } from '../../model/values.ts';
import type { InvokeEnvironment } from '../../operations/respond.ts';
import { mayInvoke, type Authenticator } from '../../operations/users.ts';
import type { Role } from '../../operations/operation.ts';
import { chargingContractView, customerDataOf, listSubscriberAccounts } from '../../operations/views.ts';
import { requireUser, sendForbidden } from '../http/auth.ts';
import { problemFor, sendProblem } from './problem.ts';

export const VIEW_ROLES: readonly Role[] = ['reader', 'provisioning', 'migration', 'rerating'];
const MAX_PAGE = 1000;
const DEFAULT_PAGE = 100;

/** An id in the path that cannot be an id is refused before the store sees it. */
function badId(id: string): ChargingError | undefined {
  if (isString256(id)) return undefined;
  return new ChargingError(hasOnlyXmlChars(id) ? 'REQUEST-103' : 'REQUEST-118', 'the id in the path');
}

const token = (id: string): string => Buffer.from(id, 'utf8').toString('base64url');
const untoken = (page: string): string => Buffer.from(page, 'base64url').toString('utf8');

export function registerViewRoutes(app: FastifyInstance, env: InvokeEnvironment, authenticator: Authenticator): void {
  const authenticate = requireUser(authenticator);
  const guard = { onRequest: authenticate };
  const allowed = (roles: readonly Role[]) => mayInvoke(roles, VIEW_ROLES);

  app.get<{ Querystring: { page_size?: string; page_token?: string } }>('/api/v1/subscriber-accounts', guard, async (request, reply) => {
    if (!allowed(request.user!.roles)) return sendForbidden(reply, 'subscriber-accounts');
    // a parameter given empty (`?page_size=&page_token=`, as the URL template reads) is not given
    const size = request.query.page_size === undefined || request.query.page_size === '' ? DEFAULT_PAGE : Number(request.query.page_size);
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE) {
      return sendProblem(reply, problemFor(new ChargingError('REQUEST-113', `page_size must be 1 to ${MAX_PAGE}`)));
    }
    const afterId = request.query.page_token ? untoken(request.query.page_token) : undefined;
    const page = await env.store.read((tx) => listSubscriberAccounts(tx, afterId, size));
    const body: Record<string, unknown> = { items: page.rows };
    if (page.more) body.next_page_token = token(page.rows[page.rows.length - 1].id);
    return body;
  });

  app.get<{ Params: { id: string } }>('/api/v1/subscriber-accounts/:id', guard, async (request, reply) => {
    if (!allowed(request.user!.roles)) return sendForbidden(reply, 'subscriber-accounts');
    const refusal = badId(request.params.id);
    if (refusal) return sendProblem(reply, problemFor(refusal));
    const data = await env.store.read((tx) => customerDataOf(tx, request.params.id));
    if (!data) return sendProblem(reply, problemFor(new ChargingError('SUBSCRIBERACCOUNT-100', request.params.id)));
    return { customerData: data };
  });

  app.get<{ Params: { id: string } }>('/api/v1/charging-contracts/:id', guard, async (request, reply) => {
    if (!allowed(request.user!.roles)) return sendForbidden(reply, 'charging-contracts');
    const refusal = badId(request.params.id);
    if (refusal) return sendProblem(reply, problemFor(refusal));
    const view = await env.store.read((tx) => chargingContractView(tx, request.params.id, env.catalog()));
    if (!view) return sendProblem(reply, problemFor(new ChargingError('CHARGINGCONTRACT-100', request.params.id)));
    return view;
  });

  app.get('/api/v1/catalog', guard, async (request, reply) => {
    if (!allowed(request.user!.roles)) return sendForbidden(reply, 'catalog');
    const catalog = env.catalog();
    if (!catalog) return sendProblem(reply, problemFor(new ChargingError('CATALOG-101')));
    return { fingerprint: catalog.fingerprint, catalog: catalog.document };
  });
}
