// Crash safety of a contract state bundle: a child server process is killed with
// SIGKILL in the middle of a 1000-item bundle, 20 times at random moments; after
// each restart every contract of the bundle holds all old or all new values.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore } from '../../src/store/open.ts';
import { PG_URL, type TestDatabase } from '../helpers/stores.ts';
import { contractIds, describeOnDatabases, sampleCatalog, versionOf, voiceContract, voiceStateChange } from '../helpers/contractStates.ts';
import { fullContractState, stateValuesFromJson } from '../../src/model/contractState.ts';

const ROUNDS = 20;
/** Kills fall over the bundle's time and a little past it, where the commit and the response are. */
const KILL_WINDOW = 1.1;
const ADMIN_PASSWORD = 'crash-test-admin-password';

interface Child {
  process: ChildProcess;
  url: string;
  exited: Promise<unknown>;
}

/** `convergent serve` in a child process on a free port; resolves once it listens. */
async function startChild(database: TestDatabase, applicationName: string): Promise<Child> {
  const db = database.kind === 'postgres' ? withApplicationName(database.db, applicationName) : database.db;
  const child = spawn(process.execPath, ['src/cli/main.ts', 'serve', '--db', db, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      CONVERGENT_ADMIN_PASSWORD: ADMIN_PASSWORD,
      CONVERGENT_DATA_DIR: database.dir,
      CONVERGENT_LOG_LEVEL: 'info',
      // twenty restarts: let Node keep the compiled modules between them
      NODE_COMPILE_CACHE: join(tmpdir(), 'convergent-test-compile-cache'),
    },
  });
  const exited = once(child, 'exit');
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const lines = createInterface({ input: child.stdout! });
  const listening = new Promise<string>((resolve) => {
    lines.on('line', (line) => {
      const url = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1];
      if (url) resolve(url);
    });
  });
  const url = await Promise.race([listening, exited.then(() => Promise.reject(new Error(`the server exited before listening: ${stderr}`)))]);
  return { process: child, url, exited };
}

/** The PostgreSQL backends of a killed server are gone only when PostgreSQL notices; a COMMIT already sent may still land until then. */
const withApplicationName = (db: string, name: string): string => {
  const url = new URL(db);
  url.searchParams.set('application_name', name);
  return url.toString();
};

async function backendsGone(applicationName: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    for (let waited = 0; waited < 10_000; waited += 20) {
      const { rows } = await client.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1', [applicationName]);
      if (rows[0].n === 0) return;
      await sleep(20);
    }
    throw new Error(`backends of ${applicationName} still there after 10 s`);
  } finally {
    await client.end();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function sendBundle(url: string, ids: string[], version: number): Promise<Response> {
  const body = JSON.stringify({ chargingContractStateChangeRequest: ids.map((id) => ({ chargingContractState: voiceStateChange(id, version) })) });
  return fetch(`${url}/api/v1/contractstate/chargingContractStateChangeBundle`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`admin:${ADMIN_PASSWORD}`).toString('base64')}` },
    body,
  });
}

const ids = contractIds('crash', 1000);

// the two stores at once: most of a round is waiting for a process to start or a kill to fall
describe('contract state bundles and SIGKILL', { concurrency: true }, () => {
  describeOnDatabases('a server killed during a contract state bundle', ids, (database, kind) => {
    /** The one version every contract holds after a restart (one query: twenty restarts must stay quick). */
    async function versionAfterRestart(): Promise<number> {
      const store = await openStore(database().db);
      try {
        const rows = await store.engine.read((session) => session.all<{ contract_id: string; doc: string }>('SELECT contract_id, doc FROM contract_state'));
        const docs = new Map(rows.map((row) => [row.contract_id, row.doc]));
        const versions = new Set(ids.map((id) => versionOf(fullContractState(voiceContract(id, 'SA'), sampleCatalog, docs.has(id) ? stateValuesFromJson(docs.get(id)!) : undefined))));
        assert.equal(versions.size, 1, `contracts hold different versions: ${[...versions].join(', ')}`);
        return [...versions][0];
      } finally {
        await store.close();
      }
    }

    test(`when the server is killed with SIGKILL at ${ROUNDS} random moments of a 1000-item bundle, then after each restart all contracts hold all old or all new values`, async (t) => {
      let current = 0;
      let bundleMs = 0;
      const outcomes = { old: 0, new: 0 };
      for (let round = 1; round <= ROUNDS + 1; round++) {
        const applicationName = `convergent-crash-${round}`;
        const child = await startChild(database(), applicationName);
        try {
          const version = await versionAfterRestart();
          assert.ok(version === current || version === current + 1, `round ${round}: version ${version}, expected ${current} or ${current + 1}`);
          if (round > 1) outcomes[version === current ? 'old' : 'new']++;
          current = version;
          if (round > ROUNDS) break;
          if (round === 1) {
            // a first bundle on a fresh process measures how long one takes
            const started = performance.now();
            assert.equal((await sendBundle(child.url, ids, ++current)).status, 200);
            bundleMs = performance.now() - started;
          }
          const inFlight = sendBundle(child.url, ids, current + 1).catch(() => undefined);
          await sleep(Math.random() * KILL_WINDOW * bundleMs);
          child.process.kill('SIGKILL');
          await inFlight;
        } finally {
          child.process.kill('SIGKILL');
          await child.exited;
        }
        if (kind === 'postgres') await backendsGone(applicationName);
      }
      t.diagnostic(`a bundle took ${Math.round(bundleMs)} ms; after the ${ROUNDS} kills: ${outcomes.old} times all old values, ${outcomes.new} times all new`);
    });
  });
});
