import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import bcrypt from 'bcryptjs';
import { Gauge, Registry } from 'prom-client';
import { request } from 'undici';
import { CONTENT_TYPES, sampleLine, textToOpenMetrics } from '../../src/metrics/renderExposition';
import { self } from '../../src/metrics/selfMetrics';
import { createApp } from '../../src/server/createApp';
import { createMetricsHandler } from '../../src/server/createMetricsHandler';
import { createMetricsResponder } from '../../src/server/createMetricsResponder';
import { createSnapshotStore, type SnapshotStore } from '../../src/snapshot/createSnapshotStore';
import { catalogue } from '../../src/sources/catalogue';
import { createWebServer, type WebServer } from '../../src/web';
import { fetchOnce } from '../web/fetchOnce';
import { generateTestPki, type TestPki } from '../web/generateTestPki';
import { serveApp, type ServedApp } from '../helpers/serveApp';

function publish(store: SnapshotStore, target: string, up: number): void {
  store.set(target, { families: new Map([[self.up, sampleLine(self.up, { target }, up) + '\n']]) });
}

function processRegistry(): Registry {
  const registry = new Registry();
  new Gauge({ name: 'test_process_value', help: 'A process metric.', registers: [registry] }).set(3);
  return registry;
}

/** What /metrics must send as text: the data part, a blank line, the process part. */
async function expectedText(store: SnapshotStore, registry: Registry): Promise<string> {
  return `${store.render('text').body.toString('utf8')}\n${await registry.metrics()}`;
}

describe('/metrics fast path (createMetricsHandler behind createApp)', () => {
  let store: SnapshotStore;
  let registry: Registry;
  let app: ServedApp;

  beforeEach(async () => {
    store = createSnapshotStore(catalogue);
    registry = processRegistry();
    for (let i = 0; i < 20; i++) publish(store, `t-${String(i).padStart(2, '0')}`, i % 2);
    app = await serveApp(createApp({ store, processMetrics: { registry }, ready: () => true }));
  });
  afterEach(() => app.close());

  it('HEAD answers the headers of the GET, the length included, and no body', async () => {
    const get = await app.get('/metrics', { 'accept-encoding': 'gzip' });
    const res = await request(`${app.url}/metrics`, { method: 'HEAD', headers: { 'accept-encoding': 'gzip' } });
    const body = Buffer.from(await res.body.arrayBuffer());
    assert.equal(res.statusCode, 200);
    assert.equal(body.length, 0);
    for (const name of ['content-type', 'content-encoding', 'content-length', 'vary'])
      assert.equal(res.headers[name], get.headers[name], name);
    assert.equal(Number(res.headers['content-length']), get.body.length);
  });

  it('an Accept it does not know, or none at all, gets the text format', async () => {
    const want = await expectedText(store, registry);
    for (const accept of ['application/json', 'image/*;q=0.9', 'nonsense', '']) {
      const r = await app.get('/metrics', { accept });
      assert.equal(r.status, 200, accept);
      assert.equal(r.headers['content-type'], CONTENT_TYPES.text, accept);
      assert.equal(r.body.toString('utf8'), want, accept);
    }
  });

  it('negotiates right however many distinct header pairs clients send (the remembered pairs are bounded)', async () => {
    const text = await expectedText(store, registry);
    const om = textToOpenMetrics(text);
    for (let i = 0; i < 150; i++) {
      const openmetrics = i % 3 === 0;
      const gzip = i % 2 === 0;
      const accept = openmetrics ? `application/openmetrics-text;version=1.0.0;x=${i}` : `text/plain;x=${i}`;
      const r = await app.get('/metrics', { accept, ...(gzip ? { 'accept-encoding': `gzip;x=${i}` } : {}) });
      assert.equal(r.headers['content-type'], CONTENT_TYPES[openmetrics ? 'openmetrics' : 'text'], accept);
      assert.equal(r.headers['content-encoding'], gzip ? 'gzip' : undefined, accept);
      assert.equal((gzip ? gunzipSync(r.body) : r.body).toString('utf8'), openmetrics ? om : text, accept);
    }
  });

  it('a query string, and the spellings only express matches (/metrics/, /METRICS), get the same answer', async () => {
    const want = await app.get('/metrics', { 'accept-encoding': 'gzip' });
    for (const path of ['/metrics?debug=1', '/metrics/', '/METRICS']) {
      const r = await app.get(path, { 'accept-encoding': 'gzip' });
      assert.equal(r.status, 200, path);
      assert.deepEqual(r.headers['content-type'], want.headers['content-type'], path);
      assert.deepEqual(r.body, want.body, path);
    }
  });

  it('other methods and neighbouring paths are left to express (404)', async () => {
    const post = await request(`${app.url}/metrics`, { method: 'POST', body: 'x' });
    assert.equal(post.statusCode, 404);
    assert.equal(await post.body.text(), 'Not found\n');
    for (const path of ['/metricsx', '/metrics/x']) assert.equal((await app.get(path)).status, 404, path);
  });

  it('keeps the connection alive across scrapes', async () => {
    const first = await app.get('/metrics');
    assert.equal(first.headers.connection, 'keep-alive');
  });

  it('answers a failed build with 500 and the reason, then serves again once the cause is gone', async () => {
    let fail = true;
    const failing = new Registry();
    new Gauge({
      name: 'test_flaky',
      help: 'Fails its first collection.',
      registers: [failing],
      collect() {
        if (fail) throw new Error('collection failed');
      },
    });
    const responder = createMetricsResponder({ store, processMetrics: { registry: failing }, refreshMs: 3_600_000 });
    const served = await serveApp(createMetricsHandler(responder));
    try {
      const bad = await served.get('/metrics');
      assert.equal(bad.status, 500);
      assert.match(bad.body.toString('utf8'), /error has occurred while serving metrics:[\s\S]*collection failed/);
      fail = false;
      const good = await served.get('/metrics');
      assert.equal(good.status, 200);
      assert.match(good.body.toString('utf8'), /^test_flaky 0$/m);
    } finally {
      responder.close();
      await served.close();
    }
  });
});

describe('/metrics fast path behind the web layer (TLS, basic auth, headers)', function () {
  this.timeout(30_000);
  let dir: string;
  let pki: TestPki;
  let web: WebServer;
  let port: number;
  let store: SnapshotStore;
  let registry: Registry;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'metrics-web-'));
    pki = generateTestPki(dir);
    const file = join(dir, 'web.yml');
    writeFileSync(
      file,
      [
        'tls_server_config:\n  cert_file: server.crt\n  key_file: server.key',
        `basic_auth_users:\n  alice: ${bcrypt.hashSync('s3cret', 4)}`,
        'http_server_config:\n  headers:\n    X-Content-Type-Options: nosniff',
        '',
      ].join('\n'),
    );
    store = createSnapshotStore(catalogue);
    registry = processRegistry();
    publish(store, 'a', 1);
    web = await createWebServer({
      handler: createApp({ store, processMetrics: { registry }, ready: () => true }),
      webConfigFile: file,
      logger: { info: () => undefined, error: () => undefined },
    });
    ({ port } = await web.listen('127.0.0.1', 0));
  });
  after(async () => {
    await web.close(1000);
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses /metrics without or with wrong credentials, before any metric is sent', async () => {
    const tls = { ca: pki.read(pki.caCert) };
    for (const path of ['/metrics', '/metrics?x=1', '/metrics/'])
      for (const auth of [undefined, 'alice:wrong', 'mallory:s3cret']) {
        const res = await fetchOnce(port, { tls, path, ...(auth ? { auth } : {}) });
        assert.equal(res.status, 401, `${path} ${String(auth)}`);
        assert.equal(res.headers['www-authenticate'], 'Basic');
        assert.doesNotMatch(res.body, /livechat_exporter_up/);
      }
  });

  it('serves /metrics over TLS to a user with the password, with the configured headers', async () => {
    const res = await fetchOnce(port, { tls: { ca: pki.read(pki.caCert) }, auth: 'alice:s3cret' });
    assert.equal(res.status, 200);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['content-type'], CONTENT_TYPES.text);
    assert.equal(res.body, await expectedText(store, registry));
  });
});
