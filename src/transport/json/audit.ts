// `GET /api/v1/audit` (SPEC 3.5, 5): the audit log for auditors, filtered by user,
// operation, object id and time range, with cursor paging.
import type { FastifyInstance } from 'fastify';
import { ChargingError } from '../../model/errors.ts';
import { isWireDate } from '../../model/values.ts';
import { findAuditRecords, MAX_AUDIT_PAGE } from '../../operations/audit.ts';
import type { InvokeEnvironment } from '../../operations/respond.ts';
import { mayInvoke, type Authenticator } from '../../operations/users.ts';
import type { AuditFilter } from '../../store/port.ts';
import type { Role } from '../../operations/operation.ts';
import { requireUser, sendForbidden } from '../http/auth.ts';
import { problemFor, sendProblem } from './problem.ts';

/** Who may read the audit log besides administrators. */
export const AUDIT_ROLES: readonly Role[] = ['auditor'];

interface AuditQuery {
  user?: string;
  operation?: string;
  object_id?: string;
  from?: string;
  to?: string;
  order?: string;
  page_size?: string;
  page_token?: string;
}

const DEFAULT_PAGE = 100;

/** The query as a filter and a page, or the reason it is not one. */
export function auditQuery(given: AuditQuery): { filter: AuditFilter; afterId?: number; size: number; order: 'asc' | 'desc' } | ChargingError {
  const repeated = Object.entries(given).find(([, value]) => typeof value !== 'string');
  if (repeated) return new ChargingError('AUDIT-100', `${repeated[0]} is given more than once`);
  // a parameter given empty (`?user=&page_size=`, as the URL template reads) is not given
  const query: AuditQuery = Object.fromEntries(Object.entries(given).filter(([, value]) => value !== ''));
  const size = query.page_size === undefined ? DEFAULT_PAGE : Number(query.page_size);
  if (!Number.isInteger(size) || size < 1 || size > MAX_AUDIT_PAGE) return new ChargingError('REQUEST-113', `page_size must be 1 to ${MAX_AUDIT_PAGE}`);
  for (const bound of ['from', 'to'] as const) {
    const value = query[bound];
    if (value !== undefined && !isWireDate(value)) return new ChargingError('AUDIT-100', `${bound} must be a date YYYY-MM-DDThh:mm:ss`);
  }
  const order = query.order ?? 'asc';
  if (order !== 'asc' && order !== 'desc') return new ChargingError('AUDIT-100', 'order must be asc or desc');
  let afterId: number | undefined;
  if (query.page_token !== undefined) {
    afterId = Number(Buffer.from(query.page_token, 'base64url').toString('utf8'));
    if (!Number.isSafeInteger(afterId) || afterId < 0) return new ChargingError('AUDIT-100', 'not a page_token of this log');
  }
  const filter: AuditFilter = {};
  if (query.user) filter.user = query.user;
  if (query.operation) filter.operation = query.operation;
  if (query.object_id) filter.objectId = query.object_id;
  if (query.from) filter.from = query.from;
  if (query.to) filter.to = query.to;
  return { filter, afterId, size, order };
}

export function registerAuditRoute(app: FastifyInstance, env: InvokeEnvironment, authenticator: Authenticator): void {
  app.get<{ Querystring: AuditQuery }>('/api/v1/audit', { onRequest: requireUser(authenticator) }, async (request, reply) => {
    if (!mayInvoke(request.user!.roles, AUDIT_ROLES)) return sendForbidden(reply, 'audit');
    const query = auditQuery(request.query);
    if (query instanceof ChargingError) return sendProblem(reply, problemFor(query));
    const page = await findAuditRecords(env.store, query.filter, query.afterId, query.size, query.order);
    const body: Record<string, unknown> = { items: page.rows };
    if (page.more) body.next_page_token = Buffer.from(String(page.rows[page.rows.length - 1].id), 'utf8').toString('base64url');
    return body;
  });
}
