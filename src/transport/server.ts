// The HTTP server (fastify): the JSON operations, the routes of the registry
// (src/transport/routes.ts: reads, jobs, health, metrics, OpenAPI), the SOAP endpoints.
import type { IncomingMessage, ServerResponse } from 'node:http';
import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { ChargingError } from '../model/errors.ts';
import type { Store } from '../store/port.ts';
import type { CatalogHolder } from '../operations/catalog.ts';
import type { InvokeEnvironment } from '../operations/respond.ts';
import { Authenticator } from '../operations/users.ts';
import type { ThrottleOptions } from '../operations/throttle.ts';
import { registerOperationRoutes } from './json/routes.ts';
import { problemFor, sendProblem } from './json/problem.ts';
import { registerJsonBodyParser } from './json/body.ts';
import { IdempotencyKeys, type IdempotencyOptions } from './json/idempotency.ts';
import { jobUploadLimit } from './json/jobs.ts';
import { registerRoutes } from './http/routes.ts';
import { HTTP_ROUTES } from './routes.ts';
import { JobService } from '../bulk/jobs.ts';
import { registerSoapRoutes } from './soap/routes.ts';

export const DEFAULT_BODY_LIMIT = 32 * 1024 * 1024;

export interface ServerOptions {
  store: Store;
  catalogs: CatalogHolder;
  /** pino options, or false for no logs */
  logger?: FastifyServerOptions['logger'];
  bodyLimit?: number;
  https?: { cert: Buffer; key: Buffer };
  authenticator?: Authenticator;
  /** login throttling per client address */
  throttle?: Partial<ThrottleOptions>;
  idempotency?: Partial<IdempotencyOptions>;
  /** behind a reverse proxy: trust its X-Forwarded-For (fastify's trustProxy) for client addresses */
  trustProxy?: FastifyServerOptions['trustProxy'];
  /** where import jobs keep their files (default ./data) */
  dataDir?: string;
  /** the cap on one import job upload, in bytes (default DEFAULT_JOB_MAX_BYTES) */
  jobMaxBytes?: number;
}

/** A path parameter (an id, percent-encoded) may be this long: a String256 of multi-byte characters fits. */
const MAX_PARAM_LENGTH = 3072;

/** Expired Idempotency-Keys are purged this often. */
const PURGE_INTERVAL_MS = 3600_000;

export interface Server {
  app: FastifyInstance;
  authenticator: Authenticator;
  environment: InvokeEnvironment;
  /** Idempotency-Key for POST routes beyond the operations (e.g. job uploads): `idempotency.reply(request, reply, execute)` */
  idempotency: IdempotencyKeys;
  jobs: JobService;
}

export function buildServer(options: ServerOptions): Server {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: options.trustProxy ?? false,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    frameworkErrors: (error: FastifyError, _request: unknown, reply: FastifyReply) =>
      error.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? sendProblem(reply, problemFor(new ChargingError('REQUEST-103', 'a path parameter is too long'), 414))
        : sendProblem(reply, problemFor(new ChargingError('REQUEST-108', error.message), 400)),
    ...(options.https ? { https: options.https } : {}),
  } as FastifyServerOptions) as unknown as FastifyInstance;
  const authenticator = options.authenticator ?? new Authenticator(options.store, { throttle: options.throttle });
  const keys = new IdempotencyKeys(options.store, options.idempotency);
  const environment: InvokeEnvironment = {
    store: options.store,
    catalog: () => options.catalogs.current(),
    onUnexpected: (error, op) => app.log.error({ err: error, operation: op.name }, 'unexpected failure'),
  };

  registerErrorHandlers(app);
  const metrics = registerMetrics(app);
  registerJsonBodyParser(app);
  registerOperationRoutes(app, environment, authenticator, keys);
  purgeExpiredKeys(app, keys);
  const jobs = new JobService(options.store, () => options.catalogs.current(), { dataDir: options.dataDir ?? 'data', maxBytes: options.jobMaxBytes });
  registerRoutes(app, HTTP_ROUTES, { env: environment, jobs, keys, metrics }, authenticator);
  const soap = registerSoapRoutes(app, environment, authenticator, { maxBytes: options.bodyLimit });
  // what any route but a job upload reads at most: fastify's bodyLimit for JSON, the SOAP endpoints' own limit
  const bodyLimit = Math.max(options.bodyLimit ?? DEFAULT_BODY_LIMIT, soap.maxBytes);
  answerExpectContinue(app, (request) => jobUploadLimit(request, jobs) ?? bodyLimit);

  return { app, authenticator, environment, idempotency: keys, jobs };
}

/**
 * `Expect: 100-continue`: Node answers "100 Continue" to every such request unless
 * told otherwise, so a client that asked before sending a body too large for its
 * route would then send it, to be refused only after. Here a request whose
 * Content-Length is above what its route reads (`limitOf`) gets no "100 Continue":
 * the route refuses it by its length (REQUEST-111, 413) and the client, told so
 * before sending, never sends the body. Every other request gets "100 Continue"
 * at once, as before.
 */
function answerExpectContinue(app: FastifyInstance, limitOf: (request: IncomingMessage) => number): void {
  app.server.on('checkContinue', (request: IncomingMessage, response: ServerResponse) => {
    if (!(Number(request.headers['content-length']) > limitOf(request))) response.writeContinue();
    app.server.emit('request', request, response);
  });
}

function purgeExpiredKeys(app: FastifyInstance, keys: IdempotencyKeys): void {
  const purge = () => keys.purge().catch((error) => app.log.warn({ err: error }, 'purging expired Idempotency-Keys failed'));
  let timer: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    timer = setInterval(purge, PURGE_INTERVAL_MS).unref();
  });
  app.addHook('onClose', async () => clearInterval(timer));
}

/** Malformed bodies, oversize bodies and unknown routes answer problem+json too. */
function registerErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendProblem(reply, problemFor(new ChargingError('REQUEST-111', error.message)));
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendProblem(reply, problemFor(new ChargingError('REQUEST-108', error.message), error.statusCode === 415 ? 415 : 400));
    }
    request.log.error({ err: error }, 'unexpected failure');
    return sendProblem(reply, problemFor(new ChargingError('STORE-101', error.message)));
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, problemFor(new ChargingError('REQUEST-112', `${request.method} ${request.url.split('?')[0]}`))),
  );
}

/** The request histogram; /metrics (a route of the registry) answers the registry returned. */
function registerMetrics(app: FastifyInstance): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'convergent_http_request_duration_seconds',
    help: 'HTTP requests by route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  // a callback hook: an async one costs a promise per request
  app.addHook('onResponse', (request, reply, done) => {
    duration.observe({ method: request.method, route: request.routeOptions.url ?? 'unknown', status: reply.statusCode }, reply.elapsedTime / 1000);
    done();
  });
  return registry;
}
