import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Registry } from 'prom-client';
import { Agent } from 'undici';
import { createManualClock } from '../../../src/clock';
import { parseConfig } from '../../../src/config/loadConfig';
import { createExporter, type Exporter } from '../../../src/exporter/createExporter';
import { createNullLogger } from '../../../src/log/createLogger';
import { catalogue } from '../../../src/sources/catalogue';
import { createApp } from '../../../src/server/createApp';
import { createStatusRouter } from '../../../src/server/status/createStatusRouter';
import {
  createRocketChatSimulator,
  type RocketChatSimulator,
} from '../../../src/simulator/rocketchat/createRocketChatSimulator';
import { createSnapshotStore } from '../../../src/snapshot/createSnapshotStore';
import { SOURCE_KINDS } from '../../../src/sources/sourceKinds';

/** Wednesday 2024-05-15 14:30 UTC: business hours, so the simulated world has traffic. */
const T0 = Date.UTC(2024, 4, 15, 14, 30, 0);

/** A department name that must reach the page as text, never as markup. */
export const HOSTILE_DEPARTMENT_NAME = '<script>document.title="pwned"</script> Поддержка "VIP"';

/** Credential values the pages must never show. */
export const SECRET_VALUES = ['demo-token', 'wrong-token-value-1234', 'demo-user'];

/** The exporter, the simulator it polls, and the HTTP server with the status pages. */
export interface StatusStack {
  readonly base: string;
  readonly exporter: Exporter;
  readonly sim: RocketChatSimulator;
  close(): Promise<void>;
}

/**
 * Starts a Rocket.Chat simulator, an exporter with two targets on it, one
 * healthy (`healthy-chat`, with a hostile department name) and one with a
 * wrong token (`broken-chat`, 401 → auth), runs their first cycles, and serves
 * createApp with the status router on 127.0.0.1. The shared manual clock is
 * then moved 12 s on, so the page shows ages.
 */
export async function startStatusStack(): Promise<StatusStack> {
  const clock = createManualClock(T0);
  const sim = createRocketChatSimulator({ clock });
  const url = await sim.listen(0, '127.0.0.1');
  const yaml = `
defaults:
  windows: [1h]
targets:
  - name: healthy-chat
    kind: rocketchat
    url: ${url}
    auth: {user_id: {env: RC_USER}, token: {env: RC_TOKEN}}
    departments:
      ids:
        - {id: CAJioQNAvLnYWTy8i, name: ${JSON.stringify(HOSTILE_DEPARTMENT_NAME)}}
        - {id: hG7yKd2MfQw9ZtPxC, name: 客服}
  - name: broken-chat
    kind: rocketchat
    url: ${url}
    auth: {user_id: {env: RC_USER}, token: {env: BAD_TOKEN}}
`;
  const config = parseConfig(yaml, {
    env: { RC_USER: 'demo-user', RC_TOKEN: 'demo-token', BAD_TOKEN: 'wrong-token-value-1234' },
    kinds: SOURCE_KINDS,
    file: '/virtual/status-test.yml',
  });
  const store = createSnapshotStore(catalogue);
  const dispatcher = new Agent({ keepAliveTimeout: 1_000 });
  const exporter = createExporter({
    kinds: SOURCE_KINDS,
    store,
    dispatcher,
    clock,
    logger: createNullLogger(),
    schedule: false,
    retryBaseMs: 1,
  });
  await exporter.apply(config);
  await exporter.firstCycles();
  clock.advance(12_000);

  const app = createApp({
    store,
    registry: new Registry(),
    ready: exporter.ready,
    extend: (a) =>
      void a.use(
        createStatusRouter({
          states: () => exporter.states(),
          // What the lead's exporter method will return; the poller already reports its budget use in its state.
          config: () => exporter.config(),
          now: () => clock.now(),
          version: 'test',
        }),
      ),
  });
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    exporter,
    sim,
    async close() {
      exporter.stop();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await dispatcher.destroy();
      await sim.close();
    },
  };
}
