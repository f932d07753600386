import { strict as assert } from 'node:assert';
import { dash, qs, startRocketChat, T0, type RocketChatHarness } from '../helpers/startRocketChat';

const WINDOW = { start: new Date(T0 - 86_400_000).toISOString(), end: new Date(T0).toISOString() };

describe('rocketchat simulator: auth, permissions and validation', () => {
  let h: RocketChatHarness;
  before(async () => {
    h = await startRocketChat({
      rateLimit: false,
      users: [
        { userId: 'demo-user', token: 'demo-token' },
        { userId: 'nobody', token: 'nobody-token', permissions: [] },
        { userId: 'viewer', token: 'viewer-token', permissions: ['view-l-room'] },
      ],
    });
  });
  after(() => h.sim.close());

  const unauthorized = {
    success: false,
    error: 'You must be logged in to do this.',
    status: 'error',
    message: 'You must be logged in to do this.',
  };

  it('answers 401 with the newest body when headers are missing or wrong', async () => {
    const missing = await h.get(dash('charts/chats') + qs(WINDOW), {});
    assert.equal(missing.status, 401);
    assert.deepEqual(missing.json, unauthorized);
    const wrong = await h.get(dash('charts/chats') + qs(WINDOW), { 'X-User-Id': 'demo-user', 'X-Auth-Token': 'nope' });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.text, JSON.stringify(unauthorized));
  });

  it('checks auth before validation', async () => {
    const r = await h.get(dash('charts/chats') + qs({ _: '1' }), {});
    assert.equal(r.status, 401);
  });

  it('answers 403 without view-livechat-manager, but validates first', async () => {
    const headers = { 'X-User-Id': 'nobody', 'X-Auth-Token': 'nobody-token' };
    const r = await h.get(dash('conversation-totalizers') + qs(WINDOW), headers);
    assert.equal(r.status, 403);
    assert.equal(
      r.text,
      '{"success":false,"error":"User does not have the permissions required for this action [error-unauthorized]"}',
    );
    const invalid = await h.get(dash('conversation-totalizers') + qs({ ...WINDOW, count: '1' }), headers);
    assert.equal(invalid.status, 400);
  });

  it('rejects any additional query key with the exact ajv body', async () => {
    const r = await h.get(dash('charts/chats') + qs({ ...WINDOW, _: '123' }));
    assert.equal(r.status, 400);
    assert.equal(
      r.text,
      '{"success":false,"error":"must NOT have additional properties [invalid-params]","errorType":"invalid-params"}',
    );
    const two = await h.get(dash('charts/chats') + qs({ ...WINDOW, a: '1', b: '2' }));
    assert.deepEqual(two.json, {
      success: false,
      error: 'must NOT have additional properties\n must NOT have additional properties [invalid-params]',
      errorType: 'invalid-params',
    });
  });

  it('reports missing start/end (allErrors joined with "\\n ")', async () => {
    const noStart = await h.get(dash('charts/timings') + qs({ end: WINDOW.end }));
    assert.equal(noStart.status, 400);
    assert.deepEqual(noStart.json, {
      success: false,
      error: "must have required property 'start' [invalid-params]",
      errorType: 'invalid-params',
    });
    const none = await h.get(dash('charts/timings'));
    assert.deepEqual(none.json, {
      success: false,
      error: "must have required property 'start'\n must have required property 'end' [invalid-params]",
      errorType: 'invalid-params',
    });
  });

  it('rejects unparsable dates with the handler body (no errorType)', async () => {
    const start = await h.get(dash('chats-totalizers') + qs({ start: 'yesterday', end: WINDOW.end }));
    assert.equal(start.status, 400);
    assert.equal(start.text, '{"success":false,"error":"The \\"start\\" query parameter must be a valid date."}');
    const end = await h.get(dash('chats-totalizers') + qs({ start: WINDOW.start, end: '' }));
    assert.deepEqual(end.json, { success: false, error: 'The "end" query parameter must be a valid date.' });
  });

  it('accepts start > end with zeros', async () => {
    const r = await h.get(dash('charts/chats') + qs({ start: WINDOW.end, end: WINDOW.start }));
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, { open: 0, closed: 0, queued: 0, onhold: 0, success: true });
  });

  it('lets agents-status accept additional keys', async () => {
    const r = await h.get(dash('charts/agents-status') + qs({ ...WINDOW, whatever: 'x' }));
    assert.equal(r.status, 200);
  });

  it('answers 404 for unknown routes', async () => {
    const r = await h.get('/api/v1/livechat/analytics/dashboards/nope');
    assert.equal(r.status, 404);
  });

  it('lets view-l-room list departments but not read dashboards', async () => {
    const headers = { 'X-User-Id': 'viewer', 'X-Auth-Token': 'viewer-token' };
    assert.equal((await h.get('/api/v1/livechat/department', headers)).status, 200);
    assert.equal((await h.get(dash('charts/chats') + qs(WINDOW), headers)).status, 403);
  });
});
