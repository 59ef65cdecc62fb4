// Authentication of the JSON API: HTTP Basic or a bearer token against the users
// of the store. A request without valid credentials is answered 401 before its
// body is read, so it never reaches an operation.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ChargingError, isChargingError } from '../../model/errors.ts';
import { mayInvoke, type AuthenticatedUser, type Authenticator } from '../../operations/users.ts';
import type { Role } from '../../operations/operation.ts';
import type { Origin } from '../../operations/audit.ts';
import { problemFor, sendProblem } from '../json/problem.ts';

declare module 'fastify' {
  interface FastifyRequest {
    user?: AuthenticatedUser;
  }
}

export interface Credentials {
  name: string;
  password: string;
}

/** User and password of an `Authorization: Basic …` header. */
export function basicCredentials(header: string | undefined): Credentials | undefined {
  if (!header || !/^basic /i.test(header)) return undefined;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  return { name: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** The token of an `Authorization: Bearer …` header. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header || !/^bearer /i.test(header)) return undefined;
  const token = header.slice(7).trim();
  return token.length > 0 ? token : undefined;
}

export function sendUnauthorized(reply: FastifyReply, detail: string): FastifyReply {
  reply.header('www-authenticate', 'Basic realm="convergent", Bearer realm="convergent"');
  return sendProblem(reply, problemFor(new ChargingError('CC-SEC-AUTH-100', detail)));
}

export function sendForbidden(reply: FastifyReply, operation: string): FastifyReply {
  return sendProblem(reply, problemFor(new ChargingError('CC-SEC-AUTH-6', operation)));
}

export const originOf = (request: FastifyRequest): Origin => ({ channel: 'json', address: request.ip });

/** An onRequest hook: sets `request.user` or answers 401 (429 when the address is throttled). */
export function requireUser(authenticator: Authenticator) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const header = request.headers.authorization;
    const token = bearerToken(header);
    const credentials = token === undefined ? basicCredentials(header) : undefined;
    if (token === undefined && !credentials) return sendUnauthorized(reply, 'no credentials');
    const origin = originOf(request);
    try {
      const user = token !== undefined ? await authenticator.authenticateToken(token, origin) : await authenticator.authenticate(credentials!.name, credentials!.password, origin);
      if (!user) return sendUnauthorized(reply, token !== undefined ? 'unknown or revoked token' : 'wrong user or password');
      request.user = user;
      return undefined;
    } catch (error) {
      if (!isChargingError(error) || error.code !== 'CC-SEC-AUTH-106') throw error;
      reply.header('retry-after', String(authenticator.retryAfterSeconds(origin)));
      return sendProblem(reply, problemFor(error));
    }
  };
}

/**
 * THE role guard of the routes that are not operations (an onRequest hook): 401 or
 * 429 as requireUser, then 403 naming `resource` unless the user has one of `roles`
 * or is administrator. (Operations check their roles in authorize(), which audits
 * a refused write.)
 */
export function requireRole(authenticator: Authenticator, roles: readonly Role[], resource: string) {
  const authenticate = requireUser(authenticator);
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const refused = await authenticate(request, reply);
    if (refused) return refused;
    if (!mayInvoke(request.user!.roles, roles)) return sendForbidden(reply, resource);
    return undefined;
  };
}
