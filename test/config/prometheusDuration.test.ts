import { strict as assert } from 'node:assert';
import { formatPrometheusDuration, parsePrometheusDuration } from '../../src/config/prometheusDuration';

describe('parsePrometheusDuration / formatPrometheusDuration', () => {
  const VALID: readonly [string, number][] = [
    ['500ms', 500],
    ['1s', 1_000],
    ['90s', 90_000],
    ['15m', 900_000],
    ['1h', 3_600_000],
    ['1h30m', 5_400_000],
    ['7d', 604_800_000],
    ['2w', 1_209_600_000],
    ['1d1h1m1s1ms', 90_061_001],
    ['0s', 0],
    ['01m', 60_000],
  ];
  for (const [text, ms] of VALID) {
    it(`parses ${JSON.stringify(text)} as ${ms} ms`, () => assert.equal(parsePrometheusDuration(text), ms));
  }

  const INVALID = [
    '',
    '0',
    '10',
    '1.5h',
    '1H',
    '1 h',
    '1h 30m',
    'm',
    '-5s',
    '+5s',
    '5sec',
    '1y',
    'ms',
    '10 seconds',
    ' 1m',
    '1m ',
    '9999999999999999999w',
  ];
  for (const text of INVALID) {
    it(`rejects ${JSON.stringify(text)}`, () => assert.equal(parsePrometheusDuration(text), undefined));
  }

  const FORMATTED: readonly [number, string][] = [
    [0, '0s'],
    [1, '1ms'],
    [999, '999ms'],
    [1_000, '1s'],
    [60_000, '1m'],
    [5_400_000, '1h30m'],
    [86_400_000, '1d'],
    [90_061_001, '1d1h1m1s1ms'],
    [604_800_000, '1w'],
    [1_209_600_001, '2w1ms'],
  ];
  for (const [ms, text] of FORMATTED) {
    it(`formats ${ms} ms as ${text}`, () => assert.equal(formatPrometheusDuration(ms), text));
  }

  it('round-trips: parsePrometheusDuration(formatPrometheusDuration(ms)) === ms', () => {
    for (let ms = 0; ms < 3 * 86_400_000; ms = ms * 3 + 7_919)
      assert.equal(parsePrometheusDuration(formatPrometheusDuration(ms)), ms, String(ms));
  });
});
