import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { createManualClock } from '../src/clock';
import { createProcessMetrics } from '../src/exporter/createProcessMetrics';
import type { MetricDef } from '../src/metrics/MetricDef';
import { catalogue } from '../src/sources/catalogue';
import { sampleLine } from '../src/metrics/renderExposition';
import { createApp } from '../src/server/createApp';
import { createSnapshotStore } from '../src/snapshot/createSnapshotStore';
import { serveApp } from './helpers/serveApp';
import { configOf, rcTarget, startExporter } from './helpers/startExporter';
import { BOT_USER, EXPORTER_USER, startRocketChat, T0 } from './helpers/startRocketChat';

/** True when `promtool` can be run. */
function havePromtool(): boolean {
  const r = spawnSync('promtool', ['--version'], { stdio: 'ignore' });
  return !r.error && r.status === 0;
}

/** `promtool check metrics` with the exposition on stdin: its exit code and everything it printed. */
function checkMetrics(exposition: Buffer | string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('promtool', ['check', 'metrics'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (output += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (output += s));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
    child.stdin.end(exposition);
  });
}

describe('promtool check metrics', function () {
  before(function () {
    if (havePromtool()) return;
    // CI installs prometheus (.ci/run); there a missing promtool is a failure, not a reason to skip.
    if (process.env.CI) throw new Error('promtool is not installed (apt-get install prometheus)');
    this.skip();
  });

  it('finds nothing in a real scrape of the running app (exporter against the simulator, process metrics included)', async () => {
    const clock = createManualClock(T0);
    const rc = await startRocketChat({ clock });
    const h = startExporter(clock);
    const processMetrics = createProcessMetrics({ version: '0.0.0-test' });
    processMetrics.reloaded(true, T0);
    const app = await serveApp(createApp({ store: h.store, processMetrics, ready: h.exporter.ready }));
    try {
      rc.sim.faults.add({ mode: 'http_500', path: 'charts/timings' });
      await h.exporter.apply(
        configOf([
          rcTarget('acme-chat', rc.url, BOT_USER, {
            budget: 'unlimited',
            windows: ['15m', 'today'],
            departments: { discover: true },
            endpoints: { 'charts-chats-per-agent': true },
            labels: { region: 'eu' },
          }),
          // Budgeted (deferred work) and failing (errors_total) series too.
          rcTarget('acme-chat-budgeted', rc.url, EXPORTER_USER, {
            budget: { requests: 2, per: '1m' },
            windows: ['1h', '24h'],
            departments: { discover: true },
            retries: 0,
          }),
        ]),
      );
      await h.exporter.firstCycles();
      const scrape = await app.get('/metrics');
      assert.equal(scrape.status, 200);
      const text = scrape.body.toString('utf8');
      for (const family of [
        'livechat_exporter_errors_total',
        'livechat_exporter_budget_deferred_total',
        'livechat_exporter_rocketchat_agent_chats',
        'process_cpu_user_seconds_total',
        'livechat_exporter_build_info',
      ]) {
        assert.ok(text.includes(`\n${family}{`) || text.includes(`\n${family} `), `the scrape has ${family}`);
      }
      const r = await checkMetrics(scrape.body);
      assert.deepEqual(r, { code: 0, output: '' });
    } finally {
      await app.close();
      await h.close();
      await rc.sim.close();
    }
  });

  it('finds nothing in one sample of every metric family the exporter defines', async () => {
    const families = new Map<MetricDef, string>();
    for (const def of catalogue)
      families.set(def, sampleLine(def, Object.fromEntries(def.labels.map((l) => [l, 'x'])), 1) + '\n');
    const store = createSnapshotStore(catalogue);
    store.set('t', { families });
    const r = await checkMetrics(store.render('text').body);
    assert.deepEqual(r, { code: 0, output: '' });
    assert.ok(catalogue.length >= 30);
  });
});
