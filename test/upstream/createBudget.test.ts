import { strict as assert } from 'node:assert';
import { createManualClock } from '../../src/clock';
import { createBudget } from '../../src/upstream/createBudget';

const T0 = Date.UTC(2024, 4, 15, 14, 30, 0);
const MIN = 60_000;

/** How many of `n` acquisitions succeed right now. */
function take(b: ReturnType<typeof createBudget>, endpoint: string, n: number): number {
  let ok = 0;
  for (let i = 0; i < n; i++) if (b.tryAcquire(endpoint)) ok++;
  return ok;
}

describe('createBudget', () => {
  it('allows B requests in any period (a sliding window), per endpoint', () => {
    const clock = createManualClock(T0);
    const b = createBudget({ requests: 10, perMs: MIN }, clock);
    assert.equal(take(b, 'a', 15), 10);
    assert.equal(take(b, 'b', 3), 3, 'each endpoint has its own allowance');
    clock.advance(MIN - 1);
    assert.equal(take(b, 'a', 1), 0, 'one ms before the period ends nothing has freed up');
    clock.advance(1);
    assert.equal(take(b, 'a', 15), 10, 'exactly one period later the whole allowance is back');
  });

  it('frees requests one by one as they age out of the period', () => {
    const clock = createManualClock(T0);
    const b = createBudget({ requests: 10, perMs: MIN }, clock);
    assert.equal(take(b, 'a', 5), 5);
    clock.advance(30_000);
    assert.equal(take(b, 'a', 10), 5);
    clock.advance(30_000); // the first five are one period old now
    assert.equal(take(b, 'a', 10), 5);
    // No 60-second span ever holds more than 10: [T0+30s, T0+90s) has 5 + 5.
    clock.advance(29_999);
    assert.equal(take(b, 'a', 1), 0);
  });

  it('reports usage and how long until the next request is possible', () => {
    const clock = createManualClock(T0);
    const b = createBudget({ requests: 3, perMs: MIN }, clock);
    assert.equal(b.waitMs('a'), 0);
    take(b, 'a', 1);
    clock.advance(10_000);
    take(b, 'a', 2);
    assert.deepEqual(b.usage('a'), { endpoint: 'a', used: 3, limit: 3, periodMs: MIN, blockedUntil: undefined });
    // The oldest request (at T0) frees its slot just after T0 + 60 s.
    assert.equal(b.waitMs('a'), MIN - 10_000 + 1);
    clock.advance(50_000);
    assert.equal(b.usage('a').used, 2);
    assert.equal(b.waitMs('a'), 0);
  });

  describe('upstream X-RateLimit headers', () => {
    it('never exceeds X-RateLimit-Remaining until X-RateLimit-Reset (epoch ms)', () => {
      const clock = createManualClock(T0);
      const b = createBudget({ requests: 10, perMs: MIN }, clock);
      assert.ok(b.tryAcquire('a'));
      b.observe('a', {
        'x-ratelimit-limit': '10',
        'x-ratelimit-remaining': '2',
        'x-ratelimit-reset': String(T0 + 20_000),
      });
      assert.equal(take(b, 'a', 5), 2, 'the server knows of calls we did not make (another exporter on the same IP)');
      assert.equal(b.usage('a').blockedUntil, T0 + 20_000);
      assert.equal(b.waitMs('a'), 20_000);
      clock.set(T0 + 20_000);
      assert.equal(take(b, 'a', 10), 7, 'after the reset only our own sliding budget counts');
    });

    it('keeps the lowest remaining of out-of-order answers within one upstream window', () => {
      const clock = createManualClock(T0);
      const b = createBudget({ requests: 10, perMs: MIN }, clock);
      const reset = String(T0 + 30_000);
      b.observe('a', { 'x-ratelimit-remaining': '3', 'x-ratelimit-reset': reset });
      b.observe('a', { 'x-ratelimit-remaining': '6', 'x-ratelimit-reset': reset });
      assert.equal(take(b, 'a', 10), 3);
      // Another reset means another upstream window: its count replaces the old one.
      b.observe('a', { 'x-ratelimit-remaining': '9', 'x-ratelimit-reset': String(T0 + 50_000) });
      assert.equal(take(b, 'a', 10), 7, 'the sliding budget (10 per minute, 3 used) is still the cap');
    });

    it('ignores missing or malformed headers (admin and bot users get none)', () => {
      const clock = createManualClock(T0);
      const b = createBudget({ requests: 10, perMs: MIN }, clock);
      b.observe('a', {});
      b.observe('a', { 'x-ratelimit-remaining': 'lots', 'x-ratelimit-reset': String(T0 + MIN) });
      b.observe('a', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': 'soon' });
      b.observe('a', { 'x-ratelimit-reset': String(T0 + MIN) });
      assert.equal(take(b, 'a', 20), 10);
    });

    it('caps a bogus far-future reset at one budget period', () => {
      const clock = createManualClock(T0);
      const b = createBudget({ requests: 10, perMs: MIN }, clock);
      b.observe('a', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(T0 + 365 * 86_400_000) });
      assert.equal(take(b, 'a', 1), 0);
      clock.set(T0 + MIN);
      assert.equal(take(b, 'a', 1), 1);
    });
  });

  describe('blockUntil (after a 429)', () => {
    it('sends nothing to the endpoint until the given instant, then resumes', () => {
      const clock = createManualClock(T0);
      const b = createBudget({ requests: 10, perMs: MIN }, clock);
      b.blockUntil('a', T0 + 42_000);
      assert.equal(take(b, 'a', 1), 0);
      assert.equal(take(b, 'b', 1), 1, 'other endpoints are not blocked');
      assert.equal(b.usage('a').blockedUntil, T0 + 42_000);
      clock.set(T0 + 41_999);
      assert.equal(take(b, 'a', 1), 0);
      clock.set(T0 + 42_000);
      assert.equal(take(b, 'a', 1), 1);
      assert.equal(b.usage('a').blockedUntil, undefined);
    });

    it('keeps the later of two blocks and caps a block at one period', () => {
      const clock = createManualClock(T0);
      const b = createBudget({ requests: 10, perMs: MIN }, clock);
      b.blockUntil('a', T0 + 30_000);
      b.blockUntil('a', T0 + 10_000);
      assert.equal(b.usage('a').blockedUntil, T0 + 30_000);
      b.blockUntil('b', T0 + 10 * MIN);
      assert.equal(b.usage('b').blockedUntil, T0 + MIN);
    });
  });

  describe('unlimited', () => {
    it('never refuses on its own and reports no limit or period', () => {
      const clock = createManualClock(T0);
      const b = createBudget('unlimited', clock);
      assert.equal(take(b, 'a', 10_000), 10_000);
      assert.deepEqual(b.usage('a'), {
        endpoint: 'a',
        used: 0,
        limit: undefined,
        periodMs: undefined,
        blockedUntil: undefined,
      });
      assert.equal(b.waitMs('a'), 0);
    });

    it("still honours a 429 and the server's remaining count", () => {
      const clock = createManualClock(T0);
      const b = createBudget('unlimited', clock);
      b.blockUntil('a', T0 + 5_000);
      assert.equal(take(b, 'a', 1), 0);
      clock.set(T0 + 5_000);
      b.observe('a', { 'x-ratelimit-remaining': '1', 'x-ratelimit-reset': String(T0 + MIN) });
      assert.equal(take(b, 'a', 5), 1);
      clock.set(T0 + MIN);
      assert.equal(take(b, 'a', 5), 5);
    });
  });
});
