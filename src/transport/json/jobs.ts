// Bulk import jobs over HTTP (SPEC 8): `POST /api/v1/jobs` takes a customer data
// file as the request body — NDJSON, gzip or not, whatever the Content-Type (so
// `curl --data-binary @customers.ndjson.gz` works) — and answers 202 with the job;
// `GET /api/v1/jobs/{id}` gives its state, progress counts and failures.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';
import { ChargingError, isChargingError } from '../../model/errors.ts';
import { importStatus } from '../../model/customerDataImport.ts';
import type { JobService, ReceivedUpload } from '../../bulk/jobs.ts';
import type { BulkImportOptions } from '../../bulk/customerImport.ts';
import { mayInvoke, type Authenticator } from '../../operations/users.ts';
import type { Role } from '../../operations/operation.ts';
import { errorResponse } from '../../operations/respond.ts';
import { originOf, requireUser, sendForbidden } from '../http/auth.ts';
import { problemFor, renderResponse, sendProblem } from './problem.ts';
import type { IdempotencyKeys } from './idempotency.ts';

export const JOB_START_ROLES: readonly Role[] = ['migration'];
export const JOB_VIEW_ROLES: readonly Role[] = ['migration', 'reader'];

interface JobQuery {
  mode?: string;
  status?: string;
  onAlreadyExistingTable?: string;
}

function choice<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value as T)) throw new ChargingError('REQUEST-106', `${name} must be one of ${allowed.join(', ')}`);
  return value as T;
}

function jobOptions(query: JobQuery): BulkImportOptions {
  const status = choice('status', query.status, ['active', 'locked', 'closed'] as const, 'locked');
  return {
    mode: choice('mode', query.mode, ['bundle', 'mass'] as const, 'bundle'),
    status: importStatus(status),
    onAlreadyExistingTable: choice('onAlreadyExistingTable', query.onAlreadyExistingTable, ['reject', 'overwrite'] as const, 'reject'),
  };
}

const problem = (reply: FastifyReply, error: unknown) => {
  if (!isChargingError(error)) throw error;
  return sendProblem(reply, problemFor(error));
};

export function registerJobRoutes(app: FastifyInstance, jobs: JobService, authenticator: Authenticator, keys: IdempotencyKeys): void {
  const authenticate = requireUser(authenticator);
  // a scope of its own: here every body is a raw stream, elsewhere JSON stays the rule
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    scope.post<{ Querystring: JobQuery }>('/api/v1/jobs', { onRequest: authenticate }, async (request, reply) => {
      if (!mayInvoke(request.user!.roles, JOB_START_ROLES)) return sendForbidden(reply, 'jobs');
      let options: BulkImportOptions;
      let received: ReceivedUpload;
      try {
        options = jobOptions(request.query);
        if (!request.body) throw new ChargingError('REQUEST-101', 'the request body is the customer data file');
        received = await jobs.receive(request.body as Readable);
      } catch (error) {
        return problem(reply, error);
      }
      // an Idempotency-Key identifies the upload by its bytes: a resent file replays the first job
      request.bodyDigest = received.digest;
      let launched = false;
      const answered = await keys.reply(request, reply, async () => {
        try {
          const job = await jobs.launch(received, options, { user: request.user!.name, origin: originOf(request) });
          launched = true;
          reply.header('location', `/api/v1/jobs/${job.id}`);
          return { rendered: { status: 202, contentType: 'application/json; charset=utf-8', body: JSON.stringify(job) }, kept: false };
        } catch (error) {
          if (!isChargingError(error)) throw error;
          return { rendered: renderResponse(errorResponse(error)), kept: false };
        }
      });
      if (!launched) jobs.discard(received);
      return answered;
    });
  });

  app.get<{ Params: { id: string } }>('/api/v1/jobs/:id', { onRequest: authenticate }, async (request, reply) => {
    if (!mayInvoke(request.user!.roles, JOB_VIEW_ROLES)) return sendForbidden(reply, 'jobs');
    const job = await jobs.get(request.params.id);
    if (!job) return sendProblem(reply, problemFor(new ChargingError('JOB-100', request.params.id)));
    return job;
  });
}
