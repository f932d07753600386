import { strict as assert } from 'node:assert';
import {
  isNoData,
  parseAny,
  parseBusiestHour,
  parseCount,
  parseHms,
  parsePercentRatio,
} from '../../../src/sources/rocketchat/parseValues';

/** `undefined` = malformed (counted as a parse error), `null` = upstream's "no data" (no sample). */
type Expected = number | null | undefined;

function table(
  name: string,
  parse: (v: unknown) => number | null | undefined,
  cases: readonly [unknown, Expected][],
): void {
  describe(name, () => {
    for (const [input, expected] of cases) {
      it(`${JSON.stringify(input) ?? String(input)} -> ${expected === undefined ? 'malformed' : expected === null ? 'no sample' : expected}`, () => {
        assert.equal(parse(input), expected);
      });
    }
  });
}

describe('Rocket.Chat value parsers', () => {
  table('parseHms ("HH:MM:SS" -> seconds)', parseHms, [
    ['00:00:00', 0],
    ['00:00:16', 16],
    ['00:00:60', 60],
    ['00:59:60', 3_600],
    ['01:02:03', 3_723],
    ['123:04:05', 443_045],
    ['1000:00:00', 3_600_000],
    [' 00:01:00 ', 60],
    [21, 21],
    ['-', null],
    ['- -', null],
    ['', undefined],
    ['00:00', undefined],
    ['1:2:3:4', undefined],
    ['aa:bb:cc', undefined],
    ['00:00:16s', undefined],
    ['-00:00:01', undefined],
    [null, undefined],
    [{}, undefined],
    [Number.NaN, undefined],
  ]);

  table('parsePercentRatio ("14%" -> 0.14)', parsePercentRatio, [
    ['14%', 0.14],
    ['33.333333333333336%', 0.33333333333333337],
    ['0%', 0],
    ['100%', 1],
    ['71.43%', 0.7143],
    ['-', null],
    ['- -', null],
    ['NaN%', null],
    ['14', undefined],
    ['%', undefined],
    ['fourteen%', undefined],
    ['', undefined],
    [null, undefined],
  ]);

  table('parseBusiestHour ("2PM - 3PM" -> 14)', parseBusiestHour, [
    ['2PM - 3PM', 14],
    ['1PM- 2PM', 13],
    ['12AM - 1AM', 0],
    ['12PM - 1PM', 12],
    ['11PM - 12AM', 23],
    ['1AM - 2AM', 1],
    ['9am - 10am', 9],
    ['-', null],
    ['- -', null],
    ['13PM - 2PM', undefined],
    ['0AM - 1AM', undefined],
    ['2PM', undefined],
    ['14:00 - 15:00', undefined],
    ['garbage', undefined],
    [14, undefined],
  ]);

  table('parseCount (numbers and numeric strings)', parseCount, [
    [0, 0],
    [7, 7],
    [0.207, 0.207],
    ['48', 48],
    ['8.00', 8],
    ['-', null],
    ['- -', null],
    ['', undefined],
    ['12 chats', undefined],
    ['0x10', undefined],
    [true, undefined],
    [null, undefined],
    [Number.POSITIVE_INFINITY, undefined],
  ]);

  table('parseAny (unknown titles: count, then duration, then percent)', parseAny, [
    [5, 5],
    ['5', 5],
    ['00:01:00', 60],
    ['50%', 0.5],
    ['-', null],
    ['Friday', undefined],
    [[1], undefined],
  ]);

  it('isNoData recognises only "-" and "- -"', () => {
    for (const v of ['-', '- -', ' - ', '--']) assert.equal(isNoData(v), true, v);
    for (const v of ['', '0', '-1', '- - -', 'n/a']) assert.equal(isNoData(v), false, v);
  });
});
