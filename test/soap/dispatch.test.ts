import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeOnStores } from '../helpers/server.ts';
import { SERVICES } from '../../src/operations/services.ts';
import { operationsOf } from '../../src/operations/registry.ts';
import { assertBusinessError, assertFault, callSoap, child, parseXml, postSoap, requestEnvelope, textOf } from './client.ts';

const ACCOUNT_XML =
  '<subscriberAccount><id>SOAP-1</id><subscriberId>BP-1</subscriberId><description>Anna &amp; Co</description><noTax/>' +
  '<additionalInfo><name>SCORE</name><number>0.30</number></additionalInfo><additionalInfo><name>SEGMENT</name><string>consumer</string></additionalInfo></subscriberAccount>';
const ACCOUNT_JSON = {
  id: 'SOAP-1',
  subscriberId: 'BP-1',
  description: 'Anna & Co',
  noTax: {},
  additionalInfo: [
    { name: 'SCORE', number: '0.30' },
    { name: 'SEGMENT', string: 'consumer' },
  ],
};

describeOnStores('SOAP dispatch', (server) => {
  test('when a WSDL is asked for without credentials, then every service publishes its operations with SOAPAction and address', async () => {
    for (const service of Object.values(SERVICES)) {
      const response = await fetch(`${server().url}${service.endpoint}?wsdl`);
      assert.equal(response.status, 200, service.endpoint);
      const wsdl = parseXml(await response.text());
      assert.equal(wsdl.attributes.targetNamespace, service.wsdlNamespace);
      const schemas = child(wsdl, 'types')!.children;
      assert.deepEqual(
        schemas.map((schema) => schema.attributes.targetNamespace),
        ['http://schema.ws.highdeal.com/', service.schemaNamespace],
      );
      const binding = child(wsdl, 'binding')!;
      const actions = binding.children.filter((c) => c.name === 'operation').map((op) => [op.attributes.name, child(op, 'operation')!.attributes.soapAction]);
      assert.deepEqual(
        actions,
        operationsOf(service.name).map((op) => [op.name, service.wsdl.soapAction === 'operation' ? op.name : '']),
      );
      assert.equal(child(wsdl, 'service/port/address')!.attributes.location, `${server().url}${service.endpoint}`);
    }
  });

  test('when a WSDL is asked for, then its service, port, portType, binding and part names are SAP CC\'s', async () => {
    const namesOf = async (endpoint: string) => {
      const wsdl = parseXml(await (await fetch(`${server().url}${endpoint}?wsdl`)).text());
      const parts = wsdl.children.filter((c) => c.name === 'message' && c.attributes.name !== 'fault').map((message) => child(message, 'part')!.attributes.name);
      return {
        service: child(wsdl, 'service')!.attributes.name,
        port: child(wsdl, 'service/port')!.attributes.name,
        portBinding: child(wsdl, 'service/port')!.attributes.binding,
        portType: child(wsdl, 'portType')!.attributes.name,
        binding: child(wsdl, 'binding')!.attributes.name,
        bindingType: child(wsdl, 'binding')!.attributes.type,
        parts: [...new Set(parts)],
      };
    };
    // the real names (docs/sapcc-wire.md section 1: wsimport output from live SAP CC systems)
    assert.deepEqual(await namesOf('/suacProvisioning'), {
      service: 'suacProvisioning',
      port: 'suacProvisioningPort',
      portBinding: 'tns:SUACProvisioningServicesBinding',
      portType: 'SUACProvisioningServices',
      binding: 'SUACProvisioningServicesBinding',
      bindingType: 'tns:SUACProvisioningServices',
      parts: ['request', 'response'],
    });
    assert.deepEqual(await namesOf('/subscriberMappingTableManagement'), {
      service: 'subscriberMappingTableManagement',
      port: 'subscriberMappingTableManagementPort',
      portBinding: 'tns:SubscriberMappingTableManagementServicesBinding',
      portType: 'SubscriberMappingTableManagementServices',
      binding: 'SubscriberMappingTableManagementServicesBinding',
      bindingType: 'tns:SubscriberMappingTableManagementServices',
      parts: ['parameters'],
    });
    // inferred from the same pattern
    assert.deepEqual(await namesOf('/contractProvisioning'), {
      service: 'contractProvisioning',
      port: 'contractProvisioningPort',
      portBinding: 'tns:ContractProvisioningServicesBinding',
      portType: 'ContractProvisioningServices',
      binding: 'ContractProvisioningServicesBinding',
      bindingType: 'tns:ContractProvisioningServices',
      parts: ['request', 'response'],
    });
  });

  test('when the SOAPAction header is empty or absent, then the operation is still found by the body element', async () => {
    const envelope = requestEnvelope('echo', 'echo', '<text>no action</text>', { user: 'reader' });
    for (const headers of [{ soapaction: '""' }, {}, { soapaction: '"somethingElse"' }] as Record<string, string>[]) {
      const answer = await postSoap(server().url, '/echo', envelope, headers);
      assert.equal(answer.status, 200, answer.text);
      assert.equal(textOf(answer.body, 'text'), 'no action');
    }
    const row = requestEnvelope('subscriberMappingTableManagement', 'mappingTableRowCancel', '<mappingTableId>NO-SUCH-TABLE</mappingTableId><id>1</id>');
    const answer = await postSoap(server().url, '/subscriberMappingTableManagement', row, { soapaction: '""' });
    assert.equal(answer.status, 200, answer.text);
    assert.equal(answer.body.name, 'mappingTableRowCancelResponse');
  });

  test('when echo is called with credentials, then it answers the text in the echo schema namespace', async () => {
    const answer = await callSoap(server().url, 'echo', 'echo', '<text>ping &lt;&amp;&gt; ü</text>', { user: 'reader' });
    assert.equal(answer.status, 200);
    assert.equal(answer.contentType, 'text/xml; charset=utf-8');
    assert.equal(answer.body.name, 'echoResponse');
    assert.equal(answer.body.uri, 'http://schema.echo.ws.highdeal.com/');
    assert.equal(textOf(answer.body, 'status'), 'return');
    assert.equal(textOf(answer.body, 'text'), 'ping <&> ü');
    assert.equal(child(answer.body, 'text')!.uri, '', 'local elements are unqualified');
  });

  test('when no UsernameToken, a wrong password or a PasswordDigest is sent, then the answer is a Fault CC-SEC-AUTH-100', async () => {
    assertFault(await callSoap(server().url, 'echo', 'echo', '<text>x</text>', { anonymous: true }), 'CC-SEC-AUTH-100');
    assertFault(await callSoap(server().url, 'echo', 'echo', '<text>x</text>', { user: 'reader', password: 'wrong-password' }), 'CC-SEC-AUTH-100');
    const digest = requestEnvelope('echo', 'echo', '<text>x</text>', { user: 'reader' }).replace('#PasswordText', '#PasswordDigest');
    assertFault(await postSoap(server().url, '/echo', digest), 'CC-SEC-AUTH-100');
  });

  test('when a user without the role calls an operation, then the answer is a Fault CC-SEC-AUTH-6', async () => {
    const answer = await callSoap(server().url, 'suacProvisioning', 'subscriberAccountMaintain', ACCOUNT_XML, { user: 'reader' });
    const fault = assertFault(answer, 'CC-SEC-AUTH-6');
    assert.match(textOf(fault, 'faultstring')!, /^CC-SEC-AUTH-6: user is not allowed to invoke the operation/);
  });

  test('when the body names no operation of the endpoint, then the answer is a Fault REQUEST-112', async () => {
    assertFault(await callSoap(server().url, 'echo', 'subscriberAccountRead', '<subscriberAccountId>x</subscriberAccountId>'), 'REQUEST-112');
    const otherNamespace = requestEnvelope('suacProvisioning', 'echo', '<text>x</text>');
    assertFault(await postSoap(server().url, '/echo', otherNamespace), 'REQUEST-112');
  });

  test('when the XML is malformed, then the answer is a Fault REQUEST-108 and the next request is served', async () => {
    const broken = requestEnvelope('echo', 'echo', '<text>x</txet>');
    assertFault(await postSoap(server().url, '/echo', broken), 'REQUEST-108');
    assertFault(await postSoap(server().url, '/echo', 'not xml at all'), 'REQUEST-108');
    const answer = await callSoap(server().url, 'echo', 'echo', '<text>still here</text>');
    assert.equal(textOf(answer.body, 'text'), 'still here');
  });

  test('when an account is maintained over SOAP, then SOAP and JSON read it back identically', async () => {
    const maintained = await callSoap(server().url, 'suacProvisioning', 'subscriberAccountMaintain', ACCOUNT_XML, { user: 'provisioning' });
    assert.equal(textOf(maintained.body, 'status'), 'return', maintained.text);
    const json = await server().call('suacProvisioning', 'subscriberAccountRead', { subscriberAccountId: 'SOAP-1' });
    assert.deepEqual(json.body, { status: 'return', subscriberAccount: ACCOUNT_JSON });
    const read = await callSoap(server().url, 'suacProvisioning', 'subscriberAccountRead', '<subscriberAccountId>SOAP-1</subscriberAccountId>');
    assert.ok(read.text.includes(`<status>return</status>${ACCOUNT_XML}</s:subscriberAccountReadResponse>`), read.text);
  });

  test('when a business rule refuses a request, then the response body says status=error with the Failure (HTTP 200)', async () => {
    const answer = await callSoap(server().url, 'suacProvisioning', 'subscriberAccountRead', '<subscriberAccountId>nobody</subscriberAccountId>');
    assertBusinessError(answer, 'SUBSCRIBERACCOUNT-100', 'doesNotExist');
    assert.equal(answer.body.name, 'subscriberAccountReadResponse');
    assert.equal(child(answer.body, 'subscriberAccount'), undefined);
  });

  test('when a request breaks the schema, then SOAP and JSON answer the same code', async () => {
    const long = 'x'.repeat(257);
    const soap = await callSoap(server().url, 'suacProvisioning', 'subscriberAccountRead', `<subscriberAccountId>${long}</subscriberAccountId>`);
    const json = await server().call('suacProvisioning', 'subscriberAccountRead', { subscriberAccountId: long });
    assertBusinessError(soap, json.body.code, 'invalid');
    assert.equal(json.body.code, 'REQUEST-103');
    assertBusinessError(await callSoap(server().url, 'suacProvisioning', 'subscriberAccountRead', ''), 'REQUEST-101', 'invalid');
    const badTax = ACCOUNT_XML.replace('<noTax/>', '<tax><mode>sometimes</mode></tax>');
    assertBusinessError(await callSoap(server().url, 'suacProvisioning', 'subscriberAccountMaintain', badTax), 'REQUEST-106', 'invalid');
  });

  test('when a bundle item fails, then the response lists the successes and the failure in request order, and nothing is applied', async () => {
    const item = (id: string, subscriberId: string) => `<subscriberAccountMaintainRequest><subscriberAccount><id>${id}</id><subscriberId>${subscriberId}</subscriberId></subscriberAccount></subscriberAccountMaintainRequest>`;
    const bad = `<subscriberAccountMaintainRequest><subscriberAccount><id>B-3</id><subscriberId>BP</subscriberId><tax><mode>noTax</mode><vat><taxCode>NOPE</taxCode></vat></tax></subscriberAccount></subscriberAccountMaintainRequest>`;
    const answer = await callSoap(server().url, 'suacProvisioning', 'subscriberAccountMaintainBundle', item('B-1', 'BP') + item('B-2', 'BP') + bad);
    assertBusinessError(answer, 'SUBSCRIBERACCOUNT-102', 'prerequisiteMissing');
    const items = answer.body.children.filter((c) => c.name === 'subscriberAccountMaintainResponse');
    assert.deepEqual(
      items.map((i) => textOf(i, 'status')),
      ['return', 'return', 'error'],
    );
    const read = await server().call('suacProvisioning', 'subscriberAccountRead', { subscriberAccountId: 'B-1' });
    assert.equal(read.body.code, 'SUBSCRIBERACCOUNT-100');
  });

  test('when items of a mass break the schema in their values (empty, missing, not of the list), then each fails on its own with the JSON code; an element the schema does not have fails the request', async () => {
    const item = (account: string) => `<subscriberAccountMaintainRequest><subscriberAccount>${account}</subscriberAccount></subscriberAccountMaintainRequest>`;
    const items = [
      item('<id>M-1</id><subscriberId>BP</subscriberId>'),
      item('<id></id><subscriberId>BP</subscriberId>'),
      item('<id>M-X</id>'),
      item('<id>M-Y</id><subscriberId>BP</subscriberId><tax><mode>sometimes</mode></tax>'),
      item('<id>M-2</id><subscriberId>BP</subscriberId>'),
    ];
    const answer = await callSoap(server().url, 'suacProvisioning', 'subscriberAccountMaintainMass', items.join(''));
    assert.equal(textOf(answer.body, 'status'), 'return');
    assert.equal(textOf(answer.body, 'failures'), '3');
    const responses = answer.body.children.filter((c) => c.name === 'subscriberAccountMaintainResponse');
    assert.deepEqual(responses.map((r) => textOf(r, 'status')), ['return', 'error', 'error', 'error', 'return']);
    assert.deepEqual(
      responses.slice(1, 4).map((r) => `${textOf(r, 'error/cause/module')}-${textOf(r, 'error/cause/code')} ${textOf(r, 'error/category')}`),
      ['REQUEST-103 invalid', 'REQUEST-101 invalid', 'REQUEST-106 invalid'],
    );
    for (const [id, code] of [['M-1', undefined], ['M-2', undefined], ['M-X', 'SUBSCRIBERACCOUNT-100']]) {
      assert.equal((await server().call('suacProvisioning', 'subscriberAccountRead', { subscriberAccountId: id })).body.code, code, id);
    }
    // an element the schema has no place for is the XML's structure, read before any item runs: the request's failure
    const unknown = item('<id>M-3</id><subscriberId>BP</subscriberId><nickname>x</nickname>');
    assertBusinessError(await callSoap(server().url, 'suacProvisioning', 'subscriberAccountMaintainMass', item('<id>M-4</id><subscriberId>BP</subscriberId>') + unknown), 'REQUEST-102', 'invalid');
    assert.equal((await server().call('suacProvisioning', 'subscriberAccountRead', { subscriberAccountId: 'M-4' })).body.code, 'SUBSCRIBERACCOUNT-100');
  });

  test('when the served XSD is asked for, then the service schema imports the common one from this server', async () => {
    const service = await fetch(`${server().url}/v3/customerDataExportImport?xsd=service.xsd`);
    const schema = parseXml(await service.text());
    assert.equal(child(schema, 'import')!.attributes.schemaLocation, `${server().url}/v3/customerDataExportImport?xsd=common.xsd`);
    const common = parseXml(await (await fetch(`${server().url}/v3/customerDataExportImport?xsd=common.xsd`)).text());
    assert.equal(common.attributes.targetNamespace, 'http://schema.ws.highdeal.com/');
  });
});
