import type { MetricDef } from '../metrics/MetricDef';
import type { ObjectReader } from './ObjectReader';
import type { SecretContext } from './readSecret';
import type { BudgetSpec, CommonSettings } from './types';

/**
 * What config validation needs to know about one upstream kind: how to read its
 * own keys and the defaults it brings. Sources extend it with how to poll.
 */
export interface KindSchema<Options = unknown> {
  readonly kind: string;
  /** The kind's request budget when `defaults` sets none (e.g. its upstream's documented rate limit). */
  readonly defaultBudget?: BudgetSpec;
  /**
   * Other common settings the kind brings, each used unless `defaults` sets its key explicitly (a target's own
   * key always wins): e.g. a `delay` that absorbs the upstream's reporting lag, or schedules that keep clear of
   * the upstream limiter's window boundaries.
   */
  readonly defaultSettings?: Partial<Omit<CommonSettings, 'labels'>>;
  /** The base URL when a target sets none (e.g. LiveChat's public API). */
  readonly defaultUrl?: string;
  /** Every metric family this kind can produce: their labels may not be shadowed by static labels. */
  readonly metrics: readonly MetricDef[];
  /**
   * Whether a target with these options has live jobs, run on `live_schedule`
   * (its timeout must then fit that interval too). Default: no live cycle.
   */
  usesLiveCycle?(options: Options): boolean;
  /** Reads the kind's own keys of a target; reports problems on `r`. */
  readOptions(r: ObjectReader, secrets: SecretContext, common: CommonSettings): Options | undefined;
}

/** The kinds a config may name, by their `kind` key. */
export type KindSchemas = ReadonlyMap<string, KindSchema<any>>;
