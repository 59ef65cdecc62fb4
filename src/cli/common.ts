// What every command shares: the store it works on, and how failures end a command
// (exit 1 with the error code for business failures, 2 for usage errors).
import { openStore, DEFAULT_DB } from '../store/open.ts';
import type { Store } from '../store/port.ts';
import { isChargingError } from '../model/errors.ts';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

export class UsageError extends Error {}

/** `--db`, else CONVERGENT_DB, else the embedded default. */
export function dbOf(option: string | undefined): string {
  return option ?? process.env.CONVERGENT_DB ?? DEFAULT_DB;
}

export async function withStore<T>(db: string | undefined, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(dbOf(db));
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** Runs a command action, turning its failure into a message and an exit code. */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (error) {
      if (error instanceof UsageError) {
        process.stderr.write(`convergent: ${error.message}\n`);
        process.exit(EXIT_USAGE);
      }
      if (isChargingError(error)) {
        process.stderr.write(`convergent: ${error.code} (${error.category}): ${error.message}\n`);
        process.exit(EXIT_FAILURE);
      }
      process.stderr.write(`convergent: ${(error as Error)?.stack ?? String(error)}\n`);
      process.exit(EXIT_FAILURE);
    }
  };
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
