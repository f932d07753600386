import { strict as assert } from 'node:assert';
import { dash, qs, startRocketChat, T0, type RocketChatHarness } from '../helpers/startRocketChat';

const WEEK = qs({ start: new Date(T0 - 7 * 86_400_000).toISOString(), end: new Date(T0 + 86_400_000).toISOString() });
const ENDPOINTS = [
  'conversation-totalizers',
  'agents-productivity-totalizers',
  'chats-totalizers',
  'productivity-totalizers',
  'charts/chats',
  'charts/chats-per-agent',
  'charts/agents-status',
  'charts/chats-per-department',
  'charts/timings',
];

describe('rocketchat simulator: world, burst, cache, departments, control API, log', () => {
  let h: RocketChatHarness;
  beforeEach(async () => {
    h = await startRocketChat({ rateLimit: false });
  });
  afterEach(() => h.sim.close());

  it('is deterministic: same seed and clock give identical bodies; another seed differs', async () => {
    const other = await startRocketChat({ rateLimit: false });
    const seeded = await startRocketChat({ rateLimit: false, seed: 2 });
    try {
      for (const ep of ENDPOINTS) {
        const a = await h.get(dash(ep) + WEEK);
        const b = await other.get(dash(ep) + WEEK);
        assert.equal(a.text, b.text, ep);
      }
      const a = await h.get(dash('conversation-totalizers') + WEEK);
      const c = await seeded.get(dash('conversation-totalizers') + WEEK);
      assert.notEqual(a.text, c.text);
    } finally {
      await other.sim.close();
      await seeded.sim.close();
    }
  });

  it('changes over time', async () => {
    const a = await h.get(dash('conversation-totalizers') + WEEK);
    h.clock.advance(3 * 3_600_000);
    const b = await h.get(dash('conversation-totalizers') + WEEK);
    assert.notEqual(a.text, b.text);
  });

  it('burst raises open counts and stays open for hours (after the 5 s server cache)', async () => {
    const before = (await h.get(dash('charts/chats') + WEEK)).json as { open: number };
    const res = await fetch(`${h.url}/_simulator/burst`, {
      method: 'POST',
      body: JSON.stringify({ department: 'Sales', count: 25 }),
    });
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { burst: number }).burst, 25);
    const cached = (await h.get(dash('charts/chats') + WEEK)).json as { open: number };
    assert.equal(cached.open, before.open, 'answers are cached per exact query for 5 s');
    h.clock.advance(5_000);
    const after = (await h.get(dash('charts/chats') + WEEK)).json as { open: number };
    assert.ok(after.open >= before.open + 25 - 5, `${after.open} vs ${before.open}`);
    const perDep = (await h.get(dash('charts/chats-per-department') + WEEK)).json as Record<string, { open: number }>;
    assert.ok((perDep.Sales?.open ?? 0) >= 25);
    h.clock.advance(2 * 3_600_000 - 10_000);
    const later = (await h.get(dash('charts/chats-per-department') + WEEK)).json as Record<string, { open: number }>;
    assert.ok((later.Sales?.open ?? 0) >= 25, 'still open two hours later');
  });

  it('programmatic burst without department spreads over departments', () => {
    const created = h.sim.burst({ count: 12 });
    assert.equal(created.length, 12);
    assert.equal(new Set(created.map((c) => c.departmentId)).size, 6);
  });

  it('paginates departments with count/offset/total, caps count at 100, count=0 = all', async () => {
    const p1 = (await h.get('/api/v1/livechat/department?count=4&offset=0')).json as {
      departments: { _id: string; name: string }[];
      count: number;
      offset: number;
      total: number;
    };
    assert.equal(p1.count, 4);
    assert.equal(p1.total, 6);
    const p2 = (await h.get('/api/v1/livechat/department?count=4&offset=4')).json as typeof p1;
    assert.equal(p2.count, 2);
    assert.equal(p2.offset, 4);
    const ids = [...p1.departments, ...p2.departments].map((d) => d._id);
    assert.equal(new Set(ids).size, 6);
    assert.equal(((await h.get('/api/v1/livechat/department?count=0')).json as typeof p1).count, 6);
    assert.equal(((await h.get('/api/v1/livechat/department?count=500')).json as typeof p1).count, 6);
    const def = (await h.get('/api/v1/livechat/department')).json as typeof p1;
    assert.deepEqual(
      def.departments.map((d) => d.name),
      [...def.departments.map((d) => d.name)].sort(),
    );
    const bad = await h.get('/api/v1/livechat/department?limit=5');
    assert.equal(bad.status, 400);
    assert.equal((bad.json as { error: string }).error, 'must NOT have additional properties [invalid-params]');
    assert.equal((await h.get('/api/v1/livechat/department?count=abc')).status, 400);
  });

  it('adds and removes departments at runtime (discovery)', async () => {
    const add = await fetch(`${h.url}/_simulator/departments`, {
      method: 'POST',
      body: JSON.stringify({ name: 'New "Dept"' }),
    });
    assert.equal(add.status, 201);
    const created = (await add.json()) as { _id: string };
    assert.equal(created._id.length, 17);
    let list = (await h.get('/api/v1/livechat/department?count=0')).json as { total: number };
    assert.equal(list.total, 7);
    const del = await fetch(`${h.url}/_simulator/departments/${created._id}`, { method: 'DELETE' });
    assert.equal(del.status, 200);
    list = (await h.get('/api/v1/livechat/department?count=0')).json as { total: number };
    assert.equal(list.total, 6);
    assert.equal((await fetch(`${h.url}/_simulator/departments/nope`, { method: 'DELETE' })).status, 404);
  });

  it('GET /_simulator/state summarises the world', async () => {
    const s = (await (await fetch(`${h.url}/_simulator/state`)).json()) as {
      departments: unknown[];
      current: { open: number };
    };
    assert.equal(s.departments.length, 6);
    assert.equal(typeof s.current.open, 'number');
  });

  it('records method, path, parsed query, headers, ip, status and body', async () => {
    await h.get(dash('charts/chats') + WEEK);
    const e = h.sim.requests.last('charts/chats');
    assert.ok(e);
    assert.equal(e.method, 'GET');
    assert.equal(e.path, '/api/v1/livechat/analytics/dashboards/charts/chats');
    assert.deepEqual(Object.keys(e.query), ['start', 'end']);
    assert.equal(e.headers['x-auth-token'], 'demo-token');
    assert.equal(e.ip, '127.0.0.1');
    assert.equal(e.status, 200);
    assert.equal((e.responseBody as { success: boolean }).success, true);
  });

  it('keeps the request log bounded', async () => {
    const small = await startRocketChat({ rateLimit: false, maxRequestLog: 5 });
    try {
      for (let i = 0; i < 40; i++) await small.get('/api/info');
      assert.ok(small.sim.requests.size <= 5 + 16);
      assert.equal(small.sim.requests.last()?.path, '/api/info');
    } finally {
      await small.sim.close();
    }
  });

  it('evicts slots older than the retention window as time passes', () => {
    const w = h.sim.world;
    w.forEachConversation(T0 - 35 * 86_400_000, T0, undefined, () => undefined);
    const full = w.stats().cachedSlots;
    assert.ok(full >= 35 * 24 * 6 - 6);
    h.clock.advance(40 * 86_400_000);
    w.forEachConversation(h.clock.now() - 86_400_000, h.clock.now(), undefined, () => undefined);
    assert.ok(w.stats().cachedSlots <= 25 * 6, `${w.stats().cachedSlots}`);
  });
});
