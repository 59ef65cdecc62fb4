// Bulk import jobs over HTTP (SPEC 8): `POST /api/v1/jobs` takes a customer data
// file (NDJSON or XML, gzip or not, told by its content) as the request body,
// whatever the Content-Type (so `curl --data-binary @customers.ndjson.gz` works),
// or as the part `file` of a multipart/form-data upload (`curl -F
// file=@customers.xml.gz`), streamed to disk either way; it answers 202 with the
// job. `GET /api/v1/jobs/{id}` gives its state, progress counts and failures.
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import fastifyMultipart from '@fastify/multipart';
import type { Readable } from 'node:stream';
import { ChargingError, isChargingError } from '../../model/errors.ts';
import { importStatus } from '../../model/customerDataImport.ts';
import type { JobService, ReceivedUpload } from '../../bulk/jobs.ts';
import type { BulkImportOptions } from '../../bulk/customerImport.ts';
import type { Role } from '../../operations/operation.ts';
import { errorResponse } from '../../operations/respond.ts';
import { Enum, Int, List, Obj, Opt } from '../../schema/types.ts';
import { originOf } from '../http/auth.ts';
import { closeAfterAnswer } from '../http/linger.ts';
import { problemFor, renderResponse, sendProblem } from './problem.ts';
import type { HttpRoute } from '../http/routes.ts';

const JOB_START_ROLES: readonly Role[] = ['migration'];
const JOB_VIEW_ROLES: readonly Role[] = ['migration', 'reader'];

/** The options of a job and their values. */
const MODES = ['bundle', 'mass'] as const;
const STATUSES = ['active', 'locked', 'closed'] as const;
const TABLE_POLICIES = ['reject', 'overwrite'] as const;

interface JobQuery {
  mode?: string;
  status?: string;
  onAlreadyExistingTable?: string;
}

const OPTION_FIELDS: ReadonlyArray<keyof JobQuery> = ['mode', 'status', 'onAlreadyExistingTable'];

/** The part of a multipart upload that holds the file. */
export const FILE_PART = 'file';

/**
 * Bounds of a multipart upload besides its file: the three option fields, short,
 * and one file. The file streams to disk and is bounded, as a raw body is, by
 * the jobs' cap (JobService.receive), not by busboy's fileSize, which would read
 * the rest of an oversize file to its end.
 */
const MULTIPART_LIMITS = { fields: OPTION_FIELDS.length, fieldNameSize: 64, fieldSize: 64, files: 1, parts: OPTION_FIELDS.length + 1, headerPairs: 32, fileSize: Infinity };

/** What a multipart upload brought: the file, the option fields, and the digest an Idempotency-Key compares. */
interface MultipartUpload {
  received: ReceivedUpload;
  fields: JobQuery;
  digest: string;
}

/**
 * Reads a multipart/form-data upload: the part `file` streams to a job file, the
 * option fields are kept. Every part is read to its end, so that a refusal
 * (a field of another name, a second file) is answered after the whole request.
 */
async function receiveMultipart(request: FastifyRequest, jobs: JobService): Promise<MultipartUpload> {
  let received: ReceivedUpload | undefined;
  let refused: ChargingError | undefined;
  const fields: Record<string, string> = {};
  try {
    for await (const part of request.parts({ limits: MULTIPART_LIMITS })) {
      if (part.type === 'file') {
        if (part.fieldname !== FILE_PART || received) {
          refused ??= new ChargingError(received ? 'REQUEST-107' : 'REQUEST-102', received ? 'one file per job' : `the file part is named ${FILE_PART}, not ${part.fieldname}`);
          part.file.resume();
          await new Promise((resolve) => part.file.once('close', resolve));
          continue;
        }
        try {
          received = await jobs.receive(part.file);
        } catch (error) {
          // busboy stops parsing and lets go of the request: the rest is not read
          part.file.destroy();
          throw error;
        }
        continue;
      }
      if (!(OPTION_FIELDS as readonly string[]).includes(part.fieldname)) refused ??= new ChargingError('REQUEST-102', `the form field ${part.fieldname}: the fields are ${OPTION_FIELDS.join(', ')} and ${FILE_PART}`);
      else if (part.valueTruncated) refused ??= new ChargingError('REQUEST-103', `the form field ${part.fieldname}`);
      else fields[part.fieldname] = String(part.value);
    }
    if (refused) throw refused;
    if (!received) throw new ChargingError('REQUEST-101', `the multipart upload has no part named ${FILE_PART}`);
  } catch (error) {
    if (received) jobs.discard(received);
    if (isChargingError(error)) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT') throw new ChargingError('REQUEST-107', `a job upload holds one ${FILE_PART} and the fields ${OPTION_FIELDS.join(', ')}`);
    throw new ChargingError('REQUEST-108', `the multipart upload: ${(error as Error).message}`);
  }
  // options given as form fields take part in what an Idempotency-Key identifies (the query does, being in the URL)
  const named = OPTION_FIELDS.filter((name) => fields[name] !== undefined).map((name) => `${name}=${fields[name]}`);
  const digest = named.length ? createHash('sha256').update(`${received.digest}\n${named.join('&')}`).digest('hex') : received.digest;
  return { received, fields, digest };
}

function choice<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value as T)) throw new ChargingError('REQUEST-106', `${name} must be one of ${allowed.join(', ')}`);
  return value as T;
}

function jobOptions(query: JobQuery): BulkImportOptions {
  const status = choice('status', query.status, STATUSES, 'locked');
  return {
    mode: choice('mode', query.mode, MODES, 'bundle'),
    status: importStatus(status),
    onAlreadyExistingTable: choice('onAlreadyExistingTable', query.onAlreadyExistingTable, TABLE_POLICIES, 'reject'),
  };
}

const problem = (reply: FastifyReply, error: unknown) => {
  if (!isChargingError(error)) throw error;
  return sendProblem(reply, problemFor(error));
};

/**
 * The most bytes a request's Content-Length may declare for this route to read
 * its body, when it is a job upload: the cap for a raw body; none for a multipart
 * one, whose cap is on the file's bytes, not on the whole body. Undefined for any
 * other request.
 */
export function jobUploadLimit(request: IncomingMessage, jobs: JobService): number | undefined {
  if (request.method !== 'POST' || request.url?.split('?', 1)[0] !== '/api/v1/jobs') return undefined;
  return request.headers['content-type']?.toLowerCase().startsWith('multipart/') ? Infinity : jobs.maxBytes;
}

const OptionsQuery = Obj({
  mode: Opt(Enum(MODES)),
  status: Opt(Enum(STATUSES)),
  onAlreadyExistingTable: Opt(Enum(TABLE_POLICIES)),
});

const ImportJobSchema = Obj(
  {
    id: Type.String(),
    state: Enum(['running', 'finished', 'failed'] as const),
    mode: Enum(MODES),
    status: Enum(STATUSES),
    onAlreadyExistingTable: Enum(TABLE_POLICIES),
    user: Type.String(),
    createdAt: Type.String(),
    finishedAt: Opt(Type.String()),
    file: Type.String(),
    progress: Obj({ records: Int({ minimum: 0 }), imported: Int({ minimum: 0 }), failed: Int({ minimum: 0 }) }),
    summary: Opt(Type.Unknown({ description: 'the summary of customerDataImport (docs/customerdata.md)' })),
    error: Opt(Obj({ code: Type.String(), message: Type.String(), line: Opt(Int({ minimum: 1 })) })),
    failures: Opt(List(Obj({ line: Int({ minimum: 1 }), code: Type.String(), message: Type.String() }))),
  },
  { xsdName: 'ImportJob' },
);

const FILE = Type.String({ description: 'a customer data file: NDJSON or XML, gzip or not, told by its content' });

const startJob: HttpRoute = {
  method: 'POST',
  path: '/api/v1/jobs',
  operationId: 'jobs.start',
  tag: 'jobs',
  summary: 'start an import job (audited per transaction like customerDataImport)',
  roles: JOB_START_ROLES,
  query: OptionsQuery,
  body: {
    description: `the file as the body, whatever its Content-Type, or as the part \`${FILE_PART}\` of a multipart upload whose other fields may give the options`,
    content: { 'application/octet-stream': FILE, 'multipart/form-data': Obj({ [FILE_PART]: FILE, ...OptionsQuery.properties }) },
  },
  responses: [{ status: 202, description: 'the job, started (Location: /api/v1/jobs/{id})', contentType: 'application/json', schema: ImportJobSchema }],
  problems: true,
  // a scope of its own: here every body is a raw stream or a multipart upload, elsewhere JSON stays the rule
  async scope(scope) {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    await scope.register(fastifyMultipart, { limits: MULTIPART_LIMITS });
  },
  handler: ({ jobs, keys }) =>
    async (request, reply) => {
      const query = request.query as JobQuery;
      let options: BulkImportOptions;
      let received: ReceivedUpload;
      try {
        if (request.isMultipart()) {
          // the query's options are checked first, so that a wrong one is not answered after a long upload
          jobOptions(query);
          const upload = await receiveMultipart(request, jobs);
          received = upload.received;
          try {
            options = jobOptions({ ...query, ...upload.fields });
          } catch (error) {
            jobs.discard(received);
            throw error;
          }
          // an Idempotency-Key identifies the upload by its file's bytes (and its option fields): a resent file replays the first job
          request.bodyDigest = upload.digest;
        } else {
          options = jobOptions(query);
          if (!request.body) throw new ChargingError('REQUEST-101', 'the request body is the customer data file');
          // a length above the cap is refused before a byte is read
          if (Number(request.headers['content-length']) > jobs.maxBytes) throw jobs.tooLarge();
          received = await jobs.receive(request.body as Readable);
          // an Idempotency-Key identifies the upload by its bytes: a resent file replays the first job
          request.bodyDigest = received.digest;
        }
      } catch (error) {
        // an upload over the cap was left unread: the connection closes after the answer rather than read the rest, lingering so that the answer reaches the client
        if (isChargingError(error) && error.code === 'REQUEST-111') closeAfterAnswer(request.raw, reply);
        return problem(reply, error);
      }
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
    },
};

const jobView: HttpRoute = {
  method: 'GET',
  path: '/api/v1/jobs/{id}',
  operationId: 'jobs.get',
  tag: 'jobs',
  summary: 'an import job: its state, progress counts and failures',
  roles: JOB_VIEW_ROLES,
  params: Obj({ id: Type.String({ description: 'the id POST /api/v1/jobs answered' }) }),
  responses: [{ status: 200, description: 'the job', contentType: 'application/json', schema: ImportJobSchema }],
  problems: true,
  handler: ({ jobs }) =>
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const job = await jobs.get(id);
      if (!job) return sendProblem(reply, problemFor(new ChargingError('JOB-100', id)));
      return job;
    },
};

/** The routes of import jobs, for the registry (src/transport/routes.ts). */
export const JOB_ROUTES: readonly HttpRoute[] = [startJob, jobView];
