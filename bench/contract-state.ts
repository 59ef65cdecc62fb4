// Contract state benchmark (docs/performance.md): the time of a 1000-item bundle
// (p50 over 20) and the mass throughput for 100,000 contracts, over HTTP and with
// `convergent state import`, on SQLite and, where reachable, PostgreSQL.
// Prints figures; asserts nothing. `npm run bench:contract-state [-- --contracts N]`
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startConvergent, type Running } from '../src/app.ts';
import { freshDatabase, postgresReachable, type StoreKind } from '../test/helpers/stores.ts';
import { contractIds, provisionVoiceContracts, voiceStateChange } from '../test/helpers/contractStates.ts';

const { values: args } = parseArgs({ options: { contracts: { type: 'string', default: '100000' }, store: { type: 'string', multiple: true } } });
const MASS_CONTRACTS = Number(args.contracts);
const BUNDLE_ITEMS = 1000;
const BUNDLE_RUNS = 20;
const ADMIN_PASSWORD = 'bench-admin-password';

const bundleBody = (ids: string[], version: number): string =>
  JSON.stringify({ chargingContractStateChangeRequest: ids.map((id) => ({ chargingContractState: voiceStateChange(id, version) })) });

async function post(running: Running, operation: string, body: string): Promise<void> {
  const response = await fetch(`${running.url}/api/v1/contractstate/${operation}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`admin:${ADMIN_PASSWORD}`).toString('base64')}` },
    body,
  });
  const answer = (await response.json()) as { status: string; failures?: number };
  if (answer.status !== 'return' || answer.failures) throw new Error(`${operation} failed: ${JSON.stringify(answer).slice(0, 500)}`);
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

async function benchStore(kind: StoreKind): Promise<void> {
  const database = await freshDatabase(kind);
  const running = await startConvergent({ db: database.db, port: 0, host: '127.0.0.1', logger: false, adminPassword: ADMIN_PASSWORD, dataDir: database.dir });
  try {
    const ids = contractIds('bench', MASS_CONTRACTS);
    let started = performance.now();
    await provisionVoiceContracts(running.store, ids, { perAccount: 10, batch: 5000 });
    console.log(`[${kind}] provisioned ${ids.length} contracts through the store port in ${seconds(performance.now() - started)}`);

    // a 1000-item bundle: request bodies built beforehand, so the time is the server's plus the loopback
    const bundleIds = ids.slice(0, BUNDLE_ITEMS);
    const bodies = Array.from({ length: BUNDLE_RUNS + 3 }, (_, i) => bundleBody(bundleIds, i + 1));
    const times: number[] = [];
    for (const [i, body] of bodies.entries()) {
      started = performance.now();
      await post(running, 'chargingContractStateChangeBundle', body);
      if (i >= 3) times.push(performance.now() - started); // the first three warm the JIT
    }
    times.sort((a, b) => a - b);
    console.log(
      `[${kind}] ${BUNDLE_ITEMS}-item bundle over HTTP: p50 ${percentile(times, 50).toFixed(0)} ms, p90 ${percentile(times, 90).toFixed(0)} ms, min ${times[0].toFixed(0)} ms (${BUNDLE_RUNS} runs)`,
    );

    // mass: every contract once, 1000 per request, one request after the other
    started = performance.now();
    for (let from = 0; from < ids.length; from += BUNDLE_ITEMS) {
      await post(running, 'chargingContractStateChangeMass', bundleBody(ids.slice(from, from + BUNDLE_ITEMS), 100));
    }
    const massMs = performance.now() - started;
    console.log(`[${kind}] mass over HTTP: ${ids.length} states in ${seconds(massMs)}: ${Math.round(ids.length / (massMs / 1000))} states/s`);

    // the same through the command line, as a migration runs it (the server keeps running beside it)
    const file = join(database.dir, 'states.ndjson');
    writeFileSync(file, ids.map((id) => JSON.stringify(voiceStateChange(id, 200))).join('\n') + '\n');
    started = performance.now();
    const cli = spawnSync(process.execPath, ['bin/convergent.js', 'state', 'import', file, '--mode', 'mass', '--db', database.db], { encoding: 'utf8' });
    const importMs = performance.now() - started;
    if (cli.status !== 0) throw new Error(`state import failed: ${cli.stderr}`);
    console.log(`[${kind}] convergent state import --mode mass: ${ids.length} states in ${seconds(importMs)} (process start included): ${Math.round(ids.length / (importMs / 1000))} states/s`);
  } finally {
    await running.close();
    await database.drop();
  }
}

const kinds = (args.store ?? ['sqlite', 'postgres']) as StoreKind[];
for (const kind of kinds) {
  if (kind === 'postgres' && !(await postgresReachable())) {
    console.log('[postgres] skipped: no PostgreSQL at CONVERGENT_TEST_PG_URL');
    continue;
  }
  await benchStore(kind);
}
