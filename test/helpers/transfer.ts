// Two Convergent servers in processes of their own for contract transfer tests and
// the benchmark: a source filled with generated customers whose contracts are
// active, with counters and prepaid balances moved away from their initial values,
// and an empty destination; the `convergent transfer` command run between them.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateCustomers } from '../../src/bulk/generate.ts';
import { settleCatalog } from '../../src/app.ts';
import { openStore } from '../../src/store/open.ts';
import { addUser } from '../../src/operations/users.ts';
import { wireNow } from '../../src/model/values.ts';
import type { CustomerData } from '../../src/schema/customerData.ts';
import type { ChargingContractState } from '../../src/schema/contractState.ts';
import { uncheckedWrites } from '../../bench/unchecked.ts';
import { prepareDatabase, spawnServer, type ServerProcess, type SpawnOptions } from './processes.ts';
import { freshDatabase, type StoreKind, type TestDatabase } from './stores.ts';
import type { CliResult } from './cli.ts';
import type { ApiClient } from './server.ts';

/** A user with exactly the roles a transfer needs, on both servers. */
export const TRANSFER_USER = 'transfer';
export const TRANSFER_PASSWORD = 'transfer-password-for-tests';

export interface TransferServer {
  database: TestDatabase;
  process: ServerProcess;
  client: ApiClient;
  url: string;
}

export const generatedCustomers = (count: number, seed: number): CustomerData[] => [...generateCustomers({ count, seed })];

/** A fresh database of `kind` with the test users, `customers` stored with active contracts, and its server. */
export async function startTransferServer(kind: StoreKind, customers: CustomerData[] = [], options: SpawnOptions = {}): Promise<TransferServer> {
  const database = await freshDatabase(kind);
  await prepareDatabase(database.db);
  const store = await openStore(database.db);
  try {
    await settleCatalog(store, options.catalogFile);
    await addUser(store, TRANSFER_USER, ['provisioning', 'migration'], TRANSFER_PASSWORD);
    for (let start = 0; start < customers.length; start += 1000) {
      const batch = customers.slice(start, start + 1000).map((customer) => ({ ...uncheckedWrites(customer), operationalStatus: 'active' as const }));
      await store.write((tx) => tx.customerData.writeImported(batch, wireNow()));
    }
  } finally {
    await store.close();
  }
  const process = await spawnServer(database.db, database.dir, options);
  return { database, process, client: process.client, url: process.client.url };
}

/** The same server again after a crash, on its database and port. */
export async function restartTransferServer(server: TransferServer): Promise<TransferServer> {
  const process = await spawnServer(server.database.db, server.database.dir, { port: server.process.port });
  return { ...server, process, client: process.client };
}

export async function stopTransferServer(server: TransferServer | undefined): Promise<void> {
  if (!server) return;
  await server.process.stop();
  await server.database.drop();
}

export interface TransferCommand {
  child: ChildProcess;
  done: Promise<CliResult>;
}

/** `convergent transfer --from … --to … ARGS` as the transfer user, started; journal (journal.ndjson) and password in `dir`. */
export function startTransferCommand(source: { url: string }, destination: { url: string }, dir: string, args: string[]): TransferCommand {
  const passwordFile = join(dir, 'password');
  writeFileSync(passwordFile, `${TRANSFER_PASSWORD}\n`);
  const child = spawn(process.execPath, ['bin/convergent.js', 'transfer', '--from', source.url, '--to', destination.url, '--user', TRANSFER_USER, '--password-file', passwordFile, '--journal', journalOf(dir), ...args]);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  return { child, done };
}

export const runTransferCommand = (source: { url: string }, destination: { url: string }, dir: string, args: string[]): Promise<CliResult> =>
  startTransferCommand(source, destination, dir, args).done;

export const journalOf = (dir: string): string => join(dir, 'journal.ndjson');

/** The journal's entries (the header left out). */
export function journalEntries(dir: string): Array<{ account: string; step: string }> {
  if (!existsSync(journalOf(dir))) return [];
  const lines = readFileSync(journalOf(dir), 'utf8').split('\n').slice(1);
  // the last line may be half written while the command runs
  return lines.flatMap((line) => {
    try {
      return [JSON.parse(line)];
    } catch {
      return [];
    }
  });
}

/** Resolves once the journal records `count` accounts transferred. */
export async function transferredInJournal(dir: string, count: number): Promise<void> {
  while (journalEntries(dir).filter((entry) => entry.step === 'transferred').length < count) await new Promise((resolve) => setTimeout(resolve, 20));
}

export const readReport = (path: string): { transferred: Array<{ account: string }>; failed: Array<{ account: string; code: string; step: string; pending?: string[] }>; skipped: Array<{ account: string; reason: string }> } =>
  JSON.parse(readFileSync(path, 'utf8'));

export const accountIds = (customers: CustomerData[]): string[] => customers.map((customer) => customer.subscriberAccount.id);

/** Contract states that move counters of a generated customer away from their initial values (the second root keeps its own). */
export function movedStates(customer: CustomerData, n: number): ChargingContractState[] {
  const [root, , linked] = customer.chargingContract!;
  return [
    {
      chargingContractId: root.id,
      sharedCounter: [{ name: 'FAMILY_MINUTES', value: `${n}.25` }],
      contractItemState: [
        {
          chargingContractItemId: 'VOICE',
          counter: [{ name: 'MINUTES_USED', value: String(10 + n) }],
          chargeActivation: [{ chargeActivationId: 'MONTHLY_FEE', lastActivationDate: '2026-03-01T00:00:00', counter: [{ name: 'PERIODS', value: '3' }] }],
        },
        { chargingContractItemId: 'DATA', counter: [{ name: 'MB_USED', value: `${n}.125` }] },
      ],
    },
    { chargingContractId: linked.id, contractItemState: [{ chargingContractItemId: 'VOICE', chargeActivation: [{ chargeActivationId: 'VOICE_USAGE', counter: [{ name: 'CALLS', value: String(n) }] }] }] },
  ];
}

async function succeed(client: ApiClient, service: string, operation: string, body: unknown): Promise<void> {
  const result = await client.call(service, operation, body);
  assert.equal(result.body.status, 'return', `${operation}: ${JSON.stringify(result.body)}`);
}

/** Calls `work` on every item, `concurrency` at a time. */
export async function eachConcurrently<T>(items: T[], concurrency: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** Counters of every customer moved, a prepaid balance on each, every tenth prepaid account blocked; through the source's API. */
export async function moveCountersAndBalances(source: TransferServer, customers: CustomerData[]): Promise<void> {
  const states = customers.flatMap((customer, n) => movedStates(customer, n + 1));
  for (let start = 0; start < states.length; start += 1000) {
    const chargingContractStateChangeRequest = states.slice(start, start + 1000).map((chargingContractState) => ({ chargingContractState }));
    await succeed(source.client, 'contractstate', 'chargingContractStateChangeBundle', { chargingContractStateChangeRequest });
  }
  await eachConcurrently(customers, 16, async (customer, n) => {
    const prepaidAccountReference = { subscriberAccountId: customer.subscriberAccount.id, prepaidAccountId: customer.prepaidAccount![0].id };
    await succeed(source.client, 'suacProvisioning', 'prepaidAccountBalanceSet', { prepaidAccountReference, balance: `${n + 1}.50`, reason: 'test' });
    if (n % 10 === 9) await succeed(source.client, 'suacProvisioning', 'prepaidAccountStateChange', { prepaidAccountReference, stateCode: 'blocked' });
  });
}

/** What a server holds of an account: its customer data (statuses aside) and every contract's state; undefined when it has no such account. */
export async function heldAccount(server: TransferServer, account: string): Promise<{ data: CustomerData; statuses: string[]; states: ChargingContractState[]; transferDates: Array<string | undefined> } | undefined> {
  const exported = await server.client.call('customerDataExportImport', 'customerDataExport', { subscriberAccountId: account });
  if (exported.body.code === 'CUSTOMERDATA-2') return undefined;
  assert.equal(exported.body.status, 'return', JSON.stringify(exported.body));
  const data: CustomerData = exported.body.customerData;
  const contracts = data.chargingContract ?? [];
  const statuses = contracts.map((contract) => contract.operationalStatus!);
  const states: ChargingContractState[] = [];
  const transferDates: Array<string | undefined> = [];
  for (const contract of contracts) {
    states.push((await server.client.call('contractstate', 'chargingContractStateRead', { chargingContractId: contract.id })).body.chargingContractState);
    transferDates.push((await server.client.call('contractProvisioning', 'chargingContractRead', { chargingContractId: contract.id })).body.chargingContract.transferDate);
    delete contract.operationalStatus;
  }
  return { data, statuses, states, transferDates };
}

/** The account is in the destination as in the source (statuses aside): data, balances, counters; active there, `sourceStatus` in the source. */
export async function assertTransferred(source: TransferServer, destination: TransferServer, account: string, sourceStatus = 'locked'): Promise<void> {
  const [ours, theirs] = await Promise.all([heldAccount(source, account), heldAccount(destination, account)]);
  assert.ok(ours && theirs, `${account} is on both sides`);
  assert.deepEqual(theirs.data, ours.data, `${account}: customer data and balances`);
  assert.deepEqual(theirs.states, ours.states, `${account}: counters`);
  assert.deepEqual(new Set(theirs.statuses), new Set(['active']), `${account}: active in the destination`);
  assert.deepEqual(new Set(ours.statuses), new Set([sourceStatus]), `${account}: ${sourceStatus} in the source`);
  assert.ok(theirs.transferDates.every((date) => date !== undefined), `${account}: transfer dates recorded`);
}

/** The operational status of each root contract of the customer in the source. */
export async function sourceStatuses(source: TransferServer, customer: CustomerData): Promise<string[]> {
  const statuses: string[] = [];
  for (const contract of customer.chargingContract!.filter((c) => c.rootChargingContractId === undefined)) {
    statuses.push((await source.client.call('contractProvisioning', 'chargingContractRead', { chargingContractId: contract.id })).body.chargingContract.operationalStatus);
  }
  return statuses;
}
