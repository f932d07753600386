import { strict as assert } from 'node:assert';
import { dash, qs, startRocketChat, T0, type RocketChatHarness } from '../helpers/startRocketChat';

const WINDOW = qs({ start: new Date(T0 - 3_600_000).toISOString(), end: new Date(T0).toISOString() });

describe('rocketchat simulator: REST rate limiter', () => {
  let h: RocketChatHarness;
  beforeEach(async () => {
    h = await startRocketChat({
      users: [
        { userId: 'demo-user', token: 'demo-token' },
        { userId: 'bot', token: 'bot-token', bypassRateLimit: true },
      ],
    });
  });
  afterEach(() => h.sim.close());

  it('counts 10 calls per endpoint per IP with absolute epoch-ms reset headers, then 429', async () => {
    for (let i = 1; i <= 10; i++) {
      const r = await h.get(dash('charts/chats') + WINDOW);
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('x-ratelimit-limit'), '10');
      assert.equal(r.headers.get('x-ratelimit-remaining'), String(10 - i));
      assert.equal(r.headers.get('x-ratelimit-reset'), String(T0 + 60_000));
    }
    const limited = await h.get(dash('charts/chats') + WINDOW);
    assert.equal(limited.status, 429);
    assert.equal(
      limited.text,
      '{"success":false,"error":"Error, too many requests. Please slow down. You must wait 60 seconds before trying this endpoint again. [error-too-many-requests]"}',
    );
    assert.equal(limited.headers.get('x-ratelimit-remaining'), '0');
    assert.equal(limited.headers.get('retry-after'), null);

    h.clock.advance(30_500);
    const later = await h.get(dash('charts/chats') + WINDOW);
    assert.equal(later.status, 429);
    assert.match((later.json as { error: string }).error, /You must wait 30 seconds/);

    // Another endpoint has its own budget.
    assert.equal((await h.get(dash('charts/timings') + WINDOW)).status, 200);

    h.clock.advance(29_500);
    const reset = await h.get(dash('charts/chats') + WINDOW);
    assert.equal(reset.status, 200);
    assert.equal(reset.headers.get('x-ratelimit-remaining'), '9');
    assert.equal(reset.headers.get('x-ratelimit-reset'), String(T0 + 120_000));
  });

  it('counts failed (400/403) calls too', async () => {
    for (let i = 0; i < 10; i++) assert.equal((await h.get(dash('charts/chats') + '?bad=1')).status, 400);
    assert.equal((await h.get(dash('charts/chats') + WINDOW)).status, 429);
  });

  it('does not limit (or send headers to) bypass users', async () => {
    for (let i = 0; i < 12; i++) {
      const r = await h.get(dash('charts/chats') + WINDOW, { 'X-User-Id': 'bot', 'X-Auth-Token': 'bot-token' });
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('x-ratelimit-limit'), null);
    }
  });

  it('does not count unauthenticated calls (auth comes first)', async () => {
    for (let i = 0; i < 12; i++) assert.equal((await h.get(dash('charts/chats') + WINDOW, {})).status, 401);
    assert.equal((await h.get(dash('charts/chats') + WINDOW)).headers.get('x-ratelimit-remaining'), '9');
  });

  it('can be switched off', async () => {
    const off = await startRocketChat({ rateLimit: false });
    try {
      for (let i = 0; i < 12; i++) assert.equal((await off.get(dash('charts/chats') + WINDOW)).status, 200);
    } finally {
      await off.sim.close();
    }
  });
});
