import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { parseConfig } from '../../src/config/loadConfig';
import { SOURCE_KINDS } from '../../src/sources/sourceKinds';
import { createLiveChatSimulator, type LiveChatSimulator } from '../../simulator/livechat/createLiveChatSimulator';
import { demoLiveChatAccount } from '../../simulator/livechat/liveChatCredentials';
import { eventually } from '../helpers/e2e-eventually';
import { e2ePrometheusConfig } from '../helpers/e2e-prometheus-config';
import { serveExporter, type ServedExporter } from '../helpers/e2e-serve-exporter';
import { shortenRules } from '../helpers/e2e-shorten-rules';
import { startPrometheus, type RunningPrometheus } from '../helpers/e2e-start-prometheus';
import { REPO_ROOT } from '../helpers/paths';

/**
 * End to end with a real Prometheus, for LiveChat's live state: the exporter
 * reads a LiveChat simulator's live state every second, Prometheus scrapes it
 * every second and evaluates the real rules with their durations divided by 60,
 * and a burst of chats queued in a group nobody can take them in fires
 * LivechatLiveChatQueuedWithoutAcceptingAgents.
 */

const PROMETHEUS = '/usr/bin/prometheus';
const ALERT = 'LivechatLiveChatQueuedWithoutAcceptingAgents';
/** A group without agents and without traffic of its own: queued chats there wait for nobody. */
const NIGHT = { id: 5, name: 'Night shift', agents: 0, weight: 0 };

interface PromAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  state: string;
}

describe('e2e: LiveChat live state in Prometheus, and a queue alert from a burst', function () {
  this.timeout(180_000);

  let dir: string;
  let sim: LiveChatSimulator;
  let served: ServedExporter | undefined;
  let prom: RunningPrometheus | undefined;

  before(async function () {
    if (!existsSync(PROMETHEUS)) {
      if (process.env.CI)
        throw new Error(`${PROMETHEUS} is missing (CI installs the Debian package prometheus in .ci/run)`);
      this.skip();
    }
    dir = await mkdtemp(join(tmpdir(), 'livechat-exporter-e2e-live-'));
    sim = createLiveChatSimulator({
      cacheTtlMs: 0,
      groups: [{ id: 0, name: 'General' }, { id: 1, name: 'Sales' }, NIGHT],
    });
    const url = await sim.listen(0, '127.0.0.1');
    const yaml = stringify({
      defaults: { schedule: '*/10 * * * * *', live_schedule: '* * * * * *', timeout: '900ms', windows: ['1h'] },
      targets: [
        {
          name: 'lc-live',
          kind: 'livechat',
          url,
          budget: 'unlimited',
          auth: { type: 'pat', account_id: { env: 'LC_ACCOUNT' }, token: { env: 'LC_PAT' } },
          reports: { total_chats: true, tags: false, duration: false },
          live: { enabled: true },
        },
      ],
    });
    const env = { LC_ACCOUNT: demoLiveChatAccount.accountId, LC_PAT: demoLiveChatAccount.pat };
    served = await serveExporter(parseConfig(yaml, { env, kinds: SOURCE_KINDS, file: join(dir, 'exporter.yml') }));
    const rulesFile = join(dir, 'livechat-exporter.test-rules.yml');
    await writeFile(
      rulesFile,
      shortenRules(await readFile(join(REPO_ROOT, 'rules', 'livechat-exporter.rules.yml'), 'utf8'), 60),
    );
    const compose = await readFile(join(REPO_ROOT, 'deploy', 'compose', 'prometheus.yml'), 'utf8');
    prom = await startPrometheus({
      binary: PROMETHEUS,
      dir,
      config: e2ePrometheusConfig(compose, served.address, rulesFile),
    });
  });

  after(async () => {
    await prom?.close();
    await served?.close();
    await sim?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const value = async (expr: string): Promise<number | undefined> => {
    const r = await prom!.query(expr);
    assert.ok(r.length <= 1, `${expr}: ${r.length} series`);
    return r[0] === undefined ? undefined : Number(r[0].value[1]);
  };
  const alerts = async (): Promise<PromAlert[]> =>
    (await prom!.api<{ alerts: PromAlert[] }>('/api/v1/alerts')).alerts.filter((a) => a.labels.alertname === ALERT);

  it('scrapes the live series per group and in total, the same values the simulator holds', async () => {
    const current = () => (sim.state() as { current: Record<string, number> }).current;
    await eventually(async () => {
      const active = await value('livechat_exporter_livechat_live_active_chats{target="lc-live"}');
      const c = current();
      assert.equal(active, c.queued! + c.open! + c.onhold!);
      assert.equal(await value('livechat_exporter_livechat_live_queued_chats{target="lc-live"}'), c.queued);
    });
    const groups = await prom!.query('livechat_exporter_livechat_live_group_active_chats{target="lc-live"}');
    assert.deepEqual(groups.map((s) => s.metric.group_name).sort(), ['General', 'Night shift', 'Sales']);
    for (const status of ['accepting_chats', 'not_accepting_chats', 'offline'])
      assert.equal(
        await value(`livechat_exporter_livechat_live_group_agents{target="lc-live",group="5",status="${status}"}`),
        0,
        'the night shift has no members',
      );
    assert.equal(await value('livechat_exporter_livechat_live_chats_truncated{target="lc-live"}'), 0);
  });

  it('fires the queued-without-accepting-agents alert after a burst into the unstaffed group, not before', async () => {
    const night = '{target="lc-live",group="5"}';
    // Other groups follow the simulated agents' hours (of the real clock), so only the night shift is checked.
    const nightAlerts = async () => (await alerts()).filter((a) => a.labels.group === String(NIGHT.id));
    assert.equal(await value(`livechat_exporter_livechat_live_group_queued_chats${night}`), 0);
    assert.deepEqual(await nightAlerts(), []);

    sim.burst({ department: String(NIGHT.id), count: 4, queueForMs: 3_600_000 });

    await eventually(async () =>
      assert.equal(await value(`livechat_exporter_livechat_live_group_queued_chats${night}`), 4),
    );
    const firing = await eventually(async () => {
      const f = (await nightAlerts()).filter((a) => a.state === 'firing');
      assert.ok(f.length > 0, `no firing ${ALERT} yet: ${JSON.stringify(await nightAlerts())}`);
      return f;
    });
    assert.deepEqual(
      firing.map((a) => [a.labels.group, a.labels.group_name, a.labels.severity]),
      [['5', 'Night shift', 'critical']],
    );
    assert.match(
      firing[0]!.annotations.description ?? '',
      /^4 chats are waiting in the queue of LiveChat group Night shift/,
    );
    assert.match(
      firing[0]!.annotations.runbook_url ?? '',
      /docs\/alerts\.md#livechatlivechatqueuedwithoutacceptingagents$/,
    );
    // The wait the queue-wait alert reads is recorded for the group (its 5-minute threshold is not shortened).
    const wait = await eventually(async () => {
      const w = await value(`livechat_exporter:livechat_live_queue_wait_seconds${night}`);
      assert.ok(w !== undefined);
      return w;
    });
    assert.ok(wait >= 0 && wait < 300, String(wait));
  });
});
