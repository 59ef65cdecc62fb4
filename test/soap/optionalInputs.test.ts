// SAP CC's optional request elements of suacProvisioning (docs/sapcc-wire.md section
// 4, 10.2.3), sent as a client generated from the real XSD sends them: `date` on the
// reads (accepted; the current state is answered) and `additionalId` in
// ExternalAccountReference (a different one names no account).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeOnStores } from '../helpers/server.ts';
import { assertProblem, suac, succeed } from '../helpers/accounts.ts';
import { createExternalAccount, createPrepaidAccount, createSubscriberAccount } from '../helpers/factories.ts';
import { assertBusinessError, callSoap, child, textOf } from './client.ts';

const soap = (url: string, operation: string, content: string) => callSoap(url, 'suacProvisioning', operation, content);
const DATE = '2020-01-01T00:00:00';

describeOnStores('suacProvisioning optional inputs of SAP CC', (server) => {
  test('when subscriberAccountReadFully and prepaidAccountRead carry a date over SOAP, then they answer the current state', async () => {
    const sa = (await createSubscriberAccount(server())).id;
    const pp = (await createPrepaidAccount(server(), sa)).id;
    await succeed(server(), 'prepaidAccountStateChange', { prepaidAccountReference: { subscriberAccountId: sa, prepaidAccountId: pp }, stateCode: 'blocked' });
    const full = await soap(server().url, 'subscriberAccountReadFully', `<subscriberAccountId>${sa}</subscriberAccountId><date>${DATE}</date>`);
    assert.equal(textOf(full.body, 'status'), 'return', full.text);
    assert.equal(textOf(full.body, 'subscriberAccount/prepaidAccount/currentState'), 'blocked', full.text);
    const read = await soap(
      server().url,
      'prepaidAccountRead',
      `<prepaidAccountReference><subscriberAccountId>${sa}</subscriberAccountId><prepaidAccountId>${pp}</prepaidAccountId></prepaidAccountReference><date>${DATE}</date>`,
    );
    assert.equal(textOf(read.body, 'status'), 'return', read.text);
    assert.equal(textOf(read.body, 'prepaidAccount/currentState'), 'blocked', read.text);
  });

  test('when an external account reference carries its additionalId over SOAP, then read and cancel find the account and the response echoes it; another additionalId is EXTERNALACCOUNT-100', async () => {
    const sa = (await createSubscriberAccount(server())).id;
    const ext = (await createExternalAccount(server(), sa, { additionalId: 'CA-77' })).id;
    const reference = (additionalId: string) =>
      `<externalAccountReference><subscriberAccountId>${sa}</subscriberAccountId><externalAccountId>${ext}</externalAccountId><additionalId>${additionalId}</additionalId></externalAccountReference>`;
    assertBusinessError(await soap(server().url, 'externalAccountRead', reference('CA-78')), 'EXTERNALACCOUNT-100', 'doesNotExist');
    assertBusinessError(await soap(server().url, 'externalAccountCancel', reference('CA-78')), 'EXTERNALACCOUNT-100', 'doesNotExist');
    const read = await soap(server().url, 'externalAccountRead', reference('CA-77'));
    assert.equal(textOf(read.body, 'externalAccount/additionalId'), 'CA-77', read.text);
    const cancelled = await soap(server().url, 'externalAccountCancel', reference('CA-77'));
    assert.deepEqual(
      child(cancelled.body, 'externalAccountReference')!.children.map((e) => `${e.name}=${e.text}`),
      [`subscriberAccountId=${sa}`, `externalAccountId=${ext}`, 'additionalId=CA-77'],
    );
  });

  test('when the same inputs are sent over JSON, then they are served the same', async () => {
    const sa = (await createSubscriberAccount(server())).id;
    const ext = (await createExternalAccount(server(), sa, { additionalId: 'CA-77' })).id;
    await succeed(server(), 'subscriberAccountReadFully', { subscriberAccountId: sa, date: DATE });
    const externalAccountReference = { subscriberAccountId: sa, externalAccountId: ext, additionalId: 'CA-77' };
    assertProblem(await suac(server(), 'externalAccountRead', { externalAccountReference: { ...externalAccountReference, additionalId: 'other' } }), 404, 'EXTERNALACCOUNT-100');
    await succeed(server(), 'externalAccountRead', { externalAccountReference });
    assert.deepEqual((await succeed(server(), 'externalAccountCancel', { externalAccountReference })).body, { status: 'return', externalAccountReference });
  });
});

