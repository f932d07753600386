import { strict as assert } from 'node:assert';
import { DEMO_BASIC, startLiveChat, type LiveChatHarness } from '../helpers/startLiveChat';

const CHATS = '/v3.6/agent/action/list_chats';
const STATUSES = '/v3.6/agent/action/list_routing_statuses';
const GROUPS = '/v3.6/configuration/action/list_groups';

interface Summary {
  id: string;
  access: { group_ids: number[] };
  last_thread_summary: {
    created_at: string;
    active: boolean;
    queue?: { position: number; wait_time: number; queued_at: string };
  };
}
interface Page {
  chats_summary: Summary[];
  found_chats: number;
  next_page_id?: string;
}
type ErrorBody = { error: { type: string; message: string; data?: Record<string, unknown> } };

const basic = (account: string, pat: string) => ({
  authorization: `Basic ${Buffer.from(`${account}:${pat}`).toString('base64')}`,
});

describe('livechat simulator: live state (Agent Chat and Configuration APIs v3.6)', () => {
  let h: LiveChatHarness;
  beforeEach(async () => {
    h = await startLiveChat({
      accounts: [
        { accountId: 'demo-account', pat: 'demo-pat' },
        { accountId: 'reports', pat: 'r', scopes: ['reports_read'] },
        { accountId: 'agents', pat: 'a', scopes: ['agents--all:ro', 'groups--all:rw', 'chats--all:rw'] },
        { accountId: 'member', pat: 'm', scopes: ['chats--access:ro'], groups: [1] },
      ],
    });
  });
  afterEach(() => h.sim.close());

  /** Every page of list_chats with `first` as the first body. */
  async function walk(first: Record<string, unknown>, headers?: Record<string, string>): Promise<Page[]> {
    const pages: Page[] = [];
    let body: Record<string, unknown> = first;
    for (;;) {
      const r = await h.post(CHATS, body, headers);
      assert.equal(r.status, 200, r.text);
      const page = r.json as Page;
      pages.push(page);
      if (!page.next_page_id) return pages;
      body = { page_id: page.next_page_id };
    }
  }
  const current = () => (h.sim.state() as { current: Record<string, number> }).current;

  it('lists the chats active now, the same ones the simulator state counts, page by page', async () => {
    const pages = await walk({ filters: { active: true }, limit: 7 });
    const ids = pages.flatMap((p) => p.chats_summary.map((c) => c.id));
    assert.equal(new Set(ids).size, ids.length, 'no chat twice');
    const c = current();
    assert.equal(ids.length, c.queued! + c.open! + c.onhold!);
    assert.ok(pages.every((p) => p.chats_summary.every((s) => s.last_thread_summary.active)));
    assert.ok(pages.slice(0, -1).every((p) => p.chats_summary.length === 7));
    // found_chats is an estimate: close to the count, not the count.
    assert.ok(pages[0]!.found_chats > ids.length && pages[0]!.found_chats < ids.length * 1.2);
    // Newest thread first by default; asc reverses the order.
    const times = pages.flatMap((p) => p.chats_summary.map((s) => Date.parse(s.last_thread_summary.created_at)));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => b - a),
    );
    const asc = (await walk({ filters: { active: true }, sort_order: 'asc', limit: 100 })).flatMap(
      (p) => p.chats_summary,
    );
    assert.deepEqual(
      asc.map((s) => s.id),
      [...ids].reverse(),
    );
    // Without the active filter inactive chats come too; active: false gives only those.
    const inactive = await h.post(CHATS, { filters: { active: false }, limit: 100 });
    assert.ok((inactive.json as Page).chats_summary.every((s) => !s.last_thread_summary.active));
  });

  it('a queued burst is listed queued, with its place and entry time, until agents take it', async () => {
    const at = h.clock.now();
    const created = h.sim.burst({ department: '1', count: 3, queueForMs: 10 * 60_000 });
    const queued = async () =>
      (await walk({ filters: { active: true, group_ids: [1] }, limit: 100 }))
        .flatMap((p) => p.chats_summary)
        .filter((s) => created.some((c) => c.chatId === s.id));
    const listed = await queued();
    assert.equal(listed.length, 3);
    for (const s of listed) {
      assert.equal(s.last_thread_summary.queue?.queued_at, new Date(at).toISOString().replace('Z', '000Z'));
      assert.ok(s.last_thread_summary.queue.position >= 1);
      assert.ok(s.access.group_ids.includes(1));
    }
    assert.equal(
      current().queued,
      (await walk({ filters: { active: true }, limit: 100 }))
        .flatMap((p) => p.chats_summary)
        .filter((s) => s.last_thread_summary.queue).length,
    );
    h.clock.advance(10 * 60_000);
    assert.ok(
      (await queued()).every((s) => s.last_thread_summary.queue === undefined),
      'served after the wait',
    );
  });

  it('the burst control takes queueForMs over HTTP', async () => {
    const before = current().queued!;
    const r = await fetch(`${h.url}/_simulator/burst`, {
      method: 'POST',
      body: JSON.stringify({ department: 'Sales', count: 4, queueForMs: 60_000 }),
    });
    assert.equal(r.status, 200);
    assert.equal(current().queued, before + 4);
  });

  it('routing statuses leave offline agents out; groups list members, priorities and a consistent status', async () => {
    const statuses = (await h.post(STATUSES, {})).json as { agent_id: string; status: string }[];
    const byAgent = new Map(statuses.map((s) => [s.agent_id, s.status]));
    assert.ok(statuses.every((s) => s.status === 'accepting_chats' || s.status === 'not_accepting_chats'));
    const groups = (await h.post(GROUPS, { fields: ['agent_priorities', 'routing_status'] })).json as {
      id: number;
      agent_priorities: Record<string, string>;
      routing_status: string;
    }[];
    assert.deepEqual(
      groups.map((g) => g.id),
      [0, 1, 2, 3, 4],
    );
    for (const g of groups) {
      const members = Object.entries(g.agent_priorities);
      const routed = members.filter(([, p]) => p !== 'supervisor').map(([id]) => byAgent.get(id) ?? 'offline');
      const online = members.some(([id]) => byAgent.has(id));
      const want = routed.includes('accepting_chats') ? 'accepting_chats' : online ? 'not_accepting_chats' : 'offline';
      assert.equal(g.routing_status, want, `group ${g.id}`);
    }
    const plain = (await h.post(GROUPS, {})).json as Record<string, unknown>[];
    assert.ok(plain.every((g) => g.agent_priorities === undefined && typeof g.routing_status === 'string'));
    const sales = (await h.post(STATUSES, { filters: { group_ids: [1] } })).json as { agent_id: string }[];
    const salesMembers = Object.keys(groups[1]!.agent_priorities);
    assert.ok(sales.every((s) => salesMembers.includes(s.agent_id)));
  });

  it('checks scopes per call, with the implications of rw and all; chats--access sees only its groups', async () => {
    const refused = await h.post(CHATS, {}, basic('reports', 'r'));
    assert.equal(refused.status, 403);
    assert.deepEqual(refused.json, {
      error: { type: 'authorization', message: 'Insufficient scopes: chats--all:ro or chats--access:ro' },
    });
    const half = await h.post(STATUSES, {}, basic('agents', 'a'));
    assert.equal(half.status, 403);
    assert.equal((half.json as ErrorBody).error.message, 'Insufficient scopes: agents-bot--all:ro');
    assert.equal((await h.post(GROUPS, {}, basic('agents', 'a'))).status, 200, 'rw includes ro');
    assert.equal((await h.post(CHATS, {}, basic('agents', 'a'))).status, 200);
    const mine = (await walk({ filters: { active: true }, limit: 100 }, basic('member', 'm'))).flatMap(
      (p) => p.chats_summary,
    );
    assert.ok(mine.length > 0 && mine.every((s) => s.access.group_ids.includes(1)));
    assert.equal((await h.post(GROUPS, {}, basic('member', 'm'))).status, 403);
    // The reports need their own scope.
    assert.equal((await h.post('/v3.6/reports/chats/total_chats', {}, basic('agents', 'a'))).status, 403);
  });

  it('refuses bad requests the way LiveChat does', async () => {
    const cases: [string, unknown, number, string][] = [
      [CHATS, { page_id: 'eA==', limit: 10 }, 400, 'page_id cannot be combined with filters, limit or sort_order'],
      [CHATS, { page_id: 'not a page' }, 400, 'Invalid page_id'],
      [CHATS, { limit: 101 }, 400, 'limit must be an integer between 1 and 100'],
      [CHATS, { filters: { include_active: true } }, 400, 'filters.include_active is not a valid filter'],
      [CHATS, { filters: { active: 'yes' } }, 400, 'filters.active must be a boolean or null'],
      [CHATS, { sort_order: 'newest' }, 400, 'sort_order must be one of: asc, desc'],
      [CHATS, '{"filters":', 400, 'Request body is not valid JSON'],
      [STATUSES, { filters: { group_ids: ['1'] } }, 400, 'filters.group_ids must be an array of group IDs'],
      [GROUPS, { fields: ['members'] }, 400, 'fields must be an array of: agent_priorities, routing_status'],
      ['/v3.5/agent/action/list_chats', {}, 400, 'The simulator serves this API at v3.6 only'],
      ['/v3.6/agent/action/list_archives', {}, 404, 'Not found'],
      ['/v3.6/configuration/action/list_chats', {}, 404, 'Not found'],
    ];
    for (const [path, body, status, message] of cases) {
      const r = await h.post(path, body);
      assert.equal(r.status, status, `${path} ${JSON.stringify(body)}: ${r.text}`);
      assert.equal((r.json as ErrorBody).error.message, message);
    }
    const none = await h.post(CHATS, {}, {});
    assert.deepEqual(none.json, { error: { type: 'authentication', message: 'Invalid access token' } });
    assert.equal((await h.get(CHATS)).status, 404, 'POST only');
  });

  it('shares the per-credential limiter with the reports, and injects faults on live paths', async () => {
    const limited = await startLiveChat({ rateLimit: { limit: 2, periodMs: 60_000 } });
    try {
      assert.equal((await limited.post('/v3.6/reports/chats/total_chats', {})).status, 200);
      assert.equal((await limited.post(GROUPS, {})).status, 200);
      const r = await limited.post(CHATS, {});
      assert.equal(r.status, 429);
      assert.equal((r.json as ErrorBody).error.type, 'too_many_requests');
      assert.ok(Number(r.headers.get('retry-after')) > 0);
    } finally {
      await limited.sim.close();
    }
    h.sim.faults.add({ mode: 'service_unavailable', path: 'list_chats', retryAfterSeconds: 5, times: 1 });
    const f = await h.post(CHATS, {});
    assert.equal(f.status, 503);
    assert.equal(f.headers.get('retry-after'), '5');
    assert.equal((await h.post(CHATS, {})).status, 200);
  });

  it('answers misdirected_request from the wrong region', async () => {
    const fra = await startLiveChat({ region: 'fra' });
    try {
      const r = await fra.post(CHATS, {});
      assert.equal(r.status, 400);
      assert.deepEqual((r.json as ErrorBody).error, {
        type: 'misdirected_request',
        message: 'Wrong region',
        data: { region: 'fra' },
      });
      assert.equal((await fra.post(CHATS, {}, { authorization: DEMO_BASIC, 'x-region': 'fra' })).status, 200);
    } finally {
      await fra.sim.close();
    }
  });
});
