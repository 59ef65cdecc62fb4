// echo (SPEC 4.1): checks connectivity and credentials.
import { Obj, String2000 } from '../schema/types.ts';
import { defineOperation, type Operation } from './operation.ts';

export const echoOperations: Operation[] = [
  defineOperation({
    service: 'echo',
    name: 'echo',
    summary: 'Answers the text it is sent: checks connectivity and credentials.',
    request: Obj({ text: String2000() }),
    response: Obj({ text: String2000() }),
    roles: ['reader'],
    idempotent: true,
    access: 'read',
    auditDomain: 'NONE',
    handler: async (request) => ({ text: request.text }),
  }),
];
