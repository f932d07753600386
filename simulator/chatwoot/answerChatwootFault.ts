import type { SimulatorRequest } from '../http/createSimulatorServer';
import { send } from '../http/send';
import { chatwootErrors, RETRY_LATER } from './chatwootErrors';
import type { ChatwootOwnFaultMode } from './chatwootFaultModes';
import { tokenOf } from './chatwootTokens';

/** Answers the faults that are Chatwoot's own: its 500, 401 and 429 bodies, broken JSON, a reflected token. */
export function answerChatwootFault(mode: ChatwootOwnFaultMode, { req, res, entry }: SimulatorRequest): void {
  switch (mode) {
    case 'http_500':
      send(res, entry, 500, chatwootErrors.internal);
      return;
    case 'invalid_json':
      send(res, entry, 200, '{"open":14,"unattended":', { 'content-type': 'application/json; charset=utf-8' });
      return;
    case 'invalid_token':
      send(res, entry, 401, chatwootErrors.invalidToken);
      return;
    case 'not_found':
      // The routing 404 a server without the route (a fork, an older build behind a newer version string) sends.
      send(res, entry, 404, chatwootErrors.notFound);
      return;
    case 'rate_limited':
      send(res, entry, 429, RETRY_LATER, { 'content-type': 'text/plain' });
      return;
    case 'echo_secret':
      send(res, entry, 500, { status: 500, error: `PG::Error while serving token ${tokenOf(req) ?? ''}` });
      return;
  }
}
