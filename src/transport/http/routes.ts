// Puts the routes of the registry (src/transport/routes.ts) on fastify: each behind
// THE role guard unless it is open, in a scope of its own when it asks for one.
import type { FastifyInstance, RouteHandlerMethod, RouteOptions } from 'fastify';
import type { Registry } from 'prom-client';
import { ChargingError } from '../../model/errors.ts';
import type { RouteSpec, ReadRoute } from '../../operations/routes.ts';
import type { InvokeEnvironment } from '../../operations/respond.ts';
import type { Authenticator } from '../../operations/users.ts';
import type { JobService } from '../../bulk/jobs.ts';
import type { IdempotencyKeys } from '../json/idempotency.ts';
import { problemFor, sendProblem } from '../json/problem.ts';
import { requireRole } from './auth.ts';

/** What the server built, for the handlers of its routes. */
export interface RouteContext {
  env: InvokeEnvironment;
  jobs: JobService;
  keys: IdempotencyKeys;
  metrics: Registry;
}

/** A route of the registry as fastify answers it. */
export interface HttpRoute extends RouteSpec {
  /** its handler, given the server's parts; on a guarded route `request.user` is set and holds one of `roles` */
  handler?(context: RouteContext): RouteHandlerMethod;
  /** prepares the route's own scope (body parsers, plugins) */
  scope?(scope: FastifyInstance): Promise<void>;
  /** where it is registered instead, when not here (the SOAP endpoints, each in its service's scope) */
  registeredBy?: string;
}

/** `/api/v1/jobs/{id}` as fastify writes it: `/api/v1/jobs/:id`. */
export const fastifyPath = (path: string): string => path.replace(/\{(\w+)\}/g, ':$1');

/** A read of operations on HTTP: 200 with its answer, a problem for its refusal. */
export function readRoute(route: ReadRoute): HttpRoute {
  return {
    ...route,
    handler: ({ env }) =>
      async (request, reply) => {
        const answer = await route.read({ params: request.params as Record<string, string>, query: request.query as Record<string, unknown>, env });
        return answer instanceof ChargingError ? sendProblem(reply, problemFor(answer)) : answer;
      },
  };
}

/** What a 403 names: the resource, the path's segment after /api/v1/. */
export const resourceOf = (route: RouteSpec): string => route.path.split('/')[3] ?? route.path;

export function registerRoutes(app: FastifyInstance, routes: readonly HttpRoute[], context: RouteContext, authenticator: Authenticator): void {
  for (const route of routes) {
    if (!route.handler) continue;
    const options: RouteOptions = { method: route.method, url: fastifyPath(route.path), handler: route.handler(context) };
    if (route.roles !== 'open') options.onRequest = requireRole(authenticator, route.roles, resourceOf(route));
    const scope = route.scope;
    if (scope) {
      app.register(async (inner) => {
        await scope(inner);
        inner.route(options);
      });
    } else app.route(options);
  }
}
