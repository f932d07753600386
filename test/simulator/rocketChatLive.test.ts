import { strict as assert } from 'node:assert';
import { createManualClock } from '../../src/clock';
import { dash, qs, startRocketChat, T0, type RocketChatHarness } from '../helpers/startRocketChat';

const ROOMS = '/api/v1/livechat/rooms';
const AGENTS = '/api/v1/livechat/users/agent';
const CONFIG = '/api/v1/livechat/config';
const SALES = 'CAJioQNAvLnYWTy8i';
/** A window wide enough to hold every room the simulated server keeps (its retention is 35 days). */
const EVER = { start: new Date(T0 - 40 * 86_400_000).toISOString(), end: new Date(T0).toISOString() };

interface RoomsBody {
  rooms: { _id: string; ts: string; departmentId?: string; open?: true; servedBy?: unknown; onHold?: true }[];
  count: number;
  offset: number;
  total: number;
  success: boolean;
}
const total = async (h: RocketChatHarness, params: Record<string, string>): Promise<number> => {
  const r = await h.get(ROOMS + qs({ count: '1', ...params }));
  assert.equal(r.status, 200, r.text);
  return (r.json as RoomsBody).total;
};

describe('rocketchat simulator: live state (livechat/rooms, users/agent, config)', () => {
  let h: RocketChatHarness;
  beforeEach(async () => {
    h = await startRocketChat({ rateLimit: false, cacheTtlMs: 0 });
  });
  afterEach(() => h.sim.close());

  it('queued, open and on hold now are disjoint and are the rooms charts/chats counts over all time', async () => {
    for (const dep of [undefined, SALES]) {
      const d: Record<string, string> = dep ? { departmentId: dep } : {};
      const chats = (await h.get(dash('charts/chats') + qs({ ...EVER, ...d }))).json as Record<string, number>;
      const queued = await total(h, { queued: 'true', ...d });
      const open = await total(h, { open: 'true', ...d });
      const onhold = await total(h, { onhold: 'true', ...d });
      assert.deepEqual({ queued, open, onhold }, { queued: chats.queued, open: chats.open, onhold: chats.onhold });
      assert.ok(open > 0 && queued + open + onhold > 0, JSON.stringify({ queued, open, onhold }));
      // queued overrides open and onhold (e2e-tested upstream); open=true&onhold=true is the on-hold rooms.
      assert.equal(await total(h, { queued: 'true', open: 'true', ...d }), queued);
      assert.equal(await total(h, { queued: 'true', onhold: 'true', ...d }), queued);
      assert.equal(await total(h, { open: 'true', onhold: 'true', ...d }), onhold);
    }
  });

  it('pages with count/offset, reads total regardless of paging, and sorts by ts', async () => {
    const all = (await h.get(ROOMS + qs({ open: 'true', count: '100' }))).json as RoomsBody;
    assert.equal(all.rooms.length, Math.min(100, all.total));
    const one = (await h.get(ROOMS + qs({ open: 'true', count: '1', sort: '{"ts":1}' }))).json as RoomsBody;
    assert.equal(one.count, 1);
    assert.equal(one.total, all.total);
    const oldest = Math.min(...all.rooms.map((r) => Date.parse(r.ts)));
    assert.ok(all.total > 100 || Date.parse(one.rooms[0]!.ts) === oldest);
    for (const r of all.rooms) assert.ok(r.open && r.servedBy && !r.onHold, JSON.stringify(r));
    const bad = await h.get(ROOMS + qs({ sort: '{"ts":2}' }));
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.json, {
      success: false,
      error: 'Invalid sort parameter provided: "{"ts":2}" [error-invalid-sort]',
      errorType: 'error-invalid-sort',
    });
  });

  it('filters by department id only: several ids (repeated or key[]), an unknown id or a name give what upstream gives', async () => {
    const sales = await total(h, { open: 'true', departmentId: SALES });
    const other = h.sim.world.departments().find((d) => d.id !== SALES)!.id;
    const repeated = await h.get(`${ROOMS}?open=true&count=1&departmentId=${SALES}&departmentId=${other}`);
    const both = (repeated.json as RoomsBody).total;
    assert.equal(both, sales + (await total(h, { open: 'true', departmentId: other })));
    const params = `${ROOMS}?open=true&count=1&departmentId[]=${SALES}&departmentId[]=${other}`;
    assert.equal(((await h.get(params)).json as RoomsBody).total, both);
    assert.equal(await total(h, { open: 'true', departmentId: 'NoSuchDepartment1' }), 0);
    assert.equal(await total(h, { open: 'true', departmentId: 'Sales' }), 0);
    assert.equal(await total(h, { open: 'true', departmentId: 'undefined' }), await total(h, { open: 'true' }));
  });

  it('only the exact strings true/false count for open: anything else disables the filter', async () => {
    const everything = await total(h, {});
    assert.equal(await total(h, { open: '1' }), everything);
    assert.ok(everything > (await total(h, { open: 'true' })) + (await total(h, { open: 'false' })) - 1);
  });

  it('checks view-livechat-rooms in the handler: 403 after the limiter, so it spends budget', async () => {
    await h.sim.close();
    h = await startRocketChat({
      rateLimit: { limit: 10, periodMs: 60_000 },
      users: [{ userId: 'mgr', token: 'mgr-token', permissions: ['view-livechat-manager'] }],
    });
    const headers = { 'X-User-Id': 'mgr', 'X-Auth-Token': 'mgr-token' };
    const r = await h.get(ROOMS + qs({ queued: 'true', count: '1' }), headers);
    assert.equal(r.status, 403);
    assert.equal(r.text, '{"success":false,"error":"unauthorized"}');
    assert.equal(r.headers.get('x-ratelimit-remaining'), '9');
    // The dashboards still answer the same user.
    assert.equal((await h.get(dash('charts/chats') + qs(EVER), headers)).status, 200);
  });

  it('before 6.11: no queued filter (400), and open=true includes queued rooms', async () => {
    const modern = { open: await total(h, { open: 'true' }), queued: await total(h, { queued: 'true' }) };
    await h.sim.close();
    h = await startRocketChat({ rateLimit: false, version: '6.10.2' });
    const r = await h.get(ROOMS + qs({ queued: 'true', count: '1' }));
    assert.equal(r.status, 400);
    assert.deepEqual(r.json, {
      success: false,
      error: 'must NOT have additional properties [invalid-params]',
      errorType: 'invalid-params',
    });
    const open = (await h.get(ROOMS + qs({ open: 'true', count: '100' }))).json as RoomsBody;
    assert.equal(open.total, modern.open + modern.queued);
    const unserved = open.rooms.filter((x) => x.servedBy === undefined).length;
    assert.ok(modern.queued === 0 || open.total > 100 || unserved === modern.queued);
    assert.equal(((await h.get('/api/info')).json as { version: string }).version, '6.10.2');
  });

  it('a burst with queueForMs fills the queue now: the oldest queued room is the burst, served after the wait', async () => {
    const clock = createManualClock(T0);
    await h.sim.close();
    h = await startRocketChat({ rateLimit: false, clock });
    const before = await total(h, { queued: 'true', departmentId: SALES });
    clock.advance(60_000);
    h.sim.burst({ department: 'Sales', count: 25, queueForMs: 20 * 60_000 });
    assert.equal(await total(h, { queued: 'true', departmentId: SALES }), before + 25);
    const newest = (await h.get(ROOMS + qs({ queued: 'true', departmentId: SALES, count: '1' }))).json as RoomsBody;
    assert.equal(Date.parse(newest.rooms[0]!.ts), T0 + 60_000);
    // Rooms created now, none answered: charts/timings' longest is null, as Mongo's $max over nothing.
    const now = new Date(T0 + 60_000).toISOString();
    const timings = (await h.get(dash('charts/timings') + qs({ start: now, end: now, departmentId: SALES })))
      .json as Record<string, { avg: number; longest: number | null }>;
    assert.deepEqual(timings.response, { avg: 0, longest: null });
    assert.deepEqual(timings.chatDuration, { avg: 0, longest: 0 });
    clock.advance(21 * 60_000);
    assert.ok((await total(h, { queued: 'true', departmentId: SALES })) < before + 25);
  });

  it('users/agent: every agent with presence, availability and department ids, agreeing with agents-status', async () => {
    const body = (await h.get(AGENTS + qs({ count: '100' }))).json as {
      users: { status: string; statusLivechat: string; departments: string[] }[];
      total: number;
    };
    assert.equal(body.total, h.sim.world.agents().length);
    const sales = body.users.filter((u) => u.departments.includes(SALES));
    const status = (await h.get(dash('charts/agents-status') + qs({ departmentId: SALES }))).json as Record<
      string,
      number
    >;
    const availableWith = (s: string) => sales.filter((u) => u.statusLivechat === 'available' && u.status === s);
    assert.equal(availableWith('online').length, status.available ?? 0);
    assert.equal(availableWith('away').length, status.away ?? 0);
    assert.equal(availableWith('busy').length, status.busy ?? 0);
    assert.equal(
      sales.length - availableWith('online').length - availableWith('away').length - availableWith('busy').length,
      status.offline ?? 0,
    );
    const page = (await h.get(AGENTS + qs({ count: '2', offset: '2' }))).json as { users: unknown[]; count: number };
    assert.equal(page.count, 2);
    const nobody = await h.get(AGENTS, { 'X-User-Id': 'exporter-user', 'X-Auth-Token': 'exporter-token-0123456789' });
    assert.equal(nobody.status, 200, 'a livechat manager may list agents');
  });

  it('config: unauthenticated; online per department id follows its agents; a name is not an id', async () => {
    const res = await fetch(h.url + CONFIG + qs({ department: SALES }));
    assert.equal(res.status, 200);
    const body = (await res.json()) as { config: { online: boolean; enabled: boolean } };
    const routable = h.sim.world
      .agents(SALES)
      .some((a) => ['available', 'away', 'busy'].includes(h.sim.world.agentStatus(a)));
    assert.equal(body.config.enabled, true);
    assert.equal(body.config.online, routable);
    const byName = (await (await fetch(h.url + CONFIG + qs({ department: 'Sales' }))).json()) as typeof body;
    assert.equal(byName.config.online, false);
    assert.equal((await fetch(h.url + CONFIG + qs({ x: '1' }))).status, 400);
  });
});

describe('rocketchat simulator: 401 and 403 bodies per build and mode', () => {
  const cases = [
    {
      version: '6.10.0',
      breakingChanges: false,
      unauthorized: { status: 'error', message: 'You must be logged in to do this.' },
      route: 'User does not have the permissions required for this action [error-unauthorized]',
      handler: 'unauthorized',
    },
    {
      version: '7.5.0',
      breakingChanges: false,
      unauthorized: {
        success: false,
        error: 'You must be logged in to do this.',
        status: 'error',
        message: 'You must be logged in to do this.',
      },
      route: 'User does not have the permissions required for this action [error-unauthorized]',
      handler: 'unauthorized',
    },
    {
      version: '8.2.0',
      breakingChanges: true,
      unauthorized: { success: false, error: 'You must be logged in to do this.' },
      route: 'User does not have the permissions required for this action [error-forbidden]',
      handler: 'forbidden',
    },
    {
      version: '3.18.0',
      breakingChanges: false,
      unauthorized: { status: 'error', message: 'You must be logged in to do this.' },
      route: 'unauthorized',
      handler: 'unauthorized',
    },
  ];
  for (const c of cases) {
    it(`${c.version}${c.breakingChanges ? ' in 9.0 mode' : ''}`, async () => {
      const h = await startRocketChat({
        rateLimit: false,
        version: c.version,
        breakingChanges: c.breakingChanges,
        users: [{ userId: 'none', token: 'none-token', permissions: [] }],
      });
      try {
        const none = { 'X-User-Id': 'none', 'X-Auth-Token': 'none-token' };
        const loggedOut = await h.get(dash('charts/chats') + qs(EVER), { 'X-User-Id': 'x', 'X-Auth-Token': 'y' });
        assert.equal(loggedOut.status, 401);
        assert.deepEqual(loggedOut.json, c.unauthorized);
        const route = await h.get(dash('charts/chats') + qs(EVER), none);
        assert.equal(route.status, 403);
        assert.deepEqual(route.json, { success: false, error: c.route });
        for (const path of [ROOMS + qs({ open: 'true' }), AGENTS]) {
          const handler = await h.get(path, none);
          assert.equal(handler.status, 403, path);
          assert.deepEqual(handler.json, { success: false, error: c.handler }, path);
        }
      } finally {
        await h.sim.close();
      }
    });
  }
});
