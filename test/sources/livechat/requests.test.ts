import { strict as assert } from 'node:assert';
import { DEMO_BASIC } from '../../helpers/startLiveChat';
import { T0 } from '../../helpers/startRocketChat';
import { startHarness, targetYaml, type Harness } from './harness';

/**
 * The exact requests a target sends per version, read back from the simulator's
 * request log. T0 is 14:30 UTC = 16:30 in Berlin (CEST, +02:00).
 */
const FILTERS =
  'filters: {groups: [1, 2], agents: [alice@example.com, bob@example.com], tags: [support, "quote \\"q\\""]}';
const BERLIN = 'timezone: Europe/Berlin';
const FROM = '2024-05-15T15:30:00+02:00';
const TO = '2024-05-15T16:30:00+02:00';

describe('livechat requests', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  const log = () =>
    h.sim.requests.all().map((e) => ({
      method: e.method,
      path: e.path,
      query: { ...e.query },
      body: e.body,
      auth: e.headers.authorization,
      status: e.status,
    }));

  it('v3.2: GET, flat query, no timezone, `names` for the tags report, Basic PAT', async () => {
    await h.start(targetYaml(`${BERLIN}\n${FILTERS}`, { version: '3.2' }));
    const base = {
      from: FROM,
      to: TO,
      distribution: 'day',
      groups: '1,2',
      agents: 'alice@example.com,bob@example.com',
    };
    assert.deepEqual(log(), [
      {
        method: 'GET',
        path: '/v3.2/reports/chats/agents_chatting_duration',
        query: { ...base, tags: 'support,quote "q"' },
        body: undefined,
        auth: DEMO_BASIC,
        status: 200,
      },
      {
        method: 'GET',
        path: '/v3.2/reports/chats/tags',
        query: { ...base, names: 'support,quote "q"' },
        body: undefined,
        auth: DEMO_BASIC,
        status: 200,
      },
    ]);
  });

  it('v3.3: adds timezone and total_chats', async () => {
    await h.start(targetYaml(BERLIN, { version: '3.3' }));
    const query = { from: FROM, to: TO, distribution: 'day', timezone: 'Europe/Berlin' };
    assert.deepEqual(
      log().map(({ method, path, query: q }) => ({ method, path, query: q })),
      [
        { method: 'GET', path: '/v3.3/reports/chats/agents_chatting_duration', query },
        { method: 'GET', path: '/v3.3/reports/chats/tags', query },
        { method: 'GET', path: '/v3.3/reports/chats/total_chats', query },
      ],
    );
    assert.ok(log().every((e) => e.status === 200));
  });

  it('the offset in from/to is explicit and follows the zone, also for UTC', async () => {
    await h.start(targetYaml('timezone: UTC', { version: '3.2' }));
    assert.deepEqual(
      { ...h.sim.requests.all()[0]!.query },
      { from: '2024-05-15T13:30:00+00:00', to: '2024-05-15T14:30:00+00:00', distribution: 'day' },
    );
  });

  for (const version of ['3.4', '3.5', '3.6']) {
    it(`v${version}: POST JSON body with distribution, timezone and filters`, async () => {
      await h.start(targetYaml(`${BERLIN}\n${FILTERS}\nreports: {ranking: true, performance: true}`, { version }));
      const entries = log();
      assert.ok(entries.length > 0);
      const all = {
        from: FROM,
        to: TO,
        groups: { values: [1, 2] },
        agents: { values: ['alice@example.com', 'bob@example.com'] },
        tags: { values: ['support', 'quote "q"'] },
      };
      const agentsOnly = {
        from: FROM,
        to: TO,
        groups: { values: [1, 2] },
        agents: { values: ['alice@example.com', 'bob@example.com'] },
      };
      const chats = { distribution: 'day', timezone: 'Europe/Berlin', filters: all };
      const expected: Record<string, unknown> = {
        'chats/duration': chats,
        'chats/tags': chats,
        'chats/total_chats': chats,
        'chats/ratings': chats,
        'chats/response_time': chats,
        'chats/first_response_time': chats,
        'chats/engagement': chats,
        'agents/availability': { distribution: 'day', timezone: 'Europe/Berlin', filters: agentsOnly },
        'chats/ranking': chats,
        'agents/performance': { distribution: 'day', timezone: 'Europe/Berlin', filters: agentsOnly },
      };
      if (version !== '3.4')
        expected['tags/chat_usage'] = {
          timezone: 'Europe/Berlin',
          filters: { from: FROM, to: TO, groups: { values: [1, 2] } },
        };
      if (version === '3.6') {
        expected['chats/queued_visitors'] = { filters: { from: FROM, to: TO } };
        expected['chats/groups'] = chats;
        expected['customers/unique_visitors'] = { filters: { from: FROM, to: TO } };
      }
      assert.deepEqual(
        entries.map((e) => e.path).sort(),
        Object.keys(expected)
          .map((m) => `/v${version}/reports/${m}`)
          .sort(),
      );
      for (const e of entries) {
        assert.equal(e.method, 'POST', e.path);
        assert.deepEqual(e.query, {}, e.path);
        assert.equal(e.auth, DEMO_BASIC, e.path);
        assert.deepEqual(e.body, expected[e.path.replace(`/v${version}/reports/`, '')], e.path);
        assert.equal(e.status, 200, e.path);
      }
      assert.equal(h.sim.requests.all()[0]!.headers['content-type'], 'application/json');
    });
  }

  it('a Bearer token is sent as is; one job per report × window', async () => {
    const yaml = targetYaml('reports: {groups: false}', { windows: '[15m, 1h, today]' }).replace(
      'auth: {type: pat, account_id: {env: LC_ACCOUNT}, token: {env: LC_PAT}}',
      'auth: {type: bearer, token: {env: LC_BEARER}}',
    );
    await h.start(yaml);
    const entries = h.sim.requests.all();
    assert.ok(entries.every((e) => e.headers.authorization === 'Bearer dal:demo-bearer-token' && e.status === 200));
    const duration = entries
      .filter((e) => e.path === '/v3.6/reports/chats/duration')
      .map((e) => (e.body as { filters: { from: string; to: string } }).filters);
    assert.deepEqual(
      duration.sort((a, b) => (a.from < b.from ? -1 : 1)),
      [
        { from: '2024-05-15T00:00:00+00:00', to: '2024-05-15T14:30:00+00:00' },
        { from: '2024-05-15T13:30:00+00:00', to: '2024-05-15T14:30:00+00:00' },
        { from: '2024-05-15T14:15:00+00:00', to: '2024-05-15T14:30:00+00:00' },
      ],
    );
    assert.equal(entries.length, 11 * 3, 'the 12 default v3.6 reports but groups, in 3 windows');
    assert.equal(T0, Date.parse('2024-05-15T14:30:00Z'));
  });

  it('the configured region is sent as X-Region', async () => {
    await h.start(targetYaml('region: fra\nreports: {tags: false}', { version: '3.2' }));
    assert.deepEqual(
      h.sim.requests.all().map((e) => e.headers['x-region']),
      ['fra'],
    );
  });
});
