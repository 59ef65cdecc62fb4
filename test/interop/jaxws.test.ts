// Interop: JAX-WS, the stack SAP CC's own Java clients are generated with. wsimport
// (Debian's jaxws) generates the clients from the served WSDLs of suacProvisioning,
// contractProvisioning and subscriberMappingTableManagement; JaxwsClient.java
// constructs each service from the live ?wsdl with SAP CC's service and port QNames
// (docs/soap.md, "WSDL names") and calls an operation through the generated port,
// with and without a WS-Security UsernameToken. Skipped, and said so, only where
// wsimport, javac or java are missing; .ci/run installs them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ADMIN_PASSWORD, startTestServer, type TestServer } from '../helpers/server.ts';
import { maintainSubscriberAccount } from '../helpers/accounts.ts';

const execute = promisify(execFile);
/** Runs a tool; its output is in the error when it fails. */
async function run(tool: string, args: string[], options: { timeout?: number; maxBuffer?: number } = {}): Promise<{ stdout: string }> {
  try {
    return await execute(tool, args, { maxBuffer: 16 << 20, ...options });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${tool} ${args.join(' ')} failed: ${(error as Error).message}\n${stdout ?? ''}${stderr ?? ''}`);
  }
}
const here = (file: string) => new URL(file, import.meta.url).pathname;
/** the JAX-WS RI jar (its manifest names the rest of the runtime) and JavaBeans Activation, gone from the JDK since 11 */
const CLASSPATH = ['/usr/share/java/jaxws-rt.jar', '/usr/share/java/javax.activation.jar'];
const INSTALL = 'apt-get install -y jaxws libjaxws-java default-jdk-headless (.ci/run does)';

/** Why the JAX-WS tools cannot run here, or undefined when they can. */
async function missingTools(): Promise<string | undefined> {
  for (const [tool, args] of [
    ['wsimport', ['-version']],
    ['javac', ['-version']],
    ['java', ['-version']],
  ] as const) {
    try {
      await run(tool, [...args]);
    } catch (error) {
      return `${tool} is not runnable (${(error as Error).message.split('\n')[0]}): ${INSTALL}`;
    }
  }
  return undefined;
}

/** SAP CC's names of each service (real: M in docs/sapcc-wire.md; contractProvisioning inferred). */
const SERVICES = {
  suacProvisioning: {
    tns: 'http://provisioning.ws.highdeal.com/',
    service: 'suacProvisioning',
    port: 'suacProvisioningPort',
    sei: 'suac.SUACProvisioningServices',
  },
  contractProvisioning: {
    tns: 'http://provisioning.ws.highdeal.com/',
    service: 'contractProvisioning',
    port: 'contractProvisioningPort',
    sei: 'contract.ContractProvisioningServices',
  },
  subscriberMappingTableManagement: {
    tns: 'http://subscribermappingtable.ws.highdeal.com/',
    service: 'subscriberMappingTableManagement',
    port: 'subscriberMappingTableManagementPort',
    sei: 'mappingtable.SubscriberMappingTableManagementServices',
  },
} as const;
type ServiceKey = keyof typeof SERVICES;

interface PlannedCall {
  label: string;
  service: ServiceKey;
  /** other service / port names than SAP CC's, to see the client refuse them */
  names?: { service: string; port: string };
  operation: string;
  credentials: boolean;
  /** FIELD=VALUE to set on the request, ?PATH to print from the response */
  fields: string[];
}

const CALLS: PlannedCall[] = [
  { label: 'suac read', service: 'suacProvisioning', operation: 'subscriberAccountRead', credentials: true, fields: ['subscriberAccountId=JAXWS-1', '?subscriberAccount.subscriberId'] },
  { label: 'suac read unknown', service: 'suacProvisioning', operation: 'subscriberAccountRead', credentials: true, fields: ['subscriberAccountId=JAXWS-NONE'] },
  { label: 'suac without credentials', service: 'suacProvisioning', operation: 'subscriberAccountRead', credentials: false, fields: ['subscriberAccountId=JAXWS-1'] },
  {
    label: 'suac by former names',
    service: 'suacProvisioning',
    names: { service: 'SuacProvisioningService', port: 'SuacProvisioningPort' },
    operation: 'subscriberAccountRead',
    credentials: true,
    fields: ['subscriberAccountId=JAXWS-1'],
  },
  { label: 'contract read unknown', service: 'contractProvisioning', operation: 'chargingContractRead', credentials: true, fields: ['chargingContractId=JAXWS-NONE'] },
  { label: 'contract without credentials', service: 'contractProvisioning', operation: 'chargingContractRead', credentials: false, fields: ['chargingContractId=JAXWS-NONE'] },
  {
    label: 'mapping row cancel unknown',
    service: 'subscriberMappingTableManagement',
    operation: 'mappingTableRowCancel',
    credentials: true,
    fields: ['mappingTableId=JAXWS-NONE', 'id=1'],
  },
  {
    label: 'mapping without credentials',
    service: 'subscriberMappingTableManagement',
    operation: 'mappingTableRowCancel',
    credentials: false,
    fields: ['mappingTableId=JAXWS-NONE', 'id=1'],
  },
];

const missing = await missingTools();

describe('interop with JAX-WS clients generated by wsimport from the served WSDLs', { skip: missing }, () => {
  let server: TestServer;
  let dir: string;
  let outcomes: Record<string, string>;

  before(async () => {
    server = await startTestServer('sqlite');
    await maintainSubscriberAccount(server, 'JAXWS-1');
    dir = mkdtempSync(join(tmpdir(), 'convergent-jaxws-'));
    const sources = join(dir, 'src');
    const classes = join(dir, 'classes');
    mkdirSync(sources);
    mkdirSync(classes);
    // one package per service: suacProvisioning and contractProvisioning share their namespaces
    for (const [key, names] of Object.entries(SERVICES)) {
      const pkg = names.sei.slice(0, names.sei.indexOf('.'));
      await run('wsimport', ['-keep', '-Xnocompile', '-quiet', '-s', sources, '-d', sources, '-p', pkg, `${server.url}/${key}?wsdl`], { timeout: 300_000 });
    }
    const generated = readdirSync(sources, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.java'))
      .map((file) => join(sources, file));
    await run('javac', ['-nowarn', '-encoding', 'UTF-8', '-cp', CLASSPATH.join(':'), '-d', classes, here('./JaxwsClient.java'), ...generated], { timeout: 300_000 });
    const plan = join(dir, 'plan.tsv');
    const line = (call: PlannedCall) => {
      const names = SERVICES[call.service];
      const [user, password] = call.credentials ? ['admin', ADMIN_PASSWORD] : ['', ''];
      const { service, port } = call.names ?? names;
      return [call.label, `${server.url}/${call.service}?wsdl`, names.tns, service, port, names.sei, call.operation, user, password, ...call.fields].join('\t');
    };
    writeFileSync(plan, CALLS.map(line).join('\n') + '\n');
    const { stdout } = await run('java', ['-cp', [classes, ...CLASSPATH].join(':'), 'JaxwsClient', plan], { timeout: 300_000 });
    outcomes = Object.fromEntries(
      stdout
        .trim()
        .split('\n')
        .map((out) => out.split('\t') as [string, string]),
    );
  });

  after(async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    await server?.close();
  });

  test('when wsimport generates from the live ?wsdl, then the SEIs carry SAP CC\'s portType names and the service and port construct with SAP CC\'s QNames', () => {
    // the SEI classes named after the portTypes compiled; every call below got past construction
    for (const call of CALLS.filter((c) => !c.names)) assert.doesNotMatch(outcomes[call.label]!, /^(construction failed|no method|client error)/, `${call.label}: ${outcomes[call.label]}`);
  });

  test('when the generated suacProvisioning port reads an account with a UsernameToken, then it reads the response', () => {
    assert.equal(outcomes['suac read'], 'status=RETURN subscriberAccount.subscriberId=BP-JAXWS-1');
    assert.equal(outcomes['suac read unknown'], 'status=ERROR code=SUBSCRIBERACCOUNT-100');
  });

  test('when the generated contractProvisioning and subscriberMappingTableManagement ports call, then the business error comes back in the response', () => {
    assert.equal(outcomes['contract read unknown'], 'status=ERROR code=CHARGINGCONTRACT-100');
    assert.equal(outcomes['mapping row cancel unknown'], 'status=ERROR code=MAPPINGTABLE-100');
  });

  test('when a generated port calls without credentials, then the SOAP Fault CC-SEC-AUTH-100 reaches the client as an exception', () => {
    for (const label of ['suac without credentials', 'contract without credentials', 'mapping without credentials']) {
      assert.match(outcomes[label]!, /^fault \S+: CC-SEC-AUTH-100: /, label);
    }
  });

  test('when a client asks for the former Convergent service name, then the JAX-WS runtime refuses it (the names are checked)', () => {
    assert.match(outcomes['suac by former names']!, /^construction failed: .*SuacProvisioningService is not a valid service\. Valid services are: \{http:\/\/provisioning\.ws\.highdeal\.com\/\}suacProvisioning$/);
  });
});
