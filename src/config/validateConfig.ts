import { createHash } from 'node:crypto';
import { ConfigError } from './ConfigError';
import type { KindSchema, KindSchemas } from './KindSchema';
import { ObjectReader } from './ObjectReader';
import { formatPrometheusDuration } from './prometheusDuration';
import { scheduleIntervalMs } from './scheduleIntervalMs';
import { selfMetricList } from '../metrics/selfMetrics';
import {
  BUILTIN_DEFAULTS,
  COMMON_KEY_OF,
  COMMON_KEYS,
  PROMETHEUS_LABELS,
  readCommonSettings,
} from './readCommonSettings';
import type { SecretContext } from './readSecret';
import { Secret } from './Secret';
import type { CommonSettings, Config, TargetConfig } from './types';

/** What validation needs besides the parsed YAML. */
export interface ValidateContext extends SecretContext {
  readonly kinds: KindSchemas;
  /** The file's text, for the checksum. */
  readonly text: string;
  readonly file: string;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

function readUrl(r: ObjectReader, fallback: string | undefined): string | undefined {
  const raw = r.string('url');
  if (raw === undefined) {
    if (fallback === undefined) r.problem('url', 'is required');
    return fallback;
  }
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    r.problem('url', 'is not a valid URL (e.g. https://chat.example.com)');
    return undefined;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    return void r.problem('url', `must be http or https, got ${u.protocol.replace(':', '')}`);
  // Never echo the URL here: it may carry a password.
  if (u.username || u.password)
    return void r.problem('url', 'must not contain credentials (user:password@); put them under auth');
  if (u.search || u.hash) return void r.problem('url', 'must not contain a query or fragment');
  return u.toString().replace(/\/+$/, '');
}

/** Interval of a schedule in a timezone, worked out once per distinct pair: targets mostly share one. */
type IntervalOf = (expression: string, timezone: string) => number | undefined;

function memoizedIntervals(): IntervalOf {
  const known = new Map<string, number | undefined>();
  return (expression, timezone) => {
    const key = `${expression}\0${timezone}`;
    if (!known.has(key)) known.set(key, scheduleIntervalMs(expression, timezone));
    return known.get(key);
  };
}

/** A request must time out before the next cycle of its schedule starts. */
function checkTimeout(
  r: ObjectReader,
  common: CommonSettings,
  key: 'schedule' | 'live_schedule',
  intervalOf: IntervalOf,
): void {
  const interval = intervalOf(key === 'schedule' ? common.schedule : common.liveSchedule, common.timezone);
  if (interval === undefined || common.timeoutMs < interval) return;
  r.problem(
    r.has('timeout') ? 'timeout' : key,
    `the request timeout (${formatPrometheusDuration(common.timeoutMs)}) must be shorter than the ${key}'s interval (${formatPrometheusDuration(interval)})`,
  );
}

/** Collects every Secret in an options object, for the checksum and for redaction. */
export function collectSecrets(value: unknown, out: Secret[] = []): Secret[] {
  if (value instanceof Secret) out.push(value);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) collectSecrets(v, out);
  return out;
}

/** The settings a target of `kind` starts from: `defaults`, with the kind's own defaults where `defaults` set no key. */
function kindBase(
  kind: KindSchema | undefined,
  defaults: CommonSettings,
  explicit: ReadonlySet<string>,
): CommonSettings {
  const own: Partial<CommonSettings> = {
    ...(kind?.defaultBudget && { budget: kind.defaultBudget }),
    ...kind?.defaultSettings,
  };
  const base: CommonSettings = { ...defaults };
  for (const [field, value] of Object.entries(own) as [keyof CommonSettings, never][])
    if (value !== undefined && !explicit.has(COMMON_KEY_OF[field])) base[field] = value;
  return base;
}

/**
 * Validates a parsed YAML document into a Config. Every problem is collected and
 * thrown together as one ConfigError, each naming its YAML path.
 */
export function validateConfig(doc: unknown, ctx: ValidateContext): Config {
  const problems: string[] = [];
  const root = ObjectReader.of(doc ?? {}, '', problems);
  const targets: TargetConfig[] = [];
  const intervalOf = memoizedIntervals();
  // Static labels may not shadow any label the exporter's own metrics carry.
  const reserved = new Set<string>([
    ...PROMETHEUS_LABELS,
    ...selfMetricList.flatMap((m) => m.labels),
    ...[...ctx.kinds.values()].flatMap((k) => k.metrics.flatMap((m) => m.labels)),
  ]);
  if (root) {
    let defaults: CommonSettings = BUILTIN_DEFAULTS;
    const d = root.object('defaults');
    if (d) {
      defaults = readCommonSettings(d, BUILTIN_DEFAULTS, reserved);
      d.finish();
    }
    const explicitDefaults = new Set<string>(d ? COMMON_KEYS.filter((k) => d.has(k)) : []);
    const items = root.list('targets');
    // A `targets` that is present but not a list has already been reported by list(). An empty list is
    // allowed (a default config, a config repository's skeleton): the exporter warns and says so on its status page.
    if (!items && !root.has('targets'))
      root.problem('targets', 'is required: a list of targets (write `targets: []` to run with none)');
    const names = new Map<string, string>();
    for (const { value, path } of items ?? []) {
      const r = ObjectReader.of(value, path, problems);
      if (!r) continue;
      const name = r.string('name', {
        required: true,
        pattern: NAME,
        patternHint: 'must be 1-128 letters, digits, _ . - (starting with a letter or digit)',
      });
      if (name !== undefined) {
        if (names.has(name))
          r.problem('name', `duplicate target name ${JSON.stringify(name)} (also at ${names.get(name)})`);
        else names.set(name, path);
      }
      const kindName = r.string('kind', { required: true });
      const kind = kindName === undefined ? undefined : ctx.kinds.get(kindName);
      if (kindName !== undefined && !kind)
        r.problem('kind', `unknown kind ${JSON.stringify(kindName)} (known: ${[...ctx.kinds.keys()].join(', ')})`);
      const base = kindBase(kind, defaults, explicitDefaults);
      const common = readCommonSettings(r, base, reserved);
      checkTimeout(r, common, 'schedule', intervalOf);
      const url = readUrl(r, kind?.defaultUrl);
      const options: unknown = kind ? kind.readOptions(r, ctx, common) : undefined;
      if (options !== undefined && kind?.usesLiveCycle?.(options)) checkTimeout(r, common, 'live_schedule', intervalOf);
      // Without a known kind, its keys (auth, departments, ...) cannot be told from typos: report the kind only.
      if (kind) r.finish();
      if (name !== undefined && kind && url !== undefined && options !== undefined) {
        targets.push({ ...common, name, kind: kind.kind, url, options });
      }
    }
    root.finish();
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const hash = createHash('sha256').update(ctx.text);
  for (const t of targets) for (const s of collectSecrets(t.options)) hash.update('\0').update(s.reveal());
  return { targets, checksum: hash.digest('hex'), file: ctx.file, text: ctx.text };
}
