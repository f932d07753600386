import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { createManualClock } from '../../src/clock';
import { fixturePath } from '../helpers/paths';
import { configOf, rcTarget, startExporter, type ExporterHarness } from '../helpers/startExporter';
import { BOT_USER, EXPORTER_USER, startRocketChat, T0, type RocketChatHarness } from '../helpers/startRocketChat';

const GOLDEN = fixturePath('golden', 'rocketchat.prom');

/**
 * `poll_duration_seconds` is wall time (not the injected clock), the only value of
 * the exposition that is not a function of seed and clock; it is replaced by a marker.
 */
function normalise(text: string): string {
  return text.replace(/^(livechat_exporter_poll_duration_seconds\{[^}]*\}) \S+$/gm, '$1 <wall time>');
}

/** Two targets on one simulator; `concurrency` must not change the output. */
function config(url: string, concurrency: number) {
  return configOf([
    // Every endpoint over the awkward default departments (quotes, backslash, Cyrillic, CJK, __proto__).
    rcTarget('acme-chat', url, BOT_USER, {
      budget: 'unlimited',
      windows: ['1h', 'today'],
      departments: { discover: true },
      endpoints: { 'charts-chats-per-agent': true },
      labels: { region: 'eu' },
      concurrency,
    }),
    // A budget too small for its jobs: one of each endpoint's two jobs is carried over.
    rcTarget('acme-chat-budgeted', url, EXPORTER_USER, {
      budget: { requests: 1, per: '1m' },
      windows: ['15m'],
      departments: { ids: [{ id: 'CAJioQNAvLnYWTy8i', name: 'Sales' }] },
      concurrency,
    }),
  ]);
}

describe('golden /metrics exposition (simulator seed 1, manual clock)', () => {
  let rc: RocketChatHarness;
  let h: ExporterHarness;

  before(async () => {
    const clock = createManualClock(T0);
    rc = await startRocketChat({ clock, seed: 1 });
    h = startExporter(clock);
    await h.exporter.apply(config(rc.url, 4));
    await h.exporter.firstCycles();
  });
  after(async () => {
    await h.close();
    await rc.sim.close();
  });

  it(`matches ${GOLDEN.slice(GOLDEN.indexOf('test/'))} byte for byte (UPDATE_GOLDEN=1 rewrites it)`, () => {
    const actual = normalise(h.store.render('text').body.toString('utf8'));
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, actual);
    const expected = readFileSync(GOLDEN, 'utf8');
    if (actual !== expected) {
      const a = actual.split('\n');
      const e = expected.split('\n');
      const i = a.findIndex((line, n) => line !== e[n]);
      assert.fail(
        `exposition differs from the golden file at line ${i + 1}:\n  expected: ${e[i]}\n  actual:   ${a[i]}\n(${a.length} vs ${e.length} lines; rerun with UPDATE_GOLDEN=1 after checking the change is intended)`,
      );
    }
  });

  it('does not depend on the order requests finish in (concurrency 1 renders the same bytes as 4)', async () => {
    const clock = createManualClock(T0);
    const rc2 = await startRocketChat({ clock, seed: 1 });
    const h2 = startExporter(clock);
    try {
      await h2.exporter.apply(config(rc2.url, 1));
      await h2.exporter.firstCycles();
      assert.ok(normalise(h2.text()) === normalise(h.text()), 'same exposition');
      assert.equal(
        h.store.render('text').body,
        h.store.render('text').body,
        'a render is cached until the snapshot changes',
      );
    } finally {
      await h2.close();
      await rc2.sim.close();
    }
  });
});
