import { strict as assert } from 'node:assert';
import type { WindowSpec } from '../../src/config/types';
import { computeWindow, startOfLocalDay } from '../../src/upstream/computeWindow';

const TODAY: WindowSpec = { kind: 'today', label: 'today' };
const rolling = (label: string, durationMs: number): WindowSpec => ({ kind: 'rolling', label, durationMs });
const MIN = 60_000;
const HOUR = 60 * MIN;

/** The window as ISO strings, as they are sent upstream. */
function iso(
  now: string,
  spec: WindowSpec,
  s: { alignMs?: number; delayMs?: number; timezone?: string } = {},
): { start: string; end: string } {
  const w = computeWindow(Date.parse(now), spec, {
    alignMs: s.alignMs ?? MIN,
    delayMs: s.delayMs ?? 0,
    timezone: s.timezone ?? 'UTC',
  });
  return { start: w.start.toISOString(), end: w.end.toISOString() };
}

/** The local calendar date (YYYY-MM-DD) of an instant, computed independently of the code under test. */
const dateFormatters = new Map<string, Intl.DateTimeFormat>();
function localDate(t: number, timezone: string): string {
  let f = dateFormatters.get(timezone);
  if (!f)
    dateFormatters.set(
      timezone,
      (f = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' })),
    );
  return f.format(new Date(t));
}

describe('computeWindow', () => {
  describe('rolling windows, alignment and delay', () => {
    it('aligns end down to the minute and subtracts the window', () => {
      assert.deepEqual(iso('2024-05-15T14:30:45.123Z', rolling('1h', HOUR)), {
        start: '2024-05-15T13:30:00.000Z',
        end: '2024-05-15T14:30:00.000Z',
      });
      assert.deepEqual(iso('2024-05-15T14:30:00.000Z', rolling('15m', 15 * MIN)), {
        start: '2024-05-15T14:15:00.000Z',
        end: '2024-05-15T14:30:00.000Z',
      });
      assert.deepEqual(iso('2024-05-15T14:30:59.999Z', rolling('15m', 15 * MIN)), {
        start: '2024-05-15T14:15:00.000Z',
        end: '2024-05-15T14:30:00.000Z',
      });
    });

    it('aligns to any period (epoch-based, not wall-clock based)', () => {
      assert.deepEqual(iso('2024-05-15T14:37:10Z', rolling('24h', 24 * HOUR), { alignMs: 5 * MIN }), {
        start: '2024-05-14T14:35:00.000Z',
        end: '2024-05-15T14:35:00.000Z',
      });
      assert.deepEqual(iso('2024-05-15T14:37:10Z', rolling('1h', HOUR), { alignMs: 30_000 }), {
        start: '2024-05-15T13:37:00.000Z',
        end: '2024-05-15T14:37:00.000Z',
      });
      assert.deepEqual(iso('2024-05-15T14:37:10Z', rolling('7d', 7 * 24 * HOUR), { alignMs: HOUR }), {
        start: '2024-05-08T14:00:00.000Z',
        end: '2024-05-15T14:00:00.000Z',
      });
    });

    it('align 0 keeps the exact instant (milliseconds included)', () => {
      assert.deepEqual(iso('2024-05-15T14:30:45.123Z', rolling('15m', 15 * MIN), { alignMs: 0 }), {
        start: '2024-05-15T14:15:45.123Z',
        end: '2024-05-15T14:30:45.123Z',
      });
    });

    it('delay moves the aligned end back', () => {
      assert.deepEqual(iso('2024-05-15T14:30:45Z', rolling('1h', HOUR), { delayMs: 2 * MIN }), {
        start: '2024-05-15T13:28:00.000Z',
        end: '2024-05-15T14:28:00.000Z',
      });
      assert.deepEqual(iso('2024-05-15T14:30:45Z', rolling('1h', HOUR), { alignMs: 0, delayMs: 45_000 }), {
        start: '2024-05-15T13:30:00.000Z',
        end: '2024-05-15T14:30:00.000Z',
      });
    });

    it('consecutive polls within one alignment period ask the same question', () => {
      const a = iso('2024-05-15T14:30:01Z', rolling('1h', HOUR));
      const b = iso('2024-05-15T14:30:59Z', rolling('1h', HOUR));
      assert.deepEqual(a, b);
    });
  });

  describe('today', () => {
    const CASES: readonly { tz: string; now: string; start: string; why: string }[] = [
      { tz: 'UTC', now: '2024-05-15T14:30:00Z', start: '2024-05-15T00:00:00.000Z', why: 'UTC midnight' },
      { tz: 'UTC', now: '2024-05-15T00:00:59Z', start: '2024-05-15T00:00:00.000Z', why: 'first minute of the day' },
      {
        tz: 'Europe/Berlin',
        now: '2024-05-15T14:30:00Z',
        start: '2024-05-14T22:00:00.000Z',
        why: 'summer time, +02:00',
      },
      {
        tz: 'Europe/Berlin',
        now: '2024-01-15T10:00:00Z',
        start: '2024-01-14T23:00:00.000Z',
        why: 'winter time, +01:00',
      },
      {
        tz: 'Europe/Berlin',
        now: '2024-05-14T22:30:00Z',
        start: '2024-05-14T22:00:00.000Z',
        why: '00:30 local is already the next local day',
      },
      {
        tz: 'Europe/Berlin',
        now: '2024-05-14T21:59:00Z',
        start: '2024-05-13T22:00:00.000Z',
        why: '23:59 local is still the previous local day',
      },
      // 2024-03-31: 02:00 CET becomes 03:00 CEST (a 23-hour day); midnight was still +01:00.
      {
        tz: 'Europe/Berlin',
        now: '2024-03-31T00:30:00Z',
        start: '2024-03-30T23:00:00.000Z',
        why: 'spring forward day, before the change',
      },
      {
        tz: 'Europe/Berlin',
        now: '2024-03-31T12:00:00Z',
        start: '2024-03-30T23:00:00.000Z',
        why: 'spring forward day, after the change',
      },
      {
        tz: 'Europe/Berlin',
        now: '2024-04-01T12:00:00Z',
        start: '2024-03-31T22:00:00.000Z',
        why: 'the day after spring forward starts at +02:00',
      },
      // 2024-10-27: 03:00 CEST becomes 02:00 CET (a 25-hour day); midnight was still +02:00.
      {
        tz: 'Europe/Berlin',
        now: '2024-10-26T22:30:00Z',
        start: '2024-10-26T22:00:00.000Z',
        why: 'fall back day, 00:30 local',
      },
      {
        tz: 'Europe/Berlin',
        now: '2024-10-27T00:30:00Z',
        start: '2024-10-26T22:00:00.000Z',
        why: 'fall back day, first 02:30',
      },
      {
        tz: 'Europe/Berlin',
        now: '2024-10-27T01:30:00Z',
        start: '2024-10-26T22:00:00.000Z',
        why: 'fall back day, repeated 02:30',
      },
      {
        tz: 'Europe/Berlin',
        now: '2024-10-27T22:59:00Z',
        start: '2024-10-26T22:00:00.000Z',
        why: 'fall back day, 23:59 local (25 hours in)',
      },
      {
        tz: 'Europe/Berlin',
        now: '2024-10-27T23:00:00Z',
        start: '2024-10-27T23:00:00.000Z',
        why: 'the day after fall back starts at +01:00',
      },
      {
        tz: 'Asia/Kolkata',
        now: '2024-05-15T14:30:00Z',
        start: '2024-05-14T18:30:00.000Z',
        why: '+05:30, 20:00 local',
      },
      {
        tz: 'Asia/Kolkata',
        now: '2024-05-15T20:00:00Z',
        start: '2024-05-15T18:30:00.000Z',
        why: '+05:30, 01:30 local on the next day',
      },
      {
        tz: 'Asia/Kolkata',
        now: '2024-05-15T18:29:00Z',
        start: '2024-05-14T18:30:00.000Z',
        why: '+05:30, 23:59 local',
      },
      {
        tz: 'America/Sao_Paulo',
        now: '2024-05-15T14:30:00Z',
        start: '2024-05-15T03:00:00.000Z',
        why: '-03:00, no DST since 2019',
      },
      {
        tz: 'America/Sao_Paulo',
        now: '2024-05-15T02:00:00Z',
        start: '2024-05-14T03:00:00.000Z',
        why: '-03:00, 23:00 local of the previous day',
      },
      // Brazil's old DST started at midnight: on 2018-11-04 local midnight never happened (00:00 -> 01:00).
      {
        tz: 'America/Sao_Paulo',
        now: '2018-11-04T15:00:00Z',
        start: '2018-11-04T03:00:00.000Z',
        why: 'skipped midnight: the day starts at 01:00 -02:00',
      },
      // ...and ended at midnight: on 2019-02-17 00:00 -02:00 became 23:00 -03:00 of the 16th again.
      {
        tz: 'America/Sao_Paulo',
        now: '2019-02-17T02:30:00Z',
        start: '2019-02-16T02:00:00.000Z',
        why: 'repeated 23:xx belongs to the 16th, which began at -02:00',
      },
      {
        tz: 'America/Sao_Paulo',
        now: '2019-02-17T03:30:00Z',
        start: '2019-02-17T03:00:00.000Z',
        why: 'the 17th begins after the repeated hour',
      },
      {
        tz: 'Pacific/Chatham',
        now: '2024-05-15T14:30:00Z',
        start: '2024-05-15T11:15:00.000Z',
        why: '+12:45 standard time, already the 16th locally',
      },
      {
        tz: 'Pacific/Chatham',
        now: '2024-01-15T00:00:00Z',
        start: '2024-01-14T10:15:00.000Z',
        why: '+13:45 daylight time',
      },
      {
        tz: 'Pacific/Chatham',
        now: '2024-04-07T10:00:00Z',
        start: '2024-04-06T10:15:00.000Z',
        why: 'DST ends 2024-04-07 03:45; midnight was +13:45',
      },
      {
        tz: 'Pacific/Chatham',
        now: '2024-09-29T10:00:00Z',
        start: '2024-09-28T11:15:00.000Z',
        why: 'DST starts 2024-09-29 02:45; midnight was +12:45',
      },
    ];
    for (const c of CASES) {
      it(`${c.tz} at ${c.now}: ${c.why}`, () => {
        const w = iso(c.now, TODAY, { timezone: c.tz, alignMs: 0 });
        assert.equal(w.start, c.start);
        assert.equal(w.end, new Date(c.now).toISOString());
      });
    }

    it('uses the aligned, delayed end: a delay across midnight asks for the previous day', () => {
      assert.deepEqual(iso('2024-05-15T00:00:30Z', TODAY, { delayMs: MIN }), {
        start: '2024-05-14T00:00:00.000Z',
        end: '2024-05-14T23:59:00.000Z',
      });
    });

    it('at exactly local midnight the window is empty, never inverted', () => {
      assert.deepEqual(iso('2024-05-14T22:00:00Z', TODAY, { timezone: 'Europe/Berlin' }), {
        start: '2024-05-14T22:00:00.000Z',
        end: '2024-05-14T22:00:00.000Z',
      });
    });

    it('start is the first instant of the local day of end, for every hour of 2024 and the Brazilian DST changes', () => {
      const zones = [
        'UTC',
        'Europe/Berlin',
        'Asia/Kolkata',
        'America/Sao_Paulo',
        'Pacific/Chatham',
        'America/New_York',
        'Australia/Lord_Howe',
      ];
      const ranges: [number, number][] = [
        [Date.UTC(2024, 0, 1), Date.UTC(2025, 0, 1)],
        [Date.UTC(2018, 10, 3), Date.UTC(2018, 10, 6)],
        [Date.UTC(2019, 1, 16), Date.UTC(2019, 1, 19)],
      ];
      let checked = 0;
      for (const tz of zones) {
        for (const [from, to] of ranges) {
          // Every 97 minutes, so every hour of the day and minute of the hour gets visited over the year.
          for (let t = from; t < to; t += 97 * MIN) {
            const start = startOfLocalDay(t, tz);
            const where = `${tz} at ${new Date(t).toISOString()}: start ${new Date(start).toISOString()}`;
            assert.ok(start <= t, where);
            assert.ok(t - start < 25 * HOUR, where);
            assert.equal(localDate(start, tz), localDate(t, tz), `${where}: same local day`);
            assert.notEqual(localDate(start - 1, tz), localDate(t, tz), `${where}: one ms earlier is another day`);
            checked++;
          }
        }
      }
      assert.ok(checked > 35_000);
    });
  });

  it('start <= end and both are ISO strings ending in Z, for every window kind and setting', () => {
    const specs = [
      TODAY,
      rolling('15m', 15 * MIN),
      rolling('1h', HOUR),
      rolling('24h', 24 * HOUR),
      rolling('7d', 7 * 24 * HOUR),
    ];
    const settings = [
      { alignMs: MIN, delayMs: 0, timezone: 'UTC' },
      { alignMs: 0, delayMs: 0, timezone: 'Pacific/Chatham' },
      { alignMs: 5 * MIN, delayMs: 2 * MIN, timezone: 'America/Sao_Paulo' },
      { alignMs: 30_000, delayMs: 0, timezone: 'Asia/Kolkata' },
    ];
    for (let t = Date.UTC(2024, 2, 30); t < Date.UTC(2024, 3, 2); t += 17 * MIN + 3_001) {
      for (const spec of specs) {
        for (const s of settings) {
          const w = computeWindow(t, spec, s);
          assert.ok(w.start.getTime() <= w.end.getTime());
          assert.ok(w.end.getTime() <= t);
          assert.match(w.start.toISOString(), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
          assert.match(w.end.toISOString(), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
          if (spec.kind === 'rolling') assert.equal(w.end.getTime() - w.start.getTime(), spec.durationMs);
        }
      }
    }
  });
});
