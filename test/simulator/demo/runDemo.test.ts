import { strict as assert } from 'node:assert';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { demoArgs } from '../../../simulator/demo/runDemo';
import { DEMO_PORTS } from '../../../simulator/demo/startDemoSimulators';
import { REPO_ROOT } from '../../helpers/paths';

/** What `npm run demo` runs once it has built. */
const DEMO_JS = resolve(REPO_ROOT, 'dist', 'simulator', 'demo', 'runDemo.js');

/** The README's demo: the real exporter behind the demo entry, its simulators and config/demo.yml. */
describe('the demo (npm run demo)', function () {
  this.timeout(60_000);
  let child: ChildProcess;
  let logs = '';
  let base = '';

  before(async () => {
    child = spawn(process.execPath, [DEMO_JS, '--web.listen-address=127.0.0.1:0'], {
      env: { PATH: process.env.PATH ?? '' },
    });
    child.stdout!.on('data', (d) => (logs += d));
    child.stderr!.on('data', (d) => (logs += d));
    for (let i = 0; i < 400 && !base; i++) {
      await new Promise((r) => setTimeout(r, 50));
      const m = /msg=listening address=[^ ]*:(\d+)/.exec(logs);
      if (m) base = `http://127.0.0.1:${m[1]}`;
    }
    assert.ok(base, `the demo did not start:\n${logs}`);
    for (let i = 0; i < 400 && (await fetch(`${base}/-/ready`)).status !== 200; i++)
      await new Promise((r) => setTimeout(r, 50));
  });
  after(async () => {
    // A demo that failed to start has exited already, and 'exit' would never come again.
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  });

  it('logs the address it really listens on, loopback host included (not ":port")', () => {
    const logged = /msg=listening address=(\S+)/.exec(logs)?.[1];
    assert.equal(logged, `127.0.0.1:${new URL(base).port}`, logs);
  });

  it('prints where to look', () => {
    assert.match(logs, /status page\s+http:\/\/127\.0\.0\.1:\d+\//);
    assert.match(logs, /metrics\s+http:\/\/127\.0\.0\.1:\d+\/metrics/);
  });

  it('serves Rocket.Chat gauges per department and window, LiveChat gauges for v3.2 and v3.6, Chatwoot live and windowed gauges, and self-metrics', async () => {
    const text = await (await fetch(`${base}/metrics`)).text();
    assert.match(
      text,
      /^livechat_exporter_rocketchat_open_conversations\{target="demo-rocketchat",department="all",department_name="All departments",window="15m"\} \d+$/m,
    );
    assert.match(
      text,
      /^livechat_exporter_rocketchat_chats\{target="demo-rocketchat",department="(?!all)[^"]+",department_name="[^"]+",window="today",state="queued"\} \d+$/m,
    );
    for (const t of ['demo-livechat-v32', 'demo-livechat-v36']) {
      assert.match(
        text,
        new RegExp(`^livechat_exporter_livechat_\\w+\\{target="${t}"`, 'm'),
        `${t} has no LiveChat gauges`,
      );
      assert.match(text, new RegExp(`^livechat_exporter_up\\{target="${t}"\\} 1$`, 'm'));
    }
    assert.match(text, /^livechat_exporter_up\{target="demo-rocketchat"\} 1$/m);
    // LiveChat live state on the v3.6 target, per group (names escaped) and in total.
    for (const name of ['group_active_chats', 'group_queued_chats'])
      assert.match(
        text,
        new RegExp(
          `^livechat_exporter_livechat_live_${name}\\{target="demo-livechat-v36",group="2",group_name="Support \\\\"Tier 2\\\\""\\} \\d+$`,
          'm',
        ),
        name,
      );
    assert.match(
      text,
      /^livechat_exporter_livechat_live_group_agents\{target="demo-livechat-v36",group="0",group_name="General",status="accepting_chats"\} \d+$/m,
    );
    assert.match(
      text,
      /^livechat_exporter_livechat_live_group_routing_status\{target="demo-livechat-v36",group="1",group_name="Sales",status="offline"\} [01]$/m,
    );
    assert.match(text, /^livechat_exporter_livechat_live_active_chats\{target="demo-livechat-v36"\} [1-9]\d*$/m);
    assert.match(text, /^livechat_exporter_livechat_live_chats_truncated\{target="demo-livechat-v36"\} 0$/m);
    assert.doesNotMatch(text, /^livechat_exporter_livechat_live_\w+\{target="demo-livechat-v32"/m);
    assert.match(text, /^livechat_exporter_up\{target="demo-chatwoot"\} 1$/m);
    assert.match(
      text,
      /^livechat_exporter_chatwoot_live_team_unattended_conversations\{target="demo-chatwoot",team_id="none",team_name="No team"\} \d+$/m,
    );
    assert.match(
      text,
      /^livechat_exporter_chatwoot_live_inbox_open_conversations\{target="demo-chatwoot",inbox_id="1",inbox_name="Website"\} \d+$/m,
    );
    assert.match(
      text,
      /^livechat_exporter_chatwoot_first_response_time_avg_seconds\{target="demo-chatwoot",window="24h"\} [\d.e+]+$/m,
    );
    assert.match(
      text,
      /^livechat_exporter_chatwoot_team_resolutions\{target="demo-chatwoot",window="1h",team_id="1",team_name="sales"\} \d+$/m,
    );
    assert.match(text, /^livechat_exporter_build_info\{/m);
  });

  it('serves the Rocket.Chat live gauges per department, and a burst from the control API raises them within one live cycle', async () => {
    const SALES = 'CAJioQNAvLnYWTy8i';
    const queued = async (department: string) => {
      const text = await (await fetch(`${base}/metrics`)).text();
      const m = new RegExp(
        `^livechat_exporter_rocketchat_live_conversations\\{target="demo-rocketchat",department="${department}",[^}]*state="queued"\\} (\\d+)$`,
        'm',
      ).exec(text);
      assert.ok(m, `no live queued gauge for ${department}`);
      return Number(m[1]);
    };
    const before = await queued(SALES);
    await queued('all');
    const res = await fetch(`http://127.0.0.1:${DEMO_PORTS.rocketchat}/_simulator/burst`, {
      method: 'POST',
      body: JSON.stringify({ department: 'Sales', count: 50, queueForMs: 900_000 }),
    });
    assert.equal(res.status, 200);
    // The demo's live_schedule is every 10 s: wait for the next live cycle (bounded, never timed).
    // A few of the queued visitors from before may be served meanwhile.
    let after = before;
    for (let i = 0; i < 300 && after < before + 40; i++) {
      await new Promise((r) => setTimeout(r, 100));
      after = await queued(SALES);
    }
    assert.ok(after >= before + 40, `queued in Sales: ${before} before the burst of 50, ${after} after`);
  });

  it('is clean under promtool check metrics', async function () {
    const which = spawnSync('sh', ['-c', 'command -v promtool'], { encoding: 'utf8' });
    if (which.status !== 0) {
      if (process.env.CI) assert.fail('promtool is missing (apt-get install prometheus)');
      this.skip();
    }
    const text = await (await fetch(`${base}/metrics`)).text();
    const r = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    assert.equal(`${r.stdout}${r.stderr}`.trim(), '');
    assert.equal(r.status, 0);
  });
});

describe('demoArgs', () => {
  it('runs the exporter on config/demo.yml and loopback port 10458 by default', () => {
    assert.deepEqual(demoArgs([]), [
      `--config.file=${resolve(REPO_ROOT, 'config', 'demo.yml')}`,
      '--web.listen-address=127.0.0.1:10458',
    ]);
  });

  it("passes the user's flags through and lets them replace the config and the address", () => {
    assert.deepEqual(demoArgs(['--web.listen-address=127.0.0.1:19458', '--log.level=debug']), [
      `--config.file=${resolve(REPO_ROOT, 'config', 'demo.yml')}`,
      '--web.listen-address=127.0.0.1:19458',
      '--log.level=debug',
    ]);
    assert.deepEqual(demoArgs(['--config.file', 'mine.yml', '--web.listen-address', ':9999']), [
      '--config.file',
      'mine.yml',
      '--web.listen-address',
      ':9999',
    ]);
  });
});
