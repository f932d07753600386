import type { MetricDef } from './MetricDef';

/** The two exposition formats /metrics negotiates. */
export type ExpositionFormat = 'text' | 'openmetrics';

export const CONTENT_TYPES: Record<ExpositionFormat, string> = {
  text: 'text/plain; version=0.0.4; charset=utf-8',
  openmetrics: 'application/openmetrics-text; version=1.0.0; charset=utf-8',
};

/** A character escapeLabelValue must replace. */
const NEEDS_ESCAPE = /[\\\n"]/;

/**
 * Escapes a label value exactly as prom-client does (backslash, newline, quote).
 * Upstream strings (tag names, agent emails) can hold anything, lone UTF-16
 * surrogates included; those become U+FFFD so the output stays valid UTF-8.
 */
export function escapeLabelValue(v: string): string {
  const well = v.isWellFormed() ? v : v.toWellFormed();
  // Most values need no escaping; one scan is cheaper than three replaces.
  if (!NEEDS_ESCAPE.test(well)) return well;
  return well.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

/** Formats a sample value as prom-client does, except NaN (prom-client writes "Nan"); non-finite values are never rendered anyway. */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v < 0 ? '-Inf' : '+Inf';
  return `${v}`;
}

/** The label set of a sample line in the exposition format, `{a="1",b="2"}` with escaped values, or '' without labels. */
export function formatExpositionLabels(labels: Readonly<Record<string, string>>): string {
  let out = '';
  for (const k in labels) out += `${out ? ',' : ''}${k}="${escapeLabelValue(labels[k]!)}"`;
  return out ? `{${out}}` : '';
}

/** One sample line, without the trailing newline. */
export function sampleLine(def: MetricDef, labels: Readonly<Record<string, string>>, value: number): string {
  return `${def.name}${formatExpositionLabels(labels)} ${formatValue(value)}`;
}

/** HELP and TYPE lines. OpenMetrics names a counter family without its `_total` suffix. */
export function familyHeader(def: MetricDef, format: ExpositionFormat): string {
  const name = format === 'openmetrics' && def.type === 'counter' ? def.name.replace(/_total$/, '') : def.name;
  const help = def.help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
  return `# HELP ${name} ${help}\n# TYPE ${name} ${def.type}`;
}

/** Converts prom-client's text exposition to OpenMetrics: renames counter families and ends with `# EOF`. */
export function textToOpenMetrics(text: string): string {
  const counters = new Set<string>();
  for (const m of text.matchAll(/^# TYPE (\S+) counter$/gm)) counters.add(m[1]!);
  const lines = text.split('\n').filter((l) => l !== '');
  const out = lines.map((l) => {
    const m = /^# (HELP|TYPE) (\S+)( .*)?$/.exec(l);
    if (m && counters.has(m[2]!)) return `# ${m[1]} ${m[2]!.replace(/_total$/, '')}${m[3] ?? ''}`;
    return l;
  });
  return out.join('\n') + '\n# EOF\n';
}
