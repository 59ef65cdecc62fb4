// Many small charging contracts for contract state tests, the crash test and the
// benchmark, written through the store port (provisioning is not what they test),
// and the state changes a migration sends for them.
import assert from 'node:assert/strict';
import { describe, test, before, after } from 'node:test';
import type { Store } from '../../src/store/port.ts';
import type { ChargingContract } from '../../src/schema/customerData.ts';
import type { ChargingContractState } from '../../src/schema/contractState.ts';
import { STORE_KINDS, type TestServer } from './server.ts';
import { freshDatabase, PG_AVAILABLE, type StoreKind, type TestDatabase } from './stores.ts';
import { readFileSync } from 'node:fs';
import { SAMPLE_CATALOG, settleCatalog } from '../../src/app.ts';
import { withStore } from '../../src/cli/common.ts';
import { Catalog } from '../../src/model/catalog.ts';
import { fullContractState } from '../../src/model/contractState.ts';

/** A root contract with one CP_VOICE item: counters MINUTES_USED, FREE_MINUTES_LEFT; charges VOICE_USAGE (CALLS), MONTHLY_FEE (PERIODS). */
export function voiceContract(id: string, subscriberAccountId: string): ChargingContract {
  return {
    id,
    subscriberAccountId,
    chargingContractItem: [
      { id: 'VOICE', chargePlanClassId: 'CP_VOICE', period: [{ start: '2026-01-01T00:00:00', parameter: [{ name: 'FREE_MINUTES', number: '300' }] }] },
    ],
  };
}

export const contractIds = (prefix: string, count: number, from = 0): string[] => Array.from({ length: count }, (_, i) => `${prefix}-${String(from + i).padStart(7, '0')}`);

/** Creates a subscriber account per `perAccount` contracts and the voice contracts `ids`, `batch` per transaction. */
export async function provisionVoiceContracts(store: Store, ids: string[], options: { perAccount?: number; batch?: number } = {}): Promise<void> {
  const perAccount = options.perAccount ?? 1000;
  const batch = options.batch ?? 2000;
  for (let start = 0; start < ids.length; start += batch) {
    await store.write(async (tx) => {
      for (let i = start; i < Math.min(start + batch, ids.length); i++) {
        const accountId = accountOf(ids[0], i, perAccount);
        if (i % perAccount === 0) await tx.accounts.putSubscriberAccount({ id: accountId, subscriberId: `BP-${accountId}` });
        await tx.contracts.put(voiceContract(ids[i], accountId), 'active');
      }
    });
  }
}

const accountOf = (firstId: string, index: number, perAccount: number): string => `SA-${firstId}-${Math.floor(index / perAccount)}`;

/** The state change setting every counter and the fee's last activation date of a voice contract to values of `version`. */
export function voiceStateChange(chargingContractId: string, version: number): ChargingContractState {
  return {
    chargingContractId,
    contractItemState: [
      {
        chargingContractItemId: 'VOICE',
        counter: [
          { name: 'MINUTES_USED', value: `${version}.50` },
          { name: 'FREE_MINUTES_LEFT', value: String(1000 + version) },
        ],
        chargeActivation: [
          { chargeActivationId: 'VOICE_USAGE', counter: [{ name: 'CALLS', value: String(version) }] },
          { chargeActivationId: 'MONTHLY_FEE', lastActivationDate: activationDate(version), counter: [{ name: 'PERIODS', value: String(version) }] },
        ],
      },
    ],
  };
}

const activationDate = (version: number): string => `2026-${String(1 + (version % 12)).padStart(2, '0')}-01T00:00:00`;

/** The full state of a voice contract after the change of `version`, or never changed (0): the change names every counter in plan order. */
export function expectedVoiceState(chargingContractId: string, version: number): ChargingContractState {
  if (version > 0) return voiceStateChange(chargingContractId, version);
  const zero = (name: string) => ({ name, value: '0' });
  return {
    chargingContractId,
    contractItemState: [
      {
        chargingContractItemId: 'VOICE',
        counter: [zero('MINUTES_USED'), zero('FREE_MINUTES_LEFT')],
        chargeActivation: [
          { chargeActivationId: 'VOICE_USAGE', counter: [zero('CALLS')] },
          { chargeActivationId: 'MONTHLY_FEE', counter: [zero('PERIODS')] },
        ],
      },
    ],
  };
}

/** The version whose values a voice contract's full state holds; throws when it mixes versions. */
export function versionOf(state: ChargingContractState): number {
  const used = state.contractItemState![0].counter![0].value;
  const version = used === '0' ? 0 : Number(used.replace(/\.50$/, ''));
  assert.deepEqual(state, expectedVoiceState(state.chargingContractId, version), `${state.chargingContractId} mixes values of different versions`);
  return version;
}

/** The full states of `ids` read through the API, a few requests at a time. */
export async function readStates(server: TestServer, ids: string[], concurrency = 16): Promise<ChargingContractState[]> {
  const states: ChargingContractState[] = new Array(ids.length);
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const i = next++;
      const read = await server.call('contractstate', 'chargingContractStateRead', { chargingContractId: ids[i] });
      assert.equal(read.body.status, 'return', JSON.stringify(read.body));
      states[i] = read.body.chargingContractState;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return states;
}

export const sampleCatalog = Catalog.fromJson(readFileSync(SAMPLE_CATALOG, 'utf8'));

/** The version each voice contract's state holds, read through the store port and the model (no server needed). */
export async function versionsInStore(store: Store, ids: string[]): Promise<number[]> {
  return store.read(async (tx) => {
    const versions: number[] = [];
    for (const id of ids) {
      const stored = await tx.contracts.get(id);
      assert.ok(stored, `contract ${id} exists`);
      const values = await tx.contractStates.get(stored.contract.subscriberAccountId, id);
      versions.push(versionOf(fullContractState(stored.contract, sampleCatalog, values)));
    }
    return versions;
  });
}

/**
 * Runs `suite` once per store on a fresh database (no server) holding the sample
 * catalog and the voice contracts `ids`: for tests of processes of their own.
 */
export function describeOnDatabases(name: string, ids: string[], suite: (database: () => TestDatabase, kind: StoreKind) => void): void {
  for (const kind of STORE_KINDS) {
    describe(`${name} [${kind}]`, () => {
      if (kind === 'postgres' && !PG_AVAILABLE) {
        test('PostgreSQL unreachable', { skip: 'no PostgreSQL at CONVERGENT_TEST_PG_URL' }, () => undefined);
        return;
      }
      let database: TestDatabase;
      before(async () => {
        database = await freshDatabase(kind);
        await withStore(database.db, async (store) => {
          await settleCatalog(store, undefined);
          await provisionVoiceContracts(store, ids);
        });
      });
      after(() => database?.drop());
      suite(() => database, kind);
    });
  }
}
