import { strict as assert } from 'node:assert';
import { Agent } from 'undici';
import { createManualClock } from '../../../src/clock';
import type { TargetConfig } from '../../../src/config/types';
import { createNullLogger } from '../../../src/log/createLogger';
import { catalogue } from '../../../src/sources/catalogue';
import { createSnapshotStore } from '../../../src/snapshot/createSnapshotStore';
import { ENDPOINTS } from '../../../src/sources/rocketchat/endpoints';
import { LIVE_ENDPOINTS } from '../../../src/sources/rocketchat/liveEndpoints';
import type { RocketChatOptions } from '../../../src/sources/rocketchat/readRocketChatOptions';
import { rocketChatKind } from '../../../src/sources/rocketchat/rocketChatKind';
import { expectedRocketChatSeries } from '../../helpers/expectedRocketChatSeries';
import { parseExposition, select, toSeriesMap, valueOf } from '../../helpers/parseExposition';
import { configOf, rcTarget, startExporter, type ExporterHarness } from '../../helpers/startExporter';
import {
  BOT_USER,
  DASHBOARDS,
  endpointOfPath,
  startRocketChat,
  T0,
  upstreamRequests,
  type ManualClock,
  type RocketChatHarness,
} from '../../helpers/startRocketChat';
import { createTestPoller } from '../../helpers/createTestPoller';

const ISO_Z = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/;
const MIN = 60_000;

/** The windows of these tests and the exact bounds they must produce at T0 (14:30:00 UTC, aligned to the minute). */
const WINDOWS = ['15m', '1h', 'today'];
const BOUNDS: Record<string, { start: string; end: string }> = {
  '15m': { start: '2024-05-15T14:15:00.000Z', end: '2024-05-15T14:30:00.000Z' },
  '1h': { start: '2024-05-15T13:30:00.000Z', end: '2024-05-15T14:30:00.000Z' },
  today: { start: '2024-05-15T00:00:00.000Z', end: '2024-05-15T14:30:00.000Z' },
};

describe('Rocket.Chat source against the simulator (through createExporter)', () => {
  let clock: ManualClock;
  let rc: RocketChatHarness;
  let h: ExporterHarness;

  beforeEach(async () => {
    clock = createManualClock(T0);
    rc = await startRocketChat({ clock });
    h = startExporter(clock);
  });
  afterEach(async () => {
    await h.close();
    await rc.sim.close();
  });

  /** One full first cycle of a single target `rc` (bypass user, so nothing is budget-limited). */
  async function runOnce(extra: Record<string, unknown> = {}): Promise<void> {
    await h.exporter.apply(
      configOf([
        rcTarget('rc', rc.url, BOT_USER, {
          budget: 'unlimited',
          windows: WINDOWS,
          departments: { discover: true },
          ...extra,
        }),
      ]),
    );
    await h.exporter.firstCycles();
  }

  it('sends exactly start, end (ISO, Z) and departmentId to the dashboards, and the auth headers, on every request', async () => {
    await runOnce({ endpoints: { 'charts-chats-per-agent': true } });
    const log = upstreamRequests(rc.sim);
    const departments = rc.sim.world
      .departments()
      .map((d) => d.id)
      .sort();
    assert.equal(departments.length, 6);
    const byEndpoint = new Map<string, typeof log>();
    for (const e of log) {
      assert.equal(e.method, 'GET');
      assert.equal(e.headers['x-user-id'], BOT_USER.userId, `${e.path}: X-User-Id`);
      assert.equal(e.headers['x-auth-token'], BOT_USER.token, `${e.path}: X-Auth-Token`);
      assert.equal(e.status, 200, `${e.path}?${JSON.stringify(e.query)}`);
      const endpoint = endpointOfPath(e.path)!;
      byEndpoint.set(endpoint, [...(byEndpoint.get(endpoint) ?? []), e]);
    }
    assert.deepEqual(
      [...byEndpoint.keys()].sort(),
      ['livechat-department', ...ENDPOINTS.map((x) => x.name), ...LIVE_ENDPOINTS.map((x) => x.name)].sort(),
    );
    // The live routes get only keys their schemas know (any other is a 400 upstream).
    const LIVE_KEYS: Record<string, readonly string[]> = {
      'livechat-rooms': ['queued', 'open', 'onhold', 'count', 'offset', 'sort', 'departmentId'],
      'livechat-users-agent': ['count', 'offset'],
      'livechat-config': ['department'],
    };
    for (const [endpoint, keys] of Object.entries(LIVE_KEYS))
      for (const e of byEndpoint.get(endpoint)!)
        for (const k of Object.keys(e.query)) assert.ok(keys.includes(k), `${endpoint}: ${k}`);

    // Discovery pages with count/offset and asks for enabled departments only.
    for (const e of byEndpoint.get('livechat-department')!)
      assert.deepEqual({ ...e.query }, { count: '100', offset: '0', enabled: 'true' });

    for (const [endpoint, entries] of byEndpoint) {
      if (endpoint.startsWith('livechat-')) continue;
      const def = ENDPOINTS.find((x) => x.name === endpoint)!;
      const asked = new Set<string>();
      for (const e of entries) {
        const q = e.query as Record<string, string>;
        if (endpoint === 'charts-agents-status') {
          // agents-status describes the present: no start/end at all.
          assert.deepEqual(
            Object.keys(q).filter((k) => k !== 'departmentId'),
            [],
            JSON.stringify(q),
          );
        } else {
          assert.deepEqual(
            Object.keys(q).sort(),
            q.departmentId === undefined ? ['end', 'start'] : ['departmentId', 'end', 'start'],
            JSON.stringify(q),
          );
          assert.match(q.start!, ISO_Z);
          assert.match(q.end!, ISO_Z);
          assert.ok(
            Object.values(BOUNDS).some((b) => b.start === q.start && b.end === q.end),
            `unexpected window ${q.start}..${q.end}`,
          );
        }
        for (const v of Object.values(q)) assert.equal(typeof v, 'string', 'no repeated keys');
        asked.add(`${q.departmentId ?? 'all'}|${q.start ?? ''}`);
      }
      // Every department (and the aggregate) × every window, each exactly once.
      const deps = def.scope === 'department' ? ['all', ...departments] : ['all'];
      const starts = def.windowed ? Object.values(BOUNDS).map((b) => b.start) : [''];
      assert.equal(entries.length, deps.length * starts.length, endpoint);
      assert.deepEqual([...asked].sort(), deps.flatMap((d) => starts.map((s) => `${d}|${s}`)).sort(), endpoint);
    }
  });

  it('exports exactly what the simulator served: every data series, value and label', async () => {
    await runOnce({ endpoints: { 'charts-chats-per-agent': true } });
    const names = new Map(rc.sim.world.departments().map((d) => [d.id, d.name]));
    const expected = expectedRocketChatSeries(upstreamRequests(rc.sim), {
      target: 'rc',
      windowOf: (start, end) => Object.entries(BOUNDS).find(([, b]) => b.start === start && b.end === end)![0],
      departmentName: (id) => names.get(id)!,
      departmentId: (name) => [...names].find(([, n]) => n === name)?.[0] ?? '',
      departmentIds: [...names.keys()],
    });
    const actual = toSeriesMap(h.scrape().series.filter((s) => s.name.startsWith('livechat_exporter_rocketchat_')));
    assert.ok(expected.size > 500, `a rich sample (${expected.size} series)`);
    assert.deepEqual(actual, expected);
    // The awkward department names survive escaping and parsing back.
    const labelled = new Set(h.scrape().series.map((s) => s.labels.department_name));
    for (const name of ['Support "Tier 2"', 'Поддержка', '客服', '__proto__', 'back\\slash'])
      assert.ok(labelled.has(name), name);
  });

  it("follows discovery: a removed department's series disappear, an added one's appear", async () => {
    // The exporter runs discovery only on its own schedule (not hand-driven), so drive the target's poller directly.
    const target = configOf([
      rcTarget('rc', rc.url, BOT_USER, { budget: 'unlimited', windows: ['1h'], departments: { discover: true } }),
    ]).targets[0] as TargetConfig<RocketChatOptions>;
    const store = createSnapshotStore(catalogue);
    const dispatcher = new Agent();
    const source = rocketChatKind.createSource(target, { clock, logger: createNullLogger() });
    const poller = createTestPoller({ target, source, dispatcher, clock, store });
    const discovery = source.tasks![0]!;
    const step = async () => {
      clock.advance(MIN); // a new aligned window, so nothing comes from the simulator's 5-second cache
      await poller.runTask(discovery);
      await poller.runCycle();
      return parseExposition(store.render('text').body.toString('utf8')).series;
    };
    try {
      const SALES = 'CAJioQNAvLnYWTy8i';
      let series = await step();
      assert.equal(valueOf(series, 'livechat_exporter_rocketchat_departments'), 6);
      assert.ok(select(series, 'livechat_exporter_rocketchat_conversations', { department: SALES }).length > 0);
      assert.ok(
        select(series, 'livechat_exporter_rocketchat_department_chats', { department_name: 'Sales' }).length > 0,
      );

      const added = rc.sim.addDepartment({ id: 'NightShift0000001', name: 'Night shift', weight: 1 });
      series = await step();
      assert.equal(valueOf(series, 'livechat_exporter_rocketchat_departments'), 7);
      assert.equal(
        valueOf(series, 'livechat_exporter_rocketchat_conversations', { department: added.id, window: '1h' }) !==
          undefined,
        true,
      );
      assert.equal(
        select(series, 'livechat_exporter_rocketchat_agents', { department: added.id, department_name: 'Night shift' })
          .length,
        4,
      );

      assert.equal(rc.sim.removeDepartment(SALES), true);
      series = await step();
      assert.equal(valueOf(series, 'livechat_exporter_rocketchat_departments'), 6);
      const leftovers = series.filter((s) => s.labels.department === SALES || s.labels.department_name === 'Sales');
      assert.deepEqual(leftovers, [], 'no series of the removed department, data or freshness');
      assert.ok(select(series, 'livechat_exporter_rocketchat_conversations', { department: added.id }).length > 0);
      assert.equal(
        poller.state().jobs.some((j) => j.labels.department === SALES),
        false,
      );
    } finally {
      poller.stop();
      await dispatcher.destroy();
    }
  });

  it('an agents-status answer without agents ({"success":true} only) reads as zero in every status', async () => {
    await runOnce({ departments: { ids: ['NoSuchDepartment1'] }, endpoints: { 'charts-agents-status': true } });
    const e = rc.sim.requests
      .filter(`${DASHBOARDS}charts/agents-status`)
      .find((x) => x.query.departmentId === 'NoSuchDepartment1');
    assert.deepEqual(
      e?.responseBody,
      { success: true },
      'premise: the simulator answers an unknown department with an empty body',
    );
    const { series } = h.scrape();
    const agents = select(series, 'livechat_exporter_rocketchat_agents', { department: 'NoSuchDepartment1' });
    assert.deepEqual(
      agents.map((s) => [s.labels.status, s.value]),
      [
        ['available', 0],
        ['away', 0],
        ['busy', 0],
        ['offline', 0],
      ],
    );
    assert.equal(valueOf(series, 'livechat_exporter_up', { target: 'rc' }), 1);
    assert.equal(select(series, 'livechat_exporter_errors_total').length, 0, 'an empty answer is not an error');
  });

  it('polls charts/chats-per-agent only when the target enables it (also after a reload that enables it)', async () => {
    await runOnce();
    assert.equal(rc.sim.requests.filter('charts/chats-per-agent').length, 0);
    assert.equal(select(h.scrape().series, 'livechat_exporter_rocketchat_agent_chats').length, 0);

    rc.sim.requests.clear();
    await h.exporter.apply(
      configOf([
        rcTarget('rc', rc.url, BOT_USER, {
          budget: 'unlimited',
          windows: WINDOWS,
          departments: { discover: true },
          endpoints: { 'charts-chats-per-agent': true, 'charts-timings': false },
        }),
      ]),
    );
    await h.exporter.firstCycles();
    assert.equal(rc.sim.requests.filter('charts/chats-per-agent').length, 7 * WINDOWS.length);
    assert.equal(rc.sim.requests.filter('charts/timings').length, 0, 'an endpoint can be switched off');
    const agentSeries = select(h.scrape().series, 'livechat_exporter_rocketchat_agent_chats');
    assert.ok(agentSeries.length > 0);
    assert.equal(select(h.scrape().series, 'livechat_exporter_rocketchat_timing_avg_seconds').length, 0);
    for (const s of agentSeries)
      assert.deepEqual(Object.keys(s.labels), ['target', 'department', 'department_name', 'window', 'agent', 'state']);
  });
});

describe('Rocket.Chat totalizers with titles the exporter does not know', () => {
  // The simulator only serves the current titles, so an older/newer build's extra titles are
  // added to a body the simulator really served, and the endpoint table parses it.
  it('land in livechat_exporter_rocketchat_totalizer{endpoint, title}; unparsable ones count as parse problems', async () => {
    const clock = createManualClock(T0);
    const rc = await startRocketChat({ clock });
    try {
      const url = `${rc.url}${DASHBOARDS}conversation-totalizers?start=${BOUNDS['1h']!.start}&end=${BOUNDS['1h']!.end}`;
      const res = await fetch(url, { headers: { 'X-User-Id': BOT_USER.userId, 'X-Auth-Token': BOT_USER.token } });
      const body = (await res.json()) as { totalizers: { title: string; value: unknown }[] };
      body.totalizers.push(
        { title: 'Total_abandoned_chats', value: 3 }, // 3.x builds had it here
        { title: 'Avg_of_something_new', value: '00:01:05' },
        { title: 'Share_of_something', value: '12.5%' },
        { title: 'Busiest_day', value: 'Friday' },
      );
      const problems: string[] = [];
      const ep = ENDPOINTS.find((e) => e.name === 'conversation-totalizers')!;
      const samples = ep.parse(body, {
        departmentIdByName: () => undefined,
        warn: (m) => problems.push(m),
      });
      const generic = samples
        .filter((s) => s.metric.name === 'livechat_exporter_rocketchat_totalizer')
        .map((s) => [s.labels, s.value]);
      assert.deepEqual(generic, [
        [{ endpoint: 'conversation-totalizers', title: 'Total_abandoned_chats' }, 3],
        [{ endpoint: 'conversation-totalizers', title: 'Avg_of_something_new' }, 65],
        [{ endpoint: 'conversation-totalizers', title: 'Share_of_something' }, 0.125],
      ]);
      assert.deepEqual(problems, ['conversation-totalizers Busiest_day: cannot parse "Friday"']);
      // The known titles are still read by title.
      const served = body.totalizers.find((t) => t.title === 'Total_conversations')!.value;
      assert.equal(samples.find((s) => s.metric.name === 'livechat_exporter_rocketchat_conversations')?.value, served);
      const def = catalogue.find((d) => d.name === 'livechat_exporter_rocketchat_totalizer')!;
      assert.deepEqual(def.labels.slice(-2), ['endpoint', 'title']);
    } finally {
      await rc.sim.close();
    }
  });
});
