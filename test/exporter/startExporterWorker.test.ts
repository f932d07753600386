import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createManualClock } from '../../src/clock';
import { UNSHARDED } from '../../src/exporter/Shard';
import { startExporterWorker, type ExporterWorker } from '../../src/exporter/startExporterWorker';
import { createSnapshotStore, type SnapshotStore } from '../../src/snapshot/createSnapshotStore';
import { catalogue } from '../../src/sources/catalogue';
import { parseExposition, select, valueOf } from '../helpers/parseExposition';
import { BOT_USER, startRocketChat, type RocketChatHarness } from '../helpers/startRocketChat';

const ENV = { RC_USER: BOT_USER.userId, RC_TOKEN: BOT_USER.token };

const config = (url: string, extra = '') => `defaults:
  schedule: "0 0 1 1 *"
  windows: [1h]
  budget: unlimited
targets:
  - name: rc
    kind: rocketchat
    url: ${url}
    auth: {user_id: {env: RC_USER}, token: {env: RC_TOKEN}}
${extra}`;

async function until(what: string, check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
  assert.ok(check(), `timed out waiting for ${what}`);
}

describe('startExporterWorker: the pollers in their own thread', function () {
  this.timeout(30_000);
  let dir: string;
  let rc: RocketChatHarness;
  let store: SnapshotStore;
  let worker: ExporterWorker;
  let logs: string[];
  let failures: string[];
  let reloads: string[];

  const start = (configFile: string) =>
    startExporterWorker({
      configFile,
      env: ENV,
      shard: UNSHARDED,
      logLevel: 'info',
      logFormat: 'logfmt',
      store,
      catalogue,
      log: (line) => logs.push(line),
      onReload: (o) => reloads.push(o.status),
      onFailure: (m) => failures.push(m),
    });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lx-worker-'));
    rc = await startRocketChat({ clock: createManualClock(Date.now()) });
    store = createSnapshotStore(catalogue);
    logs = [];
    failures = [];
    reloads = [];
    writeFileSync(join(dir, 'c.yml'), config(rc.url));
    worker = start(join(dir, 'c.yml'));
    await worker.started;
  });
  afterEach(async () => {
    await worker.stop();
    await rc.sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes every snapshot into the store of this thread, and turns ready after the first cycle', async () => {
    await until('ready', worker.ready);
    const series = parseExposition(store.render('text').body.toString('utf8')).series;
    assert.equal(valueOf(series, 'livechat_exporter_up', { target: 'rc' }), 1);
    assert.ok(select(series, 'livechat_exporter_rocketchat_conversations', { target: 'rc', window: '1h' }).length > 0);
    assert.ok(
      logs.some((l) => /msg="targets applied"/.test(l)),
      'its log lines come through',
    );
  });

  it('answers states without values, one state with values, and a config view without secrets', async () => {
    await until('ready', worker.ready);
    const states = await worker.states();
    assert.deepEqual(
      states.map((s) => s.name),
      ['rc'],
    );
    assert.ok(states[0]!.jobs.length > 0 && states[0]!.jobs.every((j) => j.values.length === 0));
    const one = await worker.state('rc');
    assert.ok(one!.jobs.some((j) => j.values.length > 0));
    assert.equal(await worker.state('nope'), undefined);
    const view = JSON.stringify(worker.config());
    assert.match(view, /"name":"rc"/);
    assert.ok(!view.includes(BOT_USER.token) && !view.includes('options'), view);
    assert.deepEqual(worker.secrets(), [BOT_USER.userId, BOT_USER.token]);
  });

  it('reloads in the thread: unchanged, failed with the problems, then a new target', async () => {
    assert.deepEqual(await worker.reload(), { status: 'unchanged' });
    writeFileSync(join(dir, 'c.yml'), 'targets: [{name: x}]\n');
    const failed = await worker.reload();
    assert.equal(failed.status, 'failed');
    assert.equal(worker.last()?.status, 'failed');
    writeFileSync(
      join(dir, 'c.yml'),
      config(
        rc.url,
        `  - {name: rc2, kind: rocketchat, url: "${rc.url}", auth: {user_id: {env: RC_USER}, token: {env: RC_TOKEN}}}\n`,
      ),
    );
    assert.deepEqual(await worker.reload(), { status: 'reloaded' });
    assert.deepEqual(reloads, ['unchanged', 'failed', 'reloaded']);
    await until('rc2 polled', () => store.targets().includes('rc2'));
    assert.deepEqual(
      worker.config()!.targets.map((t) => t.name),
      ['rc', 'rc2'],
    );
  });

  it('stops without counting as a failure', async () => {
    await worker.stop();
    assert.deepEqual(failures, []);
  });
});

describe('startExporterWorker: a thread that cannot start', function () {
  this.timeout(30_000);
  it('rejects `started` with the reason, and reports the failure', async () => {
    const failures: string[] = [];
    const worker = startExporterWorker({
      configFile: join(tmpdir(), 'lx-missing-config-file.yml'),
      env: {},
      shard: UNSHARDED,
      logLevel: 'info',
      logFormat: 'logfmt',
      store: createSnapshotStore(catalogue),
      catalogue,
      log: () => undefined,
      onReload: () => undefined,
      onFailure: (m) => failures.push(m),
    });
    await assert.rejects(worker.started, /lx-missing-config-file\.yml: cannot read config file/);
    assert.equal(failures.length, 1);
    await worker.stop();
  });
});
