import type { Logger } from '../../src/log/Logger';
import { createChatwootSimulator } from '../chatwoot/createChatwootSimulator';
import { createLiveChatSimulator } from '../livechat/createLiveChatSimulator';
import { createRocketChatSimulator } from '../rocketchat/createRocketChatSimulator';

/** The fixed loopback ports config/demo.yml points at. */
export const DEMO_PORTS = { rocketchat: 10471, livechat: 10472, chatwoot: 10473 } as const;

/** The simulators the demo started. */
export interface DemoSimulators {
  close(): Promise<void>;
}

/** Something that listens, for the shared error message. */
interface Listener {
  listen(port: number, host: string): Promise<string>;
}

async function listenOn(sim: Listener, port: number, name: string, logger: Logger): Promise<void> {
  try {
    const url = await sim.listen(port, '127.0.0.1');
    logger.info(`demo: ${name} simulator listening`, { url });
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new Error(
      `demo: cannot listen on 127.0.0.1:${port} for the ${name} simulator (${reason}); is another demo running?`,
      { cause: err },
    );
  }
}

/**
 * Starts the built-in upstream simulators that config/demo.yml targets, with their
 * default accounts, as the standalone simulator has them. config/demo.yml polls
 * Rocket.Chat as the demo bot, which has api-bypass-rate-limit as a service account
 * should, so the demo fills every panel on its first cycle; docs/rocketchat.md shows
 * the budgeted setup.
 * The LiveChat simulator serves v3.2–v3.6 with its default lifecycle headers, so
 * the demo also shows the API sunset gauge (v3.2 with a past Deprecation date). The Chatwoot simulator keeps
 * Rack::Attack's default limits on, which the demo target stays within on its own.
 */
export async function startDemoSimulators(logger: Logger): Promise<DemoSimulators> {
  const rocketchat = createRocketChatSimulator();
  const livechat = createLiveChatSimulator({
    accounts: [{ accountId: 'demo-account', pat: 'demo-pat' }],
  });
  const chatwoot = createChatwootSimulator();
  const closeAll = async () => {
    await Promise.all([rocketchat.close(), livechat.close(), chatwoot.close()]);
  };
  try {
    await listenOn(rocketchat, DEMO_PORTS.rocketchat, 'Rocket.Chat', logger);
    await listenOn(livechat, DEMO_PORTS.livechat, 'LiveChat', logger);
    await listenOn(chatwoot, DEMO_PORTS.chatwoot, 'Chatwoot', logger);
  } catch (err) {
    await closeAll();
    throw err;
  }
  return { close: closeAll };
}
