// An HTTP proxy in front of a server that answers chosen calls with a business
// error of its own instead of passing them on: a step that fails at a chosen point,
// so a test can see what a transfer leaves behind when it does.
import { createServer, type Server } from 'node:http';

export interface Refusal {
  status: number;
  code: string;
  category: string;
}

export class FaultyProxy {
  readonly target: string;
  url = '';
  /** answers a call with a refusal when it returns one, else passes it on */
  refuse: (path: string, body: string) => Refusal | undefined = () => undefined;
  private server: Server | undefined;

  constructor(target: string) {
    this.target = target;
  }

  async open(): Promise<void> {
    this.server = createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks).toString('utf8');
      const refusal = this.refuse(request.url ?? '', body);
      if (refusal) {
        response.writeHead(refusal.status, { 'content-type': 'application/problem+json' });
        response.end(JSON.stringify({ code: refusal.code, category: refusal.category, detail: 'refused by the test proxy', status: refusal.status }));
        return;
      }
      const headers: Record<string, string> = {};
      for (const name of ['authorization', 'content-type']) if (request.headers[name]) headers[name] = String(request.headers[name]);
      const answer = await fetch(`${this.target}${request.url}`, { method: request.method, headers, body: request.method === 'GET' ? undefined : body });
      response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
      response.end(await answer.text());
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as { port: number }).port}`;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
