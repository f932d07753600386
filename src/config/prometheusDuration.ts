const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * Parses a Prometheus duration ("90s", "15m", "1h30m", "7d") into milliseconds: the grammar of
 * Prometheus' model.ParseDuration (units w, d, h, m, s, ms, largest first, each at most once) except
 * the year, which no setting here needs, and except a bare "0", which callers allow where zero makes sense.
 * The exporter's config, the simulator's flags and the rules tests all read durations with it.
 * Returns undefined for anything else, so callers can report the YAML path.
 */
export function parsePrometheusDuration(text: string): number | undefined {
  // Units in descending order, each at most once, as Prometheus' own parser requires ("1h30m", not "30m1h").
  if (text === '' || !/^(\d+w)?(\d+d)?(\d+h)?(\d+m)?(\d+s)?(\d+ms)?$/.test(text)) return undefined;
  let total = 0;
  for (const [, n, unit] of text.matchAll(/(\d+)(ms|s|m|h|d|w)/g)) total += Number(n) * UNIT_MS[unit!]!;
  return Number.isSafeInteger(total) ? total : undefined;
}

/** Formats milliseconds back into the shortest exact Prometheus duration, e.g. 5400000 → "1h30m". */
export function formatPrometheusDuration(ms: number): string {
  if (ms === 0) return '0s';
  let rest = ms;
  let out = '';
  for (const unit of ['w', 'd', 'h', 'm', 's', 'ms']) {
    const size = UNIT_MS[unit]!;
    if (rest >= size) {
      out += `${Math.floor(rest / size)}${unit}`;
      rest %= size;
    }
  }
  return out;
}
