import type { Logger } from '../log/Logger';
import { createRocketChatSimulator } from '../simulator/rocketchat/rocketchat-simulator';

/** The fixed loopback ports config/demo.yml points at. */
export const DEMO_PORTS = { rocketchat: 10471, livechat: 10472 } as const;

/** Simulators started for --demo. */
export interface DemoSimulators {
  close(): Promise<void>;
}

/**
 * Starts the built-in upstream simulators that config/demo.yml targets. The demo
 * user has api-bypass-rate-limit, as a service account should, so the demo fills
 * every panel on its first cycle; docs/rocketchat.md shows the budgeted setup.
 */
export async function startDemoSimulators(logger: Logger): Promise<DemoSimulators> {
  const rocketchat = createRocketChatSimulator({
    users: [{ userId: 'demo-user', token: 'demo-token', username: 'demo.bot', bypassRateLimit: true }],
  });
  try {
    const url = await rocketchat.listen(DEMO_PORTS.rocketchat, '127.0.0.1');
    logger.info('demo: Rocket.Chat simulator listening', { url });
  } catch (err) {
    throw new Error(`demo: cannot listen on 127.0.0.1:${DEMO_PORTS.rocketchat} for the Rocket.Chat simulator (${(err as NodeJS.ErrnoException).code ?? err}); is another demo running?`);
  }
  return {
    close: async () => {
      await rocketchat.close();
    },
  };
}
