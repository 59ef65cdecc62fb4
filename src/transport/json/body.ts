// JSON request bodies: UTF-8 only (RFC 8259), so that invalid bytes are refused
// rather than silently replaced; and the digest of the bytes as sent when the
// request carries an Idempotency-Key, to tell a retry from a different request.
import { createHash } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import type { FastifyInstance, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** SHA-256 of the body's bytes, when the request has an Idempotency-Key */
    bodyDigest?: string;
  }
}

class InvalidBody extends Error {
  readonly statusCode = 400;
  readonly code = 'FST_ERR_CTP_INVALID_JSON_BODY';
}

export function registerJsonBodyParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request: FastifyRequest, body: Buffer, done) => {
    if (!isUtf8(body)) return done(new InvalidBody('the body is not valid UTF-8'), undefined);
    if (request.headers['idempotency-key'] !== undefined) request.bodyDigest = createHash('sha256').update(body).digest('hex');
    parse(request, body.toString('utf8'), done);
  });
}
