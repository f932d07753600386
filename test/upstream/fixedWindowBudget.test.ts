import { strict as assert } from 'node:assert';
import { createManualClock } from '../../src/clock';
import { createBudget, createSharedLimitState } from '../../src/upstream/createBudget';
import { createWindowCounter, fixedWindowGuardMs } from '../../src/upstream/createWindowCounter';

/** 2026-11-21 10:00:00 UTC: the start of a UTC minute. */
const MINUTE_START = Date.UTC(2026, 10, 21, 10, 0, 0);
const MIN = 60_000;

function take(b: ReturnType<typeof createBudget>, endpoint: string, n: number): number {
  let ok = 0;
  for (let i = 0; i < n; i++) if (b.tryAcquire(endpoint)) ok++;
  return ok;
}

describe('fixed-window budgets (Rack::Attack style)', () => {
  it('counts per UTC minute and frees the whole allowance at the next minute (after the guard band)', () => {
    const clock = createManualClock(MINUTE_START + 10_000);
    const b = createBudget({ requests: 5, perMs: MIN, window: 'fixed' }, clock);
    assert.equal(take(b, 'a', 8), 5);
    assert.equal(b.usage('a').used, 5);
    // Nothing until the next minute's start plus the guard band: a request sent at :00.5 may still
    // reach a server whose clock reads :59.9.
    assert.equal(b.waitMs('a'), 50_000 + fixedWindowGuardMs(MIN));
    clock.set(MINUTE_START + MIN + 500);
    assert.equal(take(b, 'a', 1), 0, 'inside the guard band after the boundary the full minute still counts');
    clock.set(MINUTE_START + MIN + fixedWindowGuardMs(MIN));
    assert.equal(take(b, 'a', 8), 5, 'a new UTC minute has the whole allowance');
  });

  it('never lets a burst straddle the boundary: requests near its end count in both minutes', () => {
    const clock = createManualClock(MINUTE_START + MIN - 1_000);
    const b = createBudget({ requests: 5, perMs: MIN, window: 'fixed' }, clock);
    assert.equal(take(b, 'a', 5), 5, 'the last second of a minute');
    clock.set(MINUTE_START + MIN + 5_000);
    assert.equal(take(b, 'a', 5), 0, 'they are counted in the next minute too');
    clock.set(MINUTE_START + 2 * MIN + 5_000);
    assert.equal(take(b, 'a', 5), 5);
  });

  it('a sliding budget is unchanged: at most N in any span of the period', () => {
    const c = createWindowCounter({ requests: 2, perMs: MIN });
    c.take(MINUTE_START + 59_000);
    c.take(MINUTE_START + 59_500);
    assert.equal(c.fits(MINUTE_START + MIN + 1_000), false);
    assert.equal(c.waitMs(MINUTE_START + MIN + 1_000), 58_001);
  });

  describe('shared limits', () => {
    it('count every matching endpoint together, and one that lists none counts them all', () => {
      const clock = createManualClock(MINUTE_START + 10_000);
      const reports = createSharedLimitState({
        key: 'reports',
        requests: 3,
        perMs: MIN,
        window: 'fixed',
        endpoints: ['reports-summary', 'reports-bot-summary'],
      });
      const ip = createSharedLimitState({ key: 'ip', requests: 6, perMs: MIN, window: 'fixed' });
      const b = createBudget({ requests: 100, perMs: MIN, window: 'fixed' }, clock, [reports, ip]);
      assert.equal(take(b, 'reports-summary', 2), 2);
      assert.equal(take(b, 'reports-bot-summary', 2), 1, 'the reports bucket holds 3 for both endpoints');
      assert.equal(take(b, 'live', 5), 3, 'every request counts against the per-IP bucket');
      assert.equal(take(b, 'other', 1), 0);
      assert.equal(b.waitMs('other'), 50_000 + fixedWindowGuardMs(MIN));
    });

    it('are shared between budgets (targets with the same token) through one state', () => {
      const clock = createManualClock(MINUTE_START + 10_000);
      const meta = createSharedLimitState({ key: 'meta', requests: 4, perMs: MIN, window: 'fixed' });
      const a = createBudget('unlimited', clock, [meta]);
      const b = createBudget('unlimited', clock, [meta]);
      assert.equal(take(a, 'conversations-meta', 3), 3);
      assert.equal(take(b, 'conversations-meta', 3), 1);
    });

    it('a 429 blocks the narrow limits of its endpoint, not a limit that covers every endpoint', () => {
      const clock = createManualClock(MINUTE_START + 10_000);
      const reports = createSharedLimitState({
        key: 'reports',
        requests: 100,
        perMs: MIN,
        endpoints: ['reports-summary', 'reports-bot-summary'],
      });
      const ip = createSharedLimitState({ key: 'ip', requests: 100, perMs: MIN });
      const b = createBudget('unlimited', clock, [reports, ip]);
      b.blockUntil('reports-summary', MINUTE_START + MIN);
      assert.equal(b.tryAcquire('reports-bot-summary'), false, 'the sibling under /reports waits too');
      assert.equal(b.usage('reports-bot-summary').blockedUntil, MINUTE_START + MIN);
      assert.equal(b.tryAcquire('live'), true, 'other endpoints go on');
      clock.set(MINUTE_START + MIN);
      assert.equal(b.tryAcquire('reports-bot-summary'), true);
    });
  });
});
