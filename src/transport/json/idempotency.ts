// Idempotency-Key on JSON POST (SPEC 3.4; decisions in docs/trust.md). The key
// row in the store, per user, is the lock: the first request claims it and its
// response is kept — for a write, in the write's own transaction — and replayed
// byte for byte for 24 h. A duplicate arriving while the first runs waits for its
// response a bounded time, then gets 409; the same key with another request, 422.
import { createHash, randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ChargingError } from '../../model/errors.ts';
import type { IdempotencyRecord, Store, StoreTx, StoredResponse } from '../../store/port.ts';
import { problemFor, sendProblem, sendRendered, type Rendered } from './problem.ts';

export interface IdempotencyOptions {
  /** how long a response is kept and replayed */
  ttlMs: number;
  /** how long a duplicate waits for the first request's response before 409 */
  waitMs: number;
  /** a claim whose request has not answered after this long was abandoned (its server stopped) */
  leaseMs: number;
}

export const DEFAULT_IDEMPOTENCY: IdempotencyOptions = { ttlMs: 24 * 3600_000, waitMs: 10_000, leaseMs: 15 * 60_000 };

/** Keeps the rendered response inside the write's transaction. */
export type Keeper = (tx: StoreTx, rendered: Rendered) => Promise<void>;

/** Runs the request; `kept` says the response was kept by `keep` in a committed transaction. */
export type Execution = (keep?: Keeper) => Promise<{ rendered: Rendered; kept: boolean }>;

const KEY = /^[\x21-\x7e]{1,255}$/;

type Verdict = { kind: 'claimable' } | { kind: 'running' } | { kind: 'mismatch' } | { kind: 'replay'; response: StoredResponse };
type Claimed = Verdict | { kind: 'run'; claim: string };
type Begun = Exclude<Claimed, { kind: 'claimable' } | { kind: 'running' }> | { kind: 'busy' };

function verdict(record: IdempotencyRecord | undefined, requestHash: string, now: number): Verdict {
  if (!record || record.expiresAt <= now || (!record.response && record.leaseUntil <= now)) return { kind: 'claimable' };
  if (record.requestHash !== requestHash) return { kind: 'mismatch' };
  if (record.response) return { kind: 'replay', response: record.response };
  return { kind: 'running' };
}

/** The request as the key identifies it: method, path and the SHA-256 (hex) of the body's bytes. */
export function requestHash(method: string, url: string, bodyDigest: string | undefined): string {
  return createHash('sha256')
    .update(`${method} ${url}\n`)
    .update(bodyDigest ?? '')
    .digest('hex');
}

export class IdempotencyKeys {
  private readonly store: Store;
  private readonly options: IdempotencyOptions;

  constructor(store: Store, options: Partial<IdempotencyOptions> = {}) {
    this.store = store;
    this.options = { ...DEFAULT_IDEMPOTENCY, ...options };
  }

  /** Answers `request` by running `execute` once per key, or by replaying the kept response. */
  async reply(request: FastifyRequest, reply: FastifyReply, execute: Execution): Promise<FastifyReply> {
    const key = request.headers['idempotency-key'];
    if (key === undefined) return sendRendered(reply, (await execute()).rendered);
    if (typeof key !== 'string' || !KEY.test(key)) return sendProblem(reply, problemFor(new ChargingError('IDEMPOTENCY-100')));
    const user = request.user!.name;
    const begun = await this.begin(user, key, requestHash(request.method, request.url, request.bodyDigest));
    switch (begun.kind) {
      case 'mismatch':
        return sendProblem(reply, problemFor(new ChargingError('IDEMPOTENCY-101', key)));
      case 'busy':
        return sendProblem(reply, problemFor(new ChargingError('IDEMPOTENCY-102', key)));
      case 'replay':
        reply.header('idempotent-replayed', 'true');
        return sendRendered(reply, begun.response);
    }
    const { claim } = begun;
    let outcome: Awaited<ReturnType<Execution>>;
    try {
      outcome = await execute(async (tx, rendered) => {
        await tx.idempotency.complete(user, key, claim, rendered);
      });
    } catch (error) {
      await this.settle((tx) => tx.idempotency.release(user, key, claim));
      throw error;
    }
    const { rendered, kept } = outcome;
    // a temporary or technical failure is not kept: resending the request must run it again
    if (!kept) {
      await this.settle((tx) => (rendered.status >= 500 ? tx.idempotency.release(user, key, claim) : tx.idempotency.complete(user, key, claim, rendered)));
    }
    return sendRendered(reply, rendered);
  }

  /** Removes expired keys. */
  purge(): Promise<number> {
    return this.store.write((tx) => tx.idempotency.purge(Date.now()));
  }

  /** Claims the key, or finds its response, waiting a bounded time for a claim in progress. */
  private async begin(user: string, key: string, requestHash: string): Promise<Begun> {
    const deadline = Date.now() + this.options.waitMs;
    for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
      let seen: Claimed = verdict(await this.store.read((tx) => tx.idempotency.get(user, key)), requestHash, Date.now());
      if (seen.kind === 'claimable') seen = await this.claim(user, key, requestHash);
      if (seen.kind !== 'running') return seen as Begun;
      // the duplicate waits the whole waitMs: the last pause is cut to end at the deadline, not skipped
      const left = deadline - Date.now();
      if (left <= 0) return { kind: 'busy' };
      await sleep(Math.min(pause, left));
    }
  }

  private claim(user: string, key: string, requestHash: string): Promise<Claimed> {
    return this.store.write(async (tx) => {
      const now = Date.now();
      const seen = verdict(await tx.idempotency.get(user, key), requestHash, now);
      if (seen.kind !== 'claimable') return seen;
      const claim = randomUUID();
      await tx.idempotency.put({ user, key, requestHash, claim, createdAt: now, expiresAt: now + this.options.ttlMs, leaseUntil: now + this.options.leaseMs });
      return { kind: 'run' as const, claim };
    });
  }

  /** Records the end of a claim; when the store cannot take it, the lease runs out instead. */
  private async settle(fn: (tx: StoreTx) => Promise<unknown>): Promise<void> {
    try {
      await this.store.write(fn);
    } catch {
      // the claim stays until its lease ends; the response still goes out
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
