import { strict as assert } from 'node:assert';
import { gunzipSync } from 'node:zlib';
import { Gauge, Registry } from 'prom-client';
import { request } from 'undici';
import { catalogue } from '../../src/sources/catalogue';
import type { MetricDef } from '../../src/metrics/MetricDef';
import {
  CONTENT_TYPES,
  sampleLine,
  textToOpenMetrics,
  type ExpositionFormat,
} from '../../src/metrics/renderExposition';
import { self } from '../../src/metrics/selfMetrics';
import { createApp } from '../../src/server/createApp';
import { createSnapshotStore, type SnapshotStore } from '../../src/snapshot/createSnapshotStore';
import { rc } from '../../src/sources/rocketchat/metrics';
import { serveApp, type ServedApp } from '../helpers/serveApp';

const PROMETHEUS_ACCEPT =
  'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1';

/** A target's snapshot shaped like a Rocket.Chat target's: departments × windows of a few gauges, plus a counter. */
function publish(store: SnapshotStore, target: string, seed: number): void {
  const families = new Map<MetricDef, string>();
  const add = (d: MetricDef, labels: Record<string, string>, value: number) =>
    families.set(d, (families.get(d) ?? '') + sampleLine(d, labels, value) + '\n');
  for (const [department, name] of [
    ['all', 'All departments'],
    ['dSales', 'Sales "EU"'],
    ['dSupport', 'Поддержка'],
  ] as const) {
    for (const window of ['15m', '1h', '24h', 'today']) {
      add(rc.conversations, { target, department, department_name: name, window }, seed + 1);
      add(rc.openConversations, { target, department, department_name: name, window }, seed % 7);
    }
  }
  add(self.requests, { target, endpoint: 'conversation-totalizers', code: '200' }, seed * 3);
  add(self.up, { target }, 1);
  store.set(target, { families });
}

/** The bytes /metrics must send for a format: the store's data, then the process registry's part. */
async function expected(store: SnapshotStore, registry: Registry, format: ExpositionFormat): Promise<Buffer> {
  const data = store.render(format).body;
  const processText = await registry.metrics();
  const tail = format === 'openmetrics' ? textToOpenMetrics(processText) : (data.length > 0 ? '\n' : '') + processText;
  return Buffer.concat([data, Buffer.from(tail, 'utf8')]);
}

describe('/metrics serves the cached exposition in pieces, byte for byte', () => {
  let store: SnapshotStore;
  let registry: Registry;
  let app: ServedApp;

  beforeEach(async () => {
    store = createSnapshotStore(catalogue);
    registry = new Registry();
    new Gauge({
      name: 'livechat_exporter_build_info',
      help: 'Build.',
      labelNames: ['version'],
      registers: [registry],
    }).set({ version: 'test' }, 1);
    for (let i = 0; i < 300; i++) publish(store, `rc-${String(i).padStart(3, '0')}`, i);
    app = await serveApp(createApp({ store, processMetrics: { registry }, ready: () => true }));
  });
  afterEach(() => app.close());

  const variants: [string, Record<string, string>, ExpositionFormat, boolean][] = [
    ['text', {}, 'text', false],
    ['text + gzip', { 'accept-encoding': 'gzip' }, 'text', true],
    ['OpenMetrics', { accept: 'application/openmetrics-text;version=1.0.0' }, 'openmetrics', false],
    ['Prometheus (OpenMetrics + gzip)', { accept: PROMETHEUS_ACCEPT, 'accept-encoding': 'gzip' }, 'openmetrics', true],
  ];
  for (const [name, headers, format, gzip] of variants) {
    it(`${name}: the right type and length, and (decompressed) the expected bytes`, async () => {
      const r = await app.get('/metrics', headers);
      assert.equal(r.status, 200);
      assert.equal(r.headers['content-type'], CONTENT_TYPES[format]);
      assert.equal(r.headers['content-encoding'], gzip ? 'gzip' : undefined);
      assert.equal(Number(r.headers['content-length']), r.body.length);
      const body = gzip ? gunzipSync(r.body) : r.body;
      assert.deepEqual(body, await expected(store, registry, format));
      assert.ok(body.length > 300 * 2_000, 'a large body, sent in many pieces');
    });
  }

  it('HEAD answers with the length and no body', async () => {
    const res = await request(`${app.url}/metrics`, { method: 'HEAD' });
    await res.body.dump();
    assert.equal(res.statusCode, 200);
    assert.equal(Number(res.headers['content-length']), (await expected(store, registry, 'text')).length);
  });

  it('a scrape after a snapshot change sends the new data, gzip included (no stale cache)', async () => {
    await app.get('/metrics', { 'accept-encoding': 'gzip' });
    publish(store, 'rc-000', 1_000_000);
    const r = await app.get('/metrics', { 'accept-encoding': 'gzip' });
    const body = gunzipSync(r.body).toString('utf8');
    assert.match(
      body,
      /^livechat_exporter_rocketchat_conversations\{target="rc-000",department="all",department_name="All departments",window="15m"\} 1000001$/m,
    );
    assert.deepEqual(Buffer.from(body, 'utf8'), await expected(store, registry, 'text'));
  });

  it('concurrent gzip scrapes while targets publish each get one whole, valid exposition', async () => {
    const bodies = await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        if (i % 3 === 0) publish(store, `rc-${String(i).padStart(3, '0')}`, 5_000 + i);
        const r = await app.get('/metrics', { accept: PROMETHEUS_ACCEPT, 'accept-encoding': 'gzip' });
        return gunzipSync(r.body).toString('utf8');
      }),
    );
    for (const body of bodies) {
      assert.ok(body.endsWith('# EOF\n'));
      assert.equal(
        body.split('\n').filter((l) => l.startsWith('livechat_exporter_up{')).length,
        300,
        'every target once',
      );
    }
  });
});
