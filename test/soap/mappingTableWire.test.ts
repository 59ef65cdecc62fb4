// subscriberMappingTableManagement as a client generated from SAP CC's own WSDL
// speaks it (docs/sapcc-wire.md 6.2, source M): flat create and maintain requests,
// cancel by `{id}`, row operations by `mappingTableId`; every child unqualified and
// in the real types' order. The responses are SAP CC's MappingTableOperationResponse
// (`status`, then `id`) and MappingTableRowOperationResponse (`status`, then
// `mappingTableId`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describeOnStores, type TestServer } from '../helpers/server.ts';
import { createSubscriberAccount, freshId } from '../helpers/factories.ts';
import { assertBusinessError, callSoap, type SoapAnswer, type XmlElement } from './client.ts';

const catalogFile = fileURLToPath(new URL('../fixtures/catalog-tables.json', import.meta.url));
const SERVICE = 'subscriberMappingTableManagement';

const rowXml = (id: string, country: string, start: string, end: string, surcharge: string): string =>
  `<row><id>${id}</id><start>${start}</start><end>${end}</end>` +
  `<column><name>COUNTRY</name><string>${country}</string></column><column><name>CURRENCY</name><currency>EUR</currency></column>` +
  `<column><name>SURCHARGE</name><number>${surcharge}</number></column><column><name>LABEL</name><string>${country}</string></column></row>`;

/** CreateMappingTableRequest of source M: id, mappingTableClassId, subscriberAccountId, additionalInfo* (no row). */
const createXml = (id: string, owner: string, classId = 'MTC_ROAMING'): string =>
  `<id>${id}</id><mappingTableClassId>${classId}</mappingTableClassId><subscriberAccountId>${owner}</subscriberAccountId>` +
  '<additionalInfo><name>SOURCE</name><string>CRM</string></additionalInfo>';

/** The children of a response as `name=text`, in order, each checked unqualified. */
function fields(answer: SoapAnswer): string[] {
  assert.equal(answer.status, 200, answer.text);
  return answer.body.children.map((element: XmlElement) => {
    assert.equal(element.uri, '', `${element.name} is unqualified`);
    return `${element.name}=${element.text}`;
  });
}

describeOnStores(
  'subscriberMappingTableManagement with the real SAP CC messages over SOAP',
  (server: () => TestServer) => {
    const soap = (operation: string, content: string) => callSoap(server().url, SERVICE, operation, content);
    const stored = async (id: string) => (await server().call(SERVICE, 'mappingTableFind', { filter: { id } })).body.subscriberMappingTable?.[0];

    test('when a table is created, maintained, its rows maintained and cancelled and it is cancelled, then each is served and answers its id', async () => {
      const owner = (await createSubscriberAccount(server())).id;
      const id = freshId('MT-WIRE');

      const created = await soap('mappingTableCreate', createXml(id, owner));
      assert.equal(created.body.name, 'mappingTableCreateResponse');
      assert.deepEqual(fields(created), ['status=return', `id=${id}`]);
      assert.deepEqual(await stored(id), { id, mappingTableClassId: 'MTC_ROAMING', subscriberAccountId: owner, additionalInfo: [{ name: 'SOURCE', string: 'CRM' }] });
      assert.deepEqual(fields(await soap('mappingTableCreate', createXml(id, owner))), ['status=return', `id=${id}`], 'creating it again identically is a no-op');

      const rows = rowXml('fr', 'FR', '2026-01-01T00:00:00', '2027-01-01T00:00:00', '1.50') + rowXml('de', 'DE', '2026-01-01T00:00:00', '2027-01-01T00:00:00', '0.75');
      const maintained = await soap('mappingTableMaintain', createXml(id, owner) + rows);
      assert.equal(maintained.body.name, 'mappingTableMaintainResponse');
      assert.deepEqual(fields(maintained), ['status=return', `id=${id}`]);
      assert.deepEqual((await stored(id)).row.map((r: { id: string }) => r.id), ['fr', 'de']);

      const rowMaintained = await soap('mappingTableRowMaintain', `<mappingTableId>${id}</mappingTableId>${rowXml('it', 'IT', '2026-01-01T00:00:00', '2027-01-01T00:00:00', '1.00')}`);
      assert.equal(rowMaintained.body.name, 'mappingTableRowMaintainResponse');
      assert.deepEqual(fields(rowMaintained), ['status=return', `mappingTableId=${id}`]);
      const rowCancelled = await soap('mappingTableRowCancel', `<mappingTableId>${id}</mappingTableId><id>fr</id><id>de</id>`);
      assert.equal(rowCancelled.body.name, 'mappingTableRowCancelResponse');
      assert.deepEqual(fields(rowCancelled), ['status=return', `mappingTableId=${id}`]);
      assert.deepEqual((await stored(id)).row.map((r: { id: string }) => r.id), ['it']);

      const cancelled = await soap('mappingTableCancel', `<id>${id}</id>`);
      assert.equal(cancelled.body.name, 'mappingTableCancelResponse');
      assert.deepEqual(fields(cancelled), ['status=return', `id=${id}`]);
      assert.equal(await stored(id), undefined);
    });

    test('when a real create, maintain or cancel is refused, then the business error carries no id', async () => {
      const owner = (await createSubscriberAccount(server())).id;
      const id = freshId('MT-WIRE');
      const unknownClass = await soap('mappingTableCreate', createXml(id, owner, 'MTC_NONE'));
      assertBusinessError(unknownClass, 'MAPPINGTABLE-102', 'prerequisiteMissing');
      assert.equal(unknownClass.body.children.find((element) => element.name === 'id'), undefined);
      assertBusinessError(await soap('mappingTableMaintain', createXml(id, 'SA-NOBODY')), 'MAPPINGTABLE-105', 'prerequisiteMissing');
      assertBusinessError(await soap('mappingTableCancel', `<id>${id}</id>`), 'MAPPINGTABLE-100', 'doesNotExist');
    });

    test('when the former wrapped create or the former cancel is sent, then it is refused as not allowed (REQUEST-102)', async () => {
      const owner = (await createSubscriberAccount(server())).id;
      const id = freshId('MT-WIRE');
      assertBusinessError(await soap('mappingTableCreate', `<subscriberMappingTable>${createXml(id, owner)}</subscriberMappingTable>`), 'REQUEST-102', 'invalid');
      assertBusinessError(await soap('mappingTableCancel', `<mappingTableId>${id}</mappingTableId>`), 'REQUEST-102', 'invalid');
    });
  },
  { catalogFile },
);
