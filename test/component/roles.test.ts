// Table-driven over the registry: every operation needs credentials (a password or
// a live bearer token) and its role.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OPERATIONS } from '../../src/operations/registry.ts';
import { ROLES } from '../../src/operations/operation.ts';
import { operationPath } from '../../src/transport/json/routes.ts';
import { issueToken, revokeToken } from '../../src/operations/tokens.ts';
import { describeOnStores, NO_THROTTLE, type CallOptions } from '../helpers/server.ts';
import { assertFault, callSoap, textOf, type Credentials } from '../soap/client.ts';

describeOnStores(
  'roles of every operation',
  (server) => {
    const everyOperationAnswers = async (status: number, code: string, options: CallOptions) => {
      for (const op of OPERATIONS) {
        const result = await server().request('POST', operationPath(op), {}, options);
        assert.equal(result.status, status, op.name);
        assert.equal(result.body.code, code, op.name);
      }
    };

    const everySoapOperationFaults = async (code: string, credentials: Credentials) => {
      for (const op of OPERATIONS) {
        const answer = await callSoap(server().url, op.service, op.name, '', credentials);
        assert.doesNotThrow(() => assertFault(answer, code), op.name);
      }
    };

    test('when a SOAP request has no UsernameToken or a wrong password, then every operation answers a Fault CC-SEC-AUTH-100', async () => {
      await everySoapOperationFaults('CC-SEC-AUTH-100', { anonymous: true });
      await everySoapOperationFaults('CC-SEC-AUTH-100', { user: 'admin', password: 'wrong-password' });
    });

    test('when a SOAP user lacks the role of an operation, then it answers a Fault CC-SEC-AUTH-6, and with the role it gets past the check', async () => {
      for (const op of OPERATIONS) {
        for (const role of ROLES) {
          const answer = await callSoap(server().url, op.service, op.name, '', { user: role });
          if (role === 'administrator' || op.roles.includes(role)) {
            assert.equal(answer.status, 200, `${role} on ${op.name}: ${answer.text}`);
            assert.ok(['return', 'error'].includes(textOf(answer.body, 'status')!), `${role} on ${op.name}`);
          } else {
            assert.doesNotThrow(() => assertFault(answer, 'CC-SEC-AUTH-6'), `${role} on ${op.name}`);
          }
        }
      }
    });

    test('when a request has no credentials, then every operation answers 401 and nothing is written', async () => {
      const countAccounts = async () => (await server().call('suacProvisioning', 'subscriberAccountFind', { searchFilter: { totalCountRequired: true } })).body.totalCount;
      const before = await countAccounts();
      for (const op of OPERATIONS) {
        const result = await server().request('POST', operationPath(op), {}, { anonymous: true });
        assert.equal(result.status, 401, op.name);
        assert.equal(result.body.code, 'CC-SEC-AUTH-100', op.name);
        assert.match(result.headers.get('www-authenticate') ?? '', /^Basic /, op.name);
      }
      assert.equal(await countAccounts(), before);
    });

    test('when the password is wrong, then every operation answers 401', async () => {
      await everyOperationAnswers(401, 'CC-SEC-AUTH-100', { user: 'admin', password: 'wrong-password' });
    });

    test('when a bearer token is unknown, then every operation answers 401', async () => {
      await everyOperationAnswers(401, 'CC-SEC-AUTH-100', { bearer: 'cvt_not-a-token-anyone-was-given' });
    });

    test('when a bearer token is revoked, then every operation answers 401 from the next request on', async () => {
      const { id, token } = await issueToken(server().running.store, 'admin');
      const before = await server().call('echo', 'echo', { text: 'hello' }, { bearer: token });
      assert.equal(before.status, 200);
      await revokeToken(server().running.store, id);
      await everyOperationAnswers(401, 'CC-SEC-AUTH-100', { bearer: token });
    });

    test('when a user lacks the role of an operation, then it answers 403 CC-SEC-AUTH-6, and with the role it gets past the check', async () => {
      let refused = 0;
      for (const op of OPERATIONS) {
        for (const role of ROLES) {
          const allowed = role === 'administrator' || op.roles.includes(role);
          // an empty body: an allowed user gets a business answer (400 invalid), never 401/403
          const result = await server().request('POST', operationPath(op), {}, { user: role });
          if (allowed) {
            assert.notEqual(result.status, 403, `${role} on ${op.name}`);
            assert.notEqual(result.status, 401, `${role} on ${op.name}`);
          } else {
            refused++;
            assert.equal(result.status, 403, `${role} on ${op.name}`);
            assert.equal(result.body.code, 'CC-SEC-AUTH-6', `${role} on ${op.name}`);
          }
        }
      }
      assert.ok(refused > OPERATIONS.length, 'most operations are closed to most roles');
    });

    test('when a role user authenticates with a token, then the token carries exactly its roles', async () => {
      const { token } = await issueToken(server().running.store, 'reader');
      for (const op of OPERATIONS) {
        const result = await server().request('POST', operationPath(op), {}, { bearer: token });
        if (op.roles.includes('reader')) assert.ok(![401, 403].includes(result.status), op.name);
        else assert.equal(result.status, 403, op.name);
      }
    });
  },
  { throttle: NO_THROTTLE },
);
