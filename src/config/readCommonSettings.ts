import { ObjectReader } from './ObjectReader';
import type { BudgetSpec, BudgetWindow, CommonSettings, WindowSpec } from './types';
import { parsePrometheusDuration } from './prometheusDuration';
import { memoizePure } from './memoizePure';

/** Label names Prometheus gives meaning to; static labels may not use them. Labels of the exporter's metrics are added by the caller. */
export const PROMETHEUS_LABELS: readonly string[] = ['job', 'instance', 'le', 'quantile'];

/** Built-in defaults, used where neither `defaults` nor the target sets a value. */
export const BUILTIN_DEFAULTS: CommonSettings = {
  schedule: '* * * * *',
  liveSchedule: '*/30 * * * * *',
  timeoutMs: 10_000,
  retries: 2,
  concurrency: 4,
  windows: [
    { kind: 'rolling', label: '15m', durationMs: 15 * 60_000 },
    { kind: 'rolling', label: '1h', durationMs: 3_600_000 },
    { kind: 'rolling', label: '24h', durationMs: 86_400_000 },
    { kind: 'today', label: 'today' },
  ],
  timezone: 'UTC',
  alignMs: 60_000,
  delayMs: 0,
  maxStalenessMs: 10 * 60_000,
  budget: { requests: 10, perMs: 60_000 },
  labels: {},
};

/** The YAML key of each common setting, for kind defaults (a key set in `defaults` wins over the kind's). */
export const COMMON_KEY_OF = {
  schedule: 'schedule',
  liveSchedule: 'live_schedule',
  timeoutMs: 'timeout',
  retries: 'retries',
  concurrency: 'concurrency',
  windows: 'windows',
  timezone: 'timezone',
  alignMs: 'align',
  delayMs: 'delay',
  maxStalenessMs: 'max_staleness',
  budget: 'budget',
  labels: 'labels',
} as const satisfies Record<keyof CommonSettings, string>;

/** The keys `readCommonSettings` understands (valid both in `defaults` and on a target). */
export const COMMON_KEYS = [
  'schedule',
  'live_schedule',
  'timeout',
  'retries',
  'concurrency',
  'windows',
  'timezone',
  'align',
  'delay',
  'max_staleness',
  'budget',
  'labels',
] as const;

const isValidTimezone = memoizePure((tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
});

/** Reads the common settings present in `r`, falling back to `base` for the rest. */
export function readCommonSettings(
  r: ObjectReader,
  base: CommonSettings,
  reserved: ReadonlySet<string>,
): CommonSettings {
  const out: CommonSettings = { ...base, labels: { ...base.labels } };
  out.schedule = r.cron('schedule') ?? base.schedule;
  out.liveSchedule = r.cron('live_schedule') ?? base.liveSchedule;
  out.timeoutMs = r.duration('timeout', { min: 100 }) ?? base.timeoutMs;
  out.retries = r.number('retries', { integer: true, min: 0, max: 10 }) ?? base.retries;
  out.concurrency = r.number('concurrency', { integer: true, min: 1, max: 1000 }) ?? base.concurrency;
  out.alignMs = r.duration('align', { allowZero: true }) ?? base.alignMs;
  out.delayMs = r.duration('delay', { allowZero: true }) ?? base.delayMs;
  out.maxStalenessMs = r.duration('max_staleness') ?? base.maxStalenessMs;

  const tz = r.string('timezone');
  if (tz !== undefined) {
    if (isValidTimezone(tz)) out.timezone = tz;
    else r.problem('timezone', `unknown IANA timezone ${JSON.stringify(tz)} (e.g. UTC, Europe/Berlin)`);
  }

  const windows = r.list('windows');
  if (windows) {
    const parsed: WindowSpec[] = [];
    const seen = new Set<string>();
    for (const { value, path } of windows) {
      const text = typeof value === 'string' ? value : undefined;
      if (text === 'today') parsed.push({ kind: 'today', label: 'today' });
      else {
        const ms = text === undefined ? undefined : parsePrometheusDuration(text);
        if (ms === undefined || ms === 0) {
          r.problems.push(
            `${path}: invalid window ${JSON.stringify(value)} (use a duration such as 15m, 1h, 7d, or "today")`,
          );
          continue;
        }
        parsed.push({ kind: 'rolling', label: text!, durationMs: ms });
      }
      const label = parsed[parsed.length - 1]!.label;
      if (seen.has(label)) r.problems.push(`${path}: duplicate window ${JSON.stringify(label)}`);
      seen.add(label);
    }
    if (parsed.length === 0 && windows.length === 0) r.problem('windows', 'must list at least one window');
    out.windows = parsed;
  }

  if (r.has('budget')) out.budget = readBudget(r) ?? base.budget;

  const labels = r.object('labels');
  if (labels) {
    for (const name of labels.keys()) {
      const value = labels.raw(name);
      if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name) || name.startsWith('__'))
        labels.problem(name, 'invalid label name (use [a-zA-Z_][a-zA-Z0-9_]*, not starting with __)');
      else if (reserved.has(name))
        labels.problem(name, `label name ${JSON.stringify(name)} is set by the exporter itself`);
      else if (typeof value !== 'string') labels.problem(name, `expected a string, got ${typeof value}`);
      else out.labels[name] = value;
    }
  }
  return out;
}

function readBudget(r: ObjectReader): BudgetSpec | undefined {
  const raw = r.raw('budget');
  if (raw === 'unlimited') return 'unlimited';
  if (typeof raw === 'string') {
    r.problem('budget', `expected "unlimited" or {requests, per}, got ${JSON.stringify(raw)}`);
    return undefined;
  }
  const b = r.object('budget');
  if (!b) return undefined;
  const requests = b.number('requests', { integer: true, min: 1 });
  const perMs = b.duration('per');
  const window = b.string('window', { oneOf: ['sliding', 'fixed'] }) as BudgetWindow | undefined;
  if (!b.has('requests')) b.problem('requests', 'is required');
  if (!b.has('per')) b.problem('per', 'is required');
  b.finish();
  if (requests === undefined || perMs === undefined) return undefined;
  return window === undefined ? { requests, perMs } : { requests, perMs, window };
}
