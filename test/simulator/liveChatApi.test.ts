import { strict as assert } from 'node:assert';
import { METHODS_BY_VERSION } from '../../simulator/livechat/LiveChatVersion';
import { DEMO_BASIC, startLiveChat, WEEK_FILTERS, type LiveChatHarness } from '../helpers/startLiveChat';

type Report = {
  name: string;
  total?: number;
  records: Record<string, Record<string, unknown>>;
  summary?: Record<string, unknown>;
};

describe('livechat simulator: reports API surface', () => {
  let h: LiveChatHarness;
  before(async () => {
    h = await startLiveChat({
      accounts: [
        { accountId: 'demo-account', pat: 'demo-pat' },
        { accountId: 'noscope', pat: 'x', scopes: ['chats--all:ro'] },
      ],
    });
  });
  after(() => h.sim.close());

  it('authentication: missing or wrong credentials → 401 envelope', async () => {
    const none = await h.post('/v3.6/reports/chats/total_chats', {}, {});
    assert.equal(none.status, 401);
    assert.equal(none.text, '{"error":{"type":"authentication","message":"Invalid access token"}}');
    const wrong = await h.post(
      '/v3.6/reports/chats/total_chats',
      {},
      { authorization: 'Basic ' + Buffer.from('demo-account:nope').toString('base64') },
    );
    assert.equal(wrong.status, 401);
    const bearerAsBasic = await h.post('/v3.6/reports/chats/total_chats', {}, { authorization: 'Bearer demo-pat' });
    assert.equal(bearerAsBasic.status, 401);
  });

  it('authorization: a PAT without reports_read → 403 envelope', async () => {
    const r = await h.post(
      '/v3.6/reports/chats/total_chats',
      {},
      { authorization: 'Basic ' + Buffer.from('noscope:x').toString('base64') },
    );
    assert.equal(r.status, 403);
    assert.equal((r.json as { error: { type: string } }).error.type, 'authorization');
  });

  it('accepts the demo Bearer token', async () => {
    const r = await h.post(
      '/v3.6/reports/chats/total_chats',
      { filters: WEEK_FILTERS },
      { authorization: 'Bearer dal:demo-bearer-token' },
    );
    assert.equal(r.status, 200);
  });

  it('serves exactly the methods of each version (others → not_found 404)', async () => {
    const all = new Set(Object.values(METHODS_BY_VERSION).flat());
    for (const [version, methods] of Object.entries(METHODS_BY_VERSION)) {
      const legacy = version === '3.2' || version === '3.3';
      for (const method of all) {
        const r = legacy
          ? await h.get(
              `/v${version}/reports/${method}?from=2024-05-08T00:00:00Z&to=2024-05-15T00:00:00Z&distribution=day`,
            )
          : await h.post(`/v${version}/reports/${method}`, { filters: WEEK_FILTERS });
        const expected = methods.includes(method) ? 200 : 404;
        assert.equal(r.status, expected, `v${version} ${method}: ${r.text.slice(0, 200)}`);
        if (expected === 404) assert.deepEqual(r.json, { error: { type: 'not_found', message: 'Not found' } });
      }
    }
  });

  it('v3.2/3.3 are GET-only; unknown versions → unsupported_version', async () => {
    assert.equal((await h.post('/v3.3/reports/chats/tags', { filters: WEEK_FILTERS })).status, 404);
    const r = await h.post('/v3.1/reports/chats/tags', { filters: WEEK_FILTERS });
    assert.equal((r.json as { error: { type: string } }).error.type, 'unsupported_version');
  });

  it('lifecycle headers per version', async () => {
    const q = '?from=2024-05-08T00:00:00Z&to=2024-05-09T00:00:00Z&distribution=day';
    assert.equal((await h.get(`/v3.2/reports/chats/tags${q}`)).headers.get('deprecation'), '2023-03-31');
    const v35 = await h.post('/v3.5/reports/chats/total_chats', { filters: WEEK_FILTERS });
    assert.equal(v35.headers.get('legacy'), '2026-12-31');
    assert.equal(v35.headers.get('content-type'), 'application/json');
    const v36 = await h.post('/v3.6/reports/chats/total_chats', { filters: WEEK_FILTERS });
    assert.equal(v36.headers.get('legacy'), null);
    assert.equal(v36.headers.get('deprecation'), null);
    const custom = await startLiveChat({ lifecycle: { '3.6': { header: 'Legacy', date: '2027-01-31' } } });
    try {
      assert.equal((await custom.post('/v3.6/reports/chats/total_chats', {})).headers.get('legacy'), '2027-01-31');
    } finally {
      await custom.sim.close();
    }
  });

  it('day buckets in the requested timezone: every day present, empty ones as {}, zeros omitted', async () => {
    const r = (
      await h.post('/v3.6/reports/chats/total_chats', {
        distribution: 'day',
        timezone: 'Europe/Warsaw',
        filters: { from: '2024-05-08T00:00:00+02:00', to: '2024-05-20T23:59:59+02:00' },
      })
    ).json as Report;
    assert.equal(r.name, 'total-chats-report');
    assert.deepEqual(Object.keys(r.records), [
      '2024-05-08',
      '2024-05-09',
      '2024-05-10',
      '2024-05-11',
      '2024-05-12',
      '2024-05-13',
      '2024-05-14',
      '2024-05-15',
      '2024-05-16',
      '2024-05-17',
      '2024-05-18',
      '2024-05-19',
      '2024-05-20',
    ]);
    assert.deepEqual(r.records['2024-05-16'], {}, 'future days are empty');
    const sum = Object.values(r.records).reduce((s, b) => s + ((b.total as number | undefined) ?? 0), 0);
    assert.equal(r.total, sum);
    for (const b of Object.values(r.records)) for (const v of Object.values(b)) assert.notEqual(v, 0);
  });

  it('GET with dotted query keys equals POST with a JSON body', async () => {
    const body = {
      distribution: 'day',
      timezone: 'UTC',
      filters: { ...WEEK_FILTERS, groups: { values: [1, 2] }, tags: { exclude_values: ['spam'] } },
    };
    const post = await h.post('/v3.6/reports/chats/tags', body);
    const qs = new URLSearchParams([
      ['distribution', 'day'],
      ['timezone', 'UTC'],
      ['filters.from', WEEK_FILTERS.from],
      ['filters.to', WEEK_FILTERS.to],
      ['filters.groups.values', '1'],
      ['filters.groups.values', '2'],
      ['filters.tags.exclude_values', 'spam'],
    ]);
    const get = await h.get(`/v3.6/reports/chats/tags?${qs.toString()}`);
    assert.equal(get.status, 200);
    assert.equal(get.text, post.text);
    assert.ok(!get.text.includes('"spam"'));
  });

  it('v3.2 agents_chatting_duration / v3.3 total_chats shapes', async () => {
    const q = '?from=2024-05-08T00:00:00%2B02:00&to=2024-05-14T23:59:59%2B02:00';
    const d = (await h.get(`/v3.2/reports/chats/agents_chatting_duration${q}`)).json as Report;
    assert.equal(d.name, 'agents-chatting-duration-report');
    assert.equal(Object.keys(d.records).length, 7);
    for (const b of Object.values(d.records))
      for (const k of Object.keys(b)) assert.ok(['count', 'seconds'].includes(k));
    const t = (await h.get(`/v3.3/reports/chats/total_chats${q}&timezone=America/Phoenix&groups=1,2`)).json as Report;
    assert.equal(t.name, 'total-chats-report');
    assert.equal((await h.get(`/v3.2/reports/chats/tags${q}`)).status, 400, 'tags needs distribution in v3.2');
    const without = (await h.get(`/v3.2/reports/chats/tags${q}&distribution=day&names=:without:`)).json as Report;
    assert.equal(without.name, 'tags-report');
    for (const b of Object.values(without.records)) assert.deepEqual(b, {});
  });

  it('validation envelopes', async () => {
    const cases: unknown[] = [
      { filters: { from: '2024-05-08', to: WEEK_FILTERS.to } },
      { filters: { to: WEEK_FILTERS.to } },
      { filters: { from: WEEK_FILTERS.to, to: WEEK_FILTERS.from } },
      { distribution: 'week', filters: WEEK_FILTERS },
      { timezone: 'Mars/Olympus', filters: WEEK_FILTERS },
      { filters: { ...WEEK_FILTERS, tags: { values: ['a'], exists: true } } },
      { filters: { ...WEEK_FILTERS, groups: { values: ['x'] } } },
      '{not json',
    ];
    for (const body of cases) {
      const r = await h.post('/v3.6/reports/chats/total_chats', body);
      assert.equal(r.status, 400, JSON.stringify(body));
      assert.equal((r.json as { error: { type: string } }).error.type, 'validation');
    }
    const agents = await h.post('/v3.6/reports/agents/availability', { distribution: 'month', filters: WEEK_FILTERS });
    assert.equal(agents.status, 400);
    const missing = await h.get('/v3.2/reports/chats/agents_chatting_duration?from=2024-05-08T00:00:00Z');
    assert.equal(missing.status, 400);
  });

  it('defaults to the last seven days without filters', async () => {
    const r = (await h.post('/v3.6/reports/chats/total_chats', {})).json as Report;
    assert.equal(Object.keys(r.records).length, 8);
    assert.ok((r.total ?? 0) > 0);
  });

  it('filters by groups, agents and tags', async () => {
    const all = (await h.post('/v3.6/reports/chats/groups', { filters: WEEK_FILTERS })).json as Report;
    const g1 = (await h.post('/v3.6/reports/chats/groups', { filters: { ...WEEK_FILTERS, groups: { values: [1] } } }))
      .json as Report;
    for (const b of Object.values(g1.records)) for (const k of Object.keys(b)) assert.equal(k, '1');
    assert.ok((g1.total ?? 0) < (all.total ?? 0));
    const agent = h.sim.world.agents()[0]!;
    const perf = (
      await h.post('/v3.6/reports/agents/performance', {
        filters: { ...WEEK_FILTERS, agents: { values: [agent.email] } },
      })
    ).json as Report;
    assert.deepEqual(Object.keys(perf.records), [agent.email]);
    const unassigned = (
      await h.post('/v3.6/reports/chats/total_chats', { filters: { ...WEEK_FILTERS, agents: { exists: false } } })
    ).json as Report;
    assert.equal(unassigned.total, 0, 'chats reports only count served chats');
    const spam = (
      await h.post('/v3.6/reports/chats/tags', { filters: { ...WEEK_FILTERS, tags: { values: ['spam'] } } })
    ).json as Report;
    for (const b of Object.values(spam.records)) assert.ok(Object.keys(b).length === 0 || 'spam' in b);
    const untagged = (
      await h.post('/v3.6/reports/chats/tags', { filters: { ...WEEK_FILTERS, tags: { exists: false } } })
    ).json as Report;
    for (const b of Object.values(untagged.records)) assert.deepEqual(b, {});
    assert.ok((untagged.total ?? 0) > 0);
  });

  it('hostile tag names and more than 30 distinct tags', async () => {
    const r = await h.post('/v3.6/reports/tags/chat_usage', {
      filters: { from: '2024-04-15T00:00:00Z', to: '2024-05-15T23:59:59Z' },
    });
    const records = (r.json as Report).records as unknown as Record<string, number>;
    const names = Object.keys(records);
    assert.ok(names.length >= 30, `${names.length} tags`);
    for (const t of ['返金', 'возврат', 'quote "special"', 'back\\slash', 'new\nline', '', '__proto__'])
      assert.ok(names.includes(t), JSON.stringify(t));
    assert.ok(r.text.includes('"__proto__":'));
  });

  it('other report shapes', async () => {
    const body = { filters: WEEK_FILTERS };
    const q = (await h.post('/v3.6/reports/chats/queued_visitors', body)).json as Report;
    for (const b of Object.values(q.records)) {
      for (const [k, v] of Object.entries(b)) {
        assert.ok(k === 'left_queue' || k === 'queued');
        assert.deepEqual(Object.keys(v as object), ['count', 'min', 'max', 'avg']);
      }
    }
    const left = (await h.post('/v3.6/reports/chats/queued_visitors_left', body)).json as Report;
    const total = left.total ?? 0;
    assert.equal(Object.keys(left.records).length, Math.min(100, total));
    assert.equal(left.summary?.total_pages, Math.max(1, Math.ceil(total / 100)));
    const page2 = (await h.post('/v3.6/reports/chats/queued_visitors_left', { ...body, page: 2 })).json as Report;
    assert.equal(Object.keys(page2.records).length, Math.max(0, Math.min(100, total - 100)));
    const uv = (await h.post('/v3.6/reports/customers/unique_visitors', body)).json as Report;
    assert.deepEqual(Object.keys(uv), ['name', 'summary']);
    const av = (
      await h.post('/v3.6/reports/agents/availability', {
        distribution: 'hour',
        filters: { from: '2024-05-15T00:00:00Z', to: '2024-05-15T23:59:59Z' },
      })
    ).json as Report;
    assert.equal(Object.keys(av.records).length, 24);
    assert.ok(Object.keys(av.records).includes('2024-05-15 09:00:00'));
    const ranking = (await h.post('/v3.6/reports/chats/ranking', body)).json as Report;
    assert.equal(ranking.total, undefined);
    const forms = (await h.post('/v3.6/reports/chats/forms', body)).json as { records: unknown };
    assert.ok(Array.isArray(forms.records));
  });

  it('is deterministic for the same seed and clock', async () => {
    const other = await startLiveChat();
    try {
      const body = { filters: WEEK_FILTERS };
      for (const m of ['chats/total_chats', 'chats/tags', 'agents/performance', 'chats/queued_visitors']) {
        assert.equal(
          (await other.post(`/v3.6/reports/${m}`, body)).text,
          (await h.post(`/v3.6/reports/${m}`, body)).text,
          m,
        );
      }
    } finally {
      await other.sim.close();
    }
  });

  it('burst adds chats for the group', async () => {
    const body = { filters: { from: '2024-05-15T00:00:00Z', to: '2024-05-15T23:59:59Z' } };
    const before = (await h.post('/v3.6/reports/chats/groups', body)).json as Report;
    h.sim.burst({ department: '2', count: 10 });
    h.clock.advance(5_000);
    const after = (await h.post('/v3.6/reports/chats/groups', body)).json as Report;
    const g2 = (r: Report): number => (r.records['2024-05-15']?.['2'] as number | undefined) ?? 0;
    assert.ok(g2(after) >= g2(before) + 10);
  });

  it('uses the demo BASIC constant correctly', () => {
    assert.equal(Buffer.from(DEMO_BASIC.slice(6), 'base64').toString(), 'demo-account:demo-pat');
  });
});
