// Login throttling over HTTP: failed authentications from one address slow its
// next attempts down, are audited, and a flood is refused with 429.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeOnStores } from '../helpers/server.ts';

const DELAY = 1000;

describeOnStores(
  'login throttling',
  (server) => {
    const echo = (password?: string) => server().call('echo', 'echo', { text: 'x' }, { user: 'reader', password });
    const timed = async (password?: string) => {
      const started = performance.now();
      const result = await echo(password);
      return { status: result.status, code: result.body.code, ms: performance.now() - started, retryAfter: result.headers.get('retry-after') };
    };

    test('when an address fails past the free attempts, then its next attempts wait, a cached user does not, and each failure is audited', async () => {
      assert.equal((await timed()).status, 200, 'reader is cached from now on');
      const free = [await timed('wrong-1'), await timed('wrong-2')];
      for (const attempt of free) assert.equal(attempt.status, 401);
      assert.ok(free.every((attempt) => attempt.ms < DELAY), `the free failures are not slowed: ${JSON.stringify(free)}`);
      const slowed = await timed('wrong-3');
      assert.equal(slowed.status, 401);
      const next = await timed('wrong-4');
      assert.equal(next.status, 401);
      assert.ok(next.ms >= DELAY * 0.9, `the attempt after a throttled failure waited ${next.ms} ms`);
      const cached = await timed();
      assert.equal(cached.status, 200);
      assert.ok(cached.ms < DELAY, 'a cached success does not wait');
      const audit = await server().request('GET', '/api/v1/audit?operation=authenticate&user=reader', undefined, { user: 'auditor' });
      assert.equal(audit.body.items.length, 4);
      assert.ok(audit.body.items.every((r: any) => r.outcome === 'failure' && r.errorCode === 'CC-SEC-AUTH-100' && r.address === '127.0.0.1'));
    });

    test('when a throttled address floods attempts, then those beyond the longest wait are refused at once with 429 and Retry-After', async () => {
      // the address throttled by this test itself: failures past the free ones (the test before may have done so already)
      for (const password of ['past-1', 'past-2', 'past-3']) assert.equal((await timed(password)).status, 401);
      const attempts = await Promise.all(Array.from({ length: 8 }, () => timed('flood')));
      const refused = attempts.filter((attempt) => attempt.status === 429);
      assert.ok(refused.length > 0, JSON.stringify(attempts));
      for (const attempt of refused) {
        assert.equal(attempt.code, 'CC-SEC-AUTH-106');
        assert.ok(Number(attempt.retryAfter) >= 1);
      }
      assert.ok(attempts.every((attempt) => attempt.status === 401 || attempt.status === 429));
    });
  },
  { throttle: { freeFailures: 2, baseDelayMs: DELAY, maxDelayMs: DELAY, maxWaitMs: 2_500, windowMs: 60_000 } },
);
