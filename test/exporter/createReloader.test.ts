import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../src/clock';
import { loadConfig } from '../../src/config/loadConfig';
import type { Exporter } from '../../src/exporter/createExporter';
import { createProcessMetrics, type ProcessMetrics } from '../../src/exporter/createProcessMetrics';
import { createReloader, type Reloader } from '../../src/exporter/createReloader';
import { createNullLogger } from '../../src/log/createLogger';
import { createApp } from '../../src/server/createApp';
import { mountReload } from '../../src/server/mountReload';
import {
  createRocketChatSimulator,
  type RocketChatSimulator,
} from '../../simulator/rocketchat/createRocketChatSimulator';
import { SOURCE_KINDS } from '../../src/sources/sourceKinds';
import { serveApp, type ServedApp } from '../helpers/serveApp';
import { startExporter, type ExporterHarness } from '../helpers/startExporter';

const target = (name: string, url: string) => `
  - name: ${name}
    kind: rocketchat
    url: ${url}
    budget: unlimited
    windows: [1h]
    endpoints: {chats-totalizers: false, productivity-totalizers: false, agents-productivity-totalizers: false, charts-timings: false, charts-chats-per-department: false}
    auth: {user_id: {file: user-id}, token: {file: token}}`;

describe('config reload', () => {
  let dir: string;
  let sim: RocketChatSimulator;
  let url: string;
  let exporter: Exporter;
  let metrics: ProcessMetrics;
  let reloader: Reloader;
  let harness: ExporterHarness;
  let served: ServedApp;
  let base: string;
  const write = (text: string) => writeFileSync(join(dir, 'config.yml'), text);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'reload-'));
    sim = createRocketChatSimulator({
      rateLimit: false,
      users: [
        { userId: 'u1', token: 'token-one' },
        { userId: 'u1', token: 'token-two' },
      ],
    });
    url = await sim.listen(0);
    writeFileSync(join(dir, 'user-id'), 'u1\n');
    writeFileSync(join(dir, 'token'), 'token-one\n');
    write(`targets:${target('alpha', url)}`);
    const load = () => loadConfig(join(dir, 'config.yml'), { env: {}, kinds: SOURCE_KINDS });
    harness = startExporter(systemClock);
    const { store } = harness;
    exporter = harness.exporter;
    metrics = createProcessMetrics({ version: 'test', defaultMetrics: false });
    reloader = createReloader({ load, exporter, metrics, logger: createNullLogger(), clock: systemClock });
    await exporter.apply(await load());
    await exporter.firstCycles();
    const app = createApp({
      store,
      processMetrics: metrics,
      ready: () => exporter.ready(),
      extend: (a) => mountReload(a, reloader),
    });
    served = await serveApp(app);
    base = served.url;
  });

  after(async () => {
    await served.close();
    await harness.close();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Scrapes continuously while `work` runs; every scrape must succeed with a whole exposition. */
  async function whileScraping<T>(work: () => Promise<T>): Promise<{ result: T; scrapes: number }> {
    let done = false;
    let scrapes = 0;
    const loop = (async () => {
      while (!done) {
        const res = await fetch(`${base}/metrics`);
        const body = await res.text();
        assert.equal(res.status, 200);
        assert.match(body, /livechat_exporter_build_info/);
        scrapes++;
      }
    })();
    try {
      const result = await work();
      done = true;
      await loop;
      return { result, scrapes };
    } finally {
      done = true;
    }
  }

  const scrape = async () => (await fetch(`${base}/metrics`)).text();
  const reload = async () => {
    const res = await fetch(`${base}/-/reload`, { method: 'POST' });
    return { status: res.status, body: await res.text() };
  };

  it('refuses GET with 405', async () => {
    const res = await fetch(`${base}/-/reload`);
    assert.equal(res.status, 405);
    assert.match(res.headers.get('allow') ?? '', /POST/);
  });

  it('applies a good config: new targets poll, removed targets lose their series', async () => {
    assert.match(await scrape(), /target="alpha"/);
    write(`targets:${target('beta', url)}`);
    const { result } = await whileScraping(async () => {
      const r = await reload();
      await exporter.firstCycles();
      return r;
    });
    assert.deepEqual(result, { status: 200, body: 'Reloaded\n' });
    const text = await scrape();
    assert.doesNotMatch(text, /target="alpha"/);
    assert.match(text, /livechat_exporter_rocketchat_conversations\{target="beta"/);
    assert.match(text, /^livechat_exporter_config_last_reload_successful 1$/m);
  });

  it('rejects a bad config with its problems and keeps the running one', async () => {
    write(`targets:${target('beta', url)}\n    bogus_key: 1\n`);
    const { result } = await whileScraping(reload);
    assert.equal(result.status, 500);
    assert.match(result.body, /targets\[0\]\.bogus_key: unknown key/);
    const text = await scrape();
    assert.match(text, /livechat_exporter_rocketchat_conversations\{target="beta"/);
    assert.match(text, /^livechat_exporter_config_last_reload_successful 0$/m);
    const last = reloader.last();
    assert.equal(last?.status, 'failed', 'the status page shows the failed reload');
    assert.ok(last.status === 'failed' && last.problems.some((p) => /targets\[0\]\.bogus_key: unknown key/.test(p)));
    await exporter.pollAll();
    assert.match(await scrape(), /livechat_exporter_up\{target="beta"\} 1/);
  });

  it('treats an unchanged config as a no-op', async () => {
    // The rejected file never replaced the running config, so restoring the good text changes nothing.
    write(`targets:${target('beta', url)}`);
    const before = exporter.states()[0]!.cycles;
    const { result } = await whileScraping(reload);
    assert.deepEqual(result, { status: 200, body: 'Config unchanged\n' });
    assert.equal(reloader.last()?.status, 'unchanged', 'a later reload replaces the failed outcome');
    // The same poller keeps running: its cycle count was not reset by a restart.
    assert.equal(exporter.states()[0]!.cycles, before);
  });

  it('lets a target blocked by a 401 ask again on an unchanged reload', async () => {
    sim.faults.add({ mode: 'unauthorized', times: 1 });
    await exporter.pollAll();
    assert.ok(exporter.states()[0]!.authBlocked);
    sim.requests.clear();
    await exporter.pollAll();
    assert.equal(sim.requests.size, 0, 'no request while blocked');
    assert.equal((await reload()).body, 'Config unchanged\n');
    await exporter.pollAll();
    assert.equal(exporter.states()[0]!.authBlocked, undefined);
    assert.ok(sim.requests.size > 0);
    assert.match(await scrape(), /livechat_exporter_up\{target="beta"\} 1/);
  });

  it('picks up a rotated token from its secret file', async () => {
    sim.requests.clear();
    writeFileSync(join(dir, 'token'), 'token-two\n');
    assert.equal((await reload()).body, 'Reloaded\n');
    await exporter.firstCycles();
    const tokens = new Set(sim.requests.all().map((r) => r.headers['x-auth-token']));
    assert.deepEqual([...tokens], ['token-two']);
  });
});
