import type { SharedFaultMode } from '../http/answerSharedFault';

/** Fault modes of the Rocket.Chat simulator. */
export const rocketChatFaultModes = [
  'timeout',
  'http_500',
  'http_502',
  'http_503',
  'invalid_json',
  'html_login',
  'unauthorized',
  'forbidden',
  'rate_limited',
  'slow',
  'echo_secret',
  'huge_body',
  'redirect',
] as const;
/** One of rocketChatFaultModes. */
export type RocketChatFaultMode = (typeof rocketChatFaultModes)[number];
/** The modes answered by Rocket.Chat itself; the rest are the network's and proxies', see answerSharedFault. */
export type RocketChatOwnFaultMode = Exclude<RocketChatFaultMode, SharedFaultMode>;
