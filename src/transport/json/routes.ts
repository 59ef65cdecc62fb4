// `POST /api/v1/<service>/<operation>` for every operation of the registry.
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations/registry.ts';
import { SERVICES, jsonSegment } from '../../operations/services.ts';
import { authorize, invoke, type InvokeEnvironment } from '../../operations/respond.ts';
import type { Authenticator } from '../../operations/users.ts';
import type { Operation } from '../../operations/operation.ts';
import { originOf, requireUser, sendForbidden } from '../http/auth.ts';
import { renderResponse } from './problem.ts';
import type { IdempotencyKeys } from './idempotency.ts';

export const operationPath = (op: Operation): string => `/api/v1/${jsonSegment(SERVICES[op.service])}/${op.name}`;

export function registerOperationRoutes(app: FastifyInstance, env: InvokeEnvironment, authenticator: Authenticator, keys: IdempotencyKeys): void {
  const authenticate = requireUser(authenticator);
  for (const op of OPERATIONS) {
    app.post(operationPath(op), { onRequest: authenticate }, async (request, reply) => {
      const user = request.user!;
      const origin = originOf(request);
      if (!(await authorize(op, user, request.body, env, origin))) return sendForbidden(reply, op.name);
      return keys.reply(request, reply, async (keep) => {
        const response = await invoke(op, request.body, user.name, env, { origin, onCommit: keep && ((tx, done) => keep(tx, renderResponse(done))) });
        return { rendered: renderResponse(response), kept: keep !== undefined && op.access === 'write' && response.status === 'return' };
      });
    });
  }
}
