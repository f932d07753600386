import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { shardOf } from '../../src/exporter/shardOf';
import { createLiveChatSimulator, type LiveChatSimulator } from '../../simulator/livechat/createLiveChatSimulator';
import { demoLiveChatAccount } from '../../simulator/livechat/liveChatCredentials';
import {
  createRocketChatSimulator,
  type RocketChatSimulator,
} from '../../simulator/rocketchat/createRocketChatSimulator';
import { eventually } from '../helpers/e2e-eventually';
import { loadRules } from '../helpers/e2e-load-rules';
import { startPrometheus, type PromSample, type RunningPrometheus } from '../helpers/e2e-start-prometheus';
import { REPO_ROOT } from '../helpers/paths';
import { startCli, type RunningCli } from '../helpers/runCli';

/**
 * End to end with a real Prometheus: three exporter binaries run one config as shards
 * 0, 1 and 2 of 3 (the last one sharded automatically from a StatefulSet pod name),
 * and /usr/bin/prometheus scrapes all three as one job. Every target's series must be
 * there exactly once, from the shard that owns it.
 */

const PROMETHEUS = '/usr/bin/prometheus';
const SHARDS = 3;
const JOB = 'livechat-exporter';
const RC_TARGETS = Array.from({ length: 9 }, (_, i) => `rc-tenant-${i}`);
const LC_TARGETS = ['lc-eu', 'lc-us', 'lc-apac'];
const TARGETS = [...RC_TARGETS, ...LC_TARGETS].sort();

/** label value → sample value, for a query grouped by one label. */
const byLabel = (samples: PromSample[], label: string): Record<string, string> =>
  Object.fromEntries(samples.map((s) => [s.metric[label] ?? '', s.value[1]]));

/** One config for every shard: Rocket.Chat tenants with a user each, and LiveChat accounts. */
function exporterConfig(rcUrl: string, lcUrl: string): string {
  return stringify({
    defaults: { schedule: '*/2 * * * * *', windows: ['1h'], timeout: '1500ms', timezone: 'UTC', budget: 'unlimited' },
    targets: [
      ...RC_TARGETS.map((name) => ({
        name,
        kind: 'rocketchat',
        url: rcUrl,
        auth: { user_id: { file: `secrets/${name}-user` }, token: { file: `secrets/${name}-token` } },
        endpoints: { 'charts-chats-per-department': false, 'agents-productivity-totalizers': false },
      })),
      ...LC_TARGETS.map((name) => ({
        name,
        kind: 'livechat',
        url: lcUrl,
        api_version: '3.6',
        auth: { type: 'pat', account_id: { file: 'secrets/lc-account' }, token: { file: 'secrets/lc-pat' } },
      })),
    ],
  });
}

describe('e2e: a real Prometheus scraping three shards of one config', function () {
  this.timeout(180_000);

  let dir: string;
  let rc: RocketChatSimulator;
  let lc: LiveChatSimulator;
  let shards: RunningCli[] = [];
  let prom: RunningPrometheus | undefined;

  before(async function () {
    if (!existsSync(PROMETHEUS)) {
      if (process.env.CI)
        throw new Error(`${PROMETHEUS} is missing (CI installs the Debian package prometheus in .ci/run)`);
      this.skip();
    }
    dir = await mkdtemp(join(tmpdir(), 'livechat-exporter-shards-'));
    const users = RC_TARGETS.map((name) => ({ userId: `${name}-user`, token: `${name}-token-0123456789` }));
    rc = createRocketChatSimulator({ users, rateLimit: false, cacheTtlMs: 0 });
    lc = createLiveChatSimulator({ cacheTtlMs: 0 });
    const [rcUrl, lcUrl] = [await rc.listen(0, '127.0.0.1'), await lc.listen(0, '127.0.0.1')];

    await writeFile(join(dir, 'config.yml'), exporterConfig(rcUrl, lcUrl));
    await mkdir(join(dir, 'secrets'));
    for (const u of users) {
      await writeFile(join(dir, 'secrets', `${u.userId}`), `${u.userId}\n`);
      await writeFile(join(dir, 'secrets', `${u.userId.replace(/-user$/, '')}-token`), `${u.token}\n`);
    }
    await writeFile(join(dir, 'secrets', 'lc-account'), demoLiveChatAccount.accountId);
    await writeFile(join(dir, 'secrets', 'lc-pat'), demoLiveChatAccount.pat);

    const common = [`--config.file=${join(dir, 'config.yml')}`, '--web.listen-address=127.0.0.1:0'];
    shards = await Promise.all([
      startCli([...common, '--shard=0', `--total-shards=${SHARDS}`]),
      startCli([...common, '--shard=1', `--total-shards=${SHARDS}`]),
      // Automatic sharding, as the StatefulSet's third pod would run it.
      startCli([...common, '--pod=livechat-exporter-2', `--total-shards=${SHARDS}`]),
    ]);

    prom = await startPrometheus({
      binary: PROMETHEUS,
      dir,
      config: stringify({
        global: { scrape_interval: '1s', scrape_timeout: '1s', evaluation_interval: '1s' },
        scrape_configs: [
          { job_name: JOB, static_configs: [{ targets: shards.map((s) => s.url.replace('http://', '')) }] },
        ],
      }),
    });
  });

  after(async () => {
    await prom?.close();
    await Promise.all(shards.map((s) => s.stop()));
    await Promise.allSettled([rc?.close(), lc?.close()]);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** instance → shard, from each process' own livechat_exporter_shard_ordinal. */
  async function shardOfInstance(): Promise<Record<string, number>> {
    const samples = await prom!.query(`livechat_exporter_shard_ordinal{job="${JOB}"}`);
    assert.equal(samples.length, SHARDS, JSON.stringify(samples));
    return Object.fromEntries(samples.map((s) => [s.metric.instance!, Number(s.value[1])]));
  }

  it('scrapes the three shards, which say which shard they are and how many targets they own', async () => {
    await eventually(async () => {
      const up = await prom!.query(`up{job="${JOB}"} == 1`);
      assert.equal(up.length, SHARDS, JSON.stringify(up));
    });
    const instances = await shardOfInstance();
    assert.deepEqual(Object.values(instances).sort(), [0, 1, 2]);
    assert.deepEqual(
      (await prom!.query('livechat_exporter_total_shards')).map((s) => s.value[1]),
      ['3', '3', '3'],
    );
    const owned = byLabel(await prom!.query('livechat_exporter_shard_targets'), 'instance');
    for (const [instance, shard] of Object.entries(instances))
      assert.equal(Number(owned[instance]), TARGETS.filter((t) => shardOf(t, SHARDS) === shard).length, instance);
  });

  it("sees every target's series exactly once, from the shard that owns the target", async () => {
    const instances = await shardOfInstance();
    await eventually(async () => {
      // Every target is polled and has data (its up series and a value from its upstream).
      const up = byLabel(await prom!.query('count by (target) (livechat_exporter_up)'), 'target');
      assert.deepEqual(Object.keys(up).sort(), TARGETS);
      assert.ok(
        Object.values(up).every((n) => n === '1'),
        JSON.stringify(up),
      );
      const data = await prom!.query('count by (target) ({__name__=~"livechat_exporter_(rocketchat|livechat)_.+"})');
      assert.deepEqual(data.map((s) => s.metric.target).sort(), TARGETS);
    });
    // No series of a target comes from two shards (aggregation drops the metric name: it is kept as a label)...
    const twice = await prom!.query(
      'count without (instance) (label_replace({__name__=~"livechat_exporter_.+", target!=""}, "name", "$1", "__name__", "(.+)")) > 1',
    );
    assert.deepEqual(twice, []);
    // ...and each target's series all come from the shard its name hashes to.
    const from = await prom!.query('group by (target, instance) ({__name__=~"livechat_exporter_.+", target!=""})');
    assert.equal(from.length, TARGETS.length, JSON.stringify(from.map((s) => s.metric)));
    for (const s of from)
      assert.equal(instances[s.metric.instance!], shardOf(s.metric.target!, SHARDS), JSON.stringify(s.metric));
  });

  it('finds no shard missing while all three run, and the one that stops when a shard goes', async () => {
    const rule = loadRules(await readFile(join(REPO_ROOT, 'rules', 'livechat-exporter.rules.yml'), 'utf8')).find(
      (r) => r.name === 'LivechatExporterShardMissing',
    );
    assert.ok(rule);
    assert.deepEqual(await prom!.query(rule.expr), []);
    await shards[1]!.stop();
    await eventually(async () => {
      const missing = await prom!.query(rule.expr);
      assert.deepEqual(
        missing.map((s) => [s.metric.job, s.value[1]]),
        [[JOB, '2']],
      );
    });
  });
});
