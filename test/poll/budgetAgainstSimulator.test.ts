import { strict as assert } from 'node:assert';
import { createManualClock } from '../../src/clock';
import type { DepartmentSpec } from '../../simulator/world/types';
import { ENDPOINTS } from '../../src/sources/rocketchat/endpoints';
import { select, valueOf } from '../helpers/parseExposition';
import { configOf, rcTarget, startExporter, type ExporterHarness } from '../helpers/startExporter';
import {
  BOT_USER,
  DASHBOARDS,
  endpointOfPath,
  EXPORTER_USER,
  startRocketChat,
  T0,
  upstreamRequests,
  type ManualClock,
  type RocketChatHarness,
} from '../helpers/startRocketChat';

const MIN = 60_000;
const WINDOWS = ['15m', '1h', 'today'];
/** Nine departments plus the all-departments aggregate: 10 × 3 windows = 30 jobs per windowed, per-department endpoint. */
const DEPARTMENTS: DepartmentSpec[] = Array.from({ length: 9 }, (_, i) => ({
  id: `Department0000000${i + 1}`.slice(-17),
  name: `Team ${i + 1}`,
  weight: 1,
}));

/** Jobs per endpoint per cycle (N) for this config. */
function jobsPerEndpoint(endpoint: string): number {
  const def = ENDPOINTS.find((e) => e.name === endpoint)!;
  return (def.scope === 'department' ? DEPARTMENTS.length + 1 : 1) * (def.windowed ? WINDOWS.length : 1);
}

/** Refresh instants (epoch ms) of every job, read from livechat_exporter_data_refresh_timestamp_seconds. */
function refreshTimes(h: ExporterHarness): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of select(h.scrape().series, 'livechat_exporter_data_refresh_timestamp_seconds')) {
    // 0: not refreshed yet.
    if (s.value === 0) continue;
    out.set(`${s.labels.endpoint}|${s.labels.department}|${s.labels.window}`, Math.round(s.value * 1000));
  }
  return out;
}

describe("request budget against the simulator's real rate limiter (manual clock)", () => {
  let clock: ManualClock;
  let rc: RocketChatHarness;
  let h: ExporterHarness;

  afterEach(async () => {
    await h?.close();
    await rc?.sim.close();
  });

  async function start(
    simOptions: Parameters<typeof startRocketChat>[0],
    targetExtra: Record<string, unknown>,
    user = EXPORTER_USER,
  ): Promise<void> {
    clock = createManualClock(T0);
    rc = await startRocketChat({ clock, departments: DEPARTMENTS, ...simOptions });
    h = startExporter(clock);
    await h.exporter.apply(
      configOf([
        rcTarget('rc', rc.url, user, {
          windows: WINDOWS,
          departments: { ids: DEPARTMENTS.map((d) => d.id) },
          ...targetExtra,
        }),
      ]),
    );
    await h.exporter.firstCycles();
  }

  /** One more cycle, one schedule interval (= the budget period) later. */
  async function nextCycle(): Promise<void> {
    clock.advance(MIN);
    await h.exporter.pollAll();
  }

  // The bound verified here (for docs/rocketchat.md, "Request budget"): with N jobs per endpoint
  // per cycle, a budget of B requests per period P and one cycle every I = P, every series is
  // refreshed in the first ceil(N/B) cycles and then at least once in every ceil(N/B)
  // consecutive cycles; so right after a cycle no series is older than (ceil(N/B) − 1) × I, and
  // it is never older than ceil(N/B) × I. Each cycle makes exactly min(N, B) requests per endpoint.
  for (const B of [10, 7, 4]) {
    it(`N = 30 jobs per endpoint, budget ${B} per 60 s: no 429, every series refreshed within ceil(N/B) = ${Math.ceil(30 / B)} cycles`, async () => {
      await start({ rateLimit: { limit: 10, periodMs: MIN } }, { budget: { requests: B, per: '1m' } });
      const endpoints = ENDPOINTS.filter((e) => !e.optIn).map((e) => e.name);
      assert.equal(jobsPerEndpoint('conversation-totalizers'), 30, 'premise: 3x the simulator limit of 10');
      const worst = Math.max(...endpoints.map((e) => Math.ceil(jobsPerEndpoint(e) / B)));
      const cycles = 2 * worst + 2;

      const lastRefresh = new Map<string, number>();
      const gaps = new Map<string, number>(); // longest gap between refreshes, in cycles
      const firstRefresh = new Map<string, number>(); // cycle number of the first refresh
      for (let cycle = 1; cycle <= cycles; cycle++) {
        if (cycle > 1) await nextCycle();
        const now = clock.now();
        for (const [job, at] of refreshTimes(h)) {
          const c = (at - T0) / MIN + 1;
          const prev = lastRefresh.get(job);
          if (prev === undefined) firstRefresh.set(job, c);
          else if (at !== prev) gaps.set(job, Math.max(gaps.get(job) ?? 0, c - ((prev - T0) / MIN + 1)));
          lastRefresh.set(job, at);
        }
        // Right after each cycle, once every job has had its turn, no series is older than the bound.
        for (const e of endpoints) {
          const bound = Math.ceil(jobsPerEndpoint(e) / B);
          if (cycle < bound) continue;
          const jobs = [...lastRefresh].filter(([k]) => k.startsWith(`${e}|`));
          assert.equal(jobs.length, jobsPerEndpoint(e), `${e}: every job refreshed by cycle ${cycle}`);
          for (const [job, at] of jobs)
            assert.ok(
              now - at <= (bound - 1) * MIN,
              `${job} is ${(now - at) / MIN} cycles old after cycle ${cycle} (bound ${bound})`,
            );
        }
      }

      const log = upstreamRequests(rc.sim);
      assert.deepEqual(
        log.filter((e) => e.status !== 200).map((e) => `${e.path} ${e.status}`),
        [],
        'zero 429s (and no other failures)',
      );
      for (const e of endpoints) {
        const N = jobsPerEndpoint(e);
        const bound = Math.ceil(N / B);
        for (const [job, c] of firstRefresh)
          if (job.startsWith(`${e}|`)) assert.ok(c <= bound, `${job} first refreshed in cycle ${c} > ${bound}`);
        for (const [job, g] of gaps)
          if (job.startsWith(`${e}|`)) assert.ok(g <= bound, `${job} went ${g} cycles without a refresh > ${bound}`);
        // Full use of the budget: min(N, B) requests per endpoint in every cycle.
        for (let cycle = 0; cycle < cycles; cycle++) {
          const sent = log.filter((x) => endpointOfPath(x.path) === e && x.time === T0 + cycle * MIN).length;
          assert.equal(sent, Math.min(N, B), `${e} in cycle ${cycle + 1}`);
        }
      }
      const { series } = h.scrape();
      assert.equal(valueOf(series, 'livechat_exporter_up', { target: 'rc' }), 1);
      assert.equal(valueOf(series, 'livechat_exporter_budget_limit_requests', { endpoint: 'charts-chats' }), B);
      assert.equal(valueOf(series, 'livechat_exporter_budget_period_seconds', { endpoint: 'charts-chats' }), 60);
      assert.equal(valueOf(series, 'livechat_exporter_budget_used_requests', { endpoint: 'charts-chats' }), B);
      assert.equal(
        valueOf(series, 'livechat_exporter_budget_deferred_total', { endpoint: 'charts-chats' }),
        cycles * (30 - B),
      );
      assert.equal(
        valueOf(series, 'livechat_exporter_budget_deferred_total', { endpoint: 'charts-chats-per-department' }),
        cycles * Math.max(0, 3 - B),
      );
    });
  }

  for (const concurrency of [1, 4]) {
    it(`honours X-RateLimit-Remaining when the server allows less than the budget (another client on the same IP), concurrency ${concurrency}`, async () => {
      // With concurrency c, the c − 1 requests sent together with the first answered one are
      // assumed to count upstream too, so none of them runs into a 429 (as long as c ≤ the server's limit).
      await start({ rateLimit: { limit: 5, periodMs: MIN } }, { budget: { requests: 10, per: '1m' }, concurrency });
      await nextCycle();
      const log = upstreamRequests(rc.sim);
      assert.deepEqual(
        log.filter((e) => e.status !== 200).map((e) => `${e.path} ${e.status}`),
        [],
      );
      for (const e of ENDPOINTS.filter((x) => !x.optIn)) {
        for (const cycle of [0, 1]) {
          const sent = log.filter((x) => endpointOfPath(x.path) === e.name && x.time === T0 + cycle * MIN).length;
          assert.equal(sent, Math.min(5, jobsPerEndpoint(e.name)), `${e.name} in cycle ${cycle + 1}`);
        }
      }
    });
  }

  for (const concurrency of [1, 4]) {
    it(`after a 429 from the real limiter sends nothing to that endpoint until X-RateLimit-Reset (concurrency ${concurrency})`, async () => {
      clock = createManualClock(T0);
      rc = await startRocketChat({ clock, departments: DEPARTMENTS, rateLimit: { limit: 10, periodMs: MIN } });
      // Another client on the same IP used up charts/chats' window 20 s before the exporter starts.
      clock.set(T0 - 20_000);
      const q = `?start=${encodeURIComponent(new Date(T0 - MIN).toISOString())}&end=${encodeURIComponent(new Date(T0).toISOString())}`;
      for (let i = 0; i < 10; i++) {
        const r = await fetch(`${rc.url}${DASHBOARDS}charts/chats${q}`, {
          headers: { 'X-User-Id': EXPORTER_USER.userId, 'X-Auth-Token': EXPORTER_USER.token },
        });
        assert.equal(r.status, 200);
      }
      clock.set(T0);
      h = startExporter(clock);
      await h.exporter.apply(
        configOf([
          rcTarget('rc', rc.url, EXPORTER_USER, {
            windows: WINDOWS,
            departments: { ids: DEPARTMENTS.map((d) => d.id) },
            budget: { requests: 10, per: '1m' },
            concurrency,
          }),
        ]),
      );
      await h.exporter.firstCycles();
      const chats = () =>
        upstreamRequests(rc.sim).filter((e) => endpointOfPath(e.path) === 'charts-chats' && e.time >= T0);

      // Nothing tells the exporter about the other client until the first answer: the requests
      // already in flight together (at most `concurrency`) get 429 too, then the endpoint is left alone.
      const limited = chats().length;
      assert.ok(limited >= 1 && limited <= concurrency, `${limited} requests before the first 429 stopped them`);
      assert.ok(
        chats().every((e) => e.status === 429 && e.responseHeaders?.['x-ratelimit-reset'] === String(T0 + 40_000)),
      );
      let series = h.scrape().series;
      assert.equal(
        valueOf(series, 'livechat_exporter_errors_total', { endpoint: 'charts-chats', reason: 'rate_limited' }),
        limited,
      );
      assert.equal(valueOf(series, 'livechat_exporter_up', { target: 'rc' }), 0);
      assert.equal(
        upstreamRequests(rc.sim).filter((e) => endpointOfPath(e.path) === 'charts-timings' && e.time === T0).length,
        10,
        'other endpoints go on',
      );

      clock.set(T0 + 30_000);
      await h.exporter.pollAll();
      assert.equal(chats().length, limited, 'nothing before the reset');

      clock.set(T0 + 40_000);
      await h.exporter.pollAll();
      // Refused calls count against the budget too (upstream counts them), so 10 - limited are left until T0 + 60 s.
      assert.deepEqual(
        chats()
          .slice(limited)
          .map((e) => [e.time, e.status]),
        Array.from({ length: 10 - limited }, () => [T0 + 40_000, 200]),
        'the budget is back at the reset',
      );
      series = h.scrape().series;
      assert.equal(
        valueOf(series, 'livechat_exporter_upstream_requests_total', { endpoint: 'charts-chats', code: '429' }),
        limited,
      );
      assert.equal(
        valueOf(series, 'livechat_exporter_upstream_requests_total', { endpoint: 'charts-chats', code: '200' }),
        10 - limited,
      );
    });
  }

  it('unlimited (a user with api-bypass-rate-limit): every job of every endpoint in the first cycle', async () => {
    await start({ rateLimit: { limit: 10, periodMs: MIN } }, { budget: 'unlimited' }, BOT_USER);
    const log = upstreamRequests(rc.sim);
    assert.ok(log.every((e) => e.status === 200 && e.responseHeaders?.['x-ratelimit-limit'] === undefined));
    for (const e of ENDPOINTS.filter((x) => !x.optIn))
      assert.equal(log.filter((x) => endpointOfPath(x.path) === e.name).length, jobsPerEndpoint(e.name), e.name);
    const { series } = h.scrape();
    assert.equal(select(series, 'livechat_exporter_budget_limit_requests').length, 0, 'no limit to show');
    assert.equal(select(series, 'livechat_exporter_budget_period_seconds').length, 0);
    assert.ok(select(series, 'livechat_exporter_budget_deferred_total').every((s) => s.value === 0));
    assert.equal(select(series, 'livechat_exporter_data_refresh_timestamp_seconds').length, refreshTimes(h).size);
    assert.ok([...refreshTimes(h).values()].every((t) => t === T0));
  });
});
