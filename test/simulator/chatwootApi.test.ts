import { strict as assert } from 'node:assert';
import { startChatwoot, CW_TOKENS, type ChatwootHarness } from '../helpers/startChatwoot';

const A = '/api/v2/accounts/1/';
const JSON_ACCEPT = { accept: 'application/json' };

describe('Chatwoot simulator', () => {
  let cw: ChatwootHarness;
  beforeEach(async () => (cw = await startChatwoot()));
  afterEach(() => cw.sim.close());

  async function get(path: string, token: string | null = CW_TOKENS.admin) {
    const res = await fetch(cw.url + path, {
      headers: { ...JSON_ACCEPT, ...(token && { 'api-access-token': token }) },
    });
    const text = await res.text();
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      text,
      json: () => JSON.parse(text) as unknown,
    };
  }

  it('checks token, bot, account and policy in Chatwoot order, with its bodies', async () => {
    assert.deepEqual((await get(`${A}summary_reports/team`, null)).json(), {
      errors: ['You need to sign in or sign up before continuing.'],
    });
    assert.deepEqual((await get(`${A}summary_reports/team`, 'nope')).json(), { error: 'Invalid Access Token' });
    assert.equal((await get(`${A}summary_reports/team`, CW_TOKENS.bot)).status, 401);
    assert.deepEqual((await get('/api/v2/accounts/2/summary_reports/team')).json(), {
      error: 'Resource could not be found',
    });
    const agent = await get(`${A}live_reports/grouped_conversation_metrics?group_by=nope`, CW_TOKENS.agent);
    assert.equal(agent.status, 422, 'controller checks run before the policy');
    assert.deepEqual((await get(`${A}live_reports/conversation_metrics`, CW_TOKENS.agent)).json(), {
      error: 'You are not authorized to do this action',
    });
  });

  it('counts before auth in fixed UTC minutes, answers 429 as plain text, and resets at :00', async () => {
    await cw.sim.close();
    cw = await startChatwoot({ rackAttack: { perIp: 6, reportsUser: 3 } });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await get(`${A}reports/summary?type=account`, 'bad-token')).status);
    assert.deepEqual(
      statuses,
      [401, 401, 401, 429],
      'rejected calls count: the 4th /reports call of this token is throttled',
    );
    const blocked = await get(`${A}reports/summary?type=account`, 'bad-token');
    assert.equal(blocked.text, 'Retry later\n');
    assert.match(blocked.type, /text\/plain/);
    await get('/api');
    assert.equal((await get('/api')).status, 429, 'the per-IP rule (6) counts every request');
    cw.clock.set(Math.ceil(cw.clock.now() / 60_000) * 60_000);
    assert.equal((await get('/api')).status, 200, 'a new UTC minute');
  });

  it('keeps the quirks: missing type or a fractional epoch is a 500, a missing range reads zeros and nulls', async () => {
    assert.equal((await get(`${A}reports/summary?since=1&until=2`)).status, 500);
    assert.equal((await get(`${A}summary_reports/inbox?since=1.5&until=2`)).status, 500);
    const rows = (await get(`${A}summary_reports/inbox`)).json() as Record<string, unknown>[];
    assert.equal(rows.length, 4);
    assert.ok(rows.every((r) => r.conversations_count === 0 && r.avg_first_response_time === null));
  });

  it('agrees with itself: inboxes and teams (with the teamless) add up to the account, live and windowed', async () => {
    const until = Math.floor(cw.clock.now() / 1000);
    const q = `since=${until - 86_400}&until=${until}`;
    const account = (await get(`${A}reports/summary?type=account&${q}`)).json() as Record<string, number>;
    const sum = async (dim: string) =>
      ((await get(`${A}summary_reports/${dim}?${q}`)).json() as Record<string, number>[]).reduce(
        (s, r) => s + r.conversations_count!,
        0,
      );
    assert.ok(account.conversations_count! > 50);
    assert.equal(await sum('inbox'), account.conversations_count);
    assert.ok((await sum('team')) < account.conversations_count!, 'some conversations have no team');
    const live = (await get(`${A}live_reports/conversation_metrics`)).json() as Record<string, number>;
    const teams = (await get(`${A}live_reports/grouped_conversation_metrics?group_by=team_id`)).json() as Record<
      string,
      number
    >[];
    assert.equal(
      teams.reduce((s, r) => s + r.open!, 0),
      live.open,
    );
    let metaOpen = 0;
    for (const id of [1, 2, 3, 4])
      metaOpen += (
        (await get(`/api/v1/accounts/1/conversations/meta?inbox_id=${id}`)).json() as { meta: Record<string, number> }
      ).meta.all_count!;
    assert.equal(metaOpen, live.open);
  });

  it('gives time series whose counts and weighted mean match the summary', async () => {
    const until = Math.floor(cw.clock.now() / 1000);
    const q = `type=account&since=${until - 2 * 86_400}&until=${until}`;
    const summary = (await get(`${A}reports/summary?${q}`)).json() as Record<string, number>;
    const series = (await get(`${A}reports?metric=avg_first_response_time&${q}`)).json() as Record<string, number>[];
    assert.equal(series.length, 3, 'the day containing since, then every midnight before until');
    const count = series.reduce((s, b) => s + b.count!, 0);
    const mean = series.reduce((s, b) => s + b.value! * b.count!, 0) / count;
    assert.ok(count > 0);
    assert.ok(
      Math.abs(mean - summary.avg_first_response_time!) < 1e-6,
      `${mean} vs ${summary.avg_first_response_time}`,
    );
    assert.deepEqual((await get(`${A}reports?metric=nope&${q}`)).json(), {});
  });

  it('has only what its version has', async () => {
    await cw.sim.close();
    cw = await startChatwoot({ version: '4.0.0' });
    assert.equal((await get(`${A}live_reports/conversation_metrics`)).status, 404);
    assert.equal((await get(`${A}summary_reports/inbox`)).status, 200);
    assert.equal((await get('/health')).status, 404);
  });
});
