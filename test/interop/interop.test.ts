// Interop: independent SOAP stacks against the real server. python3-zeep (Debian's,
// run by /usr/bin/python3) loads every WSDL from the server and calls every
// operation of the registry with the valid and invalid samples of samples.ts;
// Perl SOAP::Lite runs suacProvisioning and echo; xmllint validates every
// response body they received against the XSD the server serves.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { OPERATIONS, operationsOf } from '../../src/operations/registry.ts';
import { SERVICES } from '../../src/operations/services.ts';
import { ADMIN_PASSWORD, describeOnStores, type TestServer } from '../helpers/server.ts';
import { SAMPLES } from './samples.ts';

const run = promisify(execFile);
const PYTHON = '/usr/bin/python3';
const here = (file: string) => new URL(file, import.meta.url).pathname;

interface CallOutcome {
  id: string;
  endpoint: string;
  operation: string;
  response?: Record<string, any>;
  fault?: { faultcode: string; faultstring: string; errorCode: string };
  clientError?: string;
  bodyFile?: string;
}

interface ZeepResults {
  wsdlOperations: Record<string, string[]>;
  calls: CallOutcome[];
}

const keyOf = (service: string, operation: string) => `${service}/${operation}`;

test('when an operation is registered, then the interop samples cover it (and no sample is stale)', () => {
  const registered = OPERATIONS.map((op) => keyOf(op.service, op.name));
  const missing = registered.filter((key) => !SAMPLES[key]);
  assert.deepEqual(missing, [], `add samples for these operations to test/interop/samples.ts`);
  assert.deepEqual(
    Object.keys(SAMPLES).filter((key) => !registered.includes(key)),
    [],
    'samples of operations that are not registered',
  );
  for (const [key, sample] of Object.entries(SAMPLES)) {
    // a mass answers its items' failures in their item responses: its valid call holds the items that fail
    const failingItems = key.endsWith('Mass') && Number((sample.valid.expect as { failures?: unknown }).failures) > 0;
    assert.ok(sample.invalid.length > 0 || failingItems, `${key} needs an invalid call${key.endsWith('Mass') ? ' or items that fail in its valid call' : ''}`);
  }
});

/** Does `actual` carry every field of `expected` (objects by key, lists by position)? */
function assertCarries(actual: unknown, expected: unknown, where: string): void {
  if (expected !== null && typeof expected === 'object') {
    assert.ok(actual !== null && typeof actual === 'object', `${where}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
    if (Array.isArray(expected)) assert.equal((actual as unknown[]).length, expected.length, `${where}: length`);
    for (const [key, value] of Object.entries(expected)) assertCarries((actual as Record<string, unknown>)[key], value, `${where}/${key}`);
    return;
  }
  assert.equal(actual, expected, where);
}

interface PlannedCall {
  id: string;
  operation: string;
  request: Record<string, unknown>;
  user?: string;
  password?: string;
}

function plannedCalls(server: TestServer, outDir: string) {
  const services = Object.values(SERVICES).map((service) => ({
    endpoint: service.endpoint,
    calls: operationsOf(service.name).flatMap((op): PlannedCall[] => {
      const sample = SAMPLES[keyOf(op.service, op.name)];
      // invalid calls first: a valid call may change what they need (a cancel, a lock)
      return [
        ...sample.invalid.map((call, i) => ({ id: `${op.name}-invalid-${i}`, operation: op.name, request: call.request })),
        { id: `${op.name}-valid`, operation: op.name, request: sample.valid.request },
      ];
    }),
  }));
  services.find((service) => service.endpoint === '/echo')!.calls.push({ id: 'echo-wrong-password', operation: 'echo', request: { text: 'x' }, user: 'admin', password: 'wrong-password' });
  return { base: server.url, user: 'admin', password: ADMIN_PASSWORD, outDir, services };
}

async function xmllint(schemaUrl: string, files: string[]): Promise<void> {
  try {
    await run('xmllint', ['--noout', '--schema', schemaUrl, ...files]);
  } catch (error) {
    assert.fail(`xmllint refused responses against ${schemaUrl}:\n${(error as { stderr?: string }).stderr ?? error}`);
  }
}

describeOnStores('interop with independent SOAP stacks', (server) => {
  let zeep: ZeepResults;
  let outDir: string;

  before(async () => {
    await run(PYTHON, ['-c', 'import zeep']).catch(() => {
      throw new Error(`${PYTHON} cannot import zeep: apt-get install -y python3-zeep libxml2-utils libsoap-lite-perl (.ci/run does)`);
    });
    for (const sample of Object.values(SAMPLES)) await sample.setup?.(server());
    outDir = mkdtempSync(join(tmpdir(), 'convergent-interop-'));
    const planFile = join(outDir, 'plan.json');
    const resultsFile = join(outDir, 'results.json');
    writeFileSync(planFile, JSON.stringify(plannedCalls(server(), outDir)));
    await run(PYTHON, [here('./zeep_client.py'), planFile, resultsFile], { timeout: 300_000 });
    zeep = JSON.parse(readFileSync(resultsFile, 'utf8'));
  });

  after(() => rmSync(outDir, { recursive: true, force: true }));

  test('when zeep loads every WSDL from the server, then each lists exactly the registry operations of its service', () => {
    for (const service of Object.values(SERVICES)) {
      const expected = operationsOf(service.name)
        .map((op) => op.name)
        .sort();
      assert.deepEqual(zeep.wsdlOperations[service.endpoint], expected, service.endpoint);
    }
  });

  for (const op of OPERATIONS) {
    const sample = SAMPLES[keyOf(op.service, op.name)];
    if (!sample) continue;
    test(`when zeep calls ${op.service}/${op.name}, then valid input returns its fields and invalid input its error code`, () => {
      const outcome = (id: string) => zeep.calls.find((call) => call.id === id)!;
      const valid = outcome(`${op.name}-valid`);
      assert.equal(valid.clientError ?? valid.fault, undefined, JSON.stringify(valid));
      assertCarries(valid.response, sample.valid.expect, op.name);
      sample.invalid.forEach((call, i) => {
        const invalid = outcome(`${op.name}-invalid-${i}`);
        assert.equal(invalid.clientError ?? invalid.fault, undefined, JSON.stringify(invalid));
        const error = invalid.response!.error;
        assert.equal(invalid.response!.status, 'error', JSON.stringify(invalid.response));
        assert.equal(`${error.cause.module}-${error.cause.code}`, call.code, JSON.stringify(error));
        if (call.category) assert.equal(error.category, call.category);
      });
    });
  }

  test('when zeep sends a wrong password, then it raises the SOAP Fault with CC-SEC-AUTH-100 in the detail', () => {
    const call = zeep.calls.find((c) => c.id === 'echo-wrong-password')!;
    assert.equal(call.fault?.errorCode, 'CC-SEC-AUTH-100', JSON.stringify(call));
    assert.match(call.fault!.faultstring, /^CC-SEC-AUTH-100: /);
  });

  test('when xmllint validates every response zeep received against the served XSD, then all are valid', async () => {
    for (const service of Object.values(SERVICES)) {
      const files = zeep.calls.filter((call) => call.endpoint === service.endpoint && call.bodyFile && !call.fault).map((call) => call.bodyFile!);
      if (files.length) await xmllint(`${server().url}${service.endpoint}?xsd=service.xsd`, files);
    }
    const faults = zeep.calls.filter((call) => call.fault && call.bodyFile);
    assert.ok(faults.length > 0);
    // a Fault's body is soapenv:Fault; its detail element is checked against the common XSD
    for (const fault of faults) {
      const detail = /<hd:faultDetail[\s\S]*<\/hd:faultDetail>/.exec(readFileSync(fault.bodyFile!, 'utf8'))![0];
      const file = `${fault.bodyFile}.detail.xml`;
      writeFileSync(file, detail);
      await xmllint(`${server().url}/echo?xsd=common.xsd`, [file]);
    }
  });

  test('when Perl SOAP::Lite calls echo and suacProvisioning from their WSDLs, then it reads the same values and its responses are valid', async () => {
    const { stdout } = await run('perl', [here('./soaplite_client.pl'), server().url, 'admin', ADMIN_PASSWORD], { timeout: 120_000 });
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const byLabel = Object.fromEntries(lines.map((line) => [line.label, line]));
    assert.equal(byLabel.echo.values.text, 'Perl says <hello> & bye');
    assert.equal(byLabel['echo wrong password'].fault.errorCode, 'CC-SEC-AUTH-100');
    assert.equal(byLabel.maintain.status, 'return');
    assert.equal(byLabel.read.status, 'return');
    assert.equal(byLabel.read.noTax, true);
    assert.deepEqual(
      [byLabel.read.values['subscriberAccount/description'], byLabel.read.values['subscriberAccount/additionalInfo/number'], byLabel.read.values['subscriberAccount/additionalInfo/date']],
      ['Perl & friends', '12.50', '2025-06-30T23:59:59'],
    );
    assert.equal(byLabel['read missing'].code, 'SUBSCRIBERACCOUNT-100');
    for (const line of lines.filter((l) => !l.fault)) {
      const body = /<soapenv:Body>([\s\S]*)<\/soapenv:Body>/.exec(line.raw)![1];
      const file = join(outDir, `perl-${line.label.replaceAll(' ', '-')}.xml`);
      writeFileSync(file, body);
      await xmllint(`${server().url}${line.operation === 'echo' ? '/echo' : '/suacProvisioning'}?xsd=service.xsd`, [file]);
    }
  });
});
