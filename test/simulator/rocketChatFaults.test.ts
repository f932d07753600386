import { strict as assert } from 'node:assert';
import { dash, DEMO_HEADERS, qs, startRocketChat, T0, type RocketChatHarness } from '../helpers/startRocketChat';

const PATH =
  dash('charts/chats') + qs({ start: new Date(T0 - 3_600_000).toISOString(), end: new Date(T0).toISOString() });

describe('rocketchat simulator: fault injection', () => {
  let h: RocketChatHarness;
  beforeEach(async () => {
    h = await startRocketChat({ rateLimit: false });
  });
  afterEach(() => h.sim.close());

  it('http_500 / http_502 / http_503', async () => {
    h.sim.faults.add({ mode: 'http_500', times: 1 });
    h.sim.faults.add({ mode: 'http_502', times: 1 });
    h.sim.faults.add({ mode: 'http_503', times: 1 });
    const a = await h.get(PATH);
    assert.equal(a.status, 500);
    assert.deepEqual(a.json, { success: false, error: 'Internal server error' });
    const b = await h.get(PATH);
    assert.equal(b.status, 502);
    assert.match(b.headers.get('content-type') ?? '', /text\/html/);
    assert.equal((await h.get(PATH)).status, 503);
    assert.equal((await h.get(PATH)).status, 200, 'faults with times are consumed');
  });

  it('invalid_json is a 200 with truncated JSON', async () => {
    h.sim.faults.add({ mode: 'invalid_json', times: 1 });
    const r = await h.get(PATH);
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type') ?? '', /application\/json/);
    assert.equal(r.json, undefined);
  });

  it('html_login is a 200 text/html login page', async () => {
    h.sim.faults.add({ mode: 'html_login' });
    const r = await h.get(PATH);
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(r.text, /<form/);
  });

  it('unauthorized / forbidden / rate_limited bodies', async () => {
    h.sim.faults.add({ mode: 'unauthorized', times: 1 });
    h.sim.faults.add({ mode: 'forbidden', times: 1 });
    h.sim.faults.add({ mode: 'rate_limited', times: 1, retryAfterSeconds: 42 });
    const a = await h.get(PATH);
    assert.equal(a.status, 401);
    assert.equal((a.json as { message: string }).message, 'You must be logged in to do this.');
    const b = await h.get(PATH);
    assert.equal(b.status, 403);
    const c = await h.get(PATH);
    assert.equal(c.status, 429);
    assert.match((c.json as { error: string }).error, /You must wait 42 seconds/);
    assert.equal(c.headers.get('x-ratelimit-reset'), String(T0 + 42_000));
  });

  it('echo_secret echoes the received credentials', async () => {
    h.sim.faults.add({ mode: 'echo_secret' });
    const r = await h.get(PATH);
    assert.equal(r.status, 500);
    assert.ok(r.text.includes(DEMO_HEADERS['X-Auth-Token']));
    assert.ok(r.text.includes(DEMO_HEADERS['X-User-Id']));
  });

  it('timeout hangs until the client gives up, and close() does not wait for it', async () => {
    h.sim.faults.add({ mode: 'timeout' });
    await assert.rejects(fetch(h.url + PATH, { headers: DEMO_HEADERS, signal: AbortSignal.timeout(200) }));
    const pending = fetch(h.url + PATH, { headers: DEMO_HEADERS }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    await h.sim.close();
    assert.ok((await pending) instanceof Error, 'hung request is cut when the server closes');
  });

  it('slow delays and then answers normally', async () => {
    h.sim.faults.add({ mode: 'slow', delayMs: 30, times: 1 });
    const r = await h.get(PATH);
    assert.equal(r.status, 200);
    assert.equal(h.sim.requests.last()?.fault, 'slow');
  });

  it('matches by path suffix and leaves other endpoints alone', async () => {
    h.sim.faults.add({ mode: 'http_503', path: 'charts/chats' });
    assert.equal((await h.get(PATH)).status, 503);
    assert.equal((await h.get(PATH.replace('charts/chats', 'charts/chats-per-agent'))).status, 200);
    assert.equal((await h.get('/api/v1/livechat/department')).status, 200);
    assert.equal(h.sim.faults.clear(), 1);
    assert.equal((await h.get(PATH)).status, 200);
  });

  it('rejects unknown modes', () => {
    assert.throws(() => h.sim.faults.add({ mode: 'nope' as 'timeout' }));
  });

  it('control API adds and clears faults', async () => {
    const add = await fetch(`${h.url}/_simulator/faults`, {
      method: 'POST',
      body: JSON.stringify({ mode: 'http_502', path: 'charts/chats', times: 2 }),
    });
    assert.equal(add.status, 201);
    assert.equal((await h.get(PATH)).status, 502);
    assert.equal((await fetch(`${h.url}/_simulator/faults`, { method: 'DELETE' })).status, 200);
    assert.equal((await h.get(PATH)).status, 200);
    const bad = await fetch(`${h.url}/_simulator/faults`, { method: 'POST', body: '{"mode":"nope"}' });
    assert.equal(bad.status, 400);
  });
});
