// The HTTP routes that are not operations, as far as they are transport-neutral:
// the GET views (SPEC 5) and the audit log (SPEC 3.5). Each says its method, path,
// roles, the schemas of its path parameters, query and answer, and the read it
// runs. The transport adds the routes it owns (jobs, health, metrics, OpenAPI, the
// SOAP endpoints) in src/transport/routes.ts, the one registry of them all, which
// the server, /openapi.json and docs/security.md are made from.
import { Type } from '@sinclair/typebox';
import { ChargingError } from '../model/errors.ts';
import { hasOnlyXmlChars, isString256 } from '../model/values.ts';
import type { Catalog } from '../model/catalog.ts';
import type { Store } from '../store/port.ts';
import type { OpenApiRoute } from '../schema/openapi.ts';
import { Enum, Int, List, Obj, Opt, String256, WireDate, type TObject, type TProperties } from '../schema/types.ts';
import { ChargingContractSchema, CustomerDataSchema, SubscriberAccountSchema } from '../schema/customerData.ts';
import { ChargingContractStateSchema } from '../schema/contractState.ts';
import type { Role } from './operation.ts';
import { auditPageToken, auditQuery, findAuditRecords, MAX_AUDIT_PAGE, type AuditQueryText } from './audit.ts';
import { chargingContractView, customerDataOf, listSubscriberAccounts } from './views.ts';

/** A route that is not an operation: what the server, /openapi.json and docs/security.md know of it. */
export interface RouteSpec extends OpenApiRoute {
  /** who may call it besides administrator; 'open' needs no credentials */
  roles: readonly Role[] | 'open';
}

/** What a read route reads from. */
export interface ReadEnvironment {
  store: Store;
  catalog(): Catalog | undefined;
}

export interface ReadRequest {
  params: Record<string, string>;
  query: Record<string, unknown>;
  env: ReadEnvironment;
}

/** A route whose answer is a read of operations: transports only carry it. */
export interface ReadRoute extends RouteSpec {
  /** the body of a 200 answer, or a ChargingError to answer as a refusal; what it throws is a failure */
  read(request: ReadRequest): Promise<unknown>;
}

export const VIEW_ROLES: readonly Role[] = ['reader', 'provisioning', 'migration', 'rerating'];
/** Who may read the audit log besides administrators. */
export const AUDIT_ROLES: readonly Role[] = ['auditor'];

const MAX_PAGE = 1000;
const DEFAULT_PAGE = 100;
const VIEWS = 'views';

/** An id in the path that cannot be an id is refused before the store sees it. */
function badId(id: string): ChargingError | undefined {
  if (isString256(id)) return undefined;
  return new ChargingError(hasOnlyXmlChars(id) ? 'REQUEST-103' : 'REQUEST-118', 'the id in the path');
}

const token = (id: string): string => Buffer.from(id, 'utf8').toString('base64url');
const untoken = (page: string): string => Buffer.from(page, 'base64url').toString('utf8');

const idParam = (what: string): TObject => Obj({ id: String256(`the id of the ${what}, percent-encoded`) });
/** A 200 answer in JSON: an object of these properties. */
const json = (description: string, properties: TProperties) => ({ status: 200, description, contentType: 'application/json', schema: Obj(properties) });
const pageOf = (item: TObject): TProperties => ({ items: List(item), next_page_token: Opt(Type.String({ description: 'page_token of the next page; absent on the last page' })) });
const PAGE_TOKEN = Opt(Type.String({ description: 'next_page_token of the page before' }));

const subscriberAccounts: ReadRoute = {
  method: 'GET',
  path: '/api/v1/subscriber-accounts',
  operationId: 'views.subscriberAccounts',
  tag: VIEWS,
  summary: 'subscriber accounts in id order, a page at a time',
  roles: VIEW_ROLES,
  query: Obj({ page_size: Opt(Int({ minimum: 1, maximum: MAX_PAGE, description: `accounts per page (default ${DEFAULT_PAGE})` })), page_token: PAGE_TOKEN }),
  responses: [json('a page of subscriber accounts', pageOf(SubscriberAccountSchema))],
  problems: true,
  async read({ query, env }) {
    // a parameter given empty (`?page_size=&page_token=`, as the URL template reads) is not given
    const size = query.page_size === undefined || query.page_size === '' ? DEFAULT_PAGE : Number(query.page_size);
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE) return new ChargingError('REQUEST-113', `page_size must be 1 to ${MAX_PAGE}`);
    const afterId = query.page_token ? untoken(query.page_token as string) : undefined;
    const page = await env.store.read((tx) => listSubscriberAccounts(tx, afterId, size));
    const body: Record<string, unknown> = { items: page.rows };
    if (page.more) body.next_page_token = token(page.rows[page.rows.length - 1].id);
    return body;
  },
};

const subscriberAccount: ReadRoute = {
  method: 'GET',
  path: '/api/v1/subscriber-accounts/{id}',
  operationId: 'views.subscriberAccount',
  tag: VIEWS,
  summary: 'everything a subscriber account owns, as one customerData',
  roles: VIEW_ROLES,
  params: idParam('subscriber account'),
  responses: [json('the customer data of the account', { customerData: CustomerDataSchema })],
  problems: true,
  async read({ params, env }) {
    const refusal = badId(params.id);
    if (refusal) return refusal;
    const data = await env.store.read((tx) => customerDataOf(tx, params.id));
    return data ? { customerData: data } : new ChargingError('SUBSCRIBERACCOUNT-100', params.id);
  },
};

const chargingContract: ReadRoute = {
  method: 'GET',
  path: '/api/v1/charging-contracts/{id}',
  operationId: 'views.chargingContract',
  tag: VIEWS,
  summary: 'one charging contract, with its full state when a catalog is loaded',
  roles: VIEW_ROLES,
  params: idParam('charging contract'),
  responses: [json('the contract and its state', { chargingContract: ChargingContractSchema, chargingContractState: Opt(ChargingContractStateSchema) })],
  problems: true,
  async read({ params, env }) {
    const refusal = badId(params.id);
    if (refusal) return refusal;
    const view = await env.store.read((tx) => chargingContractView(tx, params.id, env.catalog()));
    return view ?? new ChargingError('CHARGINGCONTRACT-100', params.id);
  },
};

const catalog: ReadRoute = {
  method: 'GET',
  path: '/api/v1/catalog',
  operationId: 'views.catalog',
  tag: VIEWS,
  summary: 'the catalog in use and its fingerprint',
  roles: VIEW_ROLES,
  responses: [json('the catalog', { fingerprint: Type.String(), catalog: Type.Unknown({ description: 'the catalog document as loaded' }) })],
  problems: true,
  async read({ env }) {
    const loaded = env.catalog();
    return loaded ? { fingerprint: loaded.fingerprint, catalog: loaded.document } : new ChargingError('CATALOG-101');
  },
};

const AuditRecordSchema = Obj(
  {
    id: Int({ minimum: 1 }),
    time: WireDate(),
    user: Type.String(),
    operation: Type.String(),
    domain: Type.String({ description: 'CUSTOMER, CONFIGURATION, SECURITY or NONE' }),
    objectIds: List(Type.String()),
    outcome: Enum(['success', 'failure'] as const),
    errorCode: Opt(Type.String()),
    channel: Enum(['json', 'soap', 'cli'] as const),
    address: Opt(Type.String()),
    detail: Opt(Type.String()),
  },
  { xsdName: 'AuditRecord' },
);

/** The query of GET /api/v1/audit: what auditQuery() reads. */
const AUDIT_QUERY = Obj({
  user: Opt(Type.String({ description: 'records of this user' })),
  operation: Opt(Type.String({ description: 'records of this operation' })),
  object_id: Opt(Type.String({ description: 'records naming this object id' })),
  from: Opt(WireDate('from this time on (inclusive, UTC)')),
  to: Opt(WireDate('before this time (exclusive, UTC)')),
  order: Opt(Enum(['asc', 'desc'] as const)),
  page_size: Opt(Int({ minimum: 1, maximum: MAX_AUDIT_PAGE, description: 'records per page (default 100)' })),
  page_token: PAGE_TOKEN,
});

const audit: ReadRoute = {
  method: 'GET',
  path: '/api/v1/audit',
  operationId: 'audit.find',
  tag: 'audit',
  summary: 'the audit log, filtered, a page at a time',
  roles: AUDIT_ROLES,
  query: AUDIT_QUERY,
  responses: [json('a page of audit records', pageOf(AuditRecordSchema))],
  problems: true,
  async read({ query, env }) {
    const asked = auditQuery(query as AuditQueryText);
    if (asked instanceof ChargingError) return asked;
    const page = await findAuditRecords(env.store, asked.filter, asked.afterId, asked.size, asked.order);
    const body: Record<string, unknown> = { items: page.rows };
    if (page.more) body.next_page_token = auditPageToken(page.rows[page.rows.length - 1].id);
    return body;
  },
};

/** The read routes, in the order the server registers them. */
export const READ_ROUTES: readonly ReadRoute[] = [subscriberAccounts, subscriberAccount, chargingContract, catalog, audit];
