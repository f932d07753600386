import type { SharedFaultMode } from '../http/answerSharedFault';

/** Fault modes of the LiveChat simulator. */
export const liveChatFaultModes = [
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
  'too_many_requests',
  'service_unavailable',
  'internal',
  'misdirected_request',
  'authentication',
  'authorization',
  'huge_body',
  'redirect',
] as const;
/** One of liveChatFaultModes. */
export type LiveChatFaultMode = (typeof liveChatFaultModes)[number];
/** The modes answered by LiveChat itself; the rest are the network's and proxies', see answerSharedFault. */
export type LiveChatOwnFaultMode = Exclude<LiveChatFaultMode, SharedFaultMode>;
