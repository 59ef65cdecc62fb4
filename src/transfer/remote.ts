// A Convergent server seen from the transfer tool: its public JSON API over
// node:http on kept-alive connections (half the client CPU of fetch), HTTP Basic,
// resends of what a server could not take (every call the transfer makes is
// idempotent or checked before it is redone), and the answer turned into a value
// or a RemoteFailure that carries the server's code.
import http from 'node:http';
import https from 'node:https';
import { CODES, type ErrorCode } from '../model/codes.ts';

export type Side = 'source' | 'destination';

export interface Credentials {
  user: string;
  password: string;
}

/** A failure of a call: the code the server answered, or TRANSFER-103 when it could not be reached. */
export class RemoteFailure extends Error {
  readonly code: string;
  readonly category: string;
  readonly side: Side;
  /** the server did not answer: a write sent may still land */
  readonly unreachable: boolean;

  constructor(side: Side, code: string, category: string, message: string, unreachable = false) {
    super(`${side}: ${message}`);
    this.name = 'RemoteFailure';
    this.side = side;
    this.code = code;
    this.category = category;
    this.unreachable = unreachable;
  }
}

const ownCode = (code: ErrorCode) => CODES[code].category;

/** Waits before each resend: about 3.7 s in all before a server counts as unreachable. */
export const RESEND_DELAYS_MS = [100, 300, 800, 1000, 1500];
const REQUEST_TIMEOUT_MS = 60_000;

export interface RemoteOptions {
  resendDelaysMs?: number[];
  timeoutMs?: number;
}

export class RemoteServer {
  readonly url: string;
  readonly side: Side;
  /** set once the server cannot be used for the rest of the run (unreachable, credentials refused) */
  unusable: RemoteFailure | undefined;
  private readonly authorization: string;
  private readonly resendDelaysMs: number[];
  private readonly timeoutMs: number;
  private readonly http: typeof http | typeof https;
  private readonly agent: http.Agent;

  constructor(url: string, side: Side, credentials: Credentials, options: RemoteOptions = {}) {
    this.url = url.replace(/\/+$/, '');
    this.side = side;
    this.authorization = `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`).toString('base64')}`;
    this.resendDelaysMs = options.resendDelaysMs ?? RESEND_DELAYS_MS;
    this.timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
    this.http = this.url.startsWith('https:') ? https : http;
    this.agent = new this.http.Agent({ keepAlive: true });
  }

  /** `POST /api/v1/<service>/<operation>`: the response's fields, or a RemoteFailure. */
  call<T>(service: string, operation: string, body: unknown): Promise<T> {
    return this.request<T>('POST', `/api/v1/${service}/${operation}`, `${service}/${operation}`, JSON.stringify(body));
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path, path, undefined);
  }

  private async request<T>(method: string, path: string, what: string, body: string | undefined): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const answer = await this.send(method, path, what, body);
      if (answer.ok) return answer.value as T;
      const failure = answer.failure;
      const resendable = failure.unreachable || failure.category === 'temporaryIllegalSystemState';
      if (!resendable || attempt >= this.resendDelaysMs.length) {
        if (failure.unreachable) this.unusable ??= failure;
        if (failure.code.startsWith('CC-SEC-AUTH')) this.unusable ??= failure;
        throw failure;
      }
      await new Promise((resolve) => setTimeout(resolve, this.resendDelaysMs[attempt]));
    }
  }

  private async send(method: string, path: string, what: string, body: string | undefined): Promise<{ ok: true; value: unknown } | { ok: false; failure: RemoteFailure }> {
    let response: { status: number; text: string };
    try {
      response = await this.exchange(method, path, body);
    } catch (error) {
      const reason = (error as { code?: string }).code ?? (error as Error).message;
      return { ok: false, failure: new RemoteFailure(this.side, 'TRANSFER-103', ownCode('TRANSFER-103'), `${this.url} did not answer ${what} (${reason})`, true) };
    }
    const text = response.text;
    let parsed: Record<string, unknown> | undefined;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (response.status === 200 && parsed) return { ok: true, value: parsed };
    if (parsed && typeof parsed.code === 'string') {
      const detail = typeof parsed.detail === 'string' ? parsed.detail : String(parsed.title ?? '');
      return { ok: false, failure: new RemoteFailure(this.side, parsed.code, String(parsed.category), `${what}: ${parsed.code}: ${detail}`) };
    }
    // not our problem document (a proxy's error page, a server dying mid-answer): count it as no answer
    return { ok: false, failure: new RemoteFailure(this.side, 'TRANSFER-103', ownCode('TRANSFER-103'), `${this.url} answered ${what} with HTTP ${response.status}`, true) };
  }

  /** One request on a kept-alive connection: the status and the body's text. */
  private exchange(method: string, path: string, body: string | undefined): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string | number> = { authorization: this.authorization };
      if (body !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      const request = this.http.request(`${this.url}${path}`, { method, headers, agent: this.agent, timeout: this.timeoutMs }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      });
      request.on('timeout', () => request.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
      request.on('error', reject);
      request.end(body);
    });
  }
}

