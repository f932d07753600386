import type { FaultSpec } from '../http/createFaultInjector';
import type { SimulatorRequest } from '../http/createSimulatorServer';
import { send } from '../http/send';
import { sendLiveChatError } from './liveChatError';
import type { LiveChatOwnFaultMode } from './liveChatFaultModes';

/**
 * Answers the faults that are LiveChat's own: mostly its error envelopes. `headers` are the version's lifecycle
 * headers, which faults carry too.
 */
export function answerLiveChatFault(
  mode: LiveChatOwnFaultMode,
  spec: FaultSpec,
  request: SimulatorRequest,
  headers: Record<string, string>,
): void {
  const { req, res, entry } = request;
  const retryAfter: Record<string, string> =
    spec.retryAfterSeconds !== undefined ? { 'retry-after': String(spec.retryAfterSeconds) } : {};
  switch (mode) {
    case 'http_500':
      return send(res, entry, 500, 'Internal Server Error', { 'content-type': 'text/plain; charset=utf-8' });
    case 'invalid_json':
      return send(
        res,
        entry,
        200,
        '{"name":"total-chats-report","total":369,"records":{"2021-04-08":{"total":37,"contin',
        { ...headers, 'content-type': 'application/json' },
      );
    case 'unauthorized':
    case 'authentication':
      return sendLiveChatError(res, entry, 'authentication', headers, 'Invalid access token');
    case 'forbidden':
    case 'authorization':
      return sendLiveChatError(res, entry, 'authorization', headers);
    case 'rate_limited':
    case 'too_many_requests':
      return sendLiveChatError(res, entry, 'too_many_requests', { ...headers, ...retryAfter });
    case 'service_unavailable':
      return sendLiveChatError(res, entry, 'service_unavailable', { ...headers, ...retryAfter });
    case 'internal':
      return sendLiveChatError(res, entry, 'internal', headers);
    case 'misdirected_request':
      return sendLiveChatError(res, entry, 'misdirected_request', headers, undefined, { region: spec.region ?? 'fra' });
    case 'echo_secret': {
      const authorization = String(req.headers.authorization ?? '');
      if (request.path.endsWith('/chats/tags')) return echoAsTags(authorization, request, headers);
      return sendLiveChatError(
        res,
        entry,
        'internal',
        headers,
        `Request failed; received Authorization: ${authorization}`,
      );
    }
  }
}

/**
 * The tags report with one tag named after each form of the Authorization
 * header the request carried: the whole value, its credentials, and for Basic
 * the decoded `account:token`, the account and the token alone.
 */
function echoAsTags(authorization: string, { res, entry }: SimulatorRequest, headers: Record<string, string>): void {
  const credentials = authorization.slice(authorization.indexOf(' ') + 1);
  const forms = [authorization, credentials];
  if (/^basic /i.test(authorization)) {
    const decoded = Buffer.from(credentials, 'base64').toString('utf8');
    forms.push(decoded, `account ${decoded.split(':')[0]}`, `token ${decoded.slice(decoded.indexOf(':') + 1)}`);
  }
  const tags = Object.fromEntries(forms.map((f, i) => [f, i + 1]));
  send(res, entry, 200, { name: 'tags-report', total: forms.length, records: { '2024-05-15': tags } }, headers);
}
