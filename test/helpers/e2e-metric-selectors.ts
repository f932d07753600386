/**
 * The vector selectors of the exporter's own series in a PromQL expression:
 * every `livechat_exporter…` name (metric or recording rule), with its label
 * matchers if it has any, e.g. `livechat_exporter_errors_total{reason="auth"}`.
 * Good enough for the project's own rules and dashboards (matchers hold no `}`).
 */
export function metricSelectors(expr: string): string[] {
  const out = new Set<string>();
  for (const m of expr.matchAll(/(?<![\w:"])(livechat_exporter[a-zA-Z0-9_:]*)(\s*\{[^}]*\})?/g))
    out.add(`${m[1]}${(m[2] ?? '').trim()}`);
  return [...out];
}
