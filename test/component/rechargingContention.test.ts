// Recharging locks under contention: 200 lock requests from 20 lock ids over
// overlapping collections, all at once, against two server processes sharing one
// PostgreSQL database (one process on SQLite). Whatever the interleaving, every
// contract ends with at most one holder, every success holds what it reported,
// and a failed request leaves nothing of its collection locked.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { freshDatabase, PG_AVAILABLE, type StoreKind, type TestDatabase } from '../helpers/stores.ts';
import { STORE_KINDS } from '../helpers/server.ts';
import { prepareDatabase, spawnServer, type ServerProcess } from '../helpers/processes.ts';
import { lockCollection, provisionFamilies, type Collection, type FamilyAccount } from '../helpers/recharging.ts';
import { openStore } from '../../src/store/open.ts';

const REQUESTS = 200;
const LOCK_IDS = 20;
const ACCOUNTS = 6;

/** mulberry32: the same requests on every run */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface LockRequest {
  rechargingLockId: string;
  collection: Collection;
  /** every contract the collection covers: the families of its ids, or all of the account's */
  covers: string[];
}

/** A quarter by account, the rest one to three ids (linked ones included) of the same few accounts: collections overlap a lot. */
function lockRequests(accounts: FamilyAccount[]): LockRequest[] {
  const next = random(4);
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)];
  return Array.from({ length: REQUESTS }, (_, i) => {
    const rechargingLockId = `RL-${i % LOCK_IDS}`;
    const account = pick(accounts);
    if (next() < 0.25) return { rechargingLockId, collection: { subscriberAccountId: account.accountId }, covers: account.families.flat() };
    const ids = new Set<string>();
    const wanted = 1 + Math.floor(next() * 3);
    while (ids.size < wanted) ids.add(pick(account.families.flat()));
    const covers = account.families.filter((family) => family.some((id) => ids.has(id))).flat();
    return { rechargingLockId, collection: { subscriberAccountId: account.accountId, chargingContractId: [...ids] }, covers };
  });
}

/** contract id → every lock id holding it (its own lock or its root's), read through the store port */
async function holdersByContract(db: string): Promise<Map<string, string[]>> {
  const store = await openStore(db);
  try {
    const locks = await store.read((tx) => tx.locks.find({}));
    const holders = new Map<string, string[]>();
    for (const lock of locks) holders.set(lock.chargingContractId, [...(holders.get(lock.chargingContractId) ?? []), lock.rechargingLockId]);
    return holders;
  } finally {
    await store.close();
  }
}

/** One authenticated call per server and user first, so that the race is between transactions, not password checks. */
async function signIn(servers: ServerProcess[], users: string[]): Promise<void> {
  for (const server of servers) for (const user of users) assert.equal((await server.client.request('GET', '/api/v1/catalog', undefined, { user })).status, 200);
}

function describeContention(kind: StoreKind, processes: number): void {
  describe(`recharging locks under contention [${kind}, ${processes} server process${processes > 1 ? 'es' : ''}]`, () => {
    if (kind === 'postgres' && !PG_AVAILABLE) {
      describe('PostgreSQL unreachable', { skip: 'no PostgreSQL at CONVERGENT_TEST_PG_URL' }, () => undefined);
      return;
    }
    let database: TestDatabase;
    let servers: ServerProcess[] = [];
    let accounts: FamilyAccount[];

    before(async () => {
      database = await freshDatabase(kind);
      await prepareDatabase(database.db);
      servers = await Promise.all(Array.from({ length: processes }, () => spawnServer(database.db, database.dir)));
      accounts = [];
      for (let i = 1; i <= ACCOUNTS; i++) accounts.push(await provisionFamilies(servers[i % processes].client, `race-${i}`, { linked: 2, standalone: 3 }));
    });
    after(async () => {
      await Promise.all(servers.map((server) => server.stop()));
      await database?.drop();
    });

    test(`when ${REQUESTS} lock requests from ${LOCK_IDS} lock ids race over overlapping collections, then each contract has at most one holder, each success holds what it reported, and no failure locked part of its collection`, async (t) => {
      const requests = lockRequests(accounts);
      await signIn(servers, ['rerating']);
      const responses = await Promise.all(requests.map((request, i) => lockCollection(servers[i % processes].client, request.collection, request.rechargingLockId)));

      const outcomes = new Map<string, number>();
      for (const response of responses) {
        const outcome = response.body.status === 'return' ? 'locked' : response.body.code;
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      }
      t.diagnostic(`outcomes: ${JSON.stringify(Object.fromEntries(outcomes))}`);
      // a race is lost with "held by another lock", never with a technical failure
      assert.deepEqual([...outcomes.keys()].filter((outcome) => outcome !== 'locked' && outcome !== 'RECHARGING-108'), []);
      assert.ok((outcomes.get('locked') ?? 0) >= 1 && (outcomes.get('RECHARGING-108') ?? 0) >= 1, 'the collections really overlapped');

      const holders = await holdersByContract(database.db);
      for (const [contract, lockIds] of holders) assert.equal(lockIds.length, 1, `${contract} is held by ${lockIds.join(' and ')}`);
      const holderOf = (contract: string) => holders.get(contract)?.[0];

      const reported = new Map<string, string>();
      requests.forEach((request, i) => {
        if (responses[i].body.status !== 'return') return;
        assert.deepEqual([...responses[i].body.lockedChargingContractId].sort(), [...request.covers].sort());
        for (const contract of request.covers) {
          assert.equal(holderOf(contract), request.rechargingLockId, `${contract} reported locked by ${request.rechargingLockId}`);
          reported.set(contract, request.rechargingLockId);
        }
      });
      assert.deepEqual(new Map([...holders].map(([contract, [lockId]]) => [contract, lockId])), reported, 'every lock held was reported by a success');

      requests.forEach((request, i) => {
        if (responses[i].body.status === 'return') return;
        const placed = request.covers.filter((contract) => holderOf(contract) === request.rechargingLockId && reported.get(contract) !== request.rechargingLockId);
        assert.deepEqual(placed, [], `request ${i} (${request.rechargingLockId}) failed but left locks`);
      });
    });

    test('when lock requests race with operational status changes of the same roots, then no contract ends both held and locked, and every loser is told why', async (t) => {
      const mixed: FamilyAccount[] = [];
      for (let i = 1; i <= 4; i++) mixed.push(await provisionFamilies(servers[i % processes].client, `mix-${i}`, { linked: 1, standalone: 3 }));
      const next = random(8);
      const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)];
      await signIn(servers, ['rerating', 'provisioning']);
      // one family per call: some get locked first, some get their status changed first
      const calls = Array.from({ length: 200 }, (_, i) => {
        const account = pick(mixed);
        const family = pick(account.families);
        const client = servers[i % processes].client;
        if (i % 2) return lockCollection(client, { subscriberAccountId: account.accountId, chargingContractId: [pick(family)] }, `RL-MIX-${i % 10}`);
        return client.call('operationalStatus', 'chargingContractOperationalStatusChange', { rootChargingContractId: family[0], operationalStatus: 'locked' }, { user: 'provisioning' });
      });
      const outcomes = new Map<string, number>();
      for (const response of await Promise.all(calls)) {
        const outcome = response.body.status === 'return' ? 'return' : response.body.code;
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      }
      t.diagnostic(`outcomes: ${JSON.stringify(Object.fromEntries(outcomes))}`);
      const expected = ['return', 'RECHARGING-108', 'OPERATIONALSTATUS-1', 'OPERATIONALSTATUS-6'];
      assert.deepEqual([...outcomes.keys()].filter((outcome) => !expected.includes(outcome)), []);

      const store = await openStore(database.db);
      try {
        for (const account of mixed) {
          const contracts = await store.read((tx) => tx.contracts.listByAccount(account.accountId));
          for (const c of contracts) {
            if (c.rechargingLockId !== undefined) assert.equal(c.operationalStatus, 'active', `${c.contract.id} is held by ${c.rechargingLockId} yet ${c.operationalStatus}`);
          }
        }
      } finally {
        await store.close();
      }
    });
  });
}

for (const kind of STORE_KINDS) describeContention(kind, kind === 'postgres' ? 2 : 1);
