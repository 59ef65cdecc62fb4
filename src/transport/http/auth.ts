// Authentication of the JSON API: HTTP Basic against the users of the store. A
// request without valid credentials is answered 401 before its body is read, so
// it never reaches an operation.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ChargingError } from '../../model/errors.ts';
import type { AuthenticatedUser, Authenticator } from '../../operations/users.ts';
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

export function sendUnauthorized(reply: FastifyReply, detail: string): FastifyReply {
  reply.header('www-authenticate', 'Basic realm="convergent"');
  return sendProblem(reply, problemFor(new ChargingError('CC-SEC-AUTH-100', detail)));
}

export function sendForbidden(reply: FastifyReply, operation: string): FastifyReply {
  return sendProblem(reply, problemFor(new ChargingError('CC-SEC-AUTH-6', operation)));
}

/** An onRequest hook: sets `request.user` or answers 401. */
export function requireUser(authenticator: Authenticator) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const credentials = basicCredentials(request.headers.authorization);
    if (!credentials) return sendUnauthorized(reply, 'no credentials');
    const user = await authenticator.authenticate(credentials.name, credentials.password);
    if (!user) return sendUnauthorized(reply, 'wrong user or password');
    request.user = user;
    return undefined;
  };
}
