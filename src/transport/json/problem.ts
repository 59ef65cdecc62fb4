// Business errors on the JSON API (SPEC 5): application/problem+json with the
// category's HTTP status, the code, and the Failure as the SOAP body would carry it.
import type { FastifyReply } from 'fastify';
import type { Category } from '../../model/categories.ts';
import { ChargingError } from '../../model/errors.ts';
import { CODES, type ErrorCode } from '../../model/codes.ts';
import { CATEGORY_HTTP_STATUS, httpStatusOf } from '../http/status.ts';
import type { Failure } from '../../schema/common.ts';
import { failureOf, type WireResponse } from '../../operations/respond.ts';

export const PROBLEM_TYPE = 'application/problem+json';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  category: Category;
  error: Failure;
  [field: string]: unknown;
}

const codeText = (failure: Failure): string => `${failure.cause.module}-${failure.cause.code}`;

/** The problem document of a failed response; its other fields (bundle items) come along. */
export function problemOf(response: WireResponse, httpStatus?: number): Problem {
  const { status: _status, error, ...fields } = response;
  const failure = error!;
  const code = codeText(failure);
  const known = code in CODES;
  return {
    type: `urn:convergent:error:${code}`,
    title: known ? CODES[code as ErrorCode].message : failure.category,
    status: httpStatus ?? (known ? httpStatusOf(code as ErrorCode) : CATEGORY_HTTP_STATUS[failure.category]),
    detail: failure.message,
    code,
    category: failure.category,
    error: failure,
    ...fields,
  };
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  if (problem.status === 503) reply.header('retry-after', '1');
  return reply.code(problem.status).type(PROBLEM_TYPE).send(problem);
}

/** A problem for an error raised outside an operation (authentication, malformed body). */
export function problemFor(error: ChargingError, httpStatus?: number): Problem {
  return problemOf({ status: 'error', error: failureOf(error) }, httpStatus);
}

/** A response as it goes on the wire: what an Idempotency-Key keeps and replays. */
export interface Rendered {
  status: number;
  contentType: string;
  body: string;
}

const JSON_TYPE = 'application/json; charset=utf-8';

/** An operation's response: 200 with it, or its problem. */
export function renderResponse(response: WireResponse): Rendered {
  if (response.status === 'error') {
    const problem = problemOf(response);
    return { status: problem.status, contentType: PROBLEM_TYPE, body: JSON.stringify(problem) };
  }
  return { status: 200, contentType: JSON_TYPE, body: JSON.stringify(response) };
}

export function sendRendered(reply: FastifyReply, rendered: Rendered): FastifyReply {
  if (rendered.status === 503) reply.header('retry-after', '1');
  return reply.code(rendered.status).type(rendered.contentType).send(rendered.body);
}
