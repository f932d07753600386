import { parse, stringify } from 'yaml';
import { parsePrometheusDuration } from '../../src/config/prometheusDuration';

const DURATION = '(?:\\d+(?:ms|[ywdhms]))+';

/** A Prometheus duration divided by `divisor`, never below one second (unless it was 0). */
function scaled(text: string, divisor: number): string {
  const ms = parsePrometheusDuration(text);
  if (ms === undefined) throw new Error(`not a Prometheus duration: ${JSON.stringify(text)}`);
  if (ms === 0) return text;
  const out = Math.max(1000, Math.round(ms / divisor));
  return out % 1000 === 0 ? `${out / 1000}s` : `${out}ms`;
}

/** Divides every duration in a PromQL expression (ranges, subquery steps, offsets) by `divisor`. */
function shortenExpr(expr: string, divisor: number): string {
  return expr
    .replace(
      new RegExp(`\\[(${DURATION})(:(${DURATION})?)?\\]`, 'g'),
      (_m, range: string, colon: string | undefined, step: string | undefined) =>
        `[${scaled(range, divisor)}${colon === undefined ? '' : `:${step === undefined ? '' : scaled(step, divisor)}`}]`,
    )
    .replace(
      new RegExp(`\\boffset\\s+(-?)(${DURATION})`, 'g'),
      (_m, sign: string, d: string) => `offset ${sign}${scaled(d, divisor)}`,
    );
}

interface RuleYaml {
  record?: string;
  expr: string;
  for?: string;
  keep_firing_for?: string;
  [k: string]: unknown;
}
interface GroupYaml {
  name: string;
  interval?: string;
  rules: RuleYaml[];
}

/** A constant threshold in seconds (`vector(600)` recorded as `…_seconds`), divided like a duration. */
function shortenSecondsConstant(r: RuleYaml, divisor: number): void {
  const m = /^\s*vector\((\d+(?:\.\d+)?)\)\s*$/.exec(String(r.expr));
  if (r.record?.endsWith('_seconds') && m) r.expr = `vector(${Number(m[1]) / divisor})`;
}

/**
 * A test-only copy of a Prometheus rules file with every time span divided by
 * `divisor`: `for`, `keep_firing_for`, group intervals, the ranges and offsets
 * inside expressions, and constant thresholds recorded in seconds (`…_seconds`
 * = `vector(N)`). Other thresholds, names and annotations are untouched, so the
 * copy cannot drift from the real file; it only runs faster.
 */
export function shortenRules(rulesYaml: string, divisor: number): string {
  const doc = parse(rulesYaml) as { groups: GroupYaml[] };
  for (const g of doc.groups) {
    if (g.interval !== undefined) g.interval = scaled(g.interval, divisor);
    for (const r of g.rules) {
      r.expr = shortenExpr(String(r.expr), divisor);
      shortenSecondsConstant(r, divisor);
      if (r.for !== undefined) r.for = scaled(r.for, divisor);
      if (r.keep_firing_for !== undefined) r.keep_firing_for = scaled(r.keep_firing_for, divisor);
    }
  }
  return stringify(doc, { lineWidth: 0 });
}
