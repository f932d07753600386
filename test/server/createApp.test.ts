import { strict as assert } from 'node:assert';
import { gunzipSync } from 'node:zlib';
import { createManualClock } from '../../src/clock';
import { createProcessMetrics } from '../../src/exporter/createProcessMetrics';
import { createApp } from '../../src/server/createApp';
import { parseExposition } from '../helpers/parseExposition';
import { serveApp, type ServedApp } from '../helpers/serveApp';
import { configOf, rcTarget, startExporter, type ExporterHarness } from '../helpers/startExporter';
import { BOT_USER, startRocketChat, T0, type RocketChatHarness } from '../helpers/startRocketChat';

const TEXT = 'text/plain; version=0.0.4; charset=utf-8';
const OPENMETRICS = 'application/openmetrics-text; version=1.0.0; charset=utf-8';
/** What Prometheus 2.x sends when scraping. */
const PROMETHEUS_ACCEPT =
  'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1';

/** Like assert.match, without printing a whole exposition on failure. */
function hasLine(body: string, re: RegExp): void {
  assert.ok(re.test(body), `no match for ${re}`);
}

describe('HTTP surface (createApp) with the exporter against the simulator', () => {
  let rc: RocketChatHarness;
  let h: ExporterHarness;
  let app: ServedApp;

  beforeEach(async () => {
    const clock = createManualClock(T0);
    rc = await startRocketChat({ clock });
    h = startExporter(clock);
    const processMetrics = createProcessMetrics({ version: '0.0.0-test', defaultMetrics: false });
    processMetrics.reloaded(true, T0);
    app = await serveApp(createApp({ store: h.store, processMetrics, ready: h.exporter.ready }));
  });
  afterEach(async () => {
    await app.close();
    await h.close();
    await rc.sim.close();
  });

  async function pollOnce(): Promise<void> {
    await h.exporter.apply(
      configOf([
        rcTarget('rc', rc.url, BOT_USER, { budget: 'unlimited', windows: ['1h'], departments: { discover: true } }),
      ]),
    );
    await h.exporter.firstCycles();
  }

  describe('/metrics content negotiation', () => {
    beforeEach(pollOnce);

    it('serves the text format by default: the snapshot, then the process metrics, no # EOF', async () => {
      const r = await app.get('/metrics');
      assert.equal(r.status, 200);
      assert.equal(r.headers['content-type'], TEXT);
      assert.equal(r.headers['content-encoding'], undefined);
      assert.equal(r.headers.vary, 'Accept, Accept-Encoding');
      const body = r.body.toString('utf8');
      assert.ok(body.startsWith(h.text()), 'the data part is the snapshot store, byte for byte');
      hasLine(
        body,
        /\n\n# HELP livechat_exporter_build_info .*\n# TYPE livechat_exporter_build_info gauge\nlivechat_exporter_build_info\{version="0\.0\.0-test",nodejs="[^"]+"\} 1\n/,
      );
      assert.ok(!body.includes('# EOF'));
      const parsed = parseExposition(body);
      assert.equal(parsed.types.get('livechat_exporter_upstream_requests_total'), 'counter');
      assert.ok(parsed.series.length > 100);
    });

    for (const accept of [
      'text/plain',
      'text/plain;version=0.0.4',
      '*/*',
      'application/json',
      'application/openmetrics-text;q=0,text/plain;q=0.5',
    ]) {
      it(`Accept: ${accept} -> text`, async () => {
        const r = await app.get('/metrics', { accept });
        assert.equal(r.headers['content-type'], TEXT);
        assert.ok(!r.body.toString('utf8').includes('# EOF'));
      });
    }

    for (const accept of [
      PROMETHEUS_ACCEPT,
      'application/openmetrics-text',
      'text/plain;q=0.5, application/openmetrics-text;version=1.0.0;q=0.9',
    ]) {
      it(`Accept: ${accept} -> OpenMetrics`, async () => {
        const r = await app.get('/metrics', { accept });
        assert.equal(r.status, 200);
        assert.equal(r.headers['content-type'], OPENMETRICS);
        const body = r.body.toString('utf8');
        assert.ok(body.endsWith('\n# EOF\n'));
        assert.equal(body.split('# EOF').length, 2, 'exactly one # EOF, at the end');
        assert.ok(!body.includes('\n\n'), 'no blank lines in OpenMetrics');
        // Counter families are named without _total; their samples keep it.
        hasLine(body, /^# TYPE livechat_exporter_upstream_requests counter$/m);
        hasLine(
          body,
          /^livechat_exporter_upstream_requests_total\{target="rc",endpoint="charts-chats",code="200"\} 7$/m,
        );
        assert.ok(!/^# TYPE \S+_total counter$/m.test(body), 'no counter family named with _total');
        const text = (await app.get('/metrics')).body.toString('utf8');
        assert.deepEqual(
          parseExposition(body).series,
          parseExposition(text).series,
          'the same samples in both formats',
        );
      });
    }

    for (const [name, accept] of [
      ['text', undefined],
      ['OpenMetrics', PROMETHEUS_ACCEPT],
    ] as const) {
      it(`Accept-Encoding: gzip compresses the ${name} body, which decompresses to the plain body`, async () => {
        const plain = await app.get('/metrics', accept ? { accept } : {});
        const zipped = await app.get('/metrics', { ...(accept && { accept }), 'accept-encoding': 'gzip' });
        assert.equal(zipped.headers['content-encoding'], 'gzip');
        assert.equal(zipped.headers['content-type'], plain.headers['content-type']);
        assert.ok(zipped.body.length < plain.body.length);
        assert.deepEqual(gunzipSync(zipped.body), plain.body);
      });
    }

    for (const enc of ['identity', 'gzip;q=0', 'br', 'deflate']) {
      it(`Accept-Encoding: ${enc} -> not gzipped`, async () => {
        const r = await app.get('/metrics', { 'accept-encoding': enc });
        assert.equal(r.headers['content-encoding'], undefined);
        assert.ok(r.body.toString('utf8').startsWith('# HELP'));
      });
    }
  });

  it('/-/healthy is 200 from the start', async () => {
    const r = await app.get('/-/healthy');
    assert.equal(r.status, 200);
    assert.equal(r.body.toString(), 'Healthy\n');
  });

  it('/-/ready is 503 until the first poll cycle has finished, then 200', async () => {
    // Every upstream request hangs, so the first cycle cannot finish while we ask.
    rc.sim.faults.add({ mode: 'timeout' });
    await h.exporter.apply(
      configOf([
        rcTarget('rc', rc.url, BOT_USER, {
          budget: 'unlimited',
          windows: ['1h'],
          timeout: '30s',
          live_schedule: '* * * * *',
          retries: 0,
        }),
      ]),
    );
    assert.equal(h.exporter.ready(), false);
    const before = await app.get('/-/ready');
    assert.equal(before.status, 503);
    assert.match(before.body.toString(), /^Not ready/);
    // The upstream goes away: the hung requests fail at once and the cycle finishes (failed, but finished).
    await rc.sim.close();
    await h.exporter.firstCycles();
    const after = await app.get('/-/ready');
    assert.equal(after.status, 200);
    assert.equal(after.body.toString(), 'Ready\n');
  });

  it('the landing page links to /metrics, /-/healthy and /-/ready, and the links work', async () => {
    await pollOnce();
    const r = await app.get('/');
    assert.equal(r.status, 200);
    assert.match(r.headers['content-type'] ?? '', /^text\/html/);
    const html = r.body.toString('utf8');
    const links = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!);
    assert.deepEqual(links, ['metrics', '-/healthy', '-/ready']);
    for (const link of links) assert.equal((await app.get(`/${link}`)).status, 200, link);
  });

  it('anything else is a plain 404', async () => {
    const r = await app.get('/nope');
    assert.equal(r.status, 404);
    assert.equal(r.body.toString(), 'Not found\n');
  });
});
