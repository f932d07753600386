import type { GrafanaVariable } from './e2e-load-dashboards';
import type { RunningPrometheus } from './e2e-start-prometheus';

/** One option of a template variable. */
export interface VariableOption {
  readonly text: string;
  readonly value: string;
}

/** Parses a Grafana regex option such as `/a(?<value>.*)/i`. */
function grafanaRegex(text: string): RegExp {
  const m = /^\/(.*)\/([gimsuy]*)$/s.exec(text);
  if (!m) throw new Error(`not a /regex/: ${text}`);
  return new RegExp(m[1]!, m[2]);
}

/**
 * Evaluates a Prometheus query variable the way Grafana does: `label_values(selector, label)`
 * through the label values API, `query_result(expr)` through an instant query whose samples
 * are formatted as `name{label="value",…} value timestamp`; then applies the variable's
 * regex (capture group, or named groups `text` and `value`). `query` must already have
 * the other variables substituted.
 */
export async function variableOptions(
  v: GrafanaVariable,
  query: string,
  prom: RunningPrometheus,
): Promise<VariableOption[]> {
  let texts: string[];
  const lv = /^label_values\(\s*(.+?)\s*,\s*(\w+)\s*\)$/s.exec(query);
  const qr = /^query_result\(\s*(.+)\s*\)$/s.exec(query);
  if (lv) {
    texts = await prom.api<string[]>(`/api/v1/label/${lv[2]}/values`, { 'match[]': lv[1]! });
  } else if (qr) {
    texts = (await prom.query(qr[1]!)).map((s) => {
      const { __name__: name = '', ...labels } = s.metric;
      return `${name}{${Object.entries(labels)
        .map(([k, val]) => `${k}="${val}"`)
        .join(',')}} ${s.value[1]} ${s.value[0] * 1000}`;
    });
  } else {
    throw new Error(`variable ${v.name}: unsupported query ${query}`);
  }
  const options: VariableOption[] = [];
  for (const text of texts) {
    if (!v.regex) {
      options.push({ text, value: text });
      continue;
    }
    const m = grafanaRegex(v.regex).exec(text);
    if (!m) continue;
    const value = m.groups?.value ?? m.groups?.text ?? m[1] ?? m[0];
    options.push({ text: m.groups?.text ?? value, value });
  }
  return options;
}
