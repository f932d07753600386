/** One sample line of a Prometheus text exposition, parsed back. */
export interface Series {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** A whole exposition: its samples plus the HELP and TYPE of every family. */
export interface ParsedExposition {
  readonly series: readonly Series[];
  readonly help: ReadonlyMap<string, string>;
  readonly types: ReadonlyMap<string, string>;
}

function unescapeLabelValue(s: string): string {
  return s.replace(/\\(\\|n|")/g, (_m, c: string) => (c === 'n' ? '\n' : c));
}

function parseValue(s: string): number {
  if (s === '+Inf') return Infinity;
  if (s === '-Inf') return -Infinity;
  if (/^nan$/i.test(s)) return NaN;
  const v = Number(s);
  if (s === '' || Number.isNaN(v)) throw new Error(`bad sample value ${JSON.stringify(s)}`);
  return v;
}

/**
 * Parses the Prometheus text format (0.0.4) or OpenMetrics into series. Strict on
 * purpose: a line it cannot read throws, so a malformed exposition fails the test.
 */
export function parseExposition(text: string): ParsedExposition {
  const series: Series[] = [];
  const help = new Map<string, string>();
  const types = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line === '' || line === '# EOF') continue;
    const meta = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(line);
    if (meta) {
      (meta[1] === 'HELP' ? help : types).set(meta[2]!, meta[3]!);
      continue;
    }
    if (line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{.*\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`cannot parse exposition line ${JSON.stringify(line)}`);
    const labels: Record<string, string> = {};
    const body = m[2] ? m[2].slice(1, -1) : '';
    const re = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(,|$)/gy;
    let pos = 0;
    while (pos < body.length) {
      re.lastIndex = pos;
      const lm = re.exec(body);
      if (!lm) throw new Error(`cannot parse labels of ${JSON.stringify(line)}`);
      if (Object.prototype.hasOwnProperty.call(labels, lm[1]!))
        throw new Error(`duplicate label ${lm[1]} in ${JSON.stringify(line)}`);
      labels[lm[1]!] = unescapeLabelValue(lm[2]!);
      pos = re.lastIndex;
    }
    series.push({ name: m[1]!, labels, value: parseValue(m[3]!) });
  }
  return { series, help, types };
}

/** A canonical identity of a series: its name and its labels sorted by name. */
export function seriesKey(name: string, labels: Readonly<Record<string, string>>): string {
  const sorted = Object.keys(labels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`);
  return `${name}{${sorted.join(',')}}`;
}

/** Series as a map from seriesKey to value; throws on a duplicate series. */
export function toSeriesMap(series: readonly Series[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of series) {
    const key = seriesKey(s.name, s.labels);
    if (out.has(key)) throw new Error(`duplicate series ${key}`);
    out.set(key, s.value);
  }
  return out;
}

/** The series of one family whose labels include every given pair. */
export function select(
  series: readonly Series[],
  name: string,
  labels: Readonly<Record<string, string>> = {},
): Series[] {
  return series.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
}

/** The value of the one series matching `name` and `labels`, or undefined when there is none; throws if several match. */
export function valueOf(
  series: readonly Series[],
  name: string,
  labels: Readonly<Record<string, string>> = {},
): number | undefined {
  const found = select(series, name, labels);
  if (found.length > 1) throw new Error(`${found.length} series match ${seriesKey(name, labels)}`);
  return found[0]?.value;
}
