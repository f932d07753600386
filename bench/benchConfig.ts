import { stringify } from 'yaml';
import { BENCH_DEPARTMENTS, BENCH_WINDOWS } from './benchWorld';

/** What varies between the benchmarks' generated configs. */
export interface BenchConfigOptions {
  /** Base URLs of Rocket.Chat simulators; target i polls urls[i % length]. */
  readonly urls: readonly string[];
  readonly targets: number;
  /** Per-target concurrency (the config key is per target). */
  readonly concurrency: number;
  readonly endpoints: Readonly<Record<string, boolean>>;
  /** Departments per target (a prefix of BENCH_DEPARTMENTS); default all five. */
  readonly departments?: number;
  /** Windows per target (a prefix of BENCH_WINDOWS); default all four. */
  readonly windows?: number;
  /** Cron schedule; a yearly one keeps the data static after the first cycle. */
  readonly schedule?: string;
  /** Upstream request timeout (a Prometheus duration); must be shorter than the schedule's interval. Default 8s. */
  readonly timeout?: string;
}

/** node-cron schedule (with seconds) that fires every `seconds` (a divisor of 60), at the same second for every target. */
export const everySeconds = (seconds: number): string => `*/${seconds} * * * * *`;

/**
 * A livechat-exporter config (YAML) of `targets` Rocket.Chat targets against one
 * simulator, unlimited budget, credentials from BENCH_SECRET_ENV.
 */
export function benchConfig(o: BenchConfigOptions): string {
  const departments = BENCH_DEPARTMENTS.slice(0, o.departments ?? BENCH_DEPARTMENTS.length);
  const doc = {
    defaults: {
      schedule: o.schedule ?? '0 0 1 1 *',
      budget: 'unlimited',
      windows: BENCH_WINDOWS.slice(0, o.windows ?? BENCH_WINDOWS.length),
      concurrency: o.concurrency,
      // Shorter than the schedule's interval, as config validation requires.
      timeout: o.timeout ?? '8s',
      retries: 0,
    },
    targets: Array.from({ length: o.targets }, (_, i) => ({
      name: `rc-${String(i).padStart(4, '0')}`,
      kind: 'rocketchat',
      url: o.urls[i % o.urls.length],
      auth: { user_id: { env: 'BENCH_RC_USER_ID' }, token: { env: 'BENCH_RC_TOKEN' } },
      departments: { ids: departments.map((d) => ({ id: d.id, name: d.name })) },
      endpoints: o.endpoints,
    })),
  };
  // Shared objects would become YAML aliases, which the config loader (rightly) limits.
  return stringify(doc, { aliasDuplicateObjects: false });
}
