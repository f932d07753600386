import type { Clock } from '../clock';
import type { KindSchema } from '../config/KindSchema';
import type { TargetConfig } from '../config/types';
import type { Logger } from '../log/Logger';
import type { SharedLimit } from '../upstream/createBudget';
import type { Source } from './Source';

/** What a source gets from the exporter. */
export interface SourceDeps {
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * Everything the exporter knows about one upstream kind: how to read its config
 * keys and which metrics it defines (its KindSchema), and how to build a Source
 * for a target.
 */
export interface SourceKind<Options = unknown> extends KindSchema<Options> {
  /**
   * Which targets share one request budget. Default: the upstream origin, since
   * Rocket.Chat limits per server and client IP. A kind whose limits are per
   * account returns something narrower.
   */
  budgetScope?(target: TargetConfig<Options>): string;
  /**
   * Upstream limits several endpoints count against together, on top of the per-endpoint budget (e.g. a
   * limiter per client IP or per token). Limits with the same key share one counter across targets.
   */
  sharedLimits?(target: TargetConfig<Options>): readonly SharedLimit[];
  createSource(target: TargetConfig<Options>, deps: SourceDeps): Source;
}
