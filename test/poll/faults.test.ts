import { strict as assert } from 'node:assert';
import { createManualClock } from '../../src/clock';
import type { RocketChatFaultMode } from '../../simulator/rocketchat/rocketChatFaultModes';
import { select, valueOf, type Series } from '../helpers/parseExposition';
import { configOf, rcTarget, startExporter, type ExporterHarness } from '../helpers/startExporter';
import {
  BOT_USER,
  endpointOfPath,
  startRocketChat,
  T0,
  upstreamRequests,
  type ManualClock,
  type RocketChatHarness,
} from '../helpers/startRocketChat';

const MIN = 60_000;

/** Each fault, the reason it must be counted under, and whether the client retries it (retries: 2). */
const FAULTS: readonly { mode: RocketChatFaultMode; reason: string; retried: boolean; code: string }[] = [
  { mode: 'timeout', reason: 'timeout', retried: false, code: 'none' },
  { mode: 'http_500', reason: 'http_5xx', retried: true, code: '500' },
  { mode: 'http_502', reason: 'http_5xx', retried: true, code: '502' },
  { mode: 'http_503', reason: 'http_5xx', retried: true, code: '503' },
  { mode: 'invalid_json', reason: 'parse', retried: false, code: '200' },
  { mode: 'html_login', reason: 'parse', retried: false, code: '200' },
  { mode: 'unauthorized', reason: 'auth', retried: false, code: '401' },
  { mode: 'forbidden', reason: 'auth', retried: false, code: '403' },
  { mode: 'rate_limited', reason: 'rate_limited', retried: false, code: '429' },
  { mode: 'redirect', reason: 'redirect', retried: false, code: '302' },
  { mode: 'huge_body', reason: 'parse', retried: false, code: '200' },
];

describe('upstream faults: the faulty target is down, the healthy one is not, the process goes on', () => {
  let clock: ManualClock;
  let faulty: RocketChatHarness;
  let healthy: RocketChatHarness;
  let h: ExporterHarness;
  let unhandled: unknown[];
  const onUnhandled = (err: unknown) => unhandled.push(err);

  beforeEach(async () => {
    unhandled = [];
    process.on('unhandledRejection', onUnhandled);
    clock = createManualClock(T0);
    faulty = await startRocketChat({ clock });
    healthy = await startRocketChat({ clock });
    h = startExporter(clock);
  });
  afterEach(async () => {
    await h.close();
    await faulty.sim.close();
    await healthy.sim.close();
    process.off('unhandledRejection', onUnhandled);
    assert.deepEqual(unhandled, [], 'no unhandled rejections');
  });

  /** Targets `a` (faulty simulator) and `b` (healthy simulator), both with the bypass user. */
  function config(a: Record<string, unknown> = {}, withB = true) {
    // 1 s: a fresh simulator's first live-state answer builds a week of conversations first.
    const common = { budget: 'unlimited', windows: ['1h'], retries: 2, timeout: '1s' };
    return configOf([
      rcTarget('a', faulty.url, BOT_USER, { ...common, ...a }),
      ...(withB ? [rcTarget('b', healthy.url, BOT_USER, common)] : []),
    ]);
  }

  const chatsRequests = (sim: RocketChatHarness) =>
    upstreamRequests(sim.sim).filter((e) => endpointOfPath(e.path) === 'charts-chats');

  for (const f of FAULTS) {
    it(`${f.mode}: up 0 and errors_total{reason="${f.reason}"} for the faulty target; ${f.retried ? 'retried twice' : 'not retried'}`, async () => {
      faulty.sim.faults.add({ mode: f.mode, path: 'charts/chats', retryAfterSeconds: 90 });
      await h.exporter.apply(config());
      await h.exporter.firstCycles();
      const { series } = h.scrape();

      assert.equal(valueOf(series, 'livechat_exporter_up', { target: 'a' }), 0);
      assert.equal(valueOf(series, 'livechat_exporter_up', { target: 'b' }), 1);
      assert.deepEqual(
        select(series, 'livechat_exporter_errors_total', { target: 'a' }).map((s) => [
          s.labels.endpoint,
          s.labels.reason,
          s.value,
        ]),
        [['charts-chats', f.reason, 1]],
      );
      assert.deepEqual(select(series, 'livechat_exporter_errors_total', { target: 'b' }), []);
      assert.equal(
        chatsRequests(faulty).length,
        f.retried ? 3 : 1,
        'retries happen on 5xx only, and are bounded by `retries`',
      );
      assert.equal(
        valueOf(series, 'livechat_exporter_upstream_requests_total', {
          target: 'a',
          endpoint: 'charts-chats',
          code: f.code,
        }),
        f.retried ? 3 : 1,
      );
      // Only the failing endpoint is lost; the rest of target a is exported.
      assert.deepEqual(select(series, 'livechat_exporter_rocketchat_chats', { target: 'a' }), []);
      assert.ok(
        select(series, 'livechat_exporter_rocketchat_timing_avg_seconds', { target: 'a' }).length > 0 ||
          f.mode === 'unauthorized',
      );
      assert.equal(select(series, 'livechat_exporter_rocketchat_chats', { target: 'b' }).length, 4);

      // The next cycle: auth failures stop the calls that would fail again; the process keeps polling.
      const before = upstreamRequests(faulty.sim).length;
      clock.advance(MIN);
      await h.exporter.pollAll();
      const after = upstreamRequests(faulty.sim).slice(before);
      if (f.mode === 'unauthorized')
        assert.equal(after.length, 0, 'a 401 stops every call to the target until the config changes');
      else if (f.mode === 'forbidden')
        assert.deepEqual(
          after.filter((e) => endpointOfPath(e.path) === 'charts-chats'),
          [],
          'a 403 stops that endpoint only',
        );
      else if (f.mode === 'rate_limited')
        assert.deepEqual(
          after.filter((e) => endpointOfPath(e.path) === 'charts-chats'),
          [],
          'nothing until the announced reset (90 s)',
        );
      else assert.equal(after.filter((e) => endpointOfPath(e.path) === 'charts-chats').length, f.retried ? 3 : 1);
      if (f.mode !== 'unauthorized')
        assert.ok(
          after.some((e) => endpointOfPath(e.path) === 'charts-timings'),
          'other endpoints are still polled',
        );
      assert.equal(valueOf(h.scrape().series, 'livechat_exporter_up', { target: 'b' }), 1);
    });
  }

  it('an upstream that echoes the token back does not get it into errors, state or metrics', async () => {
    faulty.sim.faults.add({ mode: 'echo_secret', path: 'charts/chats' });
    await h.exporter.apply(config({}, false));
    await h.exporter.firstCycles();
    const state = h.exporter.states()[0]!;
    assert.equal(state.lastError?.reason, 'http_5xx');
    assert.ok(!JSON.stringify(state).includes(BOT_USER.token));
    assert.match(state.lastError.message, /<redacted>/);
    assert.ok(!h.text().includes(BOT_USER.token));
  });

  it('keeps the last good values of a failing endpoint until max_staleness, then drops them', async () => {
    await h.exporter.apply(config({ max_staleness: '3m' }, false));
    await h.exporter.firstCycles();
    const chats = (): Series[] => select(h.scrape().series, 'livechat_exporter_rocketchat_chats', { target: 'a' });
    const good = chats();
    assert.equal(good.length, 4);

    faulty.sim.faults.add({ mode: 'http_500', path: 'charts/chats' });
    for (const at of [1, 2, 3]) {
      clock.set(T0 + at * MIN);
      await h.exporter.pollAll();
      assert.deepEqual(chats(), good, `${at} min after the last success the last good values are kept`);
      assert.equal(valueOf(h.scrape().series, 'livechat_exporter_up', { target: 'a' }), 0);
    }
    clock.set(T0 + 4 * MIN);
    await h.exporter.pollAll();
    assert.deepEqual(chats(), [], 'older than max_staleness: dropped');
    const { series } = h.scrape();
    assert.equal(
      valueOf(series, 'livechat_exporter_data_refresh_timestamp_seconds', { target: 'a', endpoint: 'charts-chats' }),
      T0 / 1000,
      'the refresh time stays, so the age is visible',
    );
    assert.equal(
      valueOf(series, 'livechat_exporter_data_refresh_timestamp_seconds', { target: 'a', endpoint: 'charts-timings' }),
      (T0 + 4 * MIN) / 1000,
    );
    assert.ok(
      select(series, 'livechat_exporter_rocketchat_timing_avg_seconds', { target: 'a' }).length > 0,
      'healthy endpoints keep refreshing',
    );
    assert.equal(
      valueOf(series, 'livechat_exporter_errors_total', { target: 'a', endpoint: 'charts-chats', reason: 'http_5xx' }),
      4,
    );

    faulty.sim.faults.clear();
    clock.set(T0 + 5 * MIN);
    await h.exporter.pollAll();
    assert.equal(chats().length, 4, 'back after recovery');
    assert.equal(valueOf(h.scrape().series, 'livechat_exporter_up', { target: 'a' }), 1);
  });

  it("a removed target's series disappear after apply() and it is no longer polled", async () => {
    await h.exporter.apply(config());
    await h.exporter.firstCycles();
    const targets = () => new Set(h.scrape().series.map((s) => s.labels.target));
    assert.deepEqual(targets(), new Set(['a', 'b']));

    await h.exporter.apply(
      configOf([
        rcTarget('b', healthy.url, BOT_USER, { budget: 'unlimited', windows: ['1h'], retries: 2, timeout: '1s' }),
      ]),
    );
    assert.deepEqual(targets(), new Set(['b']), 'every family, data and self-metrics');
    assert.deepEqual(
      h.exporter.states().map((s) => s.name),
      ['b'],
    );
    const before = upstreamRequests(faulty.sim).length;
    clock.advance(MIN);
    await h.exporter.pollAll();
    assert.equal(upstreamRequests(faulty.sim).length, before);
    assert.deepEqual(targets(), new Set(['b']));
  });
});
