// The hostile-input corpus (test/hostile/*.cases.ts) through the real server on
// both stores: every case gets its refusal with its code, the server answers a
// valid request after each, and a dump of every table is the same before and
// after — but for the audit log, which holds exactly one failure per refused
// write that reached its operation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeOnStores, type TestServer } from '../helpers/server.ts';
import { snapshotOf } from '../helpers/snapshot.ts';
import { findAuditRecords } from '../../src/operations/audit.ts';
import type { HostileCase } from './case.ts';
import { FIXTURE, JSON_CASES } from './json.cases.ts';
import { SOAP_CASES } from './soap.cases.ts';
import { child, parseXml, requestEnvelope, textOf } from '../soap/client.ts';
import { request as httpRequest } from 'node:http';

const CASES: HostileCase[] = [...JSON_CASES, ...SOAP_CASES];
const AUDIT_TABLES = ['audit_record', 'audit_object'];

async function send(server: TestServer, hostile: HostileCase): Promise<{ status: number; code?: string; text: string }> {
  const headers: Record<string, string> = { ...server.authorization(), ...hostile.headers };
  if (hostile.body !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(`${server.url}${hostile.path}`, { method: hostile.method, headers, body: hostile.body });
  const text = await response.text();
  return { status: response.status, code: codeIn(text), text };
}

/** The error code of an answer: problem+json `code`, a Fault's `errorCode`, or a SOAP response's error cause. */
function codeIn(text: string): string | undefined {
  try {
    return JSON.parse(text).code;
  } catch {
    // not JSON: SOAP
  }
  try {
    const answer = child(parseXml(text), 'Body')!.children[0];
    if (answer.name === 'Fault') return textOf(answer, 'detail/faultDetail/errorCode');
    return textOf(answer, 'status') === 'error' ? `${textOf(answer, 'error/cause/module')}-${textOf(answer, 'error/cause/code')}` : undefined;
  } catch {
    return undefined;
  }
}

async function provisionFixture(server: TestServer): Promise<void> {
  const calls: Array<[string, unknown]> = [
    ['subscriberAccountMaintain', { subscriberAccount: FIXTURE.account }],
    ['prepaidAccountMaintain', { prepaidAccount: FIXTURE.prepaid }],
    ['externalAccountMaintain', { externalAccount: FIXTURE.external }],
  ];
  for (const [operation, body] of calls) assert.equal((await server.call('suacProvisioning', operation, body)).status, 200, operation);
}

const lastAuditId = async (server: TestServer): Promise<number> => (await findAuditRecords(server.running.store, {}, undefined, 1, 'desc')).rows[0]?.id ?? 0;

describeOnStores('hostile input corpus', (server) => {
  test(`when the ${CASES.length} cases of the corpus are sent, then each is refused with its code, the server answers after each, and nothing is written`, async () => {
    assert.ok(CASES.length >= 300, `${CASES.length} cases`);
    await provisionFixture(server());
    const before = await snapshotOf(server().database, AUDIT_TABLES);
    const auditedBefore = await lastAuditId(server());
    const mismatches: string[] = [];
    for (const hostile of CASES) {
      const answer = await send(server(), hostile);
      if (answer.status !== hostile.expect.status || answer.code !== hostile.expect.code) {
        mismatches.push(`${hostile.name}: expected ${hostile.expect.status} ${hostile.expect.code}, got ${answer.status} ${answer.code ?? answer.text.slice(0, 200)}`);
      }
      const echo = await server().call('echo', 'echo', { text: 'still there' });
      if (echo.status !== 200) mismatches.push(`${hostile.name}: the next valid request got ${echo.status}`);
    }
    assert.deepEqual(mismatches, []);
    assert.deepEqual(await snapshotOf(server().database, AUDIT_TABLES), before, 'a refused request wrote');
    const audited = (await findAuditRecords(server().running.store, {}, auditedBefore, 1000)).rows;
    const expected = CASES.filter((hostile) => hostile.audited);
    assert.deepEqual(
      audited.map((record) => `${record.operation} ${record.outcome} ${record.errorCode}`),
      expected.map((hostile) => `${hostile.operation} failure ${hostile.expect.code}`),
      'one audit failure per refused write that reached its operation, none for the others',
    );
  });

  test('when a SOAP body arrives in pieces, then a character split between pieces is read whole and bytes that are not UTF-8 are a Fault REQUEST-108', async () => {
    const [head, tail] = requestEnvelope('echo', 'echo', '<text>@@</text>').split('@@');
    const pieces = (...middle: number[][]) => [Buffer.from(head), ...middle.map((bytes) => Buffer.from(bytes)), Buffer.from(tail)];
    const euroSplit = await postInPieces(server().url, '/echo', pieces([0xe2], [0x82, 0xac]));
    assert.equal(euroSplit.status, 200, euroSplit.text);
    assert.equal(textOf(child(parseXml(euroSplit.text), 'Body')!.children[0], 'text'), '€');
    for (const bad of [[[0xff]], [[0xe2], [0x28, 0xa1]], [[0xed, 0xa0], [0x80]]]) {
      const refused = await postInPieces(server().url, '/echo', pieces(...bad));
      assert.deepEqual([refused.status, codeIn(refused.text)], [500, 'REQUEST-108'], JSON.stringify(bad));
    }
  });
});

/** POSTs `pieces` with chunked transfer encoding, one write each. */
function postInPieces(url: string, path: string, pieces: Buffer[]): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    const next = (i: number): void => {
      if (i === pieces.length) return void req.end();
      req.write(pieces[i], () => setTimeout(() => next(i + 1), 5));
    };
    next(0);
  });
}
