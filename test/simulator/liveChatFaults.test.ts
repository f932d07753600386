import { strict as assert } from 'node:assert';
import { DEMO_BASIC, startLiveChat, WEEK_FILTERS, type LiveChatHarness } from '../helpers/startLiveChat';

const PATH = '/v3.6/reports/chats/total_chats';
const BODY = { filters: WEEK_FILTERS };
const errType = (json: unknown): string | undefined => (json as { error?: { type?: string } } | undefined)?.error?.type;

describe('livechat simulator: faults, region, rate limit, control API', () => {
  let h: LiveChatHarness;
  beforeEach(async () => {
    h = await startLiveChat();
  });
  afterEach(() => h.sim.close());

  it('envelope faults with their statuses', async () => {
    const cases: [Parameters<typeof h.sim.faults.add>[0], number, string][] = [
      [{ mode: 'too_many_requests', retryAfterSeconds: 7 }, 429, 'too_many_requests'],
      [{ mode: 'service_unavailable' }, 503, 'service_unavailable'],
      [{ mode: 'internal' }, 500, 'internal'],
      [{ mode: 'authentication' }, 401, 'authentication'],
      [{ mode: 'authorization' }, 403, 'authorization'],
      [{ mode: 'misdirected_request', region: 'fra' }, 400, 'misdirected_request'],
      [{ mode: 'unauthorized' }, 401, 'authentication'],
      [{ mode: 'forbidden' }, 403, 'authorization'],
      [{ mode: 'rate_limited' }, 429, 'too_many_requests'],
    ];
    for (const [spec, status, type] of cases) {
      h.sim.faults.add({ ...spec, times: 1 });
      const r = await h.post(PATH, BODY);
      assert.equal(r.status, status, spec.mode);
      assert.equal(errType(r.json), type, spec.mode);
      if (spec.mode === 'too_many_requests') assert.equal(r.headers.get('retry-after'), '7');
      if (spec.mode === 'misdirected_request')
        assert.deepEqual((r.json as { error: { data: unknown } }).error.data, { region: 'fra' });
    }
    assert.equal((await h.post(PATH, BODY)).status, 200);
  });

  it('transport faults: http_5xx, invalid_json, html_login, echo_secret, slow, timeout', async () => {
    h.sim.faults.add({ mode: 'http_500', times: 1 });
    assert.equal((await h.post(PATH, BODY)).status, 500);
    h.sim.faults.add({ mode: 'http_502', times: 1 });
    assert.equal((await h.post(PATH, BODY)).status, 502);
    h.sim.faults.add({ mode: 'http_503', times: 1 });
    assert.equal((await h.post(PATH, BODY)).status, 503);
    h.sim.faults.add({ mode: 'invalid_json', times: 1 });
    const bad = await h.post(PATH, BODY);
    assert.equal(bad.status, 200);
    assert.equal(bad.json, undefined);
    h.sim.faults.add({ mode: 'html_login', times: 1 });
    assert.match((await h.post(PATH, BODY)).headers.get('content-type') ?? '', /text\/html/);
    h.sim.faults.add({ mode: 'echo_secret', times: 1 });
    const echo = await h.post(PATH, BODY);
    assert.ok(echo.text.includes(DEMO_BASIC));
    h.sim.faults.add({ mode: 'slow', delayMs: 20, times: 1 });
    assert.equal((await h.post(PATH, BODY)).status, 200);
    h.sim.faults.add({ mode: 'timeout', times: 1 });
    await assert.rejects(
      fetch(h.url + PATH, {
        method: 'POST',
        headers: { authorization: DEMO_BASIC },
        body: '{}',
        signal: AbortSignal.timeout(150),
      }),
    );
  });

  it('misdirected_request names the right region', async () => {
    const fra = await startLiveChat({ region: 'fra' });
    try {
      const r = await fra.post(PATH, BODY);
      assert.equal(r.status, 400);
      assert.deepEqual(r.json, {
        error: { type: 'misdirected_request', message: 'Wrong region', data: { region: 'fra' } },
      });
      assert.equal((await fra.post(PATH, BODY, { authorization: DEMO_BASIC, 'X-Region': 'fra' })).status, 200);
    } finally {
      await fra.sim.close();
    }
  });

  it('optional rate limit → too_many_requests 429 with Retry-After seconds', async () => {
    const limited = await startLiveChat({ rateLimit: { limit: 2, periodMs: 10_000 } });
    try {
      assert.equal((await limited.post(PATH, BODY)).status, 200);
      assert.equal((await limited.post(PATH, BODY)).status, 200);
      const r = await limited.post(PATH, BODY);
      assert.equal(r.status, 429);
      assert.equal(errType(r.json), 'too_many_requests');
      assert.equal(r.headers.get('retry-after'), '10');
      limited.clock.advance(10_000);
      assert.equal((await limited.post(PATH, BODY)).status, 200);
    } finally {
      await limited.sim.close();
    }
  });

  it('control API: burst, groups, faults, state; log records the POST body', async () => {
    const burst = await fetch(`${h.url}/_simulator/burst`, {
      method: 'POST',
      body: JSON.stringify({ department: '1', count: 3 }),
    });
    assert.equal(burst.status, 200);
    const add = await fetch(`${h.url}/_simulator/departments`, {
      method: 'POST',
      body: JSON.stringify({ name: 'Nowa grupa' }),
    });
    assert.deepEqual(((await add.json()) as { id: number }).id, 5);
    const state = (await (await fetch(`${h.url}/_simulator/state`)).json()) as { groups: unknown[]; tags: string[] };
    assert.equal(state.groups.length, 6);
    assert.ok(state.tags.length >= 30);
    assert.equal((await fetch(`${h.url}/_simulator/departments/5`, { method: 'DELETE' })).status, 200);
    await h.post(PATH, BODY);
    const e = h.sim.requests.last(PATH);
    assert.deepEqual(e?.body, BODY);
    assert.equal(e?.headers.authorization, DEMO_BASIC);
  });
});
