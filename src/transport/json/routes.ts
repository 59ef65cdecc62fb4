// `POST /api/v1/<service>/<operation>` for every operation of the registry.
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations/registry.ts';
import { SERVICES, jsonSegment } from '../../operations/services.ts';
import { invoke, type InvokeEnvironment } from '../../operations/respond.ts';
import { mayInvoke, type Authenticator } from '../../operations/users.ts';
import type { Operation } from '../../operations/operation.ts';
import { requireUser, sendForbidden } from '../http/auth.ts';
import { sendResponse } from './problem.ts';

export const operationPath = (op: Operation): string => `/api/v1/${jsonSegment(SERVICES[op.service])}/${op.name}`;

export function registerOperationRoutes(app: FastifyInstance, env: InvokeEnvironment, authenticator: Authenticator): void {
  const authenticate = requireUser(authenticator);
  for (const op of OPERATIONS) {
    app.post(operationPath(op), { onRequest: authenticate }, async (request, reply) => {
      const user = request.user!;
      if (!mayInvoke(user.roles, op.roles)) return sendForbidden(reply, op.name);
      return sendResponse(reply, await invoke(op, request.body, user.name, env));
    });
  }
}
