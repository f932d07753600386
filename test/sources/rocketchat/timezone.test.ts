import { strict as assert } from 'node:assert';
import { createManualClock } from '../../../src/clock';
import { valueOf } from '../../helpers/parseExposition';
import { configOf, rcTarget, startExporter, type ExporterHarness } from '../../helpers/startExporter';
import { BOT_USER, dash, startRocketChat, type RocketChatHarness } from '../../helpers/startRocketChat';

/**
 * `today`, and the day-expanded values of every window, follow the target's timezone
 * (docs/upstream/rocketchat.md §7.3). The simulator reports in the same zone and, like the
 * newest servers, takes the calendar date written at the start of `start` and `end`.
 * Every instant below is worked out by hand: local time, its UTC instant, and the UTC
 * instant of the local midnight each window's days begin at.
 */
interface Case {
  readonly zone: string;
  /** What the case is, for the test title. */
  readonly local: string;
  readonly now: string;
  /** Local midnight starting the day of `now` (window `today`). */
  readonly todayFrom: string;
  /** Local midnight starting the day of `now − 1h` (window `1h`, day-expanded). */
  readonly hourFrom: string;
  /** The strings the exporter must send: today's start and end, and the 1h window's start. */
  readonly sent: { readonly todayStart: string; readonly end: string; readonly hourStart: string };
}

const CASES: readonly Case[] = [
  {
    zone: 'Asia/Kolkata',
    local: '00:30 (+05:30)',
    now: '2026-11-28T19:00:00Z',
    todayFrom: '2026-11-28T18:30:00Z',
    hourFrom: '2026-11-27T18:30:00Z',
    sent: {
      todayStart: '2026-11-29T00:00:00.000+05:30',
      end: '2026-11-29T00:30:00.000+05:30',
      hourStart: '2026-11-28T23:30:00.000+05:30',
    },
  },
  {
    zone: 'Asia/Kolkata',
    local: '02:00 (+05:30), the issue’s example',
    now: '2026-11-28T20:30:00Z',
    todayFrom: '2026-11-28T18:30:00Z',
    hourFrom: '2026-11-28T18:30:00Z',
    sent: {
      todayStart: '2026-11-29T00:00:00.000+05:30',
      end: '2026-11-29T02:00:00.000+05:30',
      hourStart: '2026-11-29T01:00:00.000+05:30',
    },
  },
  {
    zone: 'Asia/Kolkata',
    local: '23:30 (+05:30)',
    now: '2026-11-29T18:00:00Z',
    todayFrom: '2026-11-28T18:30:00Z',
    hourFrom: '2026-11-28T18:30:00Z',
    sent: {
      todayStart: '2026-11-29T00:00:00.000+05:30',
      end: '2026-11-29T23:30:00.000+05:30',
      hourStart: '2026-11-29T22:30:00.000+05:30',
    },
  },
  {
    zone: 'Asia/Kathmandu',
    local: '00:30 (+05:45)',
    now: '2026-11-28T18:45:00Z',
    todayFrom: '2026-11-28T18:15:00Z',
    hourFrom: '2026-11-27T18:15:00Z',
    sent: {
      todayStart: '2026-11-29T00:00:00.000+05:45',
      end: '2026-11-29T00:30:00.000+05:45',
      hourStart: '2026-11-28T23:30:00.000+05:45',
    },
  },
  {
    zone: 'Asia/Kathmandu',
    local: '02:00 (+05:45)',
    now: '2026-11-28T20:15:00Z',
    todayFrom: '2026-11-28T18:15:00Z',
    hourFrom: '2026-11-28T18:15:00Z',
    sent: {
      todayStart: '2026-11-29T00:00:00.000+05:45',
      end: '2026-11-29T02:00:00.000+05:45',
      hourStart: '2026-11-29T01:00:00.000+05:45',
    },
  },
  {
    zone: 'Asia/Kathmandu',
    local: '23:30 (+05:45)',
    now: '2026-11-29T17:45:00Z',
    todayFrom: '2026-11-28T18:15:00Z',
    hourFrom: '2026-11-28T18:15:00Z',
    sent: {
      todayStart: '2026-11-29T00:00:00.000+05:45',
      end: '2026-11-29T23:30:00.000+05:45',
      hourStart: '2026-11-29T22:30:00.000+05:45',
    },
  },
  {
    zone: 'America/St_Johns',
    local: '00:30 (−03:30)',
    now: '2026-11-29T04:00:00Z',
    todayFrom: '2026-11-29T03:30:00Z',
    hourFrom: '2026-11-28T03:30:00Z',
    sent: {
      todayStart: '2026-11-29T00:00:00.000-03:30',
      end: '2026-11-29T00:30:00.000-03:30',
      hourStart: '2026-11-28T23:30:00.000-03:30',
    },
  },
  {
    zone: 'America/St_Johns',
    local: '02:00 (−03:30)',
    now: '2026-11-29T05:30:00Z',
    todayFrom: '2026-11-29T03:30:00Z',
    hourFrom: '2026-11-29T03:30:00Z',
    sent: {
      todayStart: '2026-11-29T00:00:00.000-03:30',
      end: '2026-11-29T02:00:00.000-03:30',
      hourStart: '2026-11-29T01:00:00.000-03:30',
    },
  },
  {
    zone: 'America/St_Johns',
    local: '23:30 (−03:30)',
    now: '2026-11-30T03:00:00Z',
    todayFrom: '2026-11-29T03:30:00Z',
    hourFrom: '2026-11-29T03:30:00Z',
    sent: {
      todayStart: '2026-11-29T00:00:00.000-03:30',
      end: '2026-11-29T23:30:00.000-03:30',
      hourStart: '2026-11-29T22:30:00.000-03:30',
    },
  },
  // Daylight saving time starts on 2026-03-08 at 02:00 NST (−03:30), which becomes 03:00 NDT (−02:30):
  // the day began at one offset and is now at another, and each instant carries its own.
  {
    zone: 'America/St_Johns',
    local: '03:30 on the day DST starts (midnight −03:30, now −02:30)',
    now: '2026-03-08T06:00:00Z',
    todayFrom: '2026-03-08T03:30:00Z',
    hourFrom: '2026-03-08T03:30:00Z',
    sent: {
      todayStart: '2026-03-08T00:00:00.000-03:30',
      end: '2026-03-08T03:30:00.000-02:30',
      hourStart: '2026-03-08T01:30:00.000-03:30',
    },
  },
  {
    zone: 'America/St_Johns',
    local: '23:30 on the day DST starts (UTC is already on the next day)',
    now: '2026-03-09T02:00:00Z',
    todayFrom: '2026-03-08T03:30:00Z',
    hourFrom: '2026-03-08T03:30:00Z',
    sent: {
      todayStart: '2026-03-08T00:00:00.000-03:30',
      end: '2026-03-08T23:30:00.000-02:30',
      hourStart: '2026-03-08T22:30:00.000-02:30',
    },
  },
];

describe('Rocket.Chat windows follow the target timezone (day-expanded values and today)', () => {
  let rc: RocketChatHarness | undefined;
  let h: ExporterHarness | undefined;
  afterEach(async () => {
    await h?.close();
    await rc?.sim.close();
  });

  for (const c of CASES) {
    it(`${c.zone} at ${c.local}`, async () => {
      const now = Date.parse(c.now);
      const clock = createManualClock(now);
      rc = await startRocketChat({ clock, timezone: c.zone, cacheTtlMs: 0 });
      h = startExporter(clock);
      await h.exporter.apply(
        configOf([
          rcTarget('rc', rc.url, BOT_USER, {
            budget: 'unlimited',
            timezone: c.zone,
            windows: ['1h', 'today'],
            endpoints: Object.fromEntries(
              ['chats-totalizers', 'productivity-totalizers', 'agents-productivity-totalizers']
                .concat(['charts-agents-status', 'charts-timings', 'charts-chats-per-department'])
                .map((e) => [e, false]),
            ),
          }),
        ]),
      );
      await h.exporter.firstCycles();

      const created = (from: string) => {
        let n = 0;
        rc!.sim.world.forEachConversation(Date.parse(from), now, undefined, () => n++);
        return n;
      };
      const { series } = h.scrape();
      const total = (window: string) =>
        valueOf(series, 'livechat_exporter_rocketchat_conversations', { department: 'all', window });
      // Day-expanded: whole local days, from the local midnight of the window's start to now.
      assert.equal(total('today'), created(c.todayFrom), 'today = rooms created since local midnight');
      assert.equal(total('1h'), created(c.hourFrom), '1h = rooms created since local midnight of now − 1h');
      // Exact windows read the same instants: today's charts/chats covers [local midnight, now].
      const chats = ['open', 'closed', 'queued', 'onhold'].reduce(
        (sum, state) =>
          sum + valueOf(series, 'livechat_exporter_rocketchat_chats', { department: 'all', window: 'today', state })!,
        0,
      );
      assert.equal(chats, created(c.todayFrom));

      // What was sent: each instant written in the zone's offset, so its leading date is the local date.
      const sent = rc.sim.requests
        .filter(dash('conversation-totalizers'))
        .map((e) => [e.query.start, e.query.end] as [string, string]);
      assert.deepEqual(sent.map(([start]) => start).sort(), [c.sent.hourStart, c.sent.todayStart].sort());
      for (const [, end] of sent) assert.equal(end, c.sent.end);
      // The URL carried them percent-encoded: a raw "+" would have reached the server as a space.
      for (const e of rc.sim.requests.filter(dash('conversation-totalizers')))
        assert.ok(Number.isFinite(Date.parse(e.query.start as string)), JSON.stringify(e.query));
    });
  }
});
