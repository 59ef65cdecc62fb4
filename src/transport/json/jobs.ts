// Bulk import jobs over HTTP (SPEC 8): `POST /api/v1/jobs` takes a customer data
// file as the request body — NDJSON, gzip or not, whatever the Content-Type (so
// `curl --data-binary @customers.ndjson.gz` works) — and answers 202 with the job;
// `GET /api/v1/jobs/{id}` gives its state, progress counts and failures.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';
import { ChargingError, isChargingError } from '../../model/errors.ts';
import { importStatus } from '../../model/customerDataImport.ts';
import type { JobService } from '../../bulk/jobs.ts';
import type { BulkImportOptions } from '../../bulk/customerImport.ts';
import { mayInvoke, type Authenticator } from '../../operations/users.ts';
import type { Role } from '../../operations/operation.ts';
import { requireUser, sendForbidden } from '../http/auth.ts';
import { problemFor, sendProblem } from './problem.ts';

const START_ROLES: readonly Role[] = ['migration'];
const VIEW_ROLES: readonly Role[] = ['migration', 'reader'];

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

export function registerJobRoutes(app: FastifyInstance, jobs: JobService, authenticator: Authenticator): void {
  const authenticate = requireUser(authenticator);
  // a scope of its own: here every body is a raw stream, elsewhere JSON stays the rule
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    scope.post<{ Querystring: JobQuery }>('/api/v1/jobs', { onRequest: authenticate }, async (request, reply) => {
      if (!mayInvoke(request.user!.roles, START_ROLES)) return sendForbidden(reply, 'jobs');
      try {
        const options = jobOptions(request.query);
        if (!request.body) throw new ChargingError('REQUEST-101', 'the request body is the customer data file');
        const job = await jobs.start(request.body as Readable, options, request.user!.name);
        return reply.code(202).header('location', `/api/v1/jobs/${job.id}`).send(job);
      } catch (error) {
        return problem(reply, error);
      }
    });
  });

  app.get<{ Params: { id: string } }>('/api/v1/jobs/:id', { onRequest: authenticate }, async (request, reply) => {
    if (!mayInvoke(request.user!.roles, VIEW_ROLES)) return sendForbidden(reply, 'jobs');
    const job = await jobs.get(request.params.id);
    if (!job) return sendProblem(reply, problemFor(new ChargingError('JOB-100', request.params.id)));
    return job;
  });
}
