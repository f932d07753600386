import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadConfig } from '../../src/config/loadConfig';
import { parsePrometheusDuration } from '../../src/config/prometheusDuration';
import { demoChatwootToken } from '../../simulator/chatwoot/chatwootTokens';
import { createChatwootSimulator, type ChatwootSimulator } from '../../simulator/chatwoot/createChatwootSimulator';
import { createLiveChatSimulator, type LiveChatSimulator } from '../../simulator/livechat/createLiveChatSimulator';
import { demoLiveChatAccount } from '../../simulator/livechat/liveChatCredentials';
import {
  createRocketChatSimulator,
  type RocketChatSimulator,
} from '../../simulator/rocketchat/createRocketChatSimulator';
import type { RocketChatUser } from '../../simulator/rocketchat/RocketChatUser';
import { SOURCE_KINDS } from '../../src/sources/sourceKinds';
import { dashboardQueries } from '../helpers/e2e-dashboard-queries';
import { eventually } from '../helpers/e2e-eventually';
import { loadDashboards, type GrafanaDashboard } from '../helpers/e2e-load-dashboards';
import { loadRules } from '../helpers/e2e-load-rules';
import { e2ePrometheusConfig } from '../helpers/e2e-prometheus-config';
import { serveExporter, type ServedExporter } from '../helpers/e2e-serve-exporter';
import { metricSelectors } from '../helpers/e2e-metric-selectors';
import { shortenRules } from '../helpers/e2e-shorten-rules';
import { startPrometheus, type RunningPrometheus } from '../helpers/e2e-start-prometheus';
import { substituteVariables } from '../helpers/e2e-substitute-variables';
import { variableOptions } from '../helpers/e2e-variable-options';
import { variableQuery } from '../helpers/e2e-variable-query';
import { REPO_ROOT } from '../helpers/paths';

/**
 * End to end with a real Prometheus: the exporter (in-process, polling simulators
 * every second) is scraped every second by /usr/bin/prometheus, which evaluates a
 * copy of rules/livechat-exporter.rules.yml whose durations are divided by 60
 * (one minute of the real rules is one second here) and runs the config of
 * deploy/compose/prometheus.yml. Every dashboard query and rule expression must
 * return data, and simulated bursts must make the spike and queue alerts fire.
 */

const PROMETHEUS = '/usr/bin/prometheus';
/** Real-rule durations are divided by this: `for: 5m` becomes 5s, `[1h]` 1m. */
const TIME_DIVISOR = 60;
const RULES_FILE = join(REPO_ROOT, 'rules', 'livechat-exporter.rules.yml');
const COMPOSE_PROMETHEUS = join(REPO_ROOT, 'deploy', 'compose', 'prometheus.yml');
const DASHBOARDS = join(REPO_ROOT, 'grafana', 'dashboards');
const SPIKE = 'LivechatOpenConversationSpike';
/** A department nobody staffs, where a queue piles up from the start (the queue alerts' case). */
const NIGHT_SHIFT = 'Night shift';

/** Variable values the panels are checked with, per dashboard uid; variables with "All" use their allValue. */
const PANEL_VALUES: Record<string, Record<string, string>> = {
  'livechat-exporter-overview': { target: 'rc-main', department: 'all', window: '1h' },
  'livechat-exporter-livechat': { target: 'lc-main', window: '24h' },
  'livechat-exporter-chatwoot': { target: 'cw-main', window: '1h' },
  'livechat-exporter-health': {},
};
/** Grafana's built-in variables, sized for one-second scrapes and a test of about a minute. */
const BUILTINS: Record<string, string> = {
  __rate_interval: '15s',
  __interval: '5s',
  __range: '1m',
  __range_s: '60',
  __range_ms: '60000',
};

const RC_USER: RocketChatUser = { userId: 'e2e-bot', token: 'e2e-bot-token-0123456789', bypassRateLimit: true };
const RC_FAULTY_USER: RocketChatUser = { userId: 'e2e-user', token: 'e2e-user-token-0123456789' };

/** The exporter's config: every metric family the dashboards read gets produced. */
function exporterConfig(urls: { rcMain: string; rcFaulty: string; livechat: string; chatwoot: string }): string {
  const lcAuth = { type: 'pat', account_id: { file: 'lc-account' }, token: { file: 'lc-pat' } };
  return stringify({
    defaults: {
      schedule: '* * * * * *',
      live_schedule: '* * * * * *',
      windows: ['15m', '1h', '24h', 'today'],
      align: '1s',
      timeout: '900ms',
      timezone: 'UTC',
    },
    targets: [
      {
        name: 'rc-main',
        kind: 'rocketchat',
        url: urls.rcMain,
        budget: 'unlimited',
        concurrency: 16,
        auth: { user_id: { file: 'rc-user' }, token: { file: 'rc-token' } },
        departments: { discover: true, schedule: '*/10 * * * * *' },
        endpoints: { 'charts-chats-per-agent': true },
      },
      {
        // Budgeted, and the simulator answers charts/timings with 429 and agents-status with 403.
        name: 'rc-faulty',
        kind: 'rocketchat',
        url: urls.rcFaulty,
        budget: { requests: 30, per: '1m' },
        auth: { user_id: { file: 'rc-faulty-user' }, token: { file: 'rc-faulty-token' } },
      },
      {
        name: 'lc-main',
        kind: 'livechat',
        url: urls.livechat,
        api_version: '3.6',
        budget: 'unlimited',
        auth: lcAuth,
        reports: { ranking: true, performance: true },
        live: { enabled: true },
        live_schedule: '* * * * * *',
      },
      // Chatwoot within its simulator's Rack::Attack defaults; the kind's own one-minute delay applies.
      {
        name: 'cw-main',
        kind: 'chatwoot',
        url: urls.chatwoot,
        account_id: 1,
        windows: ['15m', '1h'],
        auth: { token: { file: 'cw-token' } },
        endpoints: { 'live-inboxes': true },
      },
      // A legacy API version: its Legacy header becomes the sunset metric.
      {
        name: 'lc-legacy',
        kind: 'livechat',
        url: urls.livechat,
        api_version: '3.5',
        budget: 'unlimited',
        windows: ['24h'],
        auth: lcAuth,
      },
    ],
  });
}

/** The values each variable of `d` is checked with. */
function panelValues(d: GrafanaDashboard): Record<string, string> {
  const chosen = PANEL_VALUES[d.uid];
  assert.ok(chosen, `no test values for dashboard ${d.uid}`);
  const values: Record<string, string> = { ...BUILTINS };
  for (const v of d.templating.list) {
    if (v.type === 'datasource') values[v.name] = 'prometheus';
    else if (chosen[v.name] !== undefined) values[v.name] = chosen[v.name]!;
    else if (v.includeAll) values[v.name] = v.allValue ?? '.*';
    else if (v.type === 'custom' && typeof v.current?.value === 'string') values[v.name] = v.current.value;
    else throw new Error(`${d.uid}: no test value for variable ${v.name}`);
  }
  return values;
}

/** Largest `offset` in an expression, in ms: the history a rule needs before it can record anything. */
function maxOffsetMs(expr: string): number {
  return Math.max(
    0,
    ...[...expr.matchAll(/\boffset\s+((?:\d+(?:ms|[ywdhms]))+)/g)].map(
      (m) => parsePrometheusDuration(m[1]!) ?? assert.fail(`not a Prometheus duration: ${m[1]}`),
    ),
  );
}

describe('e2e: Prometheus, rules and dashboards against the running exporter', function () {
  this.timeout(180_000);

  let dir: string;
  let prom: RunningPrometheus | undefined;
  let rcMain: RocketChatSimulator;
  let rcFaulty: RocketChatSimulator;
  let livechat: LiveChatSimulator;
  let chatwoot: ChatwootSimulator;
  let served: ServedExporter | undefined;
  let testRules: string;
  let startedAt = 0;
  const dashboards = loadDashboards(DASHBOARDS);

  before(async function () {
    if (!existsSync(PROMETHEUS)) {
      if (process.env.CI)
        throw new Error(`${PROMETHEUS} is missing (CI installs the Debian package prometheus in .ci/run)`);
      this.skip();
    }
    dir = await mkdtemp(join(tmpdir(), 'livechat-exporter-e2e-'));

    rcMain = createRocketChatSimulator({
      users: [RC_USER],
      rateLimit: false,
      cacheTtlMs: 0,
      departments: [
        { id: 'CAJioQNAvLnYWTy8i', name: 'Sales', weight: 1.3 },
        { id: 'rZ8QqWbXk3mN5tYvE', name: 'Support "Tier 2"', weight: 1 },
      ],
    });
    // Three visitors wait in a department without agents, and nobody takes them for an hour.
    rcMain.addDepartment({ id: 'NightShift0000001', name: NIGHT_SHIFT, agents: 0 });
    rcMain.burst({ department: NIGHT_SHIFT, count: 3, queueForMs: 3_600_000 });
    rcFaulty = createRocketChatSimulator({ users: [RC_FAULTY_USER], rateLimit: false, cacheTtlMs: 0 });
    rcFaulty.faults.add({ mode: 'rate_limited', path: 'charts/timings', retryAfterSeconds: 1 });
    rcFaulty.faults.add({ mode: 'forbidden', path: 'charts/agents-status' });
    livechat = createLiveChatSimulator({ cacheTtlMs: 0 });
    // Chats waiting in a queue, so the LiveChat dashboard's queue-wait panels and rule have something to show.
    livechat.burst({ department: '1', count: 3, queueForMs: 3_600_000 });
    // Busy enough that even a weekend night has first responses in the last hour; two days of history.
    chatwoot = createChatwootSimulator({ arrivalsPerHour: 200, historyDays: 2 });
    const urls = {
      chatwoot: await chatwoot.listen(0, '127.0.0.1'),
      rcMain: await rcMain.listen(0, '127.0.0.1'),
      rcFaulty: await rcFaulty.listen(0, '127.0.0.1'),
      livechat: await livechat.listen(0, '127.0.0.1'),
    };

    for (const [file, value] of [
      ['rc-user', RC_USER.userId],
      ['rc-token', RC_USER.token],
      ['rc-faulty-user', RC_FAULTY_USER.userId],
      ['rc-faulty-token', RC_FAULTY_USER.token],
      ['lc-account', demoLiveChatAccount.accountId],
      ['lc-pat', demoLiveChatAccount.pat],
      ['cw-token', demoChatwootToken.token],
    ] as const)
      await writeFile(join(dir, file), `${value}\n`);
    const configFile = join(dir, 'exporter.yml');
    await writeFile(configFile, exporterConfig(urls));
    const config = await loadConfig(configFile, { env: {}, kinds: SOURCE_KINDS });

    served = await serveExporter(config);

    testRules = shortenRules(await readFile(RULES_FILE, 'utf8'), TIME_DIVISOR);
    const rulesFile = join(dir, 'livechat-exporter.test-rules.yml');
    await writeFile(rulesFile, testRules);
    prom = await startPrometheus({
      binary: PROMETHEUS,
      dir,
      config: e2ePrometheusConfig(await readFile(COMPOSE_PROMETHEUS, 'utf8'), served.address, rulesFile),
    });
    startedAt = Date.now();
  });

  after(async () => {
    await prom?.close();
    await served?.close();
    await Promise.allSettled([rcMain?.close(), rcFaulty?.close(), livechat?.close(), chatwoot?.close()]);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('scrapes the exporter as a healthy target', async () => {
    await eventually(async () => {
      const { activeTargets } = await prom!.api<{
        activeTargets: { labels: Record<string, string>; health: string; lastError: string }[];
      }>('/api/v1/targets');
      const target = activeTargets.find((t) => t.labels.job === 'livechat-exporter');
      assert.ok(target, 'no livechat-exporter target');
      assert.equal(target.health, 'up', `target health ${target.health}: ${target.lastError}`);
    });
  });

  it('loads every rule of the real rules file and evaluates each without error', async () => {
    const expected = loadRules(await readFile(RULES_FILE, 'utf8'))
      .map((r) => `${r.group}/${r.name}`)
      .sort();
    await eventually(async () => {
      const { groups } = await prom!.api<{
        groups: {
          name: string;
          rules: { name: string; health: string; lastError?: string; lastEvaluation: string }[];
        }[];
      }>('/api/v1/rules');
      const loaded = groups.flatMap((g) => g.rules.map((r) => ({ id: `${g.name}/${r.name}`, ...r })));
      assert.deepEqual(loaded.map((r) => r.id).sort(), expected);
      const bad = loaded.filter((r) => r.health !== 'ok');
      assert.deepEqual(
        bad.map((r) => `${r.id}: ${r.health} ${r.lastError ?? ''}`),
        [],
      );
    });
  });

  it('answers every dashboard variable query, with the values the panels are checked with among the options', async () => {
    for (const { file, dashboard } of dashboards) {
      const values = panelValues(dashboard);
      for (const v of dashboard.templating.list.filter((x) => x.type === 'query')) {
        const query = substituteVariables(variableQuery(v), values);
        const options = await eventually(async () => {
          const o = await variableOptions(v, query, prom!);
          assert.ok(o.length > 0, `${file}: variable ${v.name} (${query}) has no options`);
          if (!v.includeAll)
            assert.ok(
              o.some((x) => x.value === values[v.name]),
              `${file}: ${v.name}=${values[v.name]} not among ${JSON.stringify(o)}`,
            );
          return o;
        });
        // A department's option shows its name but selects its id.
        if (v.name === 'department')
          assert.ok(
            options.some((o) => o.value === 'all' && o.text === 'All departments'),
            JSON.stringify(options),
          );
      }
    }
  });

  it('returns at least one series for every PromQL query of every dashboard panel', async () => {
    const queries = dashboards.flatMap(({ file, dashboard }) => {
      const values = panelValues(dashboard);
      return dashboardQueries(dashboard).map((q) => ({
        where: `${file} "${q.panel}" ${q.refId}`,
        expr: substituteVariables(q.expr, values),
      }));
    });
    assert.ok(queries.length >= 60, `only ${queries.length} panel queries found`);
    await eventually(async () => {
      const empty: string[] = [];
      for (const q of queries) if ((await prom!.query(q.expr)).length === 0) empty.push(`${q.where}: ${q.expr}`);
      assert.deepEqual(empty, [], 'panel queries without data');
    });
  });

  it('parses every rule expression, finds every series it reads, and records every recording rule', async () => {
    const rules = loadRules(testRules);
    await eventually(async () => {
      const problems: string[] = [];
      // Recording rules that look further back than this test has run cannot have recorded anything yet.
      const needHistory = new Set(
        rules.filter((r) => r.kind === 'record' && maxOffsetMs(r.expr) >= Date.now() - startedAt).map((r) => r.name),
      );
      for (const rule of rules) {
        // The expression must parse and evaluate (an alert's condition may well be empty now).
        await prom!.query(rule.expr).catch((err: Error) => problems.push(`${rule.name}: ${err.message}`));
        // Every series it reads must exist: a misspelt metric or label would make it silently empty.
        for (const selector of metricSelectors(rule.expr)) {
          if (needHistory.has(selector.replace(/\{.*$/s, ''))) continue;
          if ((await prom!.query(selector)).length === 0) problems.push(`${rule.name}: no series for ${selector}`);
        }
        // What a recording rule records must exist, unless it needs more history than this test has.
        if (rule.kind === 'record' && !needHistory.has(rule.name)) {
          if ((await prom!.query(rule.name)).length === 0) problems.push(`${rule.name}: nothing recorded`);
        }
      }
      assert.deepEqual(problems, []);
    });
  });

  /** The alerts Prometheus holds for `alertname` on target rc-main. */
  const alertsOf = async (alertname: string) => {
    const { alerts } = await prom!.api<{
      alerts: { labels: Record<string, string>; annotations: Record<string, string>; state: string }[];
    }>('/api/v1/alerts');
    return alerts.filter((a) => a.labels.alertname === alertname && a.labels.target === 'rc-main');
  };

  it('fires the queue alerts from the live gauges: a long wait, and a queue nobody can take', async () => {
    for (const alertname of ['LivechatRocketChatQueueWaitHigh', 'LivechatQueuedWithoutAvailableAgents']) {
      const firing = await eventually(async () => {
        const f = (await alertsOf(alertname)).filter((a) => a.state === 'firing');
        const night = f.filter((a) => a.labels.department_name === NIGHT_SHIFT);
        assert.ok(night.length > 0, `no firing ${alertname} for ${NIGHT_SHIFT} yet: ${JSON.stringify(f)}`);
        return night;
      });
      assert.match(firing[0]!.annotations.runbook_url ?? '', new RegExp(`#${alertname.toLowerCase()}$`));
    }
  });

  it('fires the open-conversation spike alert from the live gauges after a burst, not before', async () => {
    const spikeAlerts = () => alertsOf(SPIKE);
    // The threshold exists (the baseline has some history), and nothing is spiking yet.
    await eventually(async () =>
      assert.ok(
        (
          await prom!.query(
            'livechat_exporter:rocketchat_live_open_conversations:spike_threshold{target="rc-main",department="all"}',
          )
        ).length > 0,
      ),
    );
    assert.deepEqual(await spikeAlerts(), []);

    // 200 served at once: above three times any level the simulated departments hold at any hour.
    rcMain.burst({ department: 'Sales', count: 200 });

    const firing = await eventually(async () => {
      const f = (await spikeAlerts()).filter((a) => a.state === 'firing');
      assert.ok(f.length > 0, `no firing ${SPIKE} yet: ${JSON.stringify(await spikeAlerts())}`);
      return f;
    });
    const departments = firing.map((a) => a.labels.department_name).sort();
    assert.ok(departments.includes('Sales') || departments.includes('All departments'), JSON.stringify(departments));
    assert.ok(!departments.includes('Support "Tier 2"'), 'the department without a burst must not spike');
    for (const a of firing) {
      assert.equal(a.labels.severity, 'warning');
      assert.match(a.annotations.description ?? '', /above the spike threshold of \d/);
      assert.match(a.annotations.runbook_url ?? '', /docs\/alerts\.md#livechatopenconversationspike$/);
    }
    // The dashboards' alert annotation now has something to show.
    for (const { dashboard } of dashboards) {
      for (const ann of dashboard.annotations.list.filter((x) => x.expr !== undefined)) {
        assert.ok((await prom!.query(ann.expr!)).length > 0, `${dashboard.uid} annotation ${ann.name}`);
      }
    }
  });
});
