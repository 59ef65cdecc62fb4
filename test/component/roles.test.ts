// Table-driven over the registry: every operation needs credentials and its role.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OPERATIONS } from '../../src/operations/registry.ts';
import { ROLES } from '../../src/operations/operation.ts';
import { operationPath } from '../../src/transport/json/routes.ts';
import { describeOnStores } from '../helpers/server.ts';

describeOnStores('roles of every operation', (server) => {
  test('when a request has no credentials, then every operation answers 401 and nothing is written', async () => {
    for (const op of OPERATIONS) {
      const result = await server().request('POST', operationPath(op), {}, { anonymous: true });
      assert.equal(result.status, 401, op.name);
      assert.equal(result.body.code, 'CC-SEC-AUTH-100', op.name);
      assert.match(result.headers.get('www-authenticate') ?? '', /^Basic /, op.name);
    }
    const accounts = await server().call('suacProvisioning', 'subscriberAccountFind', { searchFilter: { totalCountRequired: true } });
    assert.equal(accounts.body.totalCount, 0);
  });

  test('when the password is wrong, then every operation answers 401', async () => {
    for (const op of OPERATIONS) {
      const result = await server().request('POST', operationPath(op), {}, { user: 'admin', password: 'wrong-password' });
      assert.equal(result.status, 401, op.name);
      assert.equal(result.body.code, 'CC-SEC-AUTH-100', op.name);
    }
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
});
