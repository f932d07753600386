import { Document, isMap, parseDocument } from 'yaml';

/** Where the generated PrometheusRule goes, and what it is generated from (relative to the repository root). */
export const PROMETHEUS_RULE_FILE = 'deploy/kubernetes/base/prometheusrule.yaml';
export const RULES_FILE = 'rules/livechat-exporter.rules.yml';

/**
 * The Prometheus Operator's PrometheusRule for the project's rules file: its `groups`
 * as they are (comments included) under `spec`. One source of truth: the rules file is
 * what promtool and the real-Prometheus tests check, and this is only its wrapping.
 */
export function renderPrometheusRule(rulesText: string): string {
  const rules = parseDocument(rulesText);
  if (rules.errors.length > 0) throw new Error(`${RULES_FILE}: ${rules.errors[0]!.message}`);
  const groups = rules.get('groups', true);
  if (!groups) throw new Error(`${RULES_FILE}: no groups`);
  const doc = new Document({
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: {
      name: 'livechat-exporter',
      labels: { 'app.kubernetes.io/name': 'livechat-exporter' },
    },
    spec: {},
  });
  const spec = doc.get('spec', true);
  if (!isMap(spec)) throw new Error('unreachable: spec is a map');
  spec.set('groups', groups);
  doc.commentBefore = [
    ` Generated from ${RULES_FILE} by \`npm run deploy:rules\`: edit that file, not this one.`,
    ' A test fails when the two differ. Every alert is explained in docs/alerts.md.',
  ].join('\n');
  return doc.toString({ lineWidth: 0 });
}
