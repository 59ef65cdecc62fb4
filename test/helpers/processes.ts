// Convergent servers as separate processes (`convergent serve`), the way operators
// run several instances against one database, with the test users in that database.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { openStore } from '../../src/store/open.ts';
import { addUser } from '../../src/operations/users.ts';
import { ROLES, type Role } from '../../src/operations/operation.ts';
import { ADMIN_PASSWORD, ApiClient, ROLE_PASSWORD } from './server.ts';

const PACKAGE_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Migrates the database `db` and adds admin and a user per role (as startTestServer does). */
export async function prepareDatabase(db: string): Promise<void> {
  const store = await openStore(db);
  try {
    await addUser(store, 'admin', ['administrator'], ADMIN_PASSWORD);
    for (const role of ROLES) await addUser(store, role, [role as Role], ROLE_PASSWORD);
  } finally {
    await store.close();
  }
}

export interface ServerProcess {
  client: ApiClient;
  port: number;
  stop(): Promise<void>;
  /** SIGKILL: the process dies mid-request, as in a crash */
  kill(): Promise<void>;
}

export interface SpawnOptions {
  /** a port of its own (a restarted server keeps its URL), else a free one */
  port?: number;
  catalogFile?: string;
  /** more of the server's environment (e.g. CONVERGENT_JOB_MAX_BYTES) */
  env?: Record<string, string>;
}

/** `convergent serve --db <db> --port <free port>` in its own process; resolves once /health answers. */
export async function spawnServer(db: string, dataDir: string, options: SpawnOptions = {}): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const catalog = options.catalogFile ? ['--catalog', options.catalogFile] : [];
  const child = spawn(process.execPath, ['src/cli/main.ts', 'serve', '--db', db, '--port', String(port), ...catalog], {
    cwd: PACKAGE_ROOT,
    env: { ...process.env, CONVERGENT_ADMIN_PASSWORD: ADMIN_PASSWORD, CONVERGENT_DATA_DIR: dataDir, CONVERGENT_LOG_LEVEL: 'warn', ...options.env },
    stdio: ['ignore', 'ignore', process.env.SHOW_SERVER_STDERR ? 'inherit' : 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  const client = new ApiClient(`http://127.0.0.1:${port}`);
  await waitForHealth(client, child, () => stderr);
  return { client, port, stop: () => stopProcess(child), kill: () => stopProcess(child, 'SIGKILL') };
}

async function waitForHealth(client: ApiClient, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`convergent serve exited with ${child.exitCode}: ${stderr()}`);
    try {
      if ((await client.request('GET', '/health', undefined, { anonymous: true })).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`convergent serve did not become healthy: ${stderr()}`);
}

function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
