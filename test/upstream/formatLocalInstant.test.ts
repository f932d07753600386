import { strict as assert } from 'node:assert';
import { formatLocalInstant } from '../../src/upstream/formatLocalInstant';

describe('formatLocalInstant', () => {
  const cases: [string, string, string][] = [
    ['2026-11-28T20:30:00.000Z', 'Asia/Kolkata', '2026-11-29T02:00:00.000+05:30'],
    ['2026-11-28T18:15:00.000Z', 'Asia/Kathmandu', '2026-11-29T00:00:00.000+05:45'],
    ['2026-11-30T03:00:00.000Z', 'America/St_Johns', '2026-11-29T23:30:00.000-03:30'],
    ['2026-03-08T06:00:00.000Z', 'America/St_Johns', '2026-03-08T03:30:00.000-02:30'],
    ['2024-05-15T14:30:00.250Z', 'UTC', '2024-05-15T14:30:00.250Z'],
    ['2024-01-15T14:30:00.000Z', 'Europe/London', '2024-01-15T14:30:00.000Z'],
    ['2024-07-15T14:30:00.007Z', 'Europe/London', '2024-07-15T15:30:00.007+01:00'],
    ['0999-12-31T23:00:00.000Z', 'Etc/GMT-2', '1000-01-01T01:00:00.000+02:00'],
  ];
  for (const [utc, zone, expected] of cases) {
    it(`${utc} in ${zone} -> ${expected}`, () => {
      const out = formatLocalInstant(Date.parse(utc), zone);
      assert.equal(out, expected);
      assert.equal(Date.parse(out), Date.parse(utc), 'the same instant');
    });
  }
});
