import { strict as assert } from 'node:assert';
import { REPORTS } from '../../../src/sources/livechat/reports';
import { series, startHarness, targetYaml, valueOf, type Harness } from './harness';

/** A `reports:` line that leaves only `names` on. */
const only = (...names: string[]): string =>
  `reports: {${REPORTS.map((r) => `${r.name}: ${names.includes(r.name)}`).join(', ')}}`;
const ERRORS = 'livechat_exporter_errors_total';
const REQUESTS = 'livechat_exporter_upstream_requests_total';

describe('livechat upstream errors', () => {
  let h: Harness;
  afterEach(() => h.close());

  const errors = (endpoint: string, reason: string) =>
    valueOf(h.text(), ERRORS, `endpoint="${endpoint}"`, `reason="${reason}"`);
  const up = () => valueOf(h.text(), 'livechat_exporter_up');

  describe('error envelopes → reasons', () => {
    beforeEach(async () => {
      h = await startHarness();
    });

    it('authentication → auth: the whole target stops until the config changes', async () => {
      h.sim.faults.add({ mode: 'authentication' });
      await h.start(targetYaml(`${only('total_chats')}\nconcurrency: 1`, { windows: '[15m, 1h]' }));
      assert.equal(errors('total_chats', 'auth'), 1, 'the first refusal stops the rest');
      assert.equal(up(), 0);
      assert.match(h.exporter.states()[0]!.authBlocked ?? '', /^HTTP 401 authentication: Invalid access token/);
      h.sim.faults.clear();
      const before = h.sim.requests.size;
      await h.exporter.pollAll();
      assert.equal(h.sim.requests.size, before, 'no request with refused credentials');
    });

    it('authorization → auth for that report only', async () => {
      h.sim.faults.add({ mode: 'authorization', path: 'chats/tags' });
      await h.start(targetYaml(only('tags', 'total_chats')));
      assert.equal(errors('tags', 'auth'), 1);
      assert.equal(errors('total_chats', 'auth'), undefined);
      await h.exporter.pollAll();
      assert.equal(h.sim.requests.filter('chats/tags').length, 1, 'the refused report is not asked again');
      assert.equal(h.sim.requests.filter('chats/total_chats').length, 2, 'the others go on');
      assert.ok(valueOf(h.text(), 'livechat_exporter_livechat_chats') !== undefined);
    });

    it('too_many_requests → rate_limited; the whole target waits for Retry-After', async () => {
      // concurrency 1: tags (first in plan order) succeeds, then total_chats is refused.
      h.sim.faults.add({ mode: 'too_many_requests', path: 'chats/total_chats', retryAfterSeconds: 120, times: 1 });
      await h.start(targetYaml(`${only('total_chats', 'tags')}\nconcurrency: 1`, { version: '3.3' }));
      assert.deepEqual(
        h.sim.requests.all().map((e) => [e.path, e.status]),
        [
          ['/v3.3/reports/chats/tags', 200],
          ['/v3.3/reports/chats/total_chats', 429],
        ],
      );
      assert.equal(errors('total_chats', 'rate_limited'), 1);
      h.clock.advance(119_000);
      await h.exporter.pollAll();
      assert.equal(h.sim.requests.size, 2, 'nothing is asked before Retry-After has passed, other reports included');
      assert.equal(
        valueOf(h.text(), 'livechat_exporter_budget_deferred_total', 'endpoint="tags"'),
        1,
        'carried over, not failed',
      );
      assert.ok(
        valueOf(h.text(), 'livechat_exporter_livechat_tag_chats', 'tag="__other__"') !== undefined,
        'the last good values stay',
      );
      h.clock.advance(2_000);
      await h.exporter.pollAll();
      assert.equal(h.sim.requests.size, 4, 'both reports resume');
      assert.equal(errors('total_chats', 'rate_limited'), 1);
      assert.equal(up(), 1);
    });

    it('every 429 of one episode is counted once as rate_limited, under code 429; none is dropped', async () => {
      // Four reports in flight at once: one is refused at once, the other three a moment later,
      // after the first refusal has started the backoff.
      h.sim.faults.add({ mode: 'too_many_requests', path: 'chats/total_chats', retryAfterSeconds: 120, times: 1 });
      h.sim.faults.add({ mode: 'too_many_requests', retryAfterSeconds: 120, times: 3, delayMs: 200 });
      await h.start(targetYaml(`${only('total_chats', 'tags', 'duration', 'first_response_time')}\nconcurrency: 4`));
      assert.deepEqual(
        h.sim.requests.all().map((e) => e.status),
        [429, 429, 429, 429],
      );
      const text = h.text();
      const limited = [...series(text, ERRORS)].filter(([labels]) => labels.includes('reason="rate_limited"'));
      assert.equal(limited.length, 4, `one rate_limited error per report: ${JSON.stringify(limited)}`);
      assert.ok(limited.every(([, n]) => n === 1));
      assert.deepEqual(
        [...series(text, REQUESTS)].map(([labels, n]) => [labels.match(/code="(\w+)"/)![1], n]),
        [
          ['429', 1],
          ['429', 1],
          ['429', 1],
          ['429', 1],
        ],
        'each counted under its real status code, none under code="none"',
      );
      assert.equal(up(), 0);
    });

    it('service_unavailable → http_5xx, no immediate retries, back off for Retry-After', async () => {
      h.sim.faults.add({ mode: 'service_unavailable', retryAfterSeconds: 30, times: 1 });
      await h.start(targetYaml(`${only('total_chats')}\nconcurrency: 1`, { retries: 2 }));
      assert.equal(h.sim.requests.size, 1, 'the client did not retry at once');
      assert.equal(errors('total_chats', 'http_5xx'), 1);
      await h.exporter.pollAll();
      assert.equal(h.sim.requests.size, 1);
      h.clock.advance(31_000);
      await h.exporter.pollAll();
      assert.equal(h.sim.requests.size, 2);
      assert.equal(up(), 1);
    });

    it('a bare 503 (a proxy page) backs off for a minute by default', async () => {
      h.sim.faults.add({ mode: 'http_503', times: 1 });
      await h.start(targetYaml(only('total_chats'), { retries: 2 }));
      assert.equal(h.sim.requests.size, 1);
      assert.equal(errors('total_chats', 'http_5xx'), 1);
      h.clock.advance(59_000);
      await h.exporter.pollAll();
      assert.equal(h.sim.requests.size, 1);
      h.clock.advance(2_000);
      await h.exporter.pollAll();
      assert.equal(h.sim.requests.size, 2);
    });

    it('internal → http_5xx, retried by the client as any 5xx', async () => {
      h.sim.faults.add({ mode: 'internal', times: 3 });
      await h.start(targetYaml(only('total_chats'), { retries: 2 }));
      assert.equal(h.sim.requests.size, 3);
      assert.equal(errors('total_chats', 'http_5xx'), 1);
      assert.match(h.exporter.states()[0]!.lastError!.message, /^HTTP 500 internal: Internal server error$/);
    });

    it('invalid JSON and an HTML login page → parse', async () => {
      h.sim.faults.add({ mode: 'invalid_json', path: 'chats/total_chats' });
      h.sim.faults.add({ mode: 'html_login', path: 'chats/tags' });
      await h.start(targetYaml(only('total_chats', 'tags')));
      assert.equal(errors('total_chats', 'parse'), 1);
      assert.equal(errors('tags', 'parse'), 1);
    });

    it('a redirect (an SSO proxy) → redirect, not followed', async () => {
      h.sim.faults.add({ mode: 'redirect' });
      await h.start(targetYaml(only('total_chats')));
      assert.equal(errors('total_chats', 'redirect'), 1);
      assert.equal(
        h.exporter.states()[0]!.lastError!.message,
        'HTTP 302 redirect to https://sso.example.net, not followed',
      );
      assert.equal(h.sim.requests.size, 1);
    });

    it('timeout → timeout', async () => {
      h.sim.faults.add({ mode: 'timeout', times: 1 });
      await h.start(targetYaml(`${only('total_chats')}\ntimeout: 200ms`));
      assert.equal(errors('total_chats', 'timeout'), 1);
    });

    it('an upstream that echoes the Authorization header does not leak it', async () => {
      h.sim.faults.add({ mode: 'echo_secret' });
      await h.start(targetYaml(only('total_chats')));
      const message = h.exporter.states()[0]!.lastError!.message;
      assert.match(message, /^HTTP 500 internal: Request failed; received Authorization: <redacted>$/);
      for (const secret of ['demo-pat', Buffer.from('demo-account:demo-pat').toString('base64')])
        assert.ok(!h.text().includes(secret) && !message.includes(secret));
    });
  });

  describe('misdirected_request', () => {
    it('is retried once in the region upstream names, which is kept from then on', async () => {
      h = await startHarness({ region: 'fra' });
      await h.start(targetYaml(`${only('total_chats', 'tags')}\nconcurrency: 1`, { windows: '[15m, 1h]' }));
      const log = h.sim.requests.all();
      // The simulator answers 400 (undici would silently retry a 421 itself): the envelope's type decides.
      const status = log[0]!.status!;
      assert.ok(status >= 400 && status < 500);
      assert.deepEqual(
        log.map((e) => [e.status, e.headers['x-region']]),
        [
          [status, undefined],
          [200, 'fra'],
          [200, 'fra'],
          [200, 'fra'],
          [200, 'fra'],
        ],
      );
      assert.deepEqual(log[0]!.responseBody, {
        error: { type: 'misdirected_request', message: 'Wrong region', data: { region: 'fra' } },
      });
      assert.deepEqual(log[1]!.body, log[0]!.body, 'the same request again');
      assert.deepEqual([...series(h.text(), ERRORS)], []);
      assert.equal(valueOf(h.text(), REQUESTS, `code="${status}"`), 1);
      assert.equal(up(), 1);
      await h.exporter.pollAll();
      assert.ok(
        h.sim.requests
          .all()
          .slice(5)
          .every((e) => e.headers['x-region'] === 'fra' && e.status === 200),
      );
    });

    it('concurrent misdirected requests are each retried once', async () => {
      h = await startHarness({ region: 'fra' });
      await h.start(targetYaml(only('total_chats', 'tags'), { windows: '[15m, 1h]' }));
      assert.equal(up(), 1);
      assert.deepEqual([...series(h.text(), ERRORS)], []);
      assert.ok(
        h.sim.requests.all().filter((e) => e.status !== 200).length <= 4,
        'at most one misdirected answer per job',
      );
    });

    it('a redirect to the region already sent is an error, not a loop', async () => {
      h = await startHarness();
      h.sim.faults.add({ mode: 'misdirected_request', region: 'dal' });
      await h.start(targetYaml(`${only('total_chats')}\nregion: dal`));
      assert.equal(h.sim.requests.size, 1);
      assert.equal(errors('total_chats', 'http_4xx'), 1);
      assert.match(
        h.exporter.states()[0]!.lastError!.message,
        /^HTTP \d+ misdirected_request: Wrong region \(region dal\)$/,
      );
    });

    it('a region that is not a safe header value is ignored', async () => {
      h = await startHarness();
      h.sim.faults.add({ mode: 'misdirected_request', region: 'fra\r\nX-Evil: 1' });
      await h.start(targetYaml(only('total_chats')));
      assert.equal(h.sim.requests.size, 1);
      assert.equal(errors('total_chats', 'http_4xx'), 1);
    });
  });
});
