// Benchmark: recharging lock + unlock pairs over the JSON API, 32 connections, on
// SQLite and PostgreSQL. Each connection locks its own account's collection (a root
// with a linked contract and a standalone root), then unlocks it, in a loop; a pair
// is both calls. Prints pairs/s and pair latency percentiles; asserts nothing.
//   node bench/recharging.ts [--seconds 10] [--connections 32] [--store sqlite|postgres]
import http from 'node:http';
import { parseArgs } from 'node:util';
import { freshDatabase, postgresReachable, type StoreKind } from '../test/helpers/stores.ts';
import { ROLE_PASSWORD } from '../test/helpers/server.ts';
import { prepareDatabase, spawnServer } from '../test/helpers/processes.ts';
import { provisionFamilies } from '../test/helpers/recharging.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '32' },
    store: { type: 'string', multiple: true },
  },
});
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);
const WARM_UP_MS = 2000;

const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
const authorization = `Basic ${Buffer.from(`rerating:${ROLE_PASSWORD}`).toString('base64')}`;

/** POST a JSON operation on a kept-alive connection; resolves with the HTTP status. */
function post(url: URL, path: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { agent, host: url.hostname, port: url.port, path, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization } },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

interface Result {
  pairs: number;
  failures: number;
  latencies: number[];
  elapsedMs: number;
}

async function drive(url: URL, accountIds: string[]): Promise<Result> {
  const result: Result = { pairs: 0, failures: 0, latencies: [], elapsedMs: 0 };
  let measuring = false;
  let stopped = false;
  const connection = async (accountId: string) => {
    const body = JSON.stringify({ chargingContractCollection: { subscriberAccountId: accountId }, rechargingLockId: `RL-${accountId}` });
    while (!stopped) {
      const counted = measuring;
      const start = performance.now();
      const locked = await post(url, '/api/v1/recharging/chargingContractCollectionLock', body);
      const unlocked = await post(url, '/api/v1/recharging/chargingContractCollectionUnlock', body);
      if (!counted) continue;
      result.latencies.push(performance.now() - start);
      if (locked === 200 && unlocked === 200) result.pairs++;
      else result.failures++;
    }
  };
  // the first call checks the password (scrypt); later ones hit the server's authentication cache
  await post(url, '/api/v1/recharging/chargingContractCollectionLockFind', '{}');
  const running = Promise.all(accountIds.map(connection));
  await sleep(WARM_UP_MS);
  measuring = true;
  const start = performance.now();
  await sleep(SECONDS * 1000);
  measuring = false;
  result.elapsedMs = performance.now() - start;
  stopped = true;
  await running;
  return result;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function bench(kind: StoreKind): Promise<void> {
  const database = await freshDatabase(kind);
  await prepareDatabase(database.db);
  const server = await spawnServer(database.db, database.dir);
  try {
    const accountIds: string[] = [];
    for (let i = 1; i <= CONNECTIONS; i++) accountIds.push((await provisionFamilies(server.client, `bench-${i}`, { linked: 1, standalone: 1 })).accountId);
    const { pairs, failures, latencies, elapsedMs } = await drive(new URL(server.client.url), accountIds);
    latencies.sort((a, b) => a - b);
    const fixed = (n: number) => n.toFixed(1);
    process.stdout.write(
      `${kind.padEnd(8)} ${CONNECTIONS} connections, ${SECONDS}s: ${fixed(pairs / (elapsedMs / 1000))} lock+unlock pairs/s, ` +
        `pair latency p50 ${fixed(percentile(latencies, 50))} ms, p99 ${fixed(percentile(latencies, 99))} ms, failed pairs ${failures}\n`,
    );
  } finally {
    await server.stop();
    await database.drop();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const stores = (values.store ?? ['sqlite', 'postgres']) as StoreKind[];
for (const kind of stores) {
  if (kind === 'postgres' && !(await postgresReachable())) {
    process.stdout.write('postgres skipped: unreachable (CONVERGENT_TEST_PG_URL)\n');
    continue;
  }
  await bench(kind);
}
agent.destroy();
