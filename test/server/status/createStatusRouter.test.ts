import { strict as assert } from 'node:assert';
import { Registry } from 'prom-client';
import { Secret } from '../../../src/config/Secret';
import type { Config } from '../../../src/config/types';
import { catalogue } from '../../../src/sources/catalogue';
import { createApp } from '../../../src/server/createApp';
import { createStatusRouter } from '../../../src/server/status/createStatusRouter';
import type { StatusTargetState } from '../../../src/server/status/TargetView';
import { createSnapshotStore } from '../../../src/snapshot/createSnapshotStore';
import { serveApp, type ServedApp } from '../../helpers/serveApp';
import { fakeTargetState, HOSTILE_NAME, NOW } from './fakeTargetState';

describe('createStatusRouter', () => {
  let served: ServedApp;
  let base: string;
  let states: StatusTargetState[];
  let config: Config | undefined;

  before(async () => {
    const app = createApp({
      store: createSnapshotStore(catalogue),
      processMetrics: { registry: new Registry() },
      ready: () => true,
      extend: (a) =>
        void a.use(
          createStatusRouter({
            states: () => states,
            config: () => config,
            now: () => NOW,
            version: '9.9.9',
          }),
        ),
    });
    served = await serveApp(app);
    base = served.url;
  });
  after(() => served.close());
  beforeEach(() => {
    states = [
      fakeTargetState({
        budget: [
          { endpoint: 'conversation-totalizers', used: 4, limit: 10, periodMs: 60_000, blockedUntil: undefined },
        ],
      }),
      fakeTargetState({ name: 'acme.chat-2' }),
      fakeTargetState({ name: HOSTILE_NAME }),
    ];
    config = undefined;
  });

  it('serves the status page at / instead of the landing page, uncached and under a strict CSP', async () => {
    const res = await fetch(`${base}/`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    const body = await res.text();
    assert.match(body, /<tr data-target="acme-chat">/);
    assert.match(body, /4 \/ 10 per 1m/, 'budget usage comes from the target state');
  });

  it('serves the debug view of each target by its URL-encoded name, and 404 for others', async () => {
    for (const name of ['acme-chat', 'acme.chat-2', HOSTILE_NAME]) {
      const res = await fetch(`${base}/targets/${encodeURIComponent(name)}`);
      assert.equal(res.status, 200, name);
      assert.match(await res.text(), /Recent requests \(1, newest first\)/);
    }
    const unknown = await fetch(`${base}/targets/${encodeURIComponent('<nope>')}`);
    assert.equal(unknown.status, 404);
    assert.match(await unknown.text(), /No running target is named <code>&lt;nope&gt;<\/code>/);
    assert.equal(
      (await fetch(`${base}/targets/acme-chat/`)).status,
      404,
      'a trailing slash would break the relative links',
    );
  });

  it('serves /config as text without any secret value, 503 before a config is applied', async () => {
    const none = await fetch(`${base}/config`);
    assert.equal(none.status, 503);
    config = {
      file: '/x.yml',
      checksum: 'abc',
      text: 'targets:\n  - name: acme-chat\n    auth: {token: {env: X}}\n',
      targets: [
        {
          ...({} as Config['targets'][number]),
          name: 'acme-chat',
          kind: 'rocketchat',
          url: 'http://rc.example',
          options: { token: new Secret('s3cr3t-token-value', 'env:X') },
        },
      ],
    };
    const res = await fetch(`${base}/config`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/plain; charset=utf-8');
    const text = await res.text();
    assert.ok(!text.includes('s3cr3t'));
    assert.match(text, /auth: \{ token: \{ env: X \} \}/);
  });

  it('leaves /metrics and the health endpoints to createApp', async () => {
    assert.equal((await fetch(`${base}/-/healthy`)).status, 200);
    assert.equal((await fetch(`${base}/metrics`)).status, 200);
    assert.equal((await fetch(`${base}/nothing-here`)).status, 404);
  });
});
