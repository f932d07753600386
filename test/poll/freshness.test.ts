import { strict as assert } from 'node:assert';
import { createManualClock } from '../../src/clock';
import { select, valueOf } from '../helpers/parseExposition';
import { configOf, rcTarget, startExporter, type ExporterHarness } from '../helpers/startExporter';
import { EXPORTER_USER, startRocketChat, T0, type RocketChatHarness } from '../helpers/startRocketChat';

/** Every configured group (job) has a freshness series from the start, whatever kept it from being refreshed. */
describe('freshness of groups never refreshed', () => {
  let sim: RocketChatHarness;
  let h: ExporterHarness;

  beforeEach(async () => {
    const clock = createManualClock(T0);
    sim = await startRocketChat({ clock });
    h = startExporter(clock);
  });
  afterEach(async () => {
    await h.close();
    await sim.sim.close();
  });

  /** A target at the default budget (10 requests a minute per endpoint) with discovered departments. */
  async function start(extra: Record<string, unknown> = {}) {
    await h.exporter.apply(
      configOf([rcTarget('rc', sim.url, EXPORTER_USER, { departments: { discover: true }, ...extra })]),
    );
    await h.exporter.firstCycles();
  }

  const refresh = (endpoint: string) =>
    select(h.scrape().series, 'livechat_exporter_data_refresh_timestamp_seconds', { target: 'rc', endpoint });

  it('groups deferred by the budget export a refresh timestamp of 0, and the target its start time', async () => {
    await start();
    const groups = refresh('conversation-totalizers');
    assert.equal(groups.length, 28, '7 departments (6 discovered and all) × 4 windows, all present');
    assert.equal(groups.filter((s) => s.value === T0 / 1000).length, 10, 'the budget allows 10 a minute');
    assert.equal(groups.filter((s) => s.value === 0).length, 18, 'the rest: never refreshed');
    assert.equal(
      valueOf(h.scrape().series, 'livechat_exporter_target_start_time_seconds', { target: 'rc' }),
      T0 / 1000,
    );
    assert.equal(valueOf(h.scrape().series, 'livechat_exporter_up', { target: 'rc' }), 1, 'up: no request failed');
    const state = h.exporter.states()[0]!;
    const totalizers = state.jobs.filter((j) => j.endpoint === 'conversation-totalizers');
    assert.equal(totalizers.length, 28);
    assert.equal(totalizers.filter((j) => j.attempt === 'deferred').length, 18);
  });

  it('after a 429 at startup the blocked groups are there too, marked rate limited', async () => {
    sim.sim.faults.add({ mode: 'rate_limited', path: 'charts/chats', times: 1, retryAfterSeconds: 60 });
    await start({ concurrency: 1 });
    const groups = refresh('charts-chats');
    assert.equal(groups.length, 28);
    assert.ok(groups.every((s) => s.value === 0));
    const attempts = h.exporter
      .states()[0]!
      .jobs.filter((j) => j.endpoint === 'charts-chats')
      .map((j) => j.attempt);
    assert.deepEqual(new Set(attempts), new Set(['failed', 'rate_limited']));
    assert.equal(attempts.filter((a) => a === 'failed').length, 1);
  });
});
