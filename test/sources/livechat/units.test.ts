import { strict as assert } from 'node:assert';
import { capTags, OTHER_TAG } from '../../../src/sources/livechat/capTags';
import { createBackoffGate, MAX_BACKOFF_MS } from '../../../src/sources/livechat/createBackoffGate';
import { createLifecycleTracker, parseLifecycleDate } from '../../../src/sources/livechat/createLifecycleTracker';
import { decodeLiveChatError, DEFAULT_BACKOFF_MS } from '../../../src/sources/livechat/decodeLiveChatError';
import { formatRfc3339 } from '../../../src/sources/livechat/formatRfc3339';
import { parseRetryAfter } from '../../../src/sources/livechat/parseRetryAfter';

describe('livechat parts', () => {
  describe('parseRetryAfter', () => {
    const cases: [string | undefined, ReturnType<typeof parseRetryAfter>][] = [
      ['120', { retryAfterMs: 120_000 }],
      [' 0 ', { retryAfterMs: 0 }],
      ['1.5', { retryAfterMs: 1500 }],
      ['Wed, 15 May 2024 14:32:00 GMT', { retryAt: Date.UTC(2024, 4, 15, 14, 32) }],
      ['Wednesday, 15-May-24 14:32:00 GMT', { retryAt: Date.UTC(2024, 4, 15, 14, 32) }],
      ['-5', undefined],
      ['2024', { retryAfterMs: 2_024_000 }],
      ['2024-05-15', undefined],
      ['soon', undefined],
      ['', undefined],
      [undefined, undefined],
    ];
    for (const [input, want] of cases)
      it(input === undefined ? '(absent)' : JSON.stringify(input), () =>
        assert.deepEqual(parseRetryAfter(input), want),
      );
  });

  describe('decodeLiveChatError', () => {
    const env = (type: string, message = 'msg', data?: unknown) => ({
      error: { type, message, ...(data !== undefined && { data }) },
    });
    const cases: [string, number, unknown, Record<string, string>, string, string, Record<string, unknown>][] = [
      [
        'authentication',
        401,
        env('authentication', 'Invalid access token'),
        {},
        'auth',
        'HTTP 401 authentication: Invalid access token (check the account id and token; PATs use Basic auth)',
        { status: 401 },
      ],
      [
        'authorization',
        403,
        env('authorization'),
        {},
        'auth',
        'HTTP 403 authorization: msg',
        { status: 403, endpointOnly: true },
      ],
      [
        'too_many_requests + seconds',
        429,
        env('too_many_requests'),
        { 'retry-after': '30' },
        'rate_limited',
        'HTTP 429 too_many_requests: msg',
        { status: 429, retryAfterMs: 30_000 },
      ],
      [
        'too_many_requests + date',
        429,
        env('too_many_requests'),
        { 'retry-after': 'Wed, 15 May 2024 14:32:00 GMT' },
        'rate_limited',
        'HTTP 429 too_many_requests: msg',
        { status: 429, retryAt: Date.UTC(2024, 4, 15, 14, 32) },
      ],
      [
        'too_many_requests without header',
        429,
        env('too_many_requests'),
        {},
        'rate_limited',
        'HTTP 429 too_many_requests: msg',
        { status: 429, retryAfterMs: DEFAULT_BACKOFF_MS },
      ],
      [
        'service_unavailable',
        503,
        env('service_unavailable'),
        { 'retry-after': '5' },
        'http_5xx',
        'HTTP 503 service_unavailable: msg',
        { status: 503, retryAfterMs: 5000 },
      ],
      [
        'misdirected_request',
        400,
        env('misdirected_request', 'Wrong region', { region: 'fra' }),
        {},
        'http_4xx',
        'HTTP 400 misdirected_request: Wrong region (region fra)',
        { status: 400, region: 'fra' },
      ],
      [
        'misdirected_request, unsafe region',
        421,
        env('misdirected_request', 'Wrong region', { region: 'a b' }),
        {},
        'http_4xx',
        'HTTP 421 misdirected_request: Wrong region',
        { status: 421, region: undefined },
      ],
      [
        'validation',
        400,
        env('validation', 'filters.from must be a date'),
        {},
        'http_4xx',
        'HTTP 400 validation: filters.from must be a date',
        { status: 400 },
      ],
      ['internal', 500, env('internal'), {}, 'http_5xx', 'HTTP 500 internal: msg', { status: 500 }],
      [
        'unknown type by status 4xx',
        402,
        env('license_expired', 'License expired'),
        {},
        'http_4xx',
        'HTTP 402 license_expired: License expired',
        { status: 402 },
      ],
      [
        'unknown type, 429',
        429,
        env('limit_reached'),
        {},
        'rate_limited',
        'HTTP 429 limit_reached: msg',
        { status: 429, retryAfterMs: DEFAULT_BACKOFF_MS },
      ],
      ['no envelope, 401', 401, undefined, {}, 'auth', 'HTTP 401', { status: 401 }],
      ['no envelope, 502', 502, undefined, {}, 'http_5xx', 'HTTP 502', { status: 502 }],
      [
        'no envelope, 503',
        503,
        { message: 'x' },
        {},
        'http_5xx',
        'HTTP 503',
        { status: 503, retryAfterMs: DEFAULT_BACKOFF_MS },
      ],
      [
        'a long, multi-line message is cut',
        500,
        env('internal', `line1\nline2${'x'.repeat(500)}`),
        {},
        'http_5xx',
        `HTTP 500 internal: line1 line2${'x'.repeat(189)}`,
        { status: 500 },
      ],
    ];
    for (const [name, status, json, headers, reason, message, details] of cases) {
      it(name, () => {
        const e = decodeLiveChatError(status, json, headers);
        assert.equal(e.reason, reason);
        assert.equal(e.message, message);
        assert.deepEqual(e.details, details);
      });
    }
  });

  describe('formatRfc3339', () => {
    const cases: [string, string, string][] = [
      ['2024-05-15T14:30:00Z', 'UTC', '2024-05-15T14:30:00+00:00'],
      ['2024-05-15T14:30:00.999Z', 'UTC', '2024-05-15T14:30:00+00:00'],
      ['2024-05-15T14:30:00Z', 'Europe/Berlin', '2024-05-15T16:30:00+02:00'],
      ['2024-01-15T14:30:00Z', 'Europe/Berlin', '2024-01-15T15:30:00+01:00'],
      ['2024-03-10T06:59:59Z', 'America/New_York', '2024-03-10T01:59:59-05:00'],
      ['2024-03-10T07:00:00Z', 'America/New_York', '2024-03-10T03:00:00-04:00'],
      ['2024-05-15T00:00:00Z', 'Asia/Kolkata', '2024-05-15T05:30:00+05:30'],
      ['2024-05-15T00:00:00Z', 'America/St_Johns', '2024-05-14T21:30:00-02:30'],
      ['2024-01-01T00:00:00Z', 'Pacific/Kiritimati', '2024-01-01T14:00:00+14:00'],
    ];
    for (const [instant, tz, want] of cases)
      it(`${instant} in ${tz}`, () => assert.equal(formatRfc3339(Date.parse(instant), tz), want));
  });

  describe('lifecycle dates', () => {
    it('parses YYYY-MM-DD as 00:00 UTC and refuses impossible dates', () => {
      assert.equal(parseLifecycleDate('2026-03-31'), Date.UTC(2026, 2, 31) / 1000);
      assert.equal(parseLifecycleDate(' 2024-02-29 '), Date.UTC(2024, 1, 29) / 1000);
      assert.equal(parseLifecycleDate('@1688169599'), 1688169599);
      assert.equal(parseLifecycleDate('Sun, 30 Jun 2024 23:59:59 GMT'), Date.UTC(2024, 5, 30, 23, 59, 59) / 1000);
      for (const bad of ['2026-02-31', '2026-13-01', '2026-3-1', 'true', '', '20260331'])
        assert.equal(parseLifecycleDate(bad), undefined, bad);
    });

    it('a response naming a stage replaces the known stages; one naming none changes nothing', () => {
      const t = createLifecycleTracker('3.5');
      t.observe({ legacy: '2026-12-31' });
      t.observe({ 'content-type': 'text/html' });
      assert.deepEqual(
        t.samples().map((s) => [s.labels, s.value]),
        [[{ version: '3.5', stage: 'legacy' }, Date.UTC(2026, 11, 31) / 1000]],
      );
      t.observe({ deprecation: '2027-03-31' });
      assert.deepEqual(
        t.samples().map((s) => [s.labels, s.value]),
        [[{ version: '3.5', stage: 'deprecation' }, Date.UTC(2027, 2, 31) / 1000]],
      );
      t.observe({ deprecation: 'garbage' });
      assert.equal(t.samples().length, 1);
    });
  });

  describe('capTags', () => {
    it('keeps the largest, ties by name, and always has the other series', () => {
      const counts = new Map([
        ['b', 5],
        ['a', 5],
        ['c', 9],
        ['d', 1],
      ]);
      assert.deepEqual(capTags(counts, 2), [
        ['c', 9],
        ['a', 5],
        [OTHER_TAG, 6],
      ]);
      assert.deepEqual(capTags(counts, 10), [
        ['c', 9],
        ['a', 5],
        ['b', 5],
        ['d', 1],
        [OTHER_TAG, 0],
      ]);
      assert.deepEqual(capTags(new Map(), 3), [[OTHER_TAG, 0]]);
    });

    it('a real tag named like the other series is counted into it, so the label never means two things', () => {
      assert.deepEqual(
        capTags(
          new Map([
            [OTHER_TAG, 100],
            ['x', 1],
          ]),
          5,
        ),
        [
          ['x', 1],
          [OTHER_TAG, 100],
        ],
      );
    });
  });

  describe('createBackoffGate', () => {
    it('blocks until the given time, at most MAX_BACKOFF_MS', () => {
      const g = createBackoffGate();
      assert.equal(g.blocked(0), false);
      g.backOff(30_000, 0);
      assert.equal(g.blocked(29_999), true);
      assert.equal(g.blocked(30_000), false);
      g.backOff(10_000, 1_000);
      assert.equal(g.blocked(29_999), true, 'never shortened');
      g.backOff(Number.MAX_SAFE_INTEGER, 0);
      assert.equal(g.blocked(MAX_BACKOFF_MS - 1), true);
      assert.equal(g.blocked(MAX_BACKOFF_MS), false);
    });
  });
});
