import { strict as assert } from 'node:assert';
import { createManualClock } from '../../../src/clock';
import { startChatwoot, cwTarget, CW_T0, CW_TOKENS, type ChatwootHarness } from '../../helpers/startChatwoot';
import { configOf, startExporter, type ExporterHarness } from '../../helpers/startExporter';

const MINUTE = 60_000;
const META = /\/conversations\/meta$/;

describe('Chatwoot source within Rack::Attack (fixed UTC-minute windows)', () => {
  let clock: ReturnType<typeof createManualClock>;
  let cw: ChatwootHarness;
  let h: ExporterHarness;

  beforeEach(async () => {
    clock = createManualClock(CW_T0);
    // A server whose conversations/meta rule allows 5 per minute per user.
    cw = await startChatwoot({ clock, rackAttack: { meta: 5 } });
    h = startExporter(clock);
    await h.exporter.apply(
      configOf([
        cwTarget('cw', cw.url, CW_TOKENS.admin, {
          windows: ['1h'],
          endpoints: { 'live-inboxes': true, 'live-inboxes-unattended': true },
          rate_limits: { conversations_meta: 5 },
        }),
      ]),
    );
    await h.exporter.firstCycles();
  });
  afterEach(async () => {
    await h.close();
    await cw.sim.close();
  });

  /** Meta requests per UTC minute, by the simulator's clock. */
  function metaPerMinute(): Map<number, number> {
    const out = new Map<number, number>();
    for (const e of cw.sim.requests.all())
      if (META.test(e.path)) out.set(Math.floor(e.time / MINUTE), (out.get(Math.floor(e.time / MINUTE)) ?? 0) + 1);
    return out;
  }

  it('never passes the meta limit in any UTC minute, and rotates through every inbox stalest-first', async () => {
    // Live cycles at :45 and :15 of the following minutes, as the kind's default live_schedule fires.
    for (let i = 0; i < 6; i++) {
      clock.set(CW_T0 + 25_000 + i * 30_000);
      await h.exporter.pollAll();
    }
    const log = cw.sim.requests.all();
    assert.equal(log.filter((e) => e.status === 429).length, 0, 'no 429');
    for (const [minute, n] of metaPerMinute()) assert.ok(n <= 5, `${n} meta calls in minute ${minute}`);
    const asked = new Set(
      log
        .filter((e) => META.test(e.path))
        .map((e) => `${String(e.query.inbox_id)}|${String(e.query.conversation_type ?? 'open')}`),
    );
    assert.equal(asked.size, 8, `every inbox × (open, unattended) was asked: ${[...asked].join(' ')}`);
    const deferred = h
      .text()
      .match(/livechat_exporter_budget_deferred_total\{[^}]*endpoint="live-inboxes[^"]*"[^}]*\} (\d+)/g);
    assert.ok(deferred && deferred.length > 0, 'the rest was carried over, not failed');
  });

  it('after a 429 asks that rule nothing more until the next UTC minute (past the guard band)', async () => {
    cw.sim.requests.clear();
    cw.sim.faults.add({ mode: 'rate_limited', path: 'conversations/meta', times: 1 });
    clock.set(CW_T0 + 70_000); // 14:31:30, a fresh minute
    await h.exporter.pollAll();
    const first = cw.sim.requests.all().filter((e) => META.test(e.path));
    // Requests already granted when the 429 came back (up to `concurrency`) still go; nothing after it.
    assert.ok(first.length >= 1 && first.length <= 4, `${first.length} meta requests`);
    assert.equal(first[0]!.status, 429);
    const before = first.length;
    clock.set(CW_T0 + 95_000); // 14:31:55: same minute
    await h.exporter.pollAll();
    assert.equal(cw.sim.requests.all().filter((e) => META.test(e.path)).length, before);
    assert.ok(
      cw.sim.requests.all().some((e) => e.path.endsWith('/live_reports/conversation_metrics')),
      'other rules go on',
    );
    clock.set(CW_T0 + 102_000); // 14:32:02, past :00 and the 2 s guard
    await h.exporter.pollAll();
    assert.ok(cw.sim.requests.all().filter((e) => META.test(e.path)).length > before, 'asked again in the next minute');
  });
});
