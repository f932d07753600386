import type { SourceKind } from '../SourceKind';
import { createRocketChatSource } from './createRocketChatSource';
import { LIVE_ENDPOINTS } from './liveEndpoints';
import { rocketChatMetrics } from './metrics';
import { readRocketChatOptions, type RocketChatOptions } from './readRocketChatOptions';

/** `kind: rocketchat`: Rocket.Chat Omnichannel's dashboard analytics and live state. */
export const rocketChatKind: SourceKind<RocketChatOptions> = {
  kind: 'rocketchat',
  // The live routes (livechat/rooms, users/agent, config) run on the target's live_schedule.
  usesLiveCycle: (o) => LIVE_ENDPOINTS.some((e) => o.endpoints.has(e.name)),
  // Rocket.Chat's default limiter: 10 calls per 60 s per endpoint per client IP (docs/upstream/rocketchat.md §9).
  defaultBudget: { requests: 10, perMs: 60_000 },
  metrics: rocketChatMetrics,
  readOptions: (r, secrets) => readRocketChatOptions(r, secrets),
  createSource: createRocketChatSource,
};
