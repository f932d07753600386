import { strict as assert } from 'node:assert';
import { createManualClock } from '../../../src/clock';
import { expectedChatwootSeries } from '../../helpers/expectedChatwootSeries';
import { select, toSeriesMap, valueOf } from '../../helpers/parseExposition';
import { startChatwoot, cwTarget, CW_T0, CW_TOKENS, type ChatwootHarness } from '../../helpers/startChatwoot';
import { configOf, startExporter, type ExporterHarness } from '../../helpers/startExporter';

const P = 'livechat_exporter_chatwoot_';
const ALL = {
  'live-agents': true,
  'live-inboxes': true,
  'live-inboxes-unattended': true,
  'agent-summary': true,
};
/** At CW_T0 (14:30:20) windows end at 14:29:00: aligned to the minute, then the kind's one-minute delay. */
const UNTIL = String(Date.UTC(2024, 4, 15, 14, 29) / 1000);
const WINDOW_OF = (since: string, until: string): string => {
  assert.equal(until, UNTIL, 'every window ends one minute before the aligned now');
  const seconds = Number(until) - Number(since);
  if (seconds === 900) return '15m';
  if (seconds === 86_400) return '24h';
  assert.equal(since, String(Date.UTC(2024, 4, 15) / 1000), 'today starts at UTC midnight');
  return 'today';
};

describe('Chatwoot source against the simulator (through createExporter)', () => {
  let clock: ReturnType<typeof createManualClock>;
  let cw: ChatwootHarness;
  let h: ExporterHarness;

  beforeEach(async () => {
    clock = createManualClock(CW_T0);
    cw = await startChatwoot({ clock });
    h = startExporter(clock);
  });
  afterEach(async () => {
    await h.close();
    await cw.sim.close();
  });

  async function runOnce(token: string = CW_TOKENS.admin, extra: Record<string, unknown> = {}): Promise<void> {
    await h.exporter.apply(configOf([cwTarget('cw', cw.url, token, { windows: ['15m', '24h', 'today'], ...extra })]));
    await h.exporter.firstCycles();
  }

  it('exports exactly what the simulator served, live and windowed, with every endpoint on', async () => {
    await runOnce(CW_TOKENS.admin, { endpoints: ALL });
    const log = cw.sim.requests.all();
    assert.ok(
      log.every((e) => e.status === 200),
      JSON.stringify(log.filter((e) => e.status !== 200).map((e) => [e.path, e.status])),
    );
    const expected = expectedChatwootSeries('cw', log, WINDOW_OF);
    const got = toSeriesMap(
      h
        .scrape()
        .series.filter((s) => s.name.startsWith(P) && !/_(server_info|endpoint_supported|discovered)$/.test(s.name)),
    );
    assert.ok(expected.size > 200, `expected ${expected.size} series`);
    assert.deepEqual([...got.keys()].sort(), [...expected.keys()].sort());
    for (const [k, v] of expected) assert.equal(got.get(k), v, k);
  });

  it('sends the token as api-access-token, epoch-second windows ending a minute back, and never timezone_offset', async () => {
    await runOnce();
    const log = cw.sim.requests.all();
    assert.ok(log.length > 10);
    for (const e of log) {
      if (e.path === '/api') continue;
      assert.equal(e.headers['api-access-token'], CW_TOKENS.admin, e.path);
      assert.equal(e.query.timezone_offset, undefined, e.path);
      if (e.query.since !== undefined) {
        assert.match(String(e.query.since), /^\d+$/);
        WINDOW_OF(String(e.query.since), String(e.query.until));
      }
    }
    const paths = new Set(log.map((e) => e.path.replace(/\/accounts\/1\//, '/accounts/:id/')));
    for (const p of [
      '/api',
      '/api/v1/profile',
      '/api/v1/accounts/:id/inboxes',
      '/api/v2/accounts/:id/live_reports/conversation_metrics',
      '/api/v2/accounts/:id/summary_reports/team',
      '/api/v2/accounts/:id/reports/bot_summary',
    ])
      assert.ok(paths.has(p), p);
    assert.ok(!paths.has('/api/v1/accounts/:id/conversations/meta'), 'per-inbox counts are opt-in');
    assert.ok(!paths.has('/api/v2/accounts/:id/summary_reports/agent'), 'per-agent series are opt-in');
  });

  it('zero-fills the teams discovery knows and names the group without a team', async () => {
    await runOnce();
    const s = h.scrape().series;
    const teams = select(s, `${P}live_team_open_conversations`, { target: 'cw' });
    assert.equal(teams.length, cw.sim.world.departments().length + 1);
    assert.ok(teams.some((x) => x.labels.team_id === 'none' && x.labels.team_name === 'No team'));
    const open = valueOf(s, `${P}live_conversations`, { target: 'cw', status: 'open' });
    assert.equal(
      teams.reduce((sum, x) => sum + x.value, 0),
      open,
      'per team (none included) sums to the account',
    );
    assert.equal(valueOf(s, `${P}server_info`, { target: 'cw', version: '4.15.1' }), 1);
    assert.equal(valueOf(s, `${P}discovered`, { target: 'cw', object: 'inboxes' }), 4);
  });

  it('stops with one clear error when the token may not read reports, and asks nothing more', async () => {
    await runOnce(CW_TOKENS.agent);
    const paths = cw.sim.requests.all().map((e) => e.path);
    assert.deepEqual(paths, ['/api', '/api/v1/profile']);
    const state = h.exporter.states()[0]!;
    assert.match(state.authBlocked ?? '', /may not read reports in account 1: make it an administrator/);
    assert.equal(valueOf(h.scrape().series, 'livechat_exporter_up', { target: 'cw' }), 0);
    await h.exporter.pollAll();
    assert.equal(cw.sim.requests.all().length, 2, 'a refused token is not retried every cycle');
  });

  it('accepts a custom role with report_manage (Enterprise), and tells the 401 bodies apart', async () => {
    await runOnce(CW_TOKENS.reportRole);
    assert.equal(h.exporter.states()[0]!.authBlocked, undefined);
    for (const [token, text] of [
      ['no-such-token-0123456789', /not a valid user access token/],
      [CW_TOKENS.bot, /agent-bot or platform-app token/],
      [CW_TOKENS.platform, /agent-bot or platform-app token/],
    ] as const) {
      cw.sim.requests.clear();
      await runOnce(token);
      assert.match(h.exporter.states()[0]!.authBlocked ?? '', text, token);
    }
  });

  it('polls only what the version has (3.5.0: account summary and discovery only)', async () => {
    await cw.sim.close();
    cw = await startChatwoot({ clock, version: '3.5.0' });
    await runOnce();
    const polled = new Set(cw.sim.requests.all().map((e) => e.path.split('/accounts/1/')[1] ?? e.path));
    assert.ok(polled.has('reports/summary'));
    for (const p of [
      'live_reports/conversation_metrics',
      'summary_reports/team',
      'summary_reports/inbox',
      'reports/bot_summary',
    ])
      assert.ok(!polled.has(p), p);
    const s = h.scrape().series;
    assert.equal(valueOf(s, `${P}endpoint_supported`, { target: 'cw', endpoint: 'live-conversations' }), 0);
    assert.equal(valueOf(s, `${P}endpoint_supported`, { target: 'cw', endpoint: 'account-summary' }), 1);
    assert.equal(valueOf(s, 'livechat_exporter_up', { target: 'cw' }), 1);
    const notices = h.exporter.states()[0]!.notices;
    assert.ok(
      notices.some((n) => n.level === 'info' && /Chatwoot 3\.5\.0 does not have live-conversations/.test(n.message)),
      JSON.stringify(notices),
    );
  });

  it('drops an endpoint the server answers with its routing 404 until the next discovery', async () => {
    cw.sim.faults.add({ mode: 'not_found', path: 'live_reports/conversation_metrics', times: 1 });
    await runOnce();
    const asked = () =>
      cw.sim.requests.all().filter((e) => e.path.endsWith('/live_reports/conversation_metrics')).length;
    assert.equal(asked(), 1);
    assert.equal(
      valueOf(h.scrape().series, 'livechat_exporter_errors_total', {
        target: 'cw',
        endpoint: 'live-conversations',
        reason: 'http_4xx',
      }),
      1,
    );
    await h.exporter.pollAll();
    assert.equal(asked(), 1, 'not asked again');
    const running = h.exporter.states()[0]!;
    assert.equal(running.authBlocked, undefined);
  });

  it('never shows the token, even when the server echoes it in an error', async () => {
    cw.sim.faults.add({ mode: 'echo_secret', path: 'summary_reports/team' });
    await runOnce();
    const state = h.exporter.states()[0]!;
    assert.equal(state.lastError?.endpoint, 'team-summary');
    assert.match(state.lastError?.message ?? '', /<redacted>/);
    assert.ok(!JSON.stringify(state).includes(CW_TOKENS.admin), 'the token is nowhere in the target state');
    assert.ok(!h.text().includes(CW_TOKENS.admin));
  });
});
