import type { ServerResponse } from 'node:http';
import type { RequestLogEntry } from '../http/createRequestLog';
import { send } from '../http/send';

/** LiveChat error types (DOCS src/constants ERRORS). */
export type LiveChatErrorType =
  | 'authentication'
  | 'authorization'
  | 'validation'
  | 'too_many_requests'
  | 'internal'
  | 'misdirected_request'
  | 'unsupported_version'
  | 'service_unavailable'
  | 'request_timeout'
  | 'license_expired'
  | 'not_found'
  | 'limit_reached';

/** Default messages from the docs' error table. */
const DEFAULT_MESSAGES: Record<LiveChatErrorType, string> = {
  authentication: 'Authentication error',
  authorization: 'Authorization error',
  validation: 'Wrong format of request',
  too_many_requests: 'Too many requests',
  internal: 'Internal server error',
  misdirected_request: 'Wrong region',
  unsupported_version: 'Cannot call unsupported API versions.',
  service_unavailable: 'Service unavailable',
  request_timeout: 'Request timed out',
  license_expired: 'License expired',
  not_found: 'Not found',
  limit_reached: 'Limit reached',
};

/**
 * HTTP status per error type. The docs do not publish these; the choices follow the SDK test mocks
 * (401 authentication, 400 validation) and ordinary HTTP meaning for the rest. misdirected_request is 400,
 * not 421: undici (Node's fetch) silently retries 421 on a new connection, which would hide the envelope.
 */
const LIVECHAT_ERROR_STATUS: Record<LiveChatErrorType, number> = {
  authentication: 401,
  authorization: 403,
  validation: 400,
  too_many_requests: 429,
  internal: 500,
  misdirected_request: 400,
  unsupported_version: 400,
  service_unavailable: 503,
  request_timeout: 504,
  license_expired: 402,
  not_found: 404,
  limit_reached: 429,
};

/** The error envelope {"error":{"type","message","data"?}}. */
function liveChatError(
  type: LiveChatErrorType,
  message?: string,
  data?: Record<string, unknown>,
): { error: Record<string, unknown> } {
  return { error: { type, message: message ?? DEFAULT_MESSAGES[type], ...(data && { data }) } };
}

/** Sends the error envelope of `type` with its status and `headers` (the version's lifecycle header, Retry-After). */
export function sendLiveChatError(
  res: ServerResponse,
  entry: RequestLogEntry,
  type: LiveChatErrorType,
  headers: Record<string, string>,
  message?: string,
  data?: Record<string, unknown>,
): void {
  send(res, entry, LIVECHAT_ERROR_STATUS[type], liveChatError(type, message, data), headers);
}
