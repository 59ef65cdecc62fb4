// contractProvisioning's cancel and maintain as SAP CC's own clients send them and
// read the answers (docs/sapcc-wire.md 5.2): the request `{id}` of
// CancelChargingContractRequest, and the ContractOperationResponse of both — the
// envelope, then `id`, then `reference` (left out) — over SOAP and over JSON.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeOnStores } from '../helpers/server.ts';
import { assertFailure, provisionAccount, readContract, taggedSample } from '../helpers/customerData.ts';
import { SERVICES } from '../../src/operations/services.ts';
import { assertBusinessError, postSoap, securityHeader, SOAP_ENV, textOf, type SoapAnswer, type XmlElement } from './client.ts';

const PROV = SERVICES.contractProvisioning.schemaNamespace;
const ENDPOINT = SERVICES.contractProvisioning.endpoint;

/** A SOAP request whose Body holds `body` as written, sent as a generated client sends it. */
function send(url: string, operation: string, body: string): Promise<SoapAnswer> {
  const envelope = `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="${SOAP_ENV}">${securityHeader()}<soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;
  return postSoap(url, ENDPOINT, envelope, { soapaction: `"${operation}"` });
}

/** Plain JSON written as unqualified XML elements, in key order (lists repeat their element). */
function xmlOf(value: unknown, name: string): string {
  if (Array.isArray(value)) return value.map((item) => xmlOf(item, name)).join('');
  if (value !== null && typeof value === 'object') return `<${name}>${Object.entries(value).map(([key, inner]) => xmlOf(inner, key)).join('')}</${name}>`;
  return `<${name}>${String(value)}</${name}>`;
}

/** The element names of a ContractOperationResponse, in order, and its id. */
function contractOperationResponse(element: XmlElement): { names: string[]; id: string | undefined } {
  assert.equal(element.uri, PROV);
  for (const field of element.children) assert.equal(field.uri, '', `${field.name} is unqualified`);
  return { names: element.children.map((c) => c.name), id: textOf(element, 'id') };
}

describeOnStores('contractProvisioning operation responses as on the SAP CC wire', (server) => {
  test('when a maintain and a cancel {id} are sent over SOAP as a generated client sends them, then each is served and answers status, then id', async () => {
    const sample = taggedSample('wire-op');
    await provisionAccount(server(), sample);
    const maintained = await send(
      server().url,
      'chargingContractMaintain',
      `<p:chargingContractMaintainRequest xmlns:p="${PROV}">${xmlOf(sample.root, 'chargingContract')}</p:chargingContractMaintainRequest>`,
    );
    assert.equal(maintained.status, 200, maintained.text);
    assert.equal(maintained.body.name, 'chargingContractMaintainResponse');
    assert.deepEqual(contractOperationResponse(maintained.body), { names: ['status', 'id'], id: sample.root.id });
    assert.equal(textOf(maintained.body, 'status'), 'return');
    assert.equal((await readContract(server(), sample.root.id)).body.status, 'return');

    const cancelled = await send(server().url, 'chargingContractCancel', `<p:chargingContractCancelRequest xmlns:p="${PROV}"><id>${sample.root.id}</id></p:chargingContractCancelRequest>`);
    assert.equal(cancelled.status, 200, cancelled.text);
    assert.equal(cancelled.body.name, 'chargingContractCancelResponse');
    assert.deepEqual(contractOperationResponse(cancelled.body), { names: ['status', 'id'], id: sample.root.id });
    assert.equal(textOf(cancelled.body, 'status'), 'return');
    assertFailure(await readContract(server(), sample.root.id), 404, 'CHARGINGCONTRACT-100', 'doesNotExist');

    const again = await send(server().url, 'chargingContractCancel', `<p:chargingContractCancelRequest xmlns:p="${PROV}"><id>${sample.root.id}</id></p:chargingContractCancelRequest>`);
    assertBusinessError(again, 'CHARGINGCONTRACT-100', 'doesNotExist');
    assert.equal(textOf(again.body, 'id'), undefined, 'no id on a failure');
  });

  test('when the same maintain and cancel {id} are sent over JSON, then they answer {status, id}', async () => {
    const sample = taggedSample('wire-json');
    await provisionAccount(server(), sample);
    const maintained = await server().call('contractProvisioning', 'chargingContractMaintain', { chargingContract: sample.root });
    assert.deepEqual(maintained.body, { status: 'return', id: sample.root.id });
    const cancelled = await server().call('contractProvisioning', 'chargingContractCancel', { id: sample.root.id });
    assert.deepEqual(cancelled.body, { status: 'return', id: sample.root.id });
    // Convergent's former cancel request is refused
    const old = await server().call('contractProvisioning', 'chargingContractCancel', { chargingContractId: sample.root.id });
    assert.equal(old.status, 400, JSON.stringify(old.body));
  });
});
