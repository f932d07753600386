import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { catalogue } from '../../src/sources/catalogue';
import { processMetrics } from '../../src/metrics/selfMetrics';
import { loadRules } from '../helpers/e2e-load-rules';
import { metricSelectors } from '../helpers/e2e-metric-selectors';
import { REPO_ROOT } from '../helpers/paths';

const rulesText = readFileSync(join(REPO_ROOT, 'rules', 'livechat-exporter.rules.yml'), 'utf8');
const rules = loadRules(rulesText);
const alerts = rules.filter((r) => r.kind === 'alert');
const alertsDoc = readFileSync(join(REPO_ROOT, 'docs', 'alerts.md'), 'utf8');
/** The runbook links point at docs/alerts.md in the project's public home, the repository package.json names. */
const REPOSITORY = (
  JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { repository: { url: string } }
).repository.url
  .replace(/^git\+/, '')
  .replace(/\.git$/, '');
const RUNBOOK_BASE = `${REPOSITORY}/blob/main/docs/alerts.md#`;

/** GitHub's anchor of a Markdown heading: lower case, punctuation dropped, spaces to dashes. */
function anchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

interface AlertTest {
  alertname: string;
  exp_alerts?: unknown[];
}
interface UnitTestFile {
  rule_files: string[];
  tests: { alert_rule_test?: AlertTest[] }[];
}
const unitTests = readdirSync(join(REPO_ROOT, 'test', 'rules'))
  .filter((f) => f.endsWith('.test.yml'))
  .map((f) => ({ file: f, doc: parse(readFileSync(join(REPO_ROOT, 'test', 'rules', f), 'utf8')) as UnitTestFile }));

describe('rules: livechat-exporter.rules.yml', () => {
  it('has the alerts issues 4, 10, 13 and 14 ask for', () => {
    assert.deepEqual(alerts.map((a) => a.name).sort(), [
      'ChatwootFirstResponseDegrading',
      'ChatwootUnattendedRising',
      'LivechatApiVersionSunset',
      'LivechatExporterAbsent',
      'LivechatExporterAuthFailures',
      'LivechatExporterConfigReloadFailed',
      'LivechatExporterDataStale',
      'LivechatExporterDown',
      'LivechatExporterRateLimited',
      'LivechatExporterShardMissing',
      'LivechatExporterTargetDown',
      'LivechatLiveChatGroupStoppedAccepting',
      'LivechatLiveChatQueueWaitHigh',
      'LivechatLiveChatQueuedWithoutAcceptingAgents',
      'LivechatOpenConversationSpike',
      'LivechatQueueGrowing',
      'LivechatQueuedWithoutAvailableAgents',
      'LivechatRocketChatDepartmentNotAccepting',
      'LivechatRocketChatQueueWaitHigh',
    ]);
  });

  it('gives every alert a severity, a summary and description using labels, and a runbook section that exists', () => {
    const headings = new Set([...alertsDoc.matchAll(/^#{2,4} (.+)$/gm)].map((m) => anchor(m[1]!)));
    for (const a of alerts) {
      assert.match(a.labels.severity ?? '', /^(info|warning|critical)$/, `${a.name} severity`);
      assert.ok(a.annotations.summary, `${a.name} summary`);
      assert.ok(a.annotations.description, `${a.name} description`);
      assert.match(
        `${a.annotations.summary} ${a.annotations.description}`,
        /\$labels\.\w+/,
        `${a.name} annotations use no labels`,
      );
      assert.equal(a.annotations.runbook_url, RUNBOOK_BASE + a.name.toLowerCase(), `${a.name} runbook_url`);
      assert.ok(headings.has(a.name.toLowerCase()), `docs/alerts.md has no section "${a.name}"`);
    }
  });

  it('keeps the spike and queue-wait thresholds in clearly named recording rules that docs/alerts.md explains', () => {
    for (const name of [
      'livechat_exporter:open_chats_spike_factor',
      'livechat_exporter:open_chats_spike_floor',
      'livechat_exporter:rocketchat_queue_wait_threshold_seconds',
    ]) {
      const rule = rules.find((r) => r.name === name);
      assert.ok(rule, name);
      assert.match(rule.expr, /^vector\(\d+(\.\d+)?\)$/, `${name} is a constant`);
      assert.ok(alertsDoc.includes(name), `docs/alerts.md does not mention ${name}`);
    }
  });

  it('reads only series the exporter exposes, the file itself records, or Prometheus records of the scrape', () => {
    const known = new Set([
      'up',
      ...catalogue.map((m) => m.name),
      ...Object.values(processMetrics).map((m) => m.name),
      ...rules.filter((r) => r.kind === 'record').map((r) => r.name),
    ]);
    for (const r of rules) {
      for (const selector of metricSelectors(r.expr)) {
        const name = selector.replace(/\{.*$/s, '');
        assert.ok(known.has(name), `${r.name} reads unknown series ${name}`);
      }
    }
  });

  it('has promtool unit tests of the real file with, for every alert, a case that fires and one that does not', () => {
    for (const { file, doc } of unitTests)
      assert.deepEqual(doc.rule_files, ['../../rules/livechat-exporter.rules.yml'], file);
    const cases = unitTests.flatMap(({ doc }) => doc.tests.flatMap((t) => t.alert_rule_test ?? []));
    for (const a of alerts) {
      const mine = cases.filter((c) => c.alertname === a.name);
      assert.ok(
        mine.some((c) => (c.exp_alerts ?? []).length > 0),
        `${a.name}: no unit test where it fires`,
      );
      assert.ok(
        mine.some((c) => (c.exp_alerts ?? []).length === 0),
        `${a.name}: no unit test where it does not fire`,
      );
    }
  });
});
