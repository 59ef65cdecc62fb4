import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeOnStores } from '../helpers/server.ts';

const account = {
  id: 'SA-1',
  subscriberId: 'BP-1',
  description: 'Anna Example',
  tax: { mode: 'vendorSubjectToPay', vat: { taxCode: 'VAT_STD', customerCountryCode: 'DE', businessCategory: 'B2C' } },
  additionalInfo: [{ name: 'SEGMENT', string: 'consumer' }, { name: 'SCORE', number: '0.30' }],
};

describeOnStores('subscriber accounts', (server) => {
  test('when an account is maintained, then it reads back identically', async () => {
    const created = await server().call('suacProvisioning', 'subscriberAccountMaintain', { subscriberAccount: account });
    assert.equal(created.status, 200);
    assert.equal(created.body.status, 'return');
    const read = await server().call('suacProvisioning', 'subscriberAccountRead', { subscriberAccountId: 'SA-1' });
    assert.deepEqual(read.body, { status: 'return', subscriberAccount: account });
  });

  test('when an account does not exist, then reading it is doesNotExist with its code', async () => {
    const read = await server().call('suacProvisioning', 'subscriberAccountRead', { subscriberAccountId: 'nope' });
    assert.equal(read.status, 404);
    assert.equal(read.body.code, 'SUBSCRIBERACCOUNT-100');
    assert.equal(read.body.category, 'doesNotExist');
    assert.equal(read.headers.get('content-type'), 'application/problem+json; charset=utf-8');
  });

  test('when a tax code is not in the catalog, then maintain is prerequisiteMissing', async () => {
    const bad = { ...account, id: 'SA-2', tax: { mode: 'vendorSubjectToPay', vat: { taxCode: 'VAT_NONE' } } };
    const result = await server().call('suacProvisioning', 'subscriberAccountMaintain', { subscriberAccount: bad });
    assert.equal(result.status, 422);
    assert.equal(result.body.code, 'SUBSCRIBERACCOUNT-102');
  });

  test('when an id is 257 characters, then the request is invalid', async () => {
    const result = await server().call('suacProvisioning', 'subscriberAccountMaintain', { subscriberAccount: { ...account, id: 'x'.repeat(257) } });
    assert.equal(result.status, 400);
    assert.equal(result.body.code, 'REQUEST-103');
  });
});
