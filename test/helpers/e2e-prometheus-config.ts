import { strict as assert } from 'node:assert';
import { parse, stringify } from 'yaml';

/**
 * deploy/compose/prometheus.yml as an e2e test runs it: one-second scrape and
 * evaluation intervals, the test's exporter address, and a rules file of the
 * test's (a copy of the real one with shortened durations).
 */
export function e2ePrometheusConfig(composeYaml: string, exporterAddress: string, rulesFile: string): string {
  const doc = parse(composeYaml) as {
    global: Record<string, string>;
    rule_files: string[];
    scrape_configs: { job_name: string; static_configs: { targets: string[] }[] }[];
  };
  assert.deepEqual(
    doc.rule_files,
    ['/etc/prometheus/rules/livechat-exporter.rules.yml'],
    'the compose Prometheus must load the rules file',
  );
  const job = doc.scrape_configs.find((j) => j.job_name === 'livechat-exporter');
  assert.ok(job, 'the compose Prometheus must scrape job livechat-exporter');
  doc.global = { ...doc.global, scrape_interval: '1s', scrape_timeout: '1s', evaluation_interval: '1s' };
  doc.rule_files = [rulesFile];
  doc.scrape_configs = [{ ...job, static_configs: [{ targets: [exporterAddress] }] }];
  return stringify(doc);
}
