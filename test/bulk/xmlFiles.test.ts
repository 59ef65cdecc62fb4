// XML customer data files (SPEC 8): `convergent export --format xml` writes a
// customerDataImportRequest of many customerData that `convergent import` reads
// back (gzip or not, recognised by content) and SOAP customerDataImport accepts;
// broken records fail alone in mass mode with their line and code; a malformed
// document or a DOCTYPE stops the file.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { generateCustomers } from '../../src/bulk/generate.ts';
import { CUSTOMER_FILE_NAMESPACE } from '../../src/bulk/xmlCustomerFile.ts';
import { runConvergent } from '../helpers/cli.ts';
import { describeOnStores } from '../helpers/server.ts';
import { freshDatabase, PG_AVAILABLE, type StoreKind, type TestDatabase } from '../helpers/stores.ts';
import { postSoap, securityHeader, SOAP_ENV, textOf } from '../soap/client.ts';

const run = promisify(execFile);
const COUNT = 200;
const HEAD = `<?xml version="1.0" encoding="UTF-8"?>\n<cd:customerDataImportRequest xmlns:cd="${CUSTOMER_FILE_NAMESPACE}">\n`;

async function cli(args: string[], expected = 0): Promise<string> {
  const result = await runConvergent(args);
  assert.equal(result.code, expected, result.stdout + result.stderr);
  return result.stdout + result.stderr;
}

const exportNdjson = async (db: string): Promise<string> => (await runConvergent(['export', '--all', '--db', db])).stdout;

for (const kind of ['sqlite', 'postgres'] as StoreKind[]) {
  describe(`XML customer data files on ${kind}`, () => {
    const reachable = kind === 'sqlite' || PG_AVAILABLE;
    const databases: TestDatabase[] = [];
    const fresh = async () => {
      const database = await freshDatabase(kind);
      databases.push(database);
      return database;
    };
    let source: TestDatabase;
    let sourceNdjson = '';
    let xmlFile = '';

    before(async () => {
      if (!reachable) return;
      source = await fresh();
      const generated = join(source.dir, 'generated.ndjson');
      writeFileSync(generated, `${[...generateCustomers({ count: COUNT, seed: 21 })].map((c) => JSON.stringify(c)).join('\n')}\n`);
      await cli(['import', generated, '--db', source.db]);
      sourceNdjson = await exportNdjson(source.db);
      xmlFile = join(source.dir, 'customers.xml');
      await cli(['export', '--all', '--format', 'xml', '--out', xmlFile, '--db', source.db]);
    });
    after(async () => {
      for (const database of databases) await database.drop();
    });

    test('when an XML export is imported into an empty store, then its NDJSON export is identical to the source\'s', { skip: !reachable && 'PostgreSQL unreachable' }, async () => {
      const xml = readFileSync(xmlFile, 'utf8');
      assert.ok(xml.startsWith(HEAD), xml.slice(0, 200));
      assert.ok(xml.endsWith('</cd:customerDataImportRequest>\n'));
      // one customerData per line: line n + 2 holds customer n
      assert.equal(xml.split('\n').filter((line) => line.startsWith('<customerData>')).length, COUNT);
      const target = await fresh();
      assert.match(await cli(['import', xmlFile, '--db', target.db]), new RegExp(`${COUNT} records, ${COUNT} imported, 0 failed`));
      assert.equal(await exportNdjson(target.db), sourceNdjson);
    });

    test('when the XML export is gzip (by the name .xml.gz), then it imports without a flag, even renamed', { skip: !reachable && 'PostgreSQL unreachable' }, async () => {
      const gz = join(source.dir, 'customers.xml.gz');
      await cli(['export', '--all', '--out', gz, '--db', source.db]);
      assert.equal(gunzipSync(readFileSync(gz)).toString('utf8'), readFileSync(xmlFile, 'utf8'));
      const renamed = join(source.dir, 'customers.upload');
      copyFileSync(gz, renamed);
      const target = await fresh();
      assert.match(await cli(['import', renamed, '--mode', 'mass', '--db', target.db]), new RegExp(`${COUNT} records, ${COUNT} imported, 0 failed`));
      assert.equal(await exportNdjson(target.db), sourceNdjson);
    });

    test('when XML records are broken in mass mode, then each fails alone with its line and code, and the fixed failures file completes the set', { skip: !reachable && 'PostgreSQL unreachable' }, async () => {
      const lines = readFileSync(xmlFile, 'utf8').split('\n');
      const broken: Record<number, { code: string; breakLine: (line: string) => string }> = {
        5: { code: 'REQUEST-102', breakLine: (line) => line.replace('<description>', '<nickname>Em</nickname><description>') },
        40: { code: 'REQUEST-109', breakLine: (line) => line.replace('<subscriberAccount><id>', '<subscriberAccount>stray text<id>') },
        77: { code: 'CHARGINGCONTRACT-102', breakLine: (line) => line.replaceAll('>CP_DATA<', '>CP_UNKNOWN<') },
        150: { code: 'REQUEST-106', breakLine: (line) => line.replace('<mode>vendorSubjectToPay</mode>', '<mode>nobodyPays</mode>') },
        202: { code: 'REQUEST-104', breakLine: (line) => line.replace(/<amountThreshold>(\d+)\.00</, '<amountThreshold>$1.0.0<') },
      };
      for (const [n, { breakLine }] of Object.entries(broken)) {
        const line = lines[Number(n) - 1];
        assert.ok(line.startsWith('<customerData>'), `line ${n} is a record`);
        lines[Number(n) - 1] = breakLine(line);
        assert.notEqual(lines[Number(n) - 1], line, `line ${n} is broken`);
      }
      const target = await fresh();
      const file = join(target.dir, 'broken.xml');
      writeFileSync(file, lines.join('\n'));
      assert.match(await cli(['import', file, '--mode', 'mass', '--db', target.db], 1), new RegExp(`${COUNT} records, ${COUNT - 5} imported, 5 failed`));
      const failuresFile = `${file}.errors.ndjson`;
      const failures = readFileSync(failuresFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      assert.deepEqual(
        failures.map((f) => [f.line, f.code]),
        Object.entries(broken).map(([line, { code }]) => [Number(line), code]),
      );
      assert.match(failures[0].message, /\/customerData\/subscriberAccount\/nickname/);
      // the records are in JSON form (what the codec could place): the operator fixes them and imports the failures file
      assert.equal(failures[2].record.subscriberAccount.id, JSON.parse(sourceNdjson.split('\n')[74]).subscriberAccount.id);
      const sourceById = new Map(sourceNdjson.trim().split('\n').map((l) => [JSON.parse(l).subscriberAccount.id, JSON.parse(l)]));
      const fixed = failures.map((f) => JSON.stringify({ ...f, record: sourceById.get(f.record.subscriberAccount.id) }));
      writeFileSync(failuresFile, `${fixed.join('\n')}\n`);
      assert.match(await cli(['import', failuresFile, '--mode', 'mass', '--db', target.db]), /5 records, 5 imported, 0 failed/);
      assert.equal(await exportNdjson(target.db), sourceNdjson);
    });

    test('when an XML file is malformed, has a DOCTYPE, another root or import options, then the file stops with the code and line and nothing is imported', { skip: !reachable && 'PostgreSQL unreachable' }, async () => {
      const xml = readFileSync(xmlFile, 'utf8');
      const lines = xml.split('\n');
      const target = await fresh();
      const cases: Array<[string, string, RegExp]> = [
        ['truncated', xml.slice(0, Math.floor(xml.length / 2)), /REQUEST-108 \(invalid\): reading .*truncated\.xml: .*line \d+/],
        ['unbalanced', [...lines.slice(0, 10), '</customerData>', ...lines.slice(10)].join('\n'), /REQUEST-108 \(invalid\): .*line 11:/],
        ['doctype', xml.replace('<?xml version="1.0" encoding="UTF-8"?>\n', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY big "big">]>\n'), /REQUEST-116 \(invalid\)/],
        ['entity', xml.replace('<description>', '<description>&big;'), /REQUEST-108 \(invalid\): .*line 3:/],
        ['root', xml.replaceAll('customerDataImportRequest', 'customerDataExportResponse'), /REQUEST-108 \(invalid\): .*the root element is \{http:\/\/schema\.customerdata\.v3\.ws\.highdeal\.com\/\}customerDataExportResponse/],
        ['options', xml.replace('<cd:customerDataImportRequest ', '<cd:customerDataImportRequest onAlreadyExistingTable="overwrite" '), /REQUEST-102 \(invalid\): .*onAlreadyExistingTable/],
        ['latin1', `${HEAD}<customerData>\xe9</customerData></cd:customerDataImportRequest>\n`, /REQUEST-108 \(invalid\): .*not valid UTF-8/],
      ];
      for (const [name, text, expected] of cases) {
        const file = join(target.dir, `${name}.xml`);
        writeFileSync(file, name === 'latin1' ? Buffer.from(text, 'latin1') : gzipSync(text));
        for (const mode of ['bundle', 'mass']) {
          const result = await runConvergent(['import', file, '--mode', mode, '--db', target.db]);
          assert.equal(result.code, 1, `${name} ${mode}: ${result.stdout}${result.stderr}`);
          assert.match(result.stderr, expected, `${name} ${mode}`);
        }
      }
      assert.equal(await exportNdjson(target.db), '', 'nothing of the refused files was imported');
      assert.equal(existsSync(join(target.dir, 'truncated.xml.errors.ndjson')), false);
    });
  });
}

describeOnStores('XML customer data files and SOAP', (server) => {
  test('when an XML export (up to 1000 customers) is checked by xmllint against the served XSD and put in a SOAP Body, then it is valid and customerDataImport imports it unchanged', async () => {
    const source = await freshDatabase('sqlite');
    try {
      const generated = join(source.dir, 'generated.ndjson');
      writeFileSync(generated, `${[...generateCustomers({ count: 20, seed: 22 })].map((c) => JSON.stringify(c)).join('\n')}\n`);
      await cli(['import', generated, '--db', source.db]);
      const xmlFile = join(source.dir, 'customers.xml');
      await cli(['export', '--all', '--out', xmlFile, '--db', source.db]);
      // an independent validator: the file is the XSD's customerDataImportRequest element
      try {
        await run('xmllint', ['--noout', '--schema', `${server().url}/v3/customerDataExportImport?xsd=service.xsd`, xmlFile]);
      } catch (error) {
        assert.fail(`xmllint refused the XML export:\n${(error as { stderr?: string }).stderr ?? error}`);
      }
      const document = readFileSync(xmlFile, 'utf8').replace(/^<\?xml[^>]*\?>\n/, '');
      const envelope = `<soapenv:Envelope xmlns:soapenv="${SOAP_ENV}">${securityHeader({ user: 'migration' })}<soapenv:Body>${document}</soapenv:Body></soapenv:Envelope>`;
      const answer = await postSoap(server().url, '/v3/customerDataExportImport', envelope, { soapaction: '"customerDataImport"' });
      assert.equal(answer.status, 200, answer.text);
      assert.equal(answer.body.name, 'customerDataImportResponse', answer.text);
      assert.equal(textOf(answer.body, 'status'), 'return', answer.text);
      assert.equal(textOf(answer.body, 'summary/chargingContract/created'), '60');
      for (const id of ['SA-S22-000000001', 'SA-S22-000000020']) {
        const read = await server().call('customerDataExportImport', 'customerDataExport', { subscriberAccountId: id });
        assert.equal(read.status, 200, read.text);
        assert.equal(`${JSON.stringify(read.body.customerData)}\n`, (await runConvergent(['export', '--account', id, '--db', source.db])).stdout);
      }
    } finally {
      await source.drop();
    }
  });
});
