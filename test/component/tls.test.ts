// TLS (SPEC 3.5): `convergent serve --tls-cert F --tls-key F` serves HTTPS with
// that certificate, made here in the test; JSON and SOAP answer over it and
// nothing answers in plain text on that port.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpsRequest } from 'node:https';
import { request as httpRequest } from 'node:http';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import type { PeerCertificate, TLSSocket } from 'node:tls';
import { selfSignedCertificate, type SelfSigned } from '../helpers/certificate.ts';
import { ADMIN_PASSWORD } from '../helpers/server.ts';
import { child, parseXml, requestEnvelope, textOf } from '../soap/client.ts';

interface HttpsResult {
  status: number;
  body: string;
  peer: PeerCertificate;
}

function httpsCall(url: string, path: string, ca: Buffer, body?: unknown, contentType = 'application/json'): Promise<HttpsResult> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { authorization: `Basic ${Buffer.from(`admin:${ADMIN_PASSWORD}`).toString('base64')}` };
    if (body !== undefined) headers['content-type'] = contentType;
    const req = httpsRequest(`${url}${path}`, { method: body === undefined ? 'GET' : 'POST', ca, headers }, (res) => {
      const peer = (res.socket as TLSSocket).getPeerCertificate();
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString('utf8'), peer }));
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body));
  });
}

/** Starts `convergent serve` with TLS on a free port; resolves with its https:// URL. */
function serveWithTls(dir: string, certificate: SelfSigned): Promise<{ child: ChildProcess; url: string }> {
  writeFileSync(join(dir, 'cert.pem'), certificate.cert);
  writeFileSync(join(dir, 'key.pem'), certificate.key, { mode: 0o600 });
  const args = ['bin/convergent.js', 'serve', '--port', '0', '--db', join(dir, 'tls.db'), '--tls-cert', join(dir, 'cert.pem'), '--tls-key', join(dir, 'key.pem')];
  const child = spawn(process.execPath, args, { env: { ...process.env, CONVERGENT_ADMIN_PASSWORD: ADMIN_PASSWORD }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let log = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      log += chunk.toString('utf8');
      const url = /Server listening at (https:\/\/127\.0\.0\.1:\d+)/.exec(log)?.[1];
      if (url) resolve({ child, url });
    });
    child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
    child.on('exit', (code) => reject(new Error(`convergent serve exited ${code}: ${log}`)));
  });
}

describe('TLS with --tls-cert and --tls-key', () => {
  const dir = mkdtempSync(join(tmpdir(), 'convergent-tls-'));
  const certificate = selfSignedCertificate();
  let served: { child: ChildProcess; url: string };

  before(async () => {
    served = await serveWithTls(dir, certificate);
  });
  after(() => {
    served?.child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  test('when a client trusts the certificate, then the JSON API answers over HTTPS with that certificate', async () => {
    const echo = await httpsCall(served.url, '/api/v1/echo/echo', certificate.cert, { text: 'over TLS' });
    assert.equal(echo.status, 200, echo.body);
    assert.equal(JSON.parse(echo.body).text, 'over TLS');
    assert.equal(echo.peer.fingerprint256, new X509Certificate(certificate.cert).fingerprint256);
    const health = await httpsCall(served.url, '/health', certificate.cert);
    assert.equal(health.status, 200);
  });

  test('when a SOAP client trusts the certificate, then echo answers over HTTPS and the WSDL names the https:// endpoint', async () => {
    const echo = await httpsCall(served.url, '/echo', certificate.cert, requestEnvelope('echo', 'echo', '<text>over TLS</text>'), 'text/xml; charset=utf-8');
    assert.equal(echo.status, 200, echo.body);
    assert.equal(textOf(child(parseXml(echo.body), 'Body')!.children[0], 'text'), 'over TLS');
    const wsdl = await httpsCall(served.url, '/echo?wsdl', certificate.cert);
    assert.equal(child(parseXml(wsdl.body), 'service/port/address')!.attributes.location, `${served.url}/echo`);
  });

  test('when a client does not trust the certificate, then the TLS handshake fails', async () => {
    const other = selfSignedCertificate();
    await assert.rejects(httpsCall(served.url, '/health', other.cert), /self-signed|self signed|certificate/i);
  });

  test('when a client speaks plain HTTP to the TLS port, then it gets no API answer', async () => {
    const answer = await new Promise<number | Error>((resolve) => {
      const req = httpRequest(`${served.url.replace('https:', 'http:')}/health`, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', resolve);
      req.end();
    });
    assert.ok(answer instanceof Error || answer === 400, `plain HTTP got ${String(answer)}`);
  });
});
