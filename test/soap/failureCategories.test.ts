// Failure categories at the SOAP wire: SAP CC's common hd:FailureCategory in the
// served XSD and in every Failure of a SOAP response or Fault (invalidConfiguration
// → incompatibleConfiguration, temporaryIllegalSystemState → temporaryIllegalState,
// illegalSystemState → no category), Convergent's own categories on the JSON API.
import { after, describe, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DatabaseSync } from 'node:sqlite';
import { CATEGORIES } from '../../src/model/categories.ts';
import { COMMON_FAILURE_CATEGORIES } from '../../src/schema/common.ts';
import { OPERATIONS } from '../../src/operations/registry.ts';
import { SERVICES } from '../../src/operations/services.ts';
import { soapResponseForm } from '../../src/transport/soap/failures.ts';
import { ROLE_PASSWORD, TestServer, describeOnStores, startTestServer } from '../helpers/server.ts';
import { PG_AVAILABLE } from '../helpers/stores.ts';
import { postgresProxy, serverBehind } from '../helpers/storeDown.ts';
import type { TcpProxy } from '../helpers/tcpProxy.ts';
import { assertFailure } from '../helpers/customerData.ts';
import { lockCollection, provisionRechargingAccount } from '../helpers/recharging.ts';
import { callSoap, child, parseXml, textOf, type SoapAnswer } from './client.ts';

const run = promisify(execFile);
const SAP_CC_CATEGORIES = ['alreadyExists', 'doesNotExist', 'invalid', 'prerequisiteMissing', 'incompatibleConfiguration', 'illegalState', 'temporaryIllegalState'];

const catalogDir = mkdtempSync(join(tmpdir(), 'convergent-categories-'));
const offCatalog = join(catalogDir, 'recharging-off.json');
const sample = JSON.parse(readFileSync(new URL('../../examples/catalog.json', import.meta.url), 'utf8'));
writeFileSync(offCatalog, JSON.stringify({ ...sample, features: { recharging: false } }));
after(() => rmSync(catalogDir, { recursive: true, force: true }));

const RERATING = { user: 'rerating' };
const lockXml = (accountId: string, lockId: string) =>
  `<chargingContractCollection><subscriberAccountId>${accountId}</subscriberAccountId></chargingContractCollection><rechargingLockId>${lockId}</rechargingLockId>`;

/** A business error in a SOAP response: its code, and its category (undefined: the element is absent). */
function assertSoapFailure(answer: SoapAnswer, code: string, category: string | undefined): void {
  assert.equal(answer.status, 200, answer.text);
  assert.equal(textOf(answer.body, 'status'), 'error', answer.text);
  assert.equal(`${textOf(answer.body, 'error/cause/module')}-${textOf(answer.body, 'error/cause/code')}`, code, answer.text);
  assert.equal(textOf(answer.body, 'error/category'), category, answer.text);
  assert.ok(textOf(answer.body, 'error/message'), 'the message still says what failed');
}

test('when the categories are mapped to SAP CC\'s, then each of Convergent\'s has its value and the values are SAP CC\'s seven', () => {
  assert.deepEqual(COMMON_FAILURE_CATEGORIES.values, SAP_CC_CATEGORIES);
  assert.deepEqual(Object.keys(COMMON_FAILURE_CATEGORIES.of).sort(), [...CATEGORIES].sort());
  for (const category of CATEGORIES) {
    const wire = COMMON_FAILURE_CATEGORIES.of[category];
    if (wire !== undefined) assert.ok(SAP_CC_CATEGORIES.includes(wire), `${category} → ${wire}`);
  }
  assert.deepEqual(
    [COMMON_FAILURE_CATEGORIES.of.invalidConfiguration, COMMON_FAILURE_CATEGORIES.of.temporaryIllegalSystemState, COMMON_FAILURE_CATEGORIES.of.illegalSystemState],
    ['incompatibleConfiguration', 'temporaryIllegalState', undefined],
  );
});

test('when a mass response holds failing items, then its SOAP form maps each item\'s category and leaves the response it was given as it was', () => {
  const mass = OPERATIONS.find((op) => op.batchOf?.kind === 'mass')!;
  const key = mass.batchOf!.item.responseElement;
  const failure = (category: (typeof CATEGORIES)[number]) => ({ category, message: 'm', cause: { module: 'STORE', code: '101', message: 'm' } });
  const response = { status: 'return' as const, failures: 3, [key]: [{ status: 'return' }, { status: 'error', error: failure('invalidConfiguration') }, { status: 'error', error: failure('illegalSystemState') }, { status: 'error', error: failure('invalid') }] };
  const copy = structuredClone(response);
  const form = soapResponseForm(mass)(response) as any;
  assert.deepEqual(
    form[key].map((item: any) => item.error && ('category' in item.error ? item.error.category : null)),
    [undefined, 'incompatibleConfiguration', null, 'invalid'],
  );
  assert.deepEqual(response, copy, 'the JSON form is untouched');
  const plain = { status: 'return' as const, failures: 0, [key]: [{ status: 'return' }] };
  assert.equal(soapResponseForm(mass)(plain), plain, 'a response without a Failure is written as it is');
});

describeOnStores(
  'failure categories at the SOAP wire',
  (server, kind) => {
    test('when a service\'s common XSD is served, then FailureCategory enumerates SAP CC\'s seven values and Failure.category is optional', async () => {
      for (const service of Object.values(SERVICES)) {
        const xsd = parseXml(await (await fetch(`${server().url}${service.endpoint}?xsd=common.xsd`)).text());
        const simple = xsd.children.find((c) => c.name === 'simpleType' && c.attributes.name === 'FailureCategory')!;
        assert.deepEqual(
          child(simple, 'restriction')!.children.map((facet) => facet.attributes.value),
          SAP_CC_CATEGORIES,
          service.endpoint,
        );
        const failure = xsd.children.find((c) => c.name === 'complexType' && c.attributes.name === 'Failure')!;
        const category = child(failure, 'sequence')!.children.find((c) => c.attributes.name === 'category')!;
        assert.equal(category.attributes.minOccurs, '0', service.endpoint);
      }
    });

    test('when a request is invalid, then SOAP and JSON both say invalid (unchanged)', async () => {
      assertSoapFailure(await callSoap(server().url, 'echo', 'echo', `<text>${'x'.repeat(2001)}</text>`), 'REQUEST-103', 'invalid');
      assertFailure(await server().call('echo', 'echo', { text: 'x'.repeat(2001) }), 400, 'REQUEST-103', 'invalid');
    });

    test('when the catalog switches recharging off, then SOAP says incompatibleConfiguration where JSON says invalidConfiguration', async () => {
      const a = await provisionRechargingAccount(server(), `fc-off-${kind}`);
      assertSoapFailure(await callSoap(server().url, 'recharging', 'chargingContractCollectionLock', lockXml(a.accountId, 'FC-OFF'), RERATING), 'RECHARGING-107', 'incompatibleConfiguration');
      assertFailure(await lockCollection(server(), { subscriberAccountId: a.accountId }, 'FC-OFF'), 409, 'RECHARGING-107', 'invalidConfiguration');
      // a mass item's Failure too
      const mass = await callSoap(server().url, 'recharging', 'chargingContractCollectionLockMass', `<chargingContractCollectionLockRequest>${lockXml(a.accountId, 'FC-OFF')}</chargingContractCollectionLockRequest>`, RERATING);
      assert.equal(textOf(mass.body, 'failures'), '1', mass.text);
      assert.equal(textOf(mass.body, 'chargingContractCollectionLockResponse/error/category'), 'incompatibleConfiguration', mass.text);
    });

    if (kind !== 'sqlite') return;

    test('when the store fails unexpectedly, then SOAP leaves the category out where JSON says illegalSystemState [sqlite]', async () => {
      const other = new DatabaseSync(server().database.db);
      other.exec('ALTER TABLE recharging_lock RENAME TO recharging_lock_away');
      try {
        const find = (filter: string) => callSoap(server().url, 'recharging', 'chargingContractCollectionLockFind', filter, RERATING);
        assertSoapFailure(await find('<subscriberAccountId>fc-gone</subscriberAccountId>'), 'STORE-101', undefined);
        assertFailure(await server().call('recharging', 'chargingContractCollectionLockFind', { subscriberAccountId: 'fc-gone' }, RERATING), 500, 'STORE-101', 'illegalSystemState');
      } finally {
        other.exec('ALTER TABLE recharging_lock_away RENAME TO recharging_lock');
        other.close();
      }
    });

    test('when zeep reads a mapped category from the live WSDL, then it gets incompatibleConfiguration and xmllint finds the response valid [sqlite]', async () => {
      const a = await provisionRechargingAccount(server(), 'fc-zeep');
      const outDir = mkdtempSync(join(tmpdir(), 'convergent-categories-zeep-'));
      try {
        const plan = {
          base: server().url,
          user: 'rerating',
          password: ROLE_PASSWORD,
          outDir,
          services: [{ endpoint: '/recharging', calls: [{ id: 'lock-off', operation: 'chargingContractCollectionLock', request: { chargingContractCollection: { subscriberAccountId: a.accountId }, rechargingLockId: 'FC-ZEEP' } }] }],
        };
        writeFileSync(join(outDir, 'plan.json'), JSON.stringify(plan));
        await run('/usr/bin/python3', [new URL('../interop/zeep_client.py', import.meta.url).pathname, join(outDir, 'plan.json'), join(outDir, 'results.json')], { timeout: 120_000 });
        const [call] = JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8')).calls;
        assert.equal(call.clientError ?? call.fault, undefined, JSON.stringify(call));
        assert.equal(call.response.error.category, 'incompatibleConfiguration', JSON.stringify(call));
        await run('xmllint', ['--noout', '--schema', `${server().url}/recharging?xsd=service.xsd`, call.bodyFile]);
      } finally {
        rmSync(outDir, { recursive: true, force: true });
      }
    });
  },
  { catalogFile: offCatalog },
);

describe('failure categories when the store is cut off [postgres]', () => {
  if (!PG_AVAILABLE) {
    describe('PostgreSQL unreachable', { skip: 'no PostgreSQL at CONVERGENT_TEST_PG_URL' }, () => undefined);
    return;
  }
  let proxy: TcpProxy;
  let server: TestServer;
  before(async () => {
    proxy = await postgresProxy();
    server = await serverBehind(proxy, ['rerating']);
  });
  after(async () => {
    await proxy.open().catch(() => undefined);
    await server?.close();
    await proxy.cut();
  });

  test('when the store is unreachable, then SOAP says temporaryIllegalState where JSON says temporaryIllegalSystemState', async () => {
    // authenticated before the cut: the user is remembered
    assert.equal((await server.call('recharging', 'chargingContractCollectionLockFind', { subscriberAccountId: 'fc-down' }, RERATING)).status, 200);
    assert.equal((await callSoap(server.url, 'recharging', 'chargingContractCollectionLockFind', '<subscriberAccountId>fc-down</subscriberAccountId>', RERATING)).status, 200);
    await proxy.cut();
    assertSoapFailure(await callSoap(server.url, 'recharging', 'chargingContractCollectionLock', lockXml('fc-down', 'FC-DOWN'), RERATING), 'STORE-100', 'temporaryIllegalState');
    assertFailure(await lockCollection(server, { subscriberAccountId: 'fc-down' }, 'FC-DOWN'), 503, 'STORE-100', 'temporaryIllegalSystemState');
    await proxy.open();
  });
});

describe('a SOAP Fault\'s failure category [sqlite]', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer('sqlite', { throttle: { freeFailures: 0, baseDelayMs: 1000, maxDelayMs: 1000, maxWaitMs: 500, windowMs: 60_000 } });
  });
  after(() => server?.close());

  test('when an address is throttled, then the Fault\'s detail says temporaryIllegalState where JSON says temporaryIllegalSystemState', async () => {
    const echo = () => callSoap(server.url, 'echo', 'echo', '<text>x</text>', { user: 'reader', password: 'wrong' });
    assert.equal(textOf((await echo()).body, 'detail/faultDetail/failure/category'), 'invalid', 'a wrong password: CC-SEC-AUTH-100, unchanged');
    const throttled = await echo();
    assert.equal(throttled.status, 500);
    assert.equal(textOf(throttled.body, 'detail/faultDetail/errorCode'), 'CC-SEC-AUTH-106', throttled.text);
    assert.equal(textOf(throttled.body, 'detail/faultDetail/failure/category'), 'temporaryIllegalState', throttled.text);
    const json = await server.call('echo', 'echo', { text: 'x' }, { user: 'reader', password: 'wrong' });
    assertFailure(json, 429, 'CC-SEC-AUTH-106', 'temporaryIllegalSystemState');
  });
});
