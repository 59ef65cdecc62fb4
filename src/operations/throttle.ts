// Login throttling: after a few failed authentications from one address, each
// further attempt from it waits its turn, the turns spaced by a delay that doubles
// with every failure (capped). An address whose queue is already too long is
// refused at once (CC-SEC-AUTH-106). Failures are forgotten after a quiet window.
import { ChargingError } from '../model/errors.ts';

export interface ThrottleOptions {
  /** failures within the window that cost nothing */
  freeFailures: number;
  /** the delay after the first failure past the free ones; doubles with each further one */
  baseDelayMs: number;
  maxDelayMs: number;
  /** failures are forgotten when none came from the address for this long */
  windowMs: number;
  /** an attempt that would wait longer than this is refused at once */
  maxWaitMs: number;
}

export const DEFAULT_THROTTLE: ThrottleOptions = { freeFailures: 5, baseDelayMs: 250, maxDelayMs: 8_000, windowMs: 15 * 60_000, maxWaitMs: 30_000 };

interface AddressState {
  failures: number;
  lastFailure: number;
  /** when the next attempt from the address may be checked */
  nextTurn: number;
}

const MAX_ADDRESSES = 100_000;

export class LoginThrottle {
  private readonly addresses = new Map<string, AddressState>();
  private readonly options: ThrottleOptions;

  constructor(options: Partial<ThrottleOptions> = {}) {
    this.options = { ...DEFAULT_THROTTLE, ...options };
  }

  /**
   * The milliseconds an attempt from `address` waits before its credentials are
   * checked (0 for an address without failures); throws CC-SEC-AUTH-106 when too long.
   */
  admit(address: string, now = Date.now()): number {
    const state = this.addresses.get(address);
    if (state === undefined) return 0;
    if (now - state.lastFailure > this.options.windowMs) {
      this.addresses.delete(address);
      return 0;
    }
    const delay = this.delayAfter(state.failures);
    if (delay === 0) return 0;
    const turn = Math.max(now, state.nextTurn);
    const wait = turn - now;
    if (wait > this.options.maxWaitMs) {
      throw new ChargingError('CC-SEC-AUTH-106', `${address}: retry in ${Math.ceil(wait / 1000)} s`);
    }
    state.nextTurn = turn + delay;
    return wait;
  }

  /** Counts a failed authentication from `address`. */
  failed(address: string, now = Date.now()): void {
    let state = this.addresses.get(address);
    if (state === undefined || now - state.lastFailure > this.options.windowMs) {
      if (this.addresses.size >= MAX_ADDRESSES) this.forgetQuiet(now);
      state = { failures: 0, lastFailure: now, nextTurn: now };
      this.addresses.set(address, state);
    }
    state.failures++;
    state.lastFailure = now;
    state.nextTurn = Math.max(state.nextTurn, now + this.delayAfter(state.failures));
  }

  /** The seconds a client refused at once should wait. */
  retryAfterSeconds(address: string, now = Date.now()): number {
    const state = this.addresses.get(address);
    return state ? Math.max(1, Math.ceil((state.nextTurn - now) / 1000)) : 1;
  }

  delayAfter(failures: number): number {
    const over = failures - this.options.freeFailures;
    if (over <= 0) return 0;
    return Math.min(this.options.baseDelayMs * 2 ** Math.min(over - 1, 30), this.options.maxDelayMs);
  }

  private forgetQuiet(now: number): void {
    for (const [address, state] of this.addresses) {
      if (now - state.lastFailure > this.options.windowMs) this.addresses.delete(address);
    }
    // still full: an attack from very many addresses; start over rather than grow
    if (this.addresses.size >= MAX_ADDRESSES) this.addresses.clear();
  }
}
