import { strict as assert } from 'node:assert';
import express from 'express';
import { request } from 'undici';
import type { Reloader } from '../../src/exporter/createReloader';
import { mountReload } from '../../src/server/mountReload';
import { serveApp, type ServedApp } from '../helpers/serveApp';

/** POST /-/reload from other sites: a page elsewhere must not reload the config (and lift auth blocks). */
describe('/-/reload and other sites', () => {
  let app: ServedApp;
  let reloads: number;

  async function serve(opts?: { enabled: boolean }) {
    reloads = 0;
    const reloader: Reloader = {
      reload: () => (reloads++, Promise.resolve({ status: 'unchanged' })),
      last: () => undefined,
    };
    const a = express();
    mountReload(a, reloader, opts);
    app = await serveApp(a);
  }
  afterEach(() => app.close());

  const post = async (headers: Record<string, string>, body?: string) => {
    const res = await request(`${app.url}/-/reload`, { method: 'POST', headers, ...(body !== undefined && { body }) });
    return { status: res.statusCode, text: await res.body.text() };
  };

  it('reloads for curl -X POST (no Origin, no body) and for a same-origin page', async () => {
    await serve();
    assert.equal((await post({})).status, 200);
    assert.equal((await post({ origin: app.url, 'sec-fetch-site': 'same-origin' })).status, 200);
    assert.equal((await post({ 'sec-fetch-site': 'none' })).status, 200, 'typed by the user');
    assert.equal((await post({ 'content-type': 'application/json' }, '{}')).status, 200);
    assert.equal(reloads, 4);
  });

  it('refuses a cross-site request (Origin or Sec-Fetch-Site) with 403', async () => {
    await serve();
    for (const headers of <Record<string, string>[]>[
      { origin: 'http://evil.example' },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' },
    ]) {
      const r = await post(headers, 'x');
      assert.equal(r.status, 403, JSON.stringify(headers));
      assert.match(r.text, /cross-site/);
    }
    assert.equal(reloads, 0);
  });

  it('refuses the content types an HTML form can send with 415', async () => {
    await serve();
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const r = await post({ 'content-type': type }, 'a=b');
      assert.equal(r.status, 415, type);
    }
    assert.equal(reloads, 0);
  });

  it('answers 403 when the lifecycle API is turned off (--no-web.enable-lifecycle)', async () => {
    await serve({ enabled: false });
    const r = await post({});
    assert.equal(r.status, 403);
    assert.match(r.text, /Lifecycle API is not enabled/);
    assert.equal(reloads, 0);
  });
});
