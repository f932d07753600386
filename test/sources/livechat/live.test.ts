import { strict as assert } from 'node:assert';
import type { RequestLogEntry } from '../../../simulator/http/createRequestLog';
import { expectedLiveSeries, lastLiveCycle, liveSeriesOf } from '../../helpers/expectedLiveChatLiveSeries';
import { parseExposition, select, toSeriesMap, valueOf } from '../../helpers/parseExposition';
import { DEMO_BASIC } from '../../helpers/startLiveChat';
import { startHarness, targetYaml, type Harness } from './harness';

const LIVE = 'live: {enabled: true}';
const P = 'livechat_exporter_livechat_live_';
const LIST_GROUPS = '/v3.6/configuration/action/list_groups';
const LIST_STATUSES = '/v3.6/agent/action/list_routing_statuses';
const LIST_CHATS = '/v3.6/agent/action/list_chats';

/** The live calls in the simulator's log (not the reports). */
const liveCalls = (h: Harness): RequestLogEntry[] => h.sim.requests.all().filter((e) => e.path.includes('/action/'));

describe('livechat live state', () => {
  let h: Harness;
  afterEach(() => h.close());

  const scrape = () => parseExposition(h.text()).series;
  const live = (name: string, labels: Record<string, string> = {}) => valueOf(scrape(), P + name, labels);

  describe('with the demo account', () => {
    beforeEach(async () => {
      h = await startHarness();
    });

    it('one cycle: list_groups, list_routing_statuses, then list_chats page by page, filters on the first page only', async () => {
      // More than 100 active chats, so there is a second page.
      h.sim.burst({ count: 120 });
      await h.start(targetYaml(LIVE));
      const calls = liveCalls(h);
      const next = (calls[2]?.responseBody as { next_page_id?: string } | undefined)?.next_page_id;
      assert.ok(next);
      assert.deepEqual(
        calls.map((e) => [e.method, e.path, e.body, e.status, e.headers.authorization]),
        [
          ['POST', LIST_GROUPS, { fields: ['agent_priorities', 'routing_status'] }, 200, DEMO_BASIC],
          ['POST', LIST_STATUSES, {}, 200, DEMO_BASIC],
          ['POST', LIST_CHATS, { filters: { active: true }, sort_order: 'desc', limit: 100 }, 200, DEMO_BASIC],
          ['POST', LIST_CHATS, { page_id: next }, 200, DEMO_BASIC],
        ],
      );
    });

    it('exports exactly what the simulator served: per group, distinct totals, agents and routing status', async () => {
      h.sim.burst({ count: 120, queueForMs: 10 * 60_000 });
      await h.start(targetYaml(LIVE));
      assert.ok(lastLiveCycle(h.sim.requests.all()).filter((e) => e.path === LIST_CHATS).length > 1, 'several pages');
      const cycle = lastLiveCycle(h.sim.requests.all());
      const actual = liveSeriesOf(toSeriesMap(scrape()));
      assert.deepEqual(actual, expectedLiveSeries(cycle, 'lc'));

      // Chats shared with General count in both groups: the per-group sum is larger than the distinct total.
      const perGroup = select(scrape(), `${P}group_active_chats`).reduce((n, s) => n + s.value, 0);
      const total = live('active_chats')!;
      assert.ok(perGroup > total, `${perGroup} per group vs ${total} distinct`);
      // found_chats is an estimate; the count is what the pages held.
      const found = (cycle.find((e) => e.path === LIST_CHATS)?.responseBody as { found_chats: number }).found_chats;
      assert.notEqual(found, total);
      // The same chats the simulator's own state calls active now.
      const current = (h.sim.state() as { current: Record<string, number> }).current;
      assert.equal(total, current.queued! + current.open! + current.onhold!);
      assert.equal(live('queued_chats'), current.queued);
      // Live series describe now: no window label; their freshness is the live job's.
      assert.ok(select(scrape(), `${P}active_chats`).every((s) => s.labels.window === undefined));
      assert.ok(valueOf(scrape(), 'livechat_exporter_data_refresh_timestamp_seconds', { endpoint: 'live' }));
    });

    it('a burst of queued chats raises the gauges on the next live cycle', async () => {
      await h.start(targetYaml(LIVE));
      const g2 = { group: '2', group_name: 'Support "Tier 2"' };
      const before = {
        queued: live('queued_chats')!,
        g2: live('group_queued_chats', g2)!,
        active: live('active_chats')!,
      };
      const at = h.clock.now() / 1000;
      h.sim.burst({ department: '2', count: 7, queueForMs: 20 * 60_000 });
      await h.exporter.pollAll();
      assert.equal(live('queued_chats'), before.queued + 7);
      assert.equal(live('group_queued_chats', g2), before.g2 + 7);
      assert.equal(live('active_chats'), before.active + 7);
      assert.ok(live('group_oldest_queued_timestamp_seconds', g2)! <= at);
      assert.deepEqual(
        liveSeriesOf(toSeriesMap(scrape())),
        expectedLiveSeries(lastLiveCycle(h.sim.requests.all()), 'lc'),
      );
    });

    it('stops at live.max_pages and flags the cut; the counts are those of the pages read', async () => {
      h.sim.burst({ count: 120 });
      await h.start(targetYaml('live: {enabled: true, max_pages: 1}'));
      assert.equal(liveCalls(h).filter((e) => e.path === LIST_CHATS).length, 1);
      assert.equal(live('chats_truncated'), 1);
      assert.equal(live('active_chats'), 100);
      assert.deepEqual(
        liveSeriesOf(toSeriesMap(scrape())),
        expectedLiveSeries(lastLiveCycle(h.sim.requests.all()), 'lc'),
      );
    });

    it('is off unless live.enabled: no live call, no live series', async () => {
      await h.start(targetYaml(''));
      assert.deepEqual(liveCalls(h), []);
      assert.deepEqual(liveSeriesOf(toSeriesMap(scrape())), new Map());
    });

    it('reads v3.6 whatever api_version says; the sunset gauge keeps the Reports version', async () => {
      await h.start(targetYaml(LIVE, { version: '3.2' }));
      assert.deepEqual([...new Set(liveCalls(h).map((e) => e.path))], [LIST_GROUPS, LIST_STATUSES, LIST_CHATS]);
      assert.deepEqual(
        select(scrape(), 'livechat_exporter_livechat_api_sunset_timestamp_seconds').map((s) => s.labels.version),
        ['3.2'],
      );
      assert.ok(live('active_chats')! > 0);
    });

    it('a 429 on a live call holds the whole target back, reports included (one account, one backoff)', async () => {
      h.sim.faults.add({ mode: 'too_many_requests', path: 'list_chats', retryAfterSeconds: 120, times: 1 });
      await h.start(targetYaml(LIVE));
      assert.equal(
        valueOf(scrape(), 'livechat_exporter_errors_total', { endpoint: 'live', reason: 'rate_limited' }),
        1,
      );
      const asked = h.sim.requests.size;
      h.clock.advance(60_000);
      await h.exporter.pollAll();
      assert.equal(h.sim.requests.size, asked, 'neither the reports nor live state ask before Retry-After');
      h.clock.advance(61_000);
      await h.exporter.pollAll();
      assert.ok(h.sim.requests.size > asked);
      assert.ok(live('active_chats')! > 0);
      assert.equal(valueOf(scrape(), 'livechat_exporter_up'), 1);
    });
  });

  it('live calls carry v3.6 lifecycle headers of their own: the sunset gauge and the notices name each version', async () => {
    h = await startHarness({ lifecycle: { '3.6': { header: 'Legacy', date: '2027-06-30' } } });
    await h.start(targetYaml(LIVE, { version: '3.5' }));
    assert.deepEqual(
      select(scrape(), 'livechat_exporter_livechat_api_sunset_timestamp_seconds').map((s) => [
        s.labels.version,
        s.labels.stage,
        s.value,
      ]),
      [
        ['3.5', 'legacy', Date.UTC(2026, 11, 31) / 1000],
        ['3.6', 'legacy', Date.UTC(2027, 5, 30) / 1000],
      ],
    );
    assert.deepEqual(
      h.exporter.states()[0]!.notices.map((n) => n.message.replace(/ \(Legacy header\).*$/, '')),
      [
        'LiveChat Reports API v3.5 is legacy (critical fixes only) until 2026-12-31',
        'LiveChat Agent Chat API (live state) v3.6 is legacy (critical fixes only) until 2027-06-30',
      ],
    );
  });

  describe('scopes', () => {
    it('a PAT without the live scopes gets one refusal naming them; the reports go on', async () => {
      h = await startHarness({ accounts: [{ accountId: 'demo-account', pat: 'demo-pat', scopes: ['reports_read'] }] });
      await h.start(targetYaml(LIVE));
      assert.deepEqual(
        liveCalls(h).map((e) => [e.path, e.status]),
        [[LIST_GROUPS, 403]],
      );
      const s = scrape();
      assert.equal(valueOf(s, 'livechat_exporter_errors_total', { endpoint: 'live', reason: 'auth' }), 1);
      assert.equal(valueOf(s, 'livechat_exporter_auth_blocked', { endpoint: 'live' }), 1);
      assert.equal(valueOf(s, 'livechat_exporter_auth_blocked', { endpoint: '*' }), undefined);
      const error = h.exporter.states()[0]!.lastError?.message ?? '';
      assert.match(error, /^list_groups: HTTP 403 authorization: .*this call needs the PAT scope groups--all:ro;/);
      assert.match(error, /chats--all:ro, agents--all:ro, agents-bot--all:ro and groups--all:ro/);
      assert.ok(valueOf(s, 'livechat_exporter_livechat_chats', { window: '1h' }) !== undefined, 'reports are exported');

      const reports = h.sim.requests.filter('/reports/').length;
      await h.exporter.pollAll();
      assert.equal(liveCalls(h).length, 1, 'the refused live state is not asked again');
      assert.equal(h.sim.requests.filter('/reports/').length, 2 * reports, 'the reports are');
      assert.equal(valueOf(scrape(), 'livechat_exporter_errors_total', { endpoint: 'live', reason: 'auth' }), 1);
    });

    it('a PAT with some of the scopes is told which call was refused and what it needs', async () => {
      h = await startHarness({
        accounts: [
          { accountId: 'demo-account', pat: 'demo-pat', scopes: ['reports_read', 'groups--all:ro', 'agents--all:ro'] },
        ],
      });
      await h.start(targetYaml(LIVE));
      assert.deepEqual(
        liveCalls(h).map((e) => [e.path, e.status]),
        [
          [LIST_GROUPS, 200],
          [LIST_STATUSES, 403],
        ],
      );
      assert.match(
        h.exporter.states()[0]!.lastError?.message ?? '',
        /^list_routing_statuses: HTTP 403 authorization: .*needs the PAT scope agents--all:ro and agents-bot--all:ro;/,
      );
      assert.deepEqual(liveSeriesOf(toSeriesMap(scrape())), new Map(), 'no half of live state');
    });
  });
});
