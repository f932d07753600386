import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PROMETHEUS_RULE_FILE, renderPrometheusRule, RULES_FILE } from './renderPrometheusRule';

/** Rewrites deploy/kubernetes/base/prometheusrule.yaml from rules/livechat-exporter.rules.yml. */
function main(): void {
  const root = resolve(__dirname, '../../..');
  const out = resolve(root, PROMETHEUS_RULE_FILE);
  writeFileSync(out, renderPrometheusRule(readFileSync(resolve(root, RULES_FILE), 'utf8')));
  process.stdout.write(`updated ${out}\n`);
}

main();
