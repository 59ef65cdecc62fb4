import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { operationsOf } from '../../src/operations/registry.ts';
import { SERVICES } from '../../src/operations/services.ts';
import { serviceDocuments } from '../../src/schema/wsdl.ts';
import { schemaDocuments } from '../../src/schema/xsd.ts';
import { Attr, Empty, Enum, Int, List, Obj, Opt, String256 } from '../../src/schema/types.ts';
import { withEnvelope } from '../../src/operations/operation.ts';
import { Decimal } from '../../src/model/decimal.ts';
import { isString256, isWireDate } from '../../src/model/values.ts';
import { child, parseXml, type XmlElement } from './client.ts';

const elementsNamed = (root: XmlElement, name: string): XmlElement[] => [
  ...(root.name === name ? [root] : []),
  ...root.children.flatMap((c) => elementsNamed(c, name)),
];
const complexType = (schema: XmlElement, name: string) => schema.children.find((c) => c.name === 'complexType' && c.attributes.name === name)!;

describe('XSD generation', () => {
  test('when a schema has a choice, attributes, bounds and a response envelope, then the XSD says the same', () => {
    const request = Obj(
      {
        mode: Opt(Attr(Enum(['reject', 'overwrite'] as const, 'Mode'))),
        id: String256(),
        noTax: Opt(Empty()),
        taxCode: Opt(String256()),
        item: List(String256(), { min: 1, max: 1000 }),
        size: Opt(Int({ minimum: 1, maximum: 1000 })),
      },
      { choice: [{ elements: ['noTax', 'taxCode'], optional: true }] },
    );
    const response = withEnvelope(Obj({ count: Int({ minimum: 0 }) }), 'ThingResponse');
    const docs = schemaDocuments({
      schemaNamespace: 'urn:things',
      elements: [
        { name: 'thingRequest', schema: request, typeName: 'ThingRequest' },
        { name: 'thingResponse', schema: response, typeName: 'ThingResponse' },
      ],
    });
    const service = parseXml(docs.service());
    const thing = complexType(service, 'ThingRequest');
    const sequence = child(thing, 'sequence')!;
    assert.deepEqual(
      sequence.children.map((c) => [c.name, c.attributes.name, c.attributes.minOccurs, c.attributes.maxOccurs]),
      [
        ['element', 'id', undefined, undefined],
        ['choice', undefined, '0', undefined],
        ['element', 'item', undefined, '1000'],
        ['element', 'size', '0', undefined],
      ],
    );
    assert.deepEqual(
      child(sequence, 'choice')!.children.map((c) => c.attributes.name),
      ['noTax', 'taxCode'],
    );
    assert.deepEqual(child(thing, 'attribute')!.attributes, { name: 'mode', type: 'tns:Mode' });
    const facets = elementsNamed(sequence.children[3], 'restriction')[0];
    assert.deepEqual([facets.attributes.base, ...facets.children.map((f) => `${f.name}=${f.attributes.value}`)], ['xs:int', 'minInclusive=1', 'maxInclusive=1000']);
    const extension = child(complexType(service, 'ThingResponse'), 'complexContent/extension')!;
    assert.equal(extension.attributes.base, 'hd:Response');
    assert.equal(child(extension, 'sequence/element')!.attributes.minOccurs, '0', 'an error response carries only the envelope');
    const common = parseXml(docs.common);
    assert.deepEqual(
      child(complexType(common, 'Response'), 'sequence')!.children.map((c) => c.attributes.name),
      ['status', 'message', 'error'],
    );
  });

  test('when two different schemas carry the same type name, then generation refuses', () => {
    const a = Obj({ id: String256() }, { xsdName: 'Same' });
    const b = Obj({ other: String256() }, { xsdName: 'Same' });
    assert.throws(
      () => schemaDocuments({ schemaNamespace: 'urn:x', elements: [{ name: 'aRequest', schema: Obj({ a, b }), typeName: 'ARequest' }] }),
      /two different schemas are named Same/,
    );
  });

  test('when every service is generated, then its WSDL inlines the common schema and its own with one global element per request and response', () => {
    for (const service of Object.values(SERVICES)) {
      const wsdl = parseXml(serviceDocuments(service, operationsOf(service.name)).wsdl(`http://example.test${service.endpoint}`));
      const [common, own] = child(wsdl, 'types')!.children;
      assert.equal(common.attributes.targetNamespace, 'http://schema.ws.highdeal.com/');
      assert.equal(own.attributes.targetNamespace, service.schemaNamespace);
      assert.equal(own.attributes.elementFormDefault, 'unqualified');
      const globals = own.children.filter((c) => c.name === 'element').map((e) => e.attributes.name);
      assert.deepEqual(
        globals,
        operationsOf(service.name).flatMap((op) => [op.requestElement, op.responseElement]),
      );
    }
  });

  test('when a service has bundle or mass operations, then their items are refs to the global elements of the single operation, as SAP CC declares them', () => {
    let batches = 0;
    for (const service of Object.values(SERVICES)) {
      const schema = parseXml(serviceDocuments(service, operationsOf(service.name)).serviceXsd('common.xsd'));
      for (const op of operationsOf(service.name)) {
        if (!op.batchOf) continue;
        batches++;
        const single = op.batchOf.item;
        const typeOf = (element: string) => complexType(schema, schema.children.find((c) => c.name === 'element' && c.attributes.name === element)!.attributes.type.replace(/^tns:/, ''));
        // docs/sapcc-wire.md section 4: `ref prov:<op>Request [1..1000]`
        const requestItems = elementsNamed(typeOf(op.requestElement), 'element');
        assert.deepEqual(
          requestItems.map((e) => e.attributes),
          [{ ref: `tns:${single.requestElement}`, maxOccurs: '1000' }],
          `${service.name}/${op.name}`,
        );
        // the answers: `ref prov:<op>Response [..1000]`, none when the request fails as a whole
        const responseItems = elementsNamed(typeOf(op.responseElement), 'element').filter((e) => e.attributes.ref !== undefined);
        assert.deepEqual(
          responseItems.map((e) => e.attributes),
          [{ ref: `tns:${single.responseElement}`, minOccurs: '0', maxOccurs: '1000' }],
          `${service.name}/${op.name}`,
        );
      }
    }
    assert.ok(batches >= 10, `${batches} bundle and mass operations`);
  });
});

const NO_XMLLINT = spawnSync('xmllint', ['--version']).error ? 'xmllint is not installed (Debian libxml2-utils, .ci/run installs it)' : undefined;

describe('XSD facets against the server', { skip: NO_XMLLINT }, () => {
  /** Which values does xmllint accept in `<additionalInfo><name>N</name><{element}>VALUE</...>` of a read response? */
  function xmllintAccepts(element: 'number' | 'date' | 'name', values: string[]): boolean[] {
    const dir = mkdtempSync(join(tmpdir(), 'convergent-xsd-'));
    try {
      const docs = serviceDocuments(SERVICES.suacProvisioning, operationsOf('suacProvisioning'));
      writeFileSync(join(dir, 'common.xsd'), docs.commonXsd);
      writeFileSync(join(dir, 'service.xsd'), docs.serviceXsd('common.xsd'));
      const files = values.map((value, i) => {
        const info = element === 'name' ? `<name>${value}</name><string>s</string>` : `<name>N</name><${element}>${value}</${element}>`;
        const file = join(dir, `v${i}.xml`);
        writeFileSync(
          file,
          `<s:subscriberAccountReadResponse xmlns:s="http://schema.provisioning.ws.highdeal.com/"><status>return</status>` +
            `<subscriberAccount><id>A</id><subscriberId>B</subscriberId><additionalInfo>${info}</additionalInfo></subscriberAccount></s:subscriberAccountReadResponse>`,
        );
        return file;
      });
      const result = spawnSync('xmllint', ['--noout', '--schema', join(dir, 'service.xsd'), ...files], { encoding: 'utf8' });
      return files.map((file) => result.stderr.includes(`${file} validates`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  test('when decimals are checked by the XSD and by the server, then both accept the same lexical forms', () => {
    // libxml2 2.9 holds at most 24 digits in an xs:decimal, so longer values are left to the server's own tests
    const values = ['0', '5.00', '+01.50', '-.5', '1.', '.', '', '1e5', '1.5000000', '1.123456', '00000000000000000000000000001.5', '123456789012345678.123456', '1 2', '١٢', 'abc'];
    assert.deepEqual(
      xmllintAccepts('number', values),
      values.map((v) => Decimal.isValid(v)),
    );
  });

  test('when dates are checked by the XSD and by the server, then both accept the same forms', () => {
    const values = ['2024-02-29T12:00:00', '2023-02-29T12:00:00', '2024-12-31T23:59:59', '2024-12-31T24:00:00', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00.5', '2024-1-01T00:00:00', '2024-01-01'];
    assert.deepEqual(
      xmllintAccepts('date', values),
      values.map(isWireDate),
    );
  });

  test('when String256 values are checked by the XSD and by the server, then both bound them at 1 to 256 characters', () => {
    const values = ['', 'a', 'ü'.repeat(256), '😀'.repeat(256), 'x'.repeat(257)];
    assert.deepEqual(
      xmllintAccepts('name', values),
      values.map(isString256),
    );
  });
});

test('when xmllint compiles every generated service schema, then none is refused', { skip: NO_XMLLINT }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'convergent-xsd-'));
  try {
    for (const service of Object.values(SERVICES)) {
      const docs = serviceDocuments(service, operationsOf(service.name));
      writeFileSync(join(dir, 'common.xsd'), docs.commonXsd);
      writeFileSync(join(dir, 'service.xsd'), docs.serviceXsd('common.xsd'));
      writeFileSync(join(dir, 'empty.xml'), '<nothing/>');
      const result = spawnSync('xmllint', ['--noout', '--schema', join(dir, 'service.xsd'), join(dir, 'empty.xml')], { encoding: 'utf8' });
      assert.doesNotMatch(result.stderr, /failed to compile|parser error/, `${service.endpoint}: ${result.stderr}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
