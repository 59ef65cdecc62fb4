// The responses of suacProvisioning's maintain, cancel and state change as SAP CC
// defines them (docs/sapcc-wire.md section 4): the Response envelope, then the id
// or the reference of the account, in the real order; the JSON API the same fields.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeOnStores } from '../helpers/server.ts';
import { succeed } from '../helpers/accounts.ts';
import { createPrepaidAccount, createSubscriberAccount, freshId } from '../helpers/factories.ts';
import { operationsOf } from '../../src/operations/registry.ts';
import { SERVICES } from '../../src/operations/services.ts';
import { serviceDocuments } from '../../src/schema/wsdl.ts';
import { callSoap, parseXml, type SoapAnswer, type XmlElement } from './client.ts';

/** The answer's elements in order, each with its children's names: `status`, then `externalAccountReference(subscriberAccountId,externalAccountId)`. */
function shape(answer: SoapAnswer): string[] {
  assert.equal(answer.status, 200, answer.text);
  const describe = (e: XmlElement): string => (e.children.length ? `${e.name}(${e.children.map(describe).join(',')})` : `${e.name}=${e.text}`);
  return answer.body.children.map(describe);
}

const soap = (url: string, operation: string, content: string) => callSoap(url, 'suacProvisioning', operation, content);

describeOnStores('suacProvisioning operation responses as on the SAP CC wire', (server) => {
  test('when a subscriber account is maintained and cancelled over SOAP, then each response carries subscriberAccountId after the status', async () => {
    const id = freshId('SA');
    const maintained = await soap(server().url, 'subscriberAccountMaintain', `<subscriberAccount><id>${id}</id><subscriberId>S-${id}</subscriberId><noTax/></subscriberAccount>`);
    assert.equal(maintained.body.name, 'subscriberAccountMaintainResponse');
    assert.deepEqual(shape(maintained), ['status=return', `subscriberAccountId=${id}`]);
    const cancelled = await soap(server().url, 'subscriberAccountCancel', `<subscriberAccountId>${id}</subscriberAccountId>`);
    assert.deepEqual(shape(cancelled), ['status=return', `subscriberAccountId=${id}`]);
  });

  test('when an external account is maintained and cancelled over SOAP, then each response carries externalAccountReference {subscriberAccountId, externalAccountId}', async () => {
    const sa = (await createSubscriberAccount(server())).id;
    const id = freshId('EXT');
    const reference = `externalAccountReference(subscriberAccountId=${sa},externalAccountId=${id})`;
    const maintained = await soap(server().url, 'externalAccountMaintain', `<externalAccount><id>${id}</id><subscriberAccountId>${sa}</subscriberAccountId><currencyCode>EUR</currencyCode></externalAccount>`);
    assert.deepEqual(shape(maintained), ['status=return', reference]);
    const cancelled = await soap(server().url, 'externalAccountCancel', `<externalAccountReference><subscriberAccountId>${sa}</subscriberAccountId><externalAccountId>${id}</externalAccountId></externalAccountReference>`);
    assert.deepEqual(shape(cancelled), ['status=return', reference]);
  });

  test('when a prepaid account is maintained, changes state and is cancelled over SOAP, then each response carries prepaidAccountReference {subscriberAccountId, prepaidAccountId}', async () => {
    const sa = (await createSubscriberAccount(server())).id;
    const id = freshId('PP');
    const reference = `prepaidAccountReference(subscriberAccountId=${sa},prepaidAccountId=${id})`;
    const ref = `<prepaidAccountReference><subscriberAccountId>${sa}</subscriberAccountId><prepaidAccountId>${id}</prepaidAccountId></prepaidAccountReference>`;
    const maintained = await soap(server().url, 'prepaidAccountMaintain', `<prepaidAccount><id>${id}</id><subscriberAccountId>${sa}</subscriberAccountId><currencyCode>EUR</currencyCode></prepaidAccount>`);
    assert.deepEqual(shape(maintained), ['status=return', reference]);
    assert.deepEqual(shape(await soap(server().url, 'prepaidAccountStateChange', `${ref}<stateCode>blocked</stateCode>`)), ['status=return', reference]);
    assert.deepEqual(shape(await soap(server().url, 'prepaidAccountCancel', ref)), ['status=return', reference]);
  });

  test('when the same operations are called over JSON, then the responses carry the same id and references', async () => {
    const sa = freshId('SA');
    const maintained = await succeed(server(), 'subscriberAccountMaintain', { subscriberAccount: { id: sa, subscriberId: `S-${sa}` } });
    assert.deepEqual(maintained.body, { status: 'return', subscriberAccountId: sa });
    const ext = freshId('EXT');
    const external = await succeed(server(), 'externalAccountMaintain', { externalAccount: { id: ext, subscriberAccountId: sa, currencyCode: 'EUR' } });
    assert.deepEqual(external.body, { status: 'return', externalAccountReference: { subscriberAccountId: sa, externalAccountId: ext } });
    const pp = (await createPrepaidAccount(server(), sa)).id;
    const prepaidAccountReference = { subscriberAccountId: sa, prepaidAccountId: pp };
    const changed = await succeed(server(), 'prepaidAccountStateChange', { prepaidAccountReference, stateCode: 'blocked' });
    assert.deepEqual(changed.body, { status: 'return', prepaidAccountReference });
    assert.deepEqual((await succeed(server(), 'prepaidAccountCancel', { prepaidAccountReference })).body, { status: 'return', prepaidAccountReference });
    const externalAccountReference = { subscriberAccountId: sa, externalAccountId: ext };
    assert.deepEqual((await succeed(server(), 'externalAccountCancel', { externalAccountReference })).body, { status: 'return', externalAccountReference });
    assert.deepEqual((await succeed(server(), 'subscriberAccountCancel', { subscriberAccountId: sa })).body, { status: 'return', subscriberAccountId: sa });
  });
});

test('when the suacProvisioning WSDL is generated, then the shared response types carry SAP CC names', () => {
  const wsdl = serviceDocuments(SERVICES.suacProvisioning, operationsOf('suacProvisioning')).wsdl('http://example.test/suacProvisioning');
  const elements = new Map<string, string>();
  const walk = (e: XmlElement): void => {
    if (e.name === 'element' && e.attributes.name && e.attributes.type) elements.set(e.attributes.name, e.attributes.type.split(':').pop()!);
    e.children.forEach(walk);
  };
  walk(parseXml(wsdl));
  const expected: Record<string, string> = {
    subscriberAccountMaintainResponse: 'SubscriberAccountOperationResponse',
    subscriberAccountCancelResponse: 'SubscriberAccountOperationResponse',
    externalAccountMaintainResponse: 'ExternalAccountOperationResponse',
    externalAccountCancelResponse: 'ExternalAccountOperationResponse',
    prepaidAccountMaintainResponse: 'PrepaidAccountOperationResponse',
    prepaidAccountCancelResponse: 'PrepaidAccountOperationResponse',
    prepaidAccountStateChangeResponse: 'PrepaidAccountOperationResponse',
    prepaidAccountBalanceSetResponse: 'PrepaidAccountOperationResponse',
  };
  for (const [element, type] of Object.entries(expected)) assert.equal(elements.get(element), type, element);
});
