import type { SharedFaultMode } from '../http/answerSharedFault';

/** Fault modes of the Chatwoot simulator. */
export const chatwootFaultModes = [
  'timeout',
  'slow',
  'http_500',
  'http_502',
  'http_503',
  'html_login',
  'invalid_json',
  'invalid_token',
  'not_found',
  'rate_limited',
  'echo_secret',
] as const;
/** One of chatwootFaultModes. */
export type ChatwootFaultMode = (typeof chatwootFaultModes)[number];
/** The modes Chatwoot answers itself; the rest are the network's and proxies', see answerSharedFault. */
export type ChatwootOwnFaultMode = Exclude<ChatwootFaultMode, SharedFaultMode>;
