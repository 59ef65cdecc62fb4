// SOAP benchmark (docs/performance.md): requests/s and p50/p99 latency of
// subscriberAccountRead over SOAP and over JSON, at 1 and 32 connections, beside a
// floor (a bare fastify route answering the same bytes) and a peer (node-soap
// serving the same operation from the same WSDL), all in one run. Each server runs
// in its own process; autocannon runs here. Prints figures and the two ratios the
// targets name; asserts nothing.
//   npm run bench:soap [-- --seconds 10 --connections 1,32]
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { ADMIN_PASSWORD, BENCH_PASSWORD, BENCH_USER } from './soapCredentials.ts';

const { values: args } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '1,32' } } });
const SECONDS = Number(args.seconds);
const CONNECTIONS = args.connections.split(',').map(Number);
const WARM_UP_SECONDS = 2;

const ACCOUNT = {
  id: 'BENCH-1',
  subscriberId: 'BP-BENCH-1',
  description: 'Benchmark account',
  tax: { mode: 'vendorSubjectToPay', vat: { taxCode: 'VAT_STD', customerCountryCode: 'DE', businessCategory: 'B2C' } },
  additionalInfo: [
    { name: 'SEGMENT', string: 'consumer' },
    { name: 'SCORE', number: '0.30' },
    { name: 'SINCE', date: '2024-02-29T12:00:00' },
  ],
};

const SOAP_REQUEST =
  '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:s="http://schema.provisioning.ws.highdeal.com/">' +
  '<soapenv:Header><wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"><wsse:UsernameToken>' +
  `<wsse:Username>${BENCH_USER}</wsse:Username><wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText">${BENCH_PASSWORD}</wsse:Password>` +
  '</wsse:UsernameToken></wsse:Security></soapenv:Header>' +
  `<soapenv:Body><s:subscriberAccountReadRequest><subscriberAccountId>${ACCOUNT.id}</subscriberAccountId></s:subscriberAccountReadRequest></soapenv:Body></soapenv:Envelope>`;
const SOAP_HEADERS = { 'content-type': 'text/xml; charset=utf-8', soapaction: '"subscriberAccountRead"' };
const JSON_HEADERS = { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${BENCH_USER}:${BENCH_PASSWORD}`).toString('base64')}` };

interface Target {
  name: string;
  url: string;
  /** the server process, whose CPU time per request is measured beside the throughput */
  pid: number;
  headers: Record<string, string>;
  body: string;
}

interface Figures {
  target: string;
  connections: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  /** server CPU time (user + system) per request, in microseconds; NaN where /proc is missing */
  cpuMicros: number;
}

const children: ChildProcess[] = [];

async function startTarget(...argv: string[]): Promise<{ url: string; pid: number }> {
  const child = spawn(process.execPath, [new URL('./soapTargets.ts', import.meta.url).pathname, ...argv], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  for await (const url of createInterface({ input: child.stdout! })) return { url, pid: child.pid! };
  throw new Error(`${argv[0]} did not start`);
}

/** CPU time (user + system) a process has used, in microseconds, from /proc (clock ticks of 10 ms). */
function cpuTime(pid: number): number {
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return NaN;
  const text = readFileSync(stat, 'utf8');
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

async function post(target: Target): Promise<{ status: number; text: string }> {
  const response = await fetch(target.url, { method: 'POST', headers: target.headers, body: target.body });
  return { status: response.status, text: await response.text() };
}

function load(target: Target, connections: number, seconds: number): Promise<Figures> {
  const cpuBefore = cpuTime(target.pid);
  return new Promise((resolve, reject) => {
    autocannon({ url: target.url, method: 'POST', headers: target.headers, body: target.body, connections, duration: seconds }, (error, result) => {
      if (error) return reject(error);
      resolve({
        cpuMicros: (cpuTime(target.pid) - cpuBefore) / result.requests.total,
        target: target.name,
        connections,
        requestsPerSecond: result.requests.average,
        p50: result.latency.p50,
        p99: result.latency.p99,
        errors: result.errors + result.non2xx,
      });
    });
  });
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'convergent-bench-soap-'));
  try {
    const db = join(dir, 'convergent.db');
    const server = await startTarget('convergent', db);
    const base = server.url;
    const admin = { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`admin:${ADMIN_PASSWORD}`).toString('base64')}` };
    const created = await fetch(`${base}/api/v1/suacProvisioning/subscriberAccountMaintain`, { method: 'POST', headers: admin, body: JSON.stringify({ subscriberAccount: ACCOUNT }) });
    if (!created.ok) throw new Error(`set-up: ${await created.text()}`);

    const soapTarget: Target = { name: 'SOAP (Convergent)', url: `${base}/suacProvisioning`, pid: server.pid, headers: SOAP_HEADERS, body: SOAP_REQUEST };
    const answer = await post(soapTarget);
    if (answer.status !== 200 || !answer.text.includes('<status>return</status>')) throw new Error(`SOAP answer: ${answer.text}`);
    writeFileSync(join(dir, 'response.xml'), answer.text);
    writeFileSync(join(dir, 'suacProvisioning.wsdl'), await (await fetch(`${base}/suacProvisioning?wsdl`)).text());

    const floor = await startTarget('floor', join(dir, 'response.xml'));
    const peer = await startTarget('node-soap', db, join(dir, 'suacProvisioning.wsdl'));
    const targets: Target[] = [
      { name: 'floor (fastify, same bytes)', url: `${floor.url}/suacProvisioning`, pid: floor.pid, headers: SOAP_HEADERS, body: SOAP_REQUEST },
      soapTarget,
      { name: 'JSON (Convergent)', url: `${base}/api/v1/suacProvisioning/subscriberAccountRead`, pid: server.pid, headers: JSON_HEADERS, body: JSON.stringify({ subscriberAccountId: ACCOUNT.id }) },
      { name: 'node-soap (same WSDL)', url: `${peer.url}/suacProvisioning`, pid: peer.pid, headers: SOAP_HEADERS, body: SOAP_REQUEST },
    ];
    for (const target of targets) {
      const check = await post(target);
      if (check.status !== 200 || !check.text.includes(ACCOUNT.description)) throw new Error(`${target.name} answered ${check.status}: ${check.text.slice(0, 500)}`);
    }
    console.log(`subscriberAccountRead, ${SECONDS} s per run after ${WARM_UP_SECONDS} s of warm-up; ${cpus().length} CPUs, Node ${process.version}, load average ${loadavg()[0].toFixed(1)}`);
    console.log(`response: ${Buffer.byteLength(answer.text)} bytes of SOAP; request: ${Buffer.byteLength(SOAP_REQUEST)} bytes`);
    const figures: Figures[] = [];
    for (const connections of CONNECTIONS) {
      for (const target of targets) {
        await load(target, connections, WARM_UP_SECONDS);
        const measured = await load(target, connections, SECONDS);
        figures.push(measured);
        console.log(
          `${target.name.padEnd(28)} ${String(connections).padStart(3)} conn  ${measured.requestsPerSecond.toFixed(0).padStart(7)} req/s  p50 ${String(measured.p50).padStart(4)} ms  p99 ${String(measured.p99).padStart(4)} ms  server CPU ${measured.cpuMicros.toFixed(0).padStart(4)} µs/request${measured.errors ? `  ${measured.errors} errors` : ''}`,
        );
      }
    }
    const figure = (name: string, connections: number) => figures.find((f) => f.target.startsWith(name) && f.connections === connections)!;
    const top = Math.max(...CONNECTIONS);
    const ratio = (a: string, b: string, of: (f: Figures) => number) => (of(figure(a, top)) / of(figure(b, top))).toFixed(2);
    const throughput = (f: Figures) => f.requestsPerSecond;
    const perCpu = (f: Figures) => 1 / f.cpuMicros;
    console.log(`at ${top} connections, throughput: SOAP = ${ratio('SOAP', 'floor', throughput)} x floor (target >= 0.5), ${ratio('SOAP', 'node-soap', throughput)} x node-soap (target >= 2); JSON = ${ratio('JSON', 'floor', throughput)} x floor`);
    console.log(`at ${top} connections, requests per CPU second: SOAP = ${ratio('SOAP', 'floor', perCpu)} x floor, ${ratio('SOAP', 'node-soap', perCpu)} x node-soap; JSON = ${ratio('JSON', 'floor', perCpu)} x floor`);
  } finally {
    for (const child of children) child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
