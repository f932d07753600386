import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import { Agent } from 'undici';
import { createManualClock } from '../../../src/clock';
import type { Job } from '../../../src/sources/Source';
import { ALL_DEPARTMENTS } from '../../../src/sources/rocketchat/Department';
import { decodeRocketChatError } from '../../../src/sources/rocketchat/decodeRocketChatError';
import { agentsJob } from '../../../src/sources/rocketchat/liveAgents';
import { departmentOnlineJob } from '../../../src/sources/rocketchat/liveDepartmentOnline';
import { chooseListing, createLiveRoomsState, roomCountJob } from '../../../src/sources/rocketchat/liveRooms';
import { createBudget } from '../../../src/upstream/createBudget';
import { createUpstreamClient } from '../../../src/upstream/createUpstreamClient';
import { select, valueOf, type Series } from '../../helpers/parseExposition';
import { configOf, rcTarget, startExporter, type ExporterHarness } from '../../helpers/startExporter';
import { BOT_USER, startRocketChat, T0, type RocketChatHarness } from '../../helpers/startRocketChat';

const SALES = 'CAJioQNAvLnYWTy8i';
const SUPPORT = 'rZ8QqWbXk3mN5tYvE';
const LIVE = 'livechat_exporter_rocketchat_live_conversations';
const OLDEST = 'livechat_exporter_rocketchat_live_oldest_queued_timestamp_seconds';
/** Only the live routes, so the tests stay about them. */
const LIVE_ONLY = {
  'conversation-totalizers': false,
  'chats-totalizers': false,
  'productivity-totalizers': false,
  'agents-productivity-totalizers': false,
  'charts-chats': false,
  'charts-agents-status': false,
  'charts-timings': false,
  'charts-chats-per-department': false,
};

/** The live room series of `target`, as [department, state, value], sorted. */
function rooms(series: readonly Series[], target: string): [string, string, number][] {
  return select(series, LIVE, { target })
    .map((s): [string, string, number] => [s.labels.department!, s.labels.state!, s.value])
    .sort((a, b) => (a.join() < b.join() ? -1 : 1));
}

describe('Rocket.Chat live state against the simulator', () => {
  const clock = createManualClock(T0);
  let rc: RocketChatHarness;
  let legacy: RocketChatHarness;
  let h: ExporterHarness;
  beforeEach(async () => {
    clock.set(T0);
    rc = await startRocketChat({ clock, rateLimit: false, cacheTtlMs: 0 });
    legacy = await startRocketChat({ clock, rateLimit: false, cacheTtlMs: 0, version: '6.10.2' });
    h = startExporter(clock);
  });
  afterEach(async () => {
    await h.close();
    await rc.sim.close();
    await legacy.sim.close();
  });

  /** Targets on both servers, counting (a budget that cannot fit a listing) and listing (unlimited). */
  async function start(): Promise<void> {
    const common = { windows: ['1h'], endpoints: LIVE_ONLY, departments: { ids: [SALES, SUPPORT] } };
    // 10 a minute, every 5 s: one livechat/rooms call per live cycle, less than a listing's three.
    const counting = { ...common, budget: { requests: 10, per: '1m' }, live_schedule: '*/5 * * * * *', timeout: '4s' };
    const listing = { ...common, budget: 'unlimited' };
    await h.exporter.apply(
      configOf([
        rcTarget('count', rc.url, BOT_USER, counting),
        rcTarget('list', rc.url, BOT_USER, listing),
        rcTarget('legacy-count', legacy.url, BOT_USER, counting),
        rcTarget('legacy-list', legacy.url, BOT_USER, listing),
      ]),
    );
    await h.exporter.firstCycles();
  }

  it('counting per department and listing grouped by department give the same numbers, on newest and pre-6.11 servers', async () => {
    await start();
    const { series } = h.scrape();
    assert.equal(valueOf(series, 'livechat_exporter_rocketchat_rooms_listing', { target: 'count' }), 0);
    assert.equal(valueOf(series, 'livechat_exporter_rocketchat_rooms_listing', { target: 'list' }), 1);
    const expected = rooms(series, 'list');
    assert.equal(expected.length, 9, JSON.stringify(expected));
    assert.ok(expected.some(([, , v]) => v > 0));
    for (const target of ['count', 'legacy-count', 'legacy-list'])
      assert.deepEqual(rooms(series, target), expected, target);
    // The oldest wait too, for every target.
    const oldest = (target: string) => select(series, OLDEST, { target }).map((s) => [s.labels.department, s.value]);
    for (const target of ['count', 'legacy-count', 'legacy-list'])
      assert.deepEqual(oldest(target), oldest('list'), target);
    // What the servers are, and that the old one cost one refused call per job at most.
    assert.equal(valueOf(series, 'livechat_exporter_rocketchat_rooms_queued_filter', { target: 'list' }), 1);
    assert.equal(valueOf(series, 'livechat_exporter_rocketchat_rooms_queued_filter', { target: 'legacy-list' }), 0);
    assert.equal(valueOf(series, 'livechat_exporter_up', { target: 'legacy-list' }), 1);
    assert.equal(select(series, 'livechat_exporter_errors_total', { target: 'legacy-list' }).length, 0);
    // Live series carry no window, and refresh per department (count) or as one group (listing).
    for (const s of select(series, LIVE)) assert.equal(s.labels.window, undefined);
    const fresh = (target: string) =>
      select(series, 'livechat_exporter_data_refresh_timestamp_seconds', { target, endpoint: 'livechat-rooms' }).map(
        (s) => s.labels.department,
      );
    assert.deepEqual(fresh('count').sort(), ['all', SALES, SUPPORT].sort());
    assert.deepEqual(fresh('list'), ['']);
  });

  it('a burst raises the live gauges within one live cycle: queued now, and the oldest wait is the burst', async () => {
    await start();
    const before = valueOf(h.scrape().series, LIVE, { target: 'list', department: SALES, state: 'queued' })!;
    // A minute on, so the counting targets' budget (10 a minute, 9 spent) has room for a whole cycle again.
    clock.advance(61_000);
    rc.sim.burst({ department: 'Sales', count: 30, queueForMs: 30 * 60_000 });
    legacy.sim.burst({ department: 'Sales', count: 30, queueForMs: 30 * 60_000 });
    await h.exporter.pollAll();
    const { series } = h.scrape();
    for (const target of ['count', 'list', 'legacy-count', 'legacy-list']) {
      assert.equal(valueOf(series, LIVE, { target, department: SALES, state: 'queued' }), before + 30, target);
      assert.equal(valueOf(series, LIVE, { target, department: 'all', state: 'queued' })! >= before + 30, true);
    }
    // The burst is the newest queued room: the oldest wait is older still, or it when the queue was empty.
    const oldest = valueOf(series, OLDEST, { target: 'list', department: SALES })!;
    assert.ok(oldest <= (T0 + 61_000) / 1000);
    if (before === 0) assert.equal(oldest, (T0 + 61_000) / 1000);
  });

  it('agents by status add up to every agent of the department, and each department can take chats or not', async () => {
    await start();
    const { series } = h.scrape();
    for (const dep of [SALES, SUPPORT]) {
      const agents = select(series, 'livechat_exporter_rocketchat_live_agents', { target: 'list', department: dep });
      assert.deepEqual(agents.map((s) => s.labels.status).sort(), [
        'available',
        'away',
        'busy',
        'not_available',
        'offline',
      ]);
      assert.equal(
        agents.reduce((sum, s) => sum + s.value, 0),
        rc.sim.world.agents(dep).length,
      );
      const routable = agents.filter((s) => ['available', 'away', 'busy'].includes(s.labels.status!));
      const online = valueOf(series, 'livechat_exporter_rocketchat_live_department_online', {
        target: 'list',
        department: dep,
      });
      assert.equal(online, routable.some((s) => s.value > 0) ? 1 : 0, dep);
    }
  });
});

describe('Rocket.Chat live jobs: odd answers', () => {
  let server: Server;
  let url: string;
  let body: unknown = {};
  const dispatcher = new Agent();
  before(async () => {
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  after(async () => {
    await new Promise((r) => server.close(r));
    await dispatcher.destroy();
  });

  /** Runs `job` against the answer `answer`; returns its samples (as name → value) and the problems it reported. */
  async function run(job: Job, answer: unknown): Promise<{ values: [string, number][]; problems: string[] }> {
    body = answer;
    const clock = createManualClock(T0);
    const http = createUpstreamClient({
      baseUrl: url,
      source: { requestHeaders: () => ({}), decodeError: decodeRocketChatError },
      budget: createBudget('unlimited', clock),
      clock,
      dispatcher,
      timeoutMs: 2_000,
      retries: 0,
    });
    const problems: string[] = [];
    const samples = await job.run({ http, signal: new AbortController().signal, problem: (m) => problems.push(m) });
    return { values: samples.map((s) => [`${s.metric.name}${JSON.stringify(s.labels)}`, s.value]), problems };
  }

  it('livechat/config with Omnichannel off (no "online") reads as 0; "online" of another type is malformed', async () => {
    const job = departmentOnlineJob(ALL_DEPARTMENTS);
    assert.deepEqual((await run(job, { config: { enabled: false }, success: true })).values, [
      ['livechat_exporter_rocketchat_live_department_online{}', 0],
    ]);
    assert.deepEqual((await run(job, { config: { enabled: true, online: true }, success: true })).values, [
      ['livechat_exporter_rocketchat_live_department_online{}', 1],
    ]);
    await assert.rejects(run(job, { config: { enabled: true, online: 'yes' } }), /livechat\/config: "online" is "yes"/);
    await assert.rejects(run(job, { success: true }), /expected \{config/);
  });

  it('livechat/users/agent: an unknown status is reported and that agent skipped, never guessed', async () => {
    const users = [
      { username: 'a', status: 'online', statusLivechat: 'available', departments: ['d1'] },
      { username: 'b', status: 'dnd', statusLivechat: 'available', departments: ['d1'] },
      { username: 'c', status: 'online', statusLivechat: 'not-available', departments: ['d1'] },
    ];
    const r = await run(agentsJob([{ id: 'd1', name: 'One' }]), {
      users,
      count: 3,
      offset: 0,
      total: 3,
      success: true,
    });
    const d1 = r.values
      .filter(([k, v]) => k.includes('"d1"') && v > 0)
      .map(([k, v]) => [(JSON.parse(k.slice(k.indexOf('{'))) as { status: string }).status, v]);
    assert.deepEqual(d1, [
      ['available', 1],
      ['not_available', 1],
    ]);
    assert.equal(r.problems.length, 1, r.problems.join());
    assert.match(r.problems[0]!, /"b".*unknown status/);
    await assert.rejects(run(agentsJob([]), { users: 'x', total: 1 }), /expected \{users/);
  });

  it('livechat/rooms: a malformed total fails the job; a room without a valid ts is counted and reported', async () => {
    const job = roomCountJob(ALL_DEPARTMENTS, createLiveRoomsState(), T0);
    await assert.rejects(run(job, { rooms: [], total: '3' }), /expected \{rooms/);
    const r = await run(job, { rooms: [{ ts: 'yesterday' }], count: 1, offset: 0, total: 4, success: true });
    assert.deepEqual(
      r.values.map(([k, v]) => [k, v]),
      [
        ['livechat_exporter_rocketchat_live_conversations{"state":"queued"}', 4],
        ['livechat_exporter_rocketchat_live_conversations{"state":"open"}', 4],
        ['livechat_exporter_rocketchat_live_conversations{"state":"onhold"}', 4],
      ],
      'no oldest-wait sample without a valid ts',
    );
    assert.ok(r.problems.length >= 1 && /without a valid ts/.test(r.problems[0]!), r.problems.join());
  });
});

describe('Rocket.Chat live rooms: counting or listing', () => {
  const state = (totals: { queued?: number; open?: number; onhold?: number }, queuedFilter?: boolean) => ({
    ...createLiveRoomsState(),
    totals,
    ...(queuedFilter !== undefined && { queuedFilter }),
  });
  it('lists when that needs fewer calls than 3 per department and fits the budget of a live cycle', () => {
    // 5 departments: counting is 18 calls; a listing of few rooms is 3.
    assert.equal(chooseListing(state({ queued: 3, open: 40, onhold: 2 }), 5, Infinity), true);
    // No department: 3 count calls against 3 pages; counting sends smaller bodies.
    assert.equal(chooseListing(state({}), 0, Infinity), false);
    // 2,000 open rooms are 20 pages: more than the 9 calls of counting 2 departments.
    assert.equal(chooseListing(state({ open: 2000 }), 2, Infinity), false);
    // 500 departments: 1,503 count calls against 25 pages.
    assert.equal(chooseListing(state({ queued: 150, open: 2000, onhold: 50 }), 500, Infinity), true);
    // ...unless a listing cannot be read within the route's budget of one cycle (it would never finish).
    assert.equal(chooseListing(state({ queued: 3, open: 40 }), 5, 2), false);
  });
  it('before 6.11 the queued rooms come in the open listing: one listing fewer', () => {
    assert.equal(chooseListing(state({ queued: 50, open: 40 }, false), 0, Infinity), false);
    assert.equal(chooseListing(state({ queued: 50, open: 40 }, false), 1, Infinity), true);
  });
  it('keeps its mode unless the other saves a fifth of the calls', () => {
    const s = { ...state({ queued: 120, open: 230, onhold: 10 }), listing: true };
    // 6 pages against 6 count calls (one department): stays listing.
    assert.equal(chooseListing(s, 1, Infinity), true);
    assert.equal(chooseListing({ ...s, listing: false }, 1, Infinity), false);
  });
});
