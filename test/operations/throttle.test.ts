// Login throttling rules, with the clock given.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LoginThrottle } from '../../src/operations/throttle.ts';
import { ChargingError } from '../../src/model/errors.ts';

const options = { freeFailures: 2, baseDelayMs: 100, maxDelayMs: 400, windowMs: 60_000, maxWaitMs: 1_000 };

test('when an address has failed no more than the free failures, then its attempts do not wait', () => {
  const throttle = new LoginThrottle(options);
  assert.equal(throttle.admit('10.0.0.1', 0), 0);
  throttle.failed('10.0.0.1', 0);
  throttle.failed('10.0.0.1', 0);
  assert.equal(throttle.admit('10.0.0.1', 10), 0);
});

test('when failures go past the free ones, then the delay doubles with each, up to the cap', () => {
  const throttle = new LoginThrottle(options);
  assert.deepEqual([1, 2, 3, 4, 5, 6, 10].map((n) => throttle.delayAfter(n)), [0, 0, 100, 200, 400, 400, 400]);
});

test('when a throttled address sends attempts at once, then they get turns spaced by the delay, and past the longest wait are refused', () => {
  const throttle = new LoginThrottle(options);
  for (let i = 0; i < 3; i++) throttle.failed('10.0.0.1', 0);
  const waits = [0, 0, 0].map(() => throttle.admit('10.0.0.1', 0));
  assert.deepEqual(waits, [100, 200, 300]);
  for (let i = 0; i < 7; i++) throttle.admit('10.0.0.1', 0);
  assert.throws(() => throttle.admit('10.0.0.1', 0), (error: ChargingError) => error.code === 'CC-SEC-AUTH-106');
  assert.equal(throttle.admit('10.0.0.2', 0), 0, 'other addresses are not affected');
});

test('when an address stays quiet for the window, then its failures are forgotten', () => {
  const throttle = new LoginThrottle(options);
  for (let i = 0; i < 5; i++) throttle.failed('10.0.0.1', 0);
  assert.ok(throttle.admit('10.0.0.1', 1) > 0);
  assert.equal(throttle.admit('10.0.0.1', 60_001), 0);
});
