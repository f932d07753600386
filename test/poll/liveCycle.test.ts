import { strict as assert } from 'node:assert';
import { Agent } from 'undici';
import { createManualClock } from '../../src/clock';
import { BUILTIN_DEFAULTS } from '../../src/config/readCommonSettings';
import type { TargetConfig } from '../../src/config/types';
import { dataGauge } from '../../src/metrics/MetricDef';
import { createSnapshotStore } from '../../src/snapshot/createSnapshotStore';
import type { CycleName, Job, Source } from '../../src/sources/Source';
import { UpstreamError } from '../../src/upstream/UpstreamError';
import { parseExposition, select, valueOf } from '../helpers/parseExposition';
import { createTestPoller } from '../helpers/createTestPoller';

const queued = dataGauge('test_queued', 'Queued now (test).', ['target'], 'test');
const volume = dataGauge('test_volume', 'Created in the window (test).', ['target', 'window'], 'test');

/**
 * A source with one analytics job and one live job whose values and failures the
 * test controls; the jobs need no upstream, so this tests the poller's cycles alone.
 */
function twoCycleSource() {
  const runs: CycleName[] = [];
  const state = { queued: 3, volume: 40, liveFails: false, analyticsHold: Promise.resolve() };
  const job = (cycle: CycleName, key: string, make: () => number, metric = queued): Job => ({
    key,
    endpoint: key,
    labels: cycle === 'live' ? {} : { window: '1h' },
    cycle,
    run: async () => {
      runs.push(cycle);
      if (cycle === 'analytics') await state.analyticsHold;
      if (cycle === 'live' && state.liveFails) throw new UpstreamError('http_5xx', 'HTTP 502');
      return [{ metric, labels: {}, value: make() }];
    },
  });
  const source: Source = {
    requestHeaders: () => ({}),
    plan: () => [job('analytics', 'volume', () => state.volume, volume), job('live', 'queue', () => state.queued)],
  };
  return { source, runs, state };
}

describe('poll cycles: analytics and live', () => {
  const clock = createManualClock(Date.UTC(2024, 4, 15, 14, 30));
  const dispatcher = new Agent();
  after(() => dispatcher.close());

  function start() {
    const { source, runs, state } = twoCycleSource();
    const target: TargetConfig = {
      ...BUILTIN_DEFAULTS,
      name: 't',
      kind: 'test',
      url: 'http://127.0.0.1:1',
      options: {},
    };
    const store = createSnapshotStore([queued, volume]);
    const poller = createTestPoller({ target, source, budget: 'unlimited', dispatcher, clock, store });
    const scrape = () => parseExposition(store.render('text').body.toString('utf8')).series;
    return { poller, runs, state, scrape };
  }

  it("each cycle runs only its own jobs, and the snapshot keeps the other cycle's values", async () => {
    const { poller, runs, state, scrape } = start();
    await poller.runCycle('analytics');
    await poller.runCycle('live');
    assert.deepEqual(runs, ['analytics', 'live']);
    state.queued = 9;
    state.volume = 41;
    await poller.runCycle('live');
    assert.deepEqual(runs, ['analytics', 'live', 'live']);
    const series = scrape();
    assert.equal(valueOf(series, 'livechat_exporter_test_queued', { target: 't' }), 9);
    assert.equal(valueOf(series, 'livechat_exporter_test_volume', { target: 't', window: '1h' }), 40);
  });

  it('reports each cycle its own duration, and the state keeps them apart', async () => {
    const { poller, scrape } = start();
    await poller.runCycle();
    await poller.runCycle('live');
    await poller.runCycle('live');
    const durations = select(scrape(), 'livechat_exporter_poll_duration_seconds');
    assert.deepEqual(durations.map((s) => s.labels.cycle).sort(), ['analytics', 'live']);
    const s = poller.state();
    assert.equal(s.cycles, 1);
    assert.equal(s.live?.cycles, 2);
  });

  it('is down while the last cycle of either kind failed, and up again once it succeeds', async () => {
    const { poller, state, scrape } = start();
    await poller.runCycle('analytics');
    state.liveFails = true;
    await poller.runCycle('live');
    assert.equal(valueOf(scrape(), 'livechat_exporter_up', { target: 't' }), 0);
    assert.equal(poller.state().live?.up, false);
    // An analytics success does not hide the failing live cycle.
    await poller.runCycle('analytics');
    assert.equal(valueOf(scrape(), 'livechat_exporter_up', { target: 't' }), 0);
    state.liveFails = false;
    await poller.runCycle('live');
    assert.equal(valueOf(scrape(), 'livechat_exporter_up', { target: 't' }), 1);
  });

  it('counts an overlap only for the same cycle: a live cycle may run while analytics does', async () => {
    const { poller, runs, state, scrape } = start();
    let release!: () => void;
    state.analyticsHold = new Promise((r) => (release = r));
    const analytics = poller.runCycle('analytics');
    await poller.runCycle('live');
    await poller.runCycle('analytics');
    assert.equal(valueOf(scrape(), 'livechat_exporter_poll_overlaps_skipped_total', { target: 't' }), 1);
    release();
    await analytics;
    assert.deepEqual(runs, ['analytics', 'live']);
  });
});
