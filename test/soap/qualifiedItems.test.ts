// Bundle and mass items as SAP CC's own clients send and expect them (docs/sapcc-wire.md
// sections 1 and 8): references to the global `<op>Request` / `<op>Response` elements,
// so qualified in the service schema namespace, their content unqualified.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeOnStores } from '../helpers/server.ts';
import { SERVICES } from '../../src/operations/services.ts';
import { assertBusinessError, callSoap, postSoap, securityHeader, SOAP_ENV, textOf, type SoapAnswer, type XmlElement } from './client.ts';

const PROV = SERVICES.suacProvisioning.schemaNamespace;
const ENDPOINT = SERVICES.suacProvisioning.endpoint;

/** A SOAP request whose Body holds `body` as written, sent as a generated client sends it. */
function send(url: string, operation: string, body: string): Promise<SoapAnswer> {
  const envelope = `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="${SOAP_ENV}">${securityHeader()}<soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;
  return postSoap(url, ENDPOINT, envelope, { soapaction: `"${operation}"` });
}

/** The answer's items: each qualified in the service schema namespace, its content unqualified. */
function qualifiedItems(answer: SoapAnswer, name: string): XmlElement[] {
  assert.equal(answer.body.uri, PROV, answer.text);
  const items = answer.body.children.filter((c) => c.name === name);
  for (const item of items) {
    assert.equal(item.uri, PROV, `${name} is qualified: ${answer.text}`);
    for (const field of item.children) assert.equal(field.uri, '', `${name}/${field.name} is unqualified`);
  }
  // the envelope's own fields stay unqualified
  for (const field of answer.body.children.filter((c) => c.name !== name)) assert.equal(field.uri, '', field.name);
  return items;
}

describeOnStores('Bundle and mass items qualified as on the SAP CC wire', (server) => {
  test('when a bundle is sent exactly as docs/sapcc-wire.md section 8 shows, then it is served and its answers are qualified', async () => {
    const answer = await send(
      server().url,
      'subscriberAccountMaintainBundle',
      `<p:subscriberAccountMaintainBundleRequest xmlns:p="${PROV}">
  <p:subscriberAccountMaintainRequest>
    <subscriberAccount><id>SA1</id><subscriberId>S1</subscriberId><noTax/></subscriberAccount>
  </p:subscriberAccountMaintainRequest>
</p:subscriberAccountMaintainBundleRequest>`,
    );
    assert.equal(answer.status, 200, answer.text);
    assert.equal(answer.body.name, 'subscriberAccountMaintainBundleResponse');
    assert.equal(textOf(answer.body, 'status'), 'return', answer.text);
    const items = qualifiedItems(answer, 'subscriberAccountMaintainResponse');
    assert.deepEqual(
      items.map((item) => textOf(item, 'status')),
      ['return'],
    );
    const read = await server().call('suacProvisioning', 'subscriberAccountRead', { subscriberAccountId: 'SA1' });
    assert.equal((read.body.subscriberAccount as { subscriberId: string }).subscriberId, 'S1');
  });

  test('when a mass is sent with qualified items (any prefix), then each is applied or not on its own and every answer is qualified', async () => {
    const item = (prefix: string, account: string) => `<${prefix}:subscriberAccountMaintainRequest xmlns:${prefix}="${PROV}"><subscriberAccount>${account}</subscriberAccount></${prefix}:subscriberAccountMaintainRequest>`;
    const answer = await send(
      server().url,
      'subscriberAccountMaintainMass',
      `<p:subscriberAccountMaintainMassRequest xmlns:p="${PROV}">` +
        item('p', '<id>QM-1</id><subscriberId>S1</subscriberId><noTax/>') +
        item('ns2', '<id>QM-2</id><subscriberId>S1</subscriberId><tax><mode>noTax</mode><vat><taxCode>NOPE</taxCode></vat></tax>') +
        item('p', '<id>QM-3</id><subscriberId>S1</subscriberId><noTax/>') +
        '</p:subscriberAccountMaintainMassRequest>',
    );
    assert.equal(answer.status, 200, answer.text);
    assert.equal(textOf(answer.body, 'status'), 'return', answer.text);
    assert.equal(textOf(answer.body, 'failures'), '1');
    const items = qualifiedItems(answer, 'subscriberAccountMaintainResponse');
    assert.deepEqual(
      items.map((i) => textOf(i, 'status')),
      ['return', 'error', 'return'],
    );
    for (const [id, code] of [['QM-1', undefined], ['QM-2', 'SUBSCRIBERACCOUNT-100'], ['QM-3', undefined]]) {
      assert.equal((await server().call('suacProvisioning', 'subscriberAccountRead', { subscriberAccountId: id })).body.code, code, id);
    }
  });

  test('when a bundle fails, then the successes so far and the failed item are answered qualified', async () => {
    const item = (account: string) => `<p:externalAccountMaintainRequest><externalAccount>${account}</externalAccount></p:externalAccountMaintainRequest>`;
    const answer = await send(
      server().url,
      'externalAccountMaintainBundle',
      `<p:externalAccountMaintainBundleRequest xmlns:p="${PROV}">${item('<id>QE-1</id><subscriberAccountId>nobody</subscriberAccountId>')}</p:externalAccountMaintainBundleRequest>`,
    );
    assert.equal(textOf(answer.body, 'status'), 'error', answer.text);
    const items = qualifiedItems(answer, 'externalAccountMaintainResponse');
    assert.equal(items.length, 1);
    assert.equal(textOf(items[0], 'status'), 'error');
  });

  test('when items come unqualified (clients generated from the earlier WSDL), then they are still served, and answered qualified', async () => {
    const answer = await callSoap(
      server().url,
      'suacProvisioning',
      'subscriberAccountMaintainBundle',
      '<subscriberAccountMaintainRequest><subscriberAccount><id>QU-1</id><subscriberId>S1</subscriberId></subscriberAccount></subscriberAccountMaintainRequest>',
    );
    assert.equal(textOf(answer.body, 'status'), 'return', answer.text);
    assert.equal(qualifiedItems(answer, 'subscriberAccountMaintainResponse').length, 1);
  });

  test('when an item is qualified in another namespace, or an element that is no item is qualified, then the request is refused with REQUEST-102', async () => {
    const other = await send(
      server().url,
      'subscriberAccountMaintainBundle',
      `<p:subscriberAccountMaintainBundleRequest xmlns:p="${PROV}"><o:subscriberAccountMaintainRequest xmlns:o="urn:other"><subscriberAccount><id>QX-1</id><subscriberId>S1</subscriberId></subscriberAccount></o:subscriberAccountMaintainRequest></p:subscriberAccountMaintainBundleRequest>`,
    );
    assertBusinessError(other, 'REQUEST-102', 'invalid');
    const inner = await send(
      server().url,
      'subscriberAccountMaintainBundle',
      `<p:subscriberAccountMaintainBundleRequest xmlns:p="${PROV}"><p:subscriberAccountMaintainRequest><p:subscriberAccount><id>QX-2</id><subscriberId>S1</subscriberId></p:subscriberAccount></p:subscriberAccountMaintainRequest></p:subscriberAccountMaintainBundleRequest>`,
    );
    assertBusinessError(inner, 'REQUEST-102', 'invalid');
    for (const id of ['QX-1', 'QX-2']) {
      assert.equal((await server().call('suacProvisioning', 'subscriberAccountRead', { subscriberAccountId: id })).body.code, 'SUBSCRIBERACCOUNT-100', id);
    }
  });
});
