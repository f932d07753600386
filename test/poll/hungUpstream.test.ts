import { strict as assert } from 'node:assert';
import { createManualClock, type ManualClock } from '../../src/clock';
import { select, valueOf } from '../helpers/parseExposition';
import { configOf, rcTarget, startExporter, type ExporterHarness } from '../helpers/startExporter';
import {
  endpointOfPath,
  EXPORTER_USER,
  startRocketChat,
  T0,
  upstreamRequests,
  type RocketChatHarness,
} from '../helpers/startRocketChat';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
/** The production defaults this test is about (BUILTIN_DEFAULTS): a 1-minute schedule and a 10 s timeout. */
const INTERVAL = MINUTE;
const TIMEOUT = 10 * SECOND;

/**
 * Lets the exporter and the simulator finish what the last clock step started
 * (aborts, the next requests reaching the simulator) before the clock moves
 * again. Only wall time passes here; every assertion is on the manual clock.
 */
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 5; j++) await new Promise((r) => setImmediate(r));
    await new Promise((r) => setTimeout(r, 5));
  }
}

/**
 * A Rocket.Chat target's analytics cycle at production defaults (schedule every minute, 10 s
 * timeout, 2 retries, concurrency 4, the four default windows, the default
 * budget, discovered departments), polled by hand on a manual clock whose
 * timers (request timeouts, cycle deadlines) fire only when the test moves it.
 */
describe('a hung upstream at production defaults', () => {
  let clock: ManualClock;
  let sim: RocketChatHarness;
  let h: ExporterHarness;

  beforeEach(async () => {
    clock = createManualClock(T0, { timers: 'manual' });
    sim = await startRocketChat({ clock });
    h = startExporter(clock);
    await h.exporter.apply(
      configOf([
        rcTarget('rc', sim.url, EXPORTER_USER, {
          departments: { discover: true },
          // The analytics cycle alone: pollAll runs the live cycle after it, and its own deadline (live_schedule) would add up.
          endpoints: { 'livechat-rooms': false, 'livechat-users-agent': false, 'livechat-config': false },
        }),
      ]),
    );
    await h.exporter.firstCycles();
    assert.equal(up(), 1, 'healthy before the hang');
  });
  afterEach(async () => {
    await h.close();
    await sim.sim.close();
  });

  const up = () => valueOf(h.scrape().series, 'livechat_exporter_up', { target: 'rc' });

  /**
   * Starts the next cycle at `clock.now()` and moves the clock a second at a
   * time until it has finished (or `limitMs` passed); returns when up first
   * read 0 and when the cycle finished, in clock time.
   */
  async function driveCycle(limitMs: number): Promise<{ upZeroAt?: number; doneAt?: number }> {
    const start = clock.now();
    let done = false;
    const cycle = h.exporter.pollAll().then(() => void (done = true));
    const seen: { upZeroAt?: number; doneAt?: number } = {};
    while (clock.now() <= start + limitMs) {
      await settle();
      if (seen.upZeroAt === undefined && up() === 0) seen.upZeroAt = clock.now();
      if (done) {
        seen.doneAt = clock.now();
        break;
      }
      clock.advance(SECOND);
    }
    // Lets whatever is left time out, so the test ends cleanly whatever happened.
    while (!done) {
      clock.advance(TIMEOUT);
      await settle();
    }
    await cycle;
    return seen;
  }

  it('up turns 0 within one interval plus the timeout, and the cycle ends by its deadline', async () => {
    const hangStart = clock.now();
    sim.sim.faults.add({ mode: 'timeout' });
    // The worst case: the hang starts right after a cycle, so the next one starts a whole interval later.
    clock.advance(INTERVAL);
    const cycleStart = clock.now();
    const { upZeroAt, doneAt } = await driveCycle(5 * MINUTE);

    assert.ok(upZeroAt !== undefined, 'up turned 0');
    assert.ok(
      upZeroAt <= hangStart + INTERVAL + TIMEOUT,
      `up turned 0 ${(upZeroAt - hangStart) / SECOND} s after the hang started (bound: ${(INTERVAL + TIMEOUT) / SECOND} s)`,
    );
    assert.ok(
      doneAt !== undefined && doneAt <= cycleStart + INTERVAL,
      `the cycle ended ${(doneAt! - cycleStart) / SECOND} s after it started, past its deadline of one interval`,
    );
    const { series } = h.scrape();
    assert.equal(valueOf(series, 'livechat_exporter_poll_deadline_exceeded_total', { target: 'rc' }), 1);
    const abandoned = select(series, 'livechat_exporter_errors_total', { target: 'rc', reason: 'deadline' });
    assert.equal(
      abandoned.reduce((n, s) => n + s.value, 0),
      4,
      'the requests in flight at the deadline (concurrency 4) are abandoned and counted',
    );

    // The next cycle starts clean: it runs (no overlap), and asks upstream again.
    const before = upstreamRequests(sim.sim).length;
    await driveCycle(INTERVAL);
    assert.ok(upstreamRequests(sim.sim).length > before, 'the next cycle asked upstream again');
    assert.equal(valueOf(h.scrape().series, 'livechat_exporter_poll_overlaps_skipped_total', { target: 'rc' }), 0);
    assert.equal(up(), 0);
  });

  it('a hang of one endpoint makes the target down only while it lasts', async () => {
    sim.sim.faults.add({ mode: 'timeout', path: 'charts/chats' });
    for (let i = 0; i < 3; i++) {
      clock.advance(INTERVAL);
      await driveCycle(INTERVAL);
      assert.equal(up(), 0, `down after hung cycle ${i + 1}`);
    }
    const hung = upstreamRequests(sim.sim).filter((e) => endpointOfPath(e.path) === 'charts-chats').length;
    assert.ok(hung > 0);

    sim.sim.faults.clear();
    const cleared = clock.now();
    clock.advance(INTERVAL);
    await driveCycle(INTERVAL);
    assert.equal(up(), 1, 'up again after the first cycle after the hang');
    const state = h.exporter.states()[0]!;
    assert.ok(
      state.jobs.some((j) => j.endpoint === 'charts-chats' && (j.refreshedAt ?? 0) > cleared),
      'the hung endpoint is refreshed again',
    );
  });
});
