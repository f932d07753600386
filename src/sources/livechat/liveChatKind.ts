import type { SourceKind } from '../SourceKind';
import { createLiveChatSource } from './createLiveChatSource';
import { liveChatMetrics } from './metrics';
import { readLiveChatOptions, type LiveChatOptions } from './readLiveChatOptions';

/** `kind: livechat`: LiveChat (livechatinc.com) Reports API v3.2–v3.6, and live state from the v3.6 Agent Chat and Configuration APIs. */
export const liveChatKind: SourceKind<LiveChatOptions> = {
  kind: 'livechat',
  // LiveChat publishes no rate limits (docs/upstream/livechat.md §9). 5 calls per report per minute fits
  // the four default windows plus one retry (e.g. a region redirect), and caps a v3.6
  // target with every default report (48 calls a cycle) at 60 calls a minute, about one
  // a second: well under the only pacing seen in the wild (one call per 0.35 s). More
  // windows are carried over stalest-first rather than risking the account's unknown limit.
  defaultBudget: { requests: 5, perMs: 60_000 },
  defaultUrl: 'https://api.livechatinc.com',
  metrics: liveChatMetrics,
  readOptions: readLiveChatOptions,
  usesLiveCycle: (options) => options.live.enabled,
  // LiveChat's limits are per account, and accounts share api.livechatinc.com: budget each target on its own.
  budgetScope: (target) => `target:${target.name}`,
  createSource: createLiveChatSource,
};
