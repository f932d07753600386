import type { Clock } from '../clock';
import type { BudgetSpec, CommonSettings, TargetConfig } from '../config/types';
import type { ObjectReader } from '../config/ObjectReader';
import type { SecretContext } from '../config/readSecret';
import type { Logger } from '../log/Logger';
import type { MetricDef } from '../metrics/MetricDef';
import type { Source } from './Source';

/** What a source gets from the exporter. */
export interface SourceDeps {
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * Everything the exporter knows about one upstream kind: how to read its config
 * keys, which metrics it defines, and how to build a Source for a target.
 */
export interface SourceKind<Options = unknown> {
  readonly kind: string;
  /** The kind's request budget when `defaults` sets none (e.g. its upstream's documented rate limit). */
  readonly defaultBudget?: BudgetSpec;
  /**
   * Which targets share one request budget. Default: the upstream origin, since
   * Rocket.Chat limits per server and client IP. A kind whose limits are per
   * account returns something narrower.
   */
  budgetScope?(target: TargetConfig<Options>): string;
  /** The base URL when a target sets none (e.g. LiveChat's public API). */
  readonly defaultUrl?: string;
  /** Every metric family this kind can produce, for the catalogue and docs. */
  readonly metrics: readonly MetricDef[];
  /** Reads the kind's own keys of a target; reports problems on `r`. */
  readOptions(r: ObjectReader, secrets: SecretContext, common: CommonSettings): Options | undefined;
  createSource(target: TargetConfig<Options>, deps: SourceDeps): Source;
}
